/**
 * The check-in API's shapes: creating a visit (with its queue number and
 * ticket), today's list, the biometric decision, and the clinics setting.
 */
import { z } from 'zod';
import {
  BIOMETRIC_DECISIONS,
  BiometricRecordSchema,
  ClinicIdSchema,
  ClinicRefSchema,
  ClinicSchema,
  LocalDaySchema,
  PriorityCodeSchema,
  QueueNumberSchema,
  VisitStatusSchema,
  VisitTypeSchema,
  type Clinic,
} from './checkin/index.ts';
import { PatientIdSchema } from './patient.ts';

export const VisitRecordIdSchema = z.number().int().positive();

export const VisitCreateInputSchema = z.object({
  patientId: PatientIdSchema,
  visitType: VisitTypeSchema,
  clinicId: ClinicIdSchema,
  priorities: z.array(PriorityCodeSchema).max(16).default([]),
  reason: z.string().trim().max(500).optional(),
  referralNumber: z.string().trim().min(1).max(50).optional(),
});
export type VisitCreateInput = z.output<typeof VisitCreateInputSchema>;

/** How far the visit's HIS check-in has got: queued in the outbox, accepted, or given up on (someone must look). */
export const VISIT_SYNC_STATES = ['waiting', 'synced', 'attention'] as const;
export const VisitSyncSchema = z.enum(VISIT_SYNC_STATES);
export type VisitSync = z.infer<typeof VisitSyncSchema>;

export const QueueFallbackReasonSchema = z.enum(['no-his', 'unavailable', 'timeout', 'rejected', 'invalid-his-number']);

export const VisitViewSchema = z.object({
  id: VisitRecordIdSchema,
  patientId: PatientIdSchema,
  /** As the day list shows it (full name). */
  patientName: z.string(),
  day: LocalDaySchema,
  type: VisitTypeSchema,
  clinic: ClinicRefSchema,
  priorities: z.array(PriorityCodeSchema),
  reason: z.string().nullable(),
  referralNumber: z.string().nullable(),
  queueNumber: QueueNumberSchema,
  /** Why the desk numbered the queue itself; null when the HIS gave the number. */
  queueFallbackReason: QueueFallbackReasonSchema.nullable(),
  status: VisitStatusSchema,
  sync: VisitSyncSchema,
  biometric: BiometricRecordSchema.nullable(),
  desk: z.string(),
  createdAt: z.iso.datetime(),
});
export type VisitView = z.infer<typeof VisitViewSchema>;

export const TicketBlockSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: z.string(),
    align: z.enum(['left', 'center', 'right']),
    size: z.enum(['normal', 'large', 'huge']),
    bold: z.boolean(),
  }),
  z.object({ kind: z.literal('rule') }),
  z.object({ kind: z.literal('qr'), payload: z.string(), caption: z.string() }),
]);

export const TicketSchema = z.object({
  columns: z.number().int().min(16).max(64),
  blocks: z.array(TicketBlockSchema).readonly(),
});

export const VisitCreateResultSchema = z.object({ visit: VisitViewSchema, ticket: TicketSchema });
export type VisitCreateResult = z.infer<typeof VisitCreateResultSchema>;

export const VisitsTodayInputSchema = z.object({ clinicId: ClinicIdSchema.optional() });
export const VisitsTodayResultSchema = z.object({ day: LocalDaySchema, visits: z.array(VisitViewSchema) });
export type VisitsTodayResult = z.infer<typeof VisitsTodayResultSchema>;

export const VisitBiometricInputSchema = z
  .object({
    visitId: VisitRecordIdSchema,
    decision: z.enum(BIOMETRIC_DECISIONS),
    reason: z.string().trim().max(200).optional(),
  })
  .refine((input) => input.decision !== 'skipped' || (input.reason ?? '') !== '', {
    message: 'a skipped check needs a reason',
    path: ['reason'],
  });
export type VisitBiometricInput = z.output<typeof VisitBiometricInputSchema>;

/** The clinics the desk assigns to (until the HIS provides them): ids unique. */
export const ClinicListSchema = z
  .array(ClinicSchema)
  .min(1)
  .max(200)
  .superRefine((clinics, context) => {
    const seen = new Set<string>();
    clinics.forEach((clinic, index) => {
      if (seen.has(clinic.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `clinic id ${clinic.id} is used twice` });
      seen.add(clinic.id);
    });
  });

/** Two sample clinics, so a fresh install can check a patient in before IT configures the real list. */
export const DEFAULT_CLINICS: readonly Clinic[] = [
  { id: 'K01', name: 'Phòng khám Nội tổng hợp', room: 'P.101, tầng 1', serviceCode: null, visitTypes: ['bhyt', 'fee-paying', 'on-demand'] },
  { id: 'K02', name: 'Phòng khám Nhi', room: 'P.102, tầng 1', serviceCode: null, visitTypes: ['bhyt', 'fee-paying', 'on-demand'] },
];

/** How long chip photos and raw card reads are kept. */
export const RetentionSettingsSchema = z.object({
  identityReadDays: z.int().min(0).max(3650).default(30),
});
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;
export const DEFAULT_RETENTION: RetentionSettings = { identityReadDays: 30 };
