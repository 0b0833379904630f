/**
 * The check-in API's shapes: creating a visit (with its queue number and
 * ticket), today's list, the biometric decision, and the clinics setting.
 */
import { z } from 'zod';
import { normaliseField } from './identity/text.ts';
import {
  BIOMETRIC_DECISIONS,
  BIOMETRIC_REQUIREMENTS,
  BiometricPolicySchema,
  BiometricRecordSchema,
  DEFAULT_BIOMETRIC_POLICY,
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
  reason: z.string().transform(normaliseField).pipe(z.string().max(500)).optional(),
  referralNumber: z.string().transform(normaliseField).pipe(z.string().min(1).max(50)).optional(),
  /** The follow-up appointment number (giấy hẹn khám lại), when the patient brings one. */
  appointmentNumber: z.string().transform(normaliseField).pipe(z.string().min(1).max(50)).optional(),
  /** How the clerk identified the patient; a chip read is recorded by the card service itself. */
  identifiedBy: z.enum(['chip', 'qr', 'typed']).optional(),
});
export type VisitCreateInput = z.output<typeof VisitCreateInputSchema>;

/** How far the visit's HIS check-in has got: queued in the outbox, accepted, or given up on (someone must look). */
export const VISIT_SYNC_STATES = ['waiting', 'synced', 'attention'] as const;
export const VisitSyncSchema = z.enum(VISIT_SYNC_STATES);
export type VisitSync = z.infer<typeof VisitSyncSchema>;

export const QueueFallbackReasonSchema = z.enum(['no-his', 'unavailable', 'timeout', 'rejected', 'invalid-his-number', 'his-number-taken']);

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
  appointmentNumber: z.string().nullable(),
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

export const VisitsTodayInputSchema = z.object({
  clinicId: ClinicIdSchema.optional(),
  /** Narrows the list by queue number, name (with or without diacritics) or clinic. */
  query: z.string().trim().max(80).optional(),
});
export const VisitsTodayResultSchema = z.object({ day: LocalDaySchema, visits: z.array(VisitViewSchema) });
export type VisitsTodayResult = z.infer<typeof VisitsTodayResultSchema>;

export const VisitBiometricInputSchema = z
  .object({
    visitId: VisitRecordIdSchema,
    decision: z.enum(BIOMETRIC_DECISIONS),
    reason: z.string().transform(normaliseField).pipe(z.string().max(200)).optional(),
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
  {
    id: 'K02',
    name: 'Phòng khám Nhi',
    room: 'P.102, tầng 1',
    serviceCode: null,
    visitTypes: ['bhyt', 'fee-paying', 'on-demand'],
    ages: { fromYears: null, underYears: 16 },
  },
];

/** How long chip photos and raw card reads are kept. */
export const RetentionSettingsSchema = z.object({
  identityReadDays: z.int().min(0).max(3650).default(30),
});
export type RetentionSettings = z.infer<typeof RetentionSettingsSchema>;
export const DEFAULT_RETENTION: RetentionSettings = { identityReadDays: 30 };

/** The desk's check-in settings: the ticket's header, printing, and when the chip photo check is asked for. */
export const DeskSettingsSchema = z.object({
  hospitalName: z.string().trim().max(120).default(''),
  /** Print the ticket as soon as the queue number arrives. */
  autoPrint: z.boolean().default(true),
  /** The printer the desktop app prints tickets to without a dialog; empty for the system default. */
  printerName: z.string().trim().max(200).default(''),
  biometricPolicy: BiometricPolicySchema.default(DEFAULT_BIOMETRIC_POLICY),
  /** Children certainly younger than this many years are not asked for the identity check (0: everyone is). */
  biometricExemptUnderYears: z.int().min(0).max(18).default(6),
  /** A clerk signed in is signed out after this many minutes without a key press or a click (0: never). */
  idleSignOutMinutes: z.int().min(0).max(480).default(30),
});
export type DeskSettings = z.infer<typeof DeskSettingsSchema>;
export const DEFAULT_DESK_SETTINGS: DeskSettings = {
  hospitalName: '',
  autoPrint: true,
  printerName: '',
  biometricPolicy: DEFAULT_BIOMETRIC_POLICY,
  biometricExemptUnderYears: 6,
  idleSignOutMinutes: 30,
};

export const VisitRefInputSchema = z.object({ visitId: VisitRecordIdSchema });

/** Who the audit log and the visit name for identity checks the test automation service decided. */
export const AUTOMATION_USER = 'test-automation';

/** What the biometric prompt shows: the chip photo (if a chip read of this patient is still kept) and the policy. */
export const BiometricPromptSchema = z.object({
  visitId: VisitRecordIdSchema,
  requirement: z.enum(BIOMETRIC_REQUIREMENTS),
  photo: z
    .object({
      mime: z.enum(['image/jpeg', 'image/png']),
      base64: z.string().max(2_000_000),
      readAt: z.iso.datetime(),
      /** The passive-authentication status of the read the photo came from. */
      verification: z.string().max(32),
    })
    .nullable(),
  /** Already decided (by the clerk, or by the test automation service). */
  decision: BiometricRecordSchema.nullable(),
  /** Why the check is off for this patient though the visit type asks for it: a young child. */
  exemption: z.enum(['young-child']).nullable().default(null),
});
export type BiometricPrompt = z.infer<typeof BiometricPromptSchema>;

export const TicketPrintedInputSchema = z.object({
  visitId: VisitRecordIdSchema,
  /** silent: straight to the chosen printer (desktop app); dialog: the system print dialog. */
  via: z.enum(['silent', 'dialog']),
  /** Printing again on request. */
  reprint: z.boolean().default(false),
});
export type TicketPrintedInput = z.output<typeof TicketPrintedInputSchema>;
export const TicketPrintInputSchema = z.object({
  visitId: VisitRecordIdSchema,
  reprint: z.boolean().default(false),
  /** The printed ticket's page (80 mm roll, as tall as the ticket): a silent print is given it, as a dialog print reads @page. */
  page: z.object({ widthMm: z.number().min(40).max(120), heightMm: z.number().min(20).max(2000) }).optional(),
});
export type TicketPrintInput = z.output<typeof TicketPrintInputSchema>;
export const TicketPrintedResultSchema = z.object({ visitId: VisitRecordIdSchema, printedAt: z.iso.datetime() });
