/**
 * The visit (lượt khám) as recorded at the reception desk. Schemas are the
 * contract: the database, the API and the renderer validate with these.
 */
import { z } from 'zod';
import { PriorityCodeSchema } from './priority.ts';
import { ClinicIdSchema, DeskIdSchema, QueueNumberSchema } from './queue-number.ts';
import { InstantSchema } from './time.ts';

/** Khám BHYT / khám dịch vụ (thu phí) / khám theo yêu cầu. */
export const VISIT_TYPES = ['bhyt', 'fee-paying', 'on-demand'] as const;
export const VisitTypeSchema = z.enum(VISIT_TYPES);
export type VisitType = z.infer<typeof VisitTypeSchema>;

/**
 * The life of a visit. Biometric and payment are skipped when the policy or the
 * amount says so; any status before completed may end in cancelled.
 */
export const VISIT_STATUSES = [
  'draft',
  'identified',
  'clinic-assigned',
  'queued',
  'ticket-printed',
  'biometric-done',
  'paid',
  'completed',
  'cancelled',
] as const;
export const VisitStatusSchema = z.enum(VISIT_STATUSES);
export type VisitStatus = z.infer<typeof VisitStatusSchema>;

/** Allowed forward moves, as data. Going back (Esc) never changes a stored status past "queued". */
export const VISIT_STATUS_TRANSITIONS: Readonly<Record<VisitStatus, readonly VisitStatus[]>> = {
  draft: ['identified', 'cancelled'],
  identified: ['clinic-assigned', 'draft', 'cancelled'],
  'clinic-assigned': ['queued', 'identified', 'cancelled'],
  queued: ['ticket-printed', 'cancelled'],
  'ticket-printed': ['biometric-done', 'paid', 'completed', 'cancelled'],
  'biometric-done': ['paid', 'completed', 'cancelled'],
  paid: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function canChangeVisitStatus(from: VisitStatus, to: VisitStatus): boolean {
  return VISIT_STATUS_TRANSITIONS[from].includes(to);
}

/** Where the patient goes: a consultation room (phòng khám). */
export const ClinicSchema = z.object({
  id: ClinicIdSchema,
  name: z.string().min(1).max(120),
  /** Room label printed on the ticket ("P.105, tầng 1"). */
  room: z.string().max(60).nullable(),
  /** DMDC code of the consultation service (XML0 MA_DICH_VU), when known. */
  serviceCode: z.string().max(50).nullable(),
  /** Visit types this clinic accepts. */
  visitTypes: z.array(VisitTypeSchema).min(1),
  /** The patients' ages this clinic is for, in whole years (paediatrics: under 16); absent for all ages. */
  ages: z
    .object({
      fromYears: z.int().min(0).max(150).nullable(),
      underYears: z.int().min(1).max(150).nullable(),
    })
    .refine((ages) => ages.fromYears === null || ages.underYears === null || ages.fromYears < ages.underYears, {
      message: 'fromYears must be below underYears',
      path: ['underYears'],
    })
    .optional(),
});
export type Clinic = z.infer<typeof ClinicSchema>;

/** The clinic as copied into the visit: later renames do not change printed tickets. */
export const ClinicRefSchema = ClinicSchema.pick({ id: true, name: true, room: true });
export type ClinicRef = z.infer<typeof ClinicRefSchema>;

/** A referral paper (phiếu chuyển cơ sở KBCB) or a follow-up appointment paper (giấy hẹn khám lại). */
export const VisitDocumentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('referral'),
    number: z.string().trim().min(1).max(50),
    /** 5-character facility code of the referring facility (MA_NOI_DI), when given. */
    fromFacility: z
      .string()
      .regex(/^\d{2}[0-9A-Z]{3}$/)
      .nullable(),
  }),
  z.object({
    kind: z.literal('follow-up'),
    number: z.string().trim().min(1).max(50),
  }),
]);
export type VisitDocument = z.infer<typeof VisitDocumentSchema>;

export const BIOMETRIC_DECISIONS = ['match', 'no-match', 'skipped'] as const;
export const BiometricRecordSchema = z
  .object({
    decision: z.enum(BIOMETRIC_DECISIONS),
    /** Required when skipped. */
    reason: z.string().trim().max(200).nullable(),
    by: z.string().min(1).max(64),
    at: InstantSchema,
  })
  .refine((r) => r.decision !== 'skipped' || (r.reason !== null && r.reason.length > 0), 'a skipped check needs a reason');
export type BiometricRecord = z.infer<typeof BiometricRecordSchema>;

export const PAYMENT_METHODS = ['vietqr', 'cash'] as const;
export const PaymentRecordSchema = z.object({
  amountVnd: z.int().min(0),
  method: z.enum(PAYMENT_METHODS).nullable(),
  /** Bank transaction or receipt reference. */
  reference: z.string().max(64).nullable(),
  at: InstantSchema,
});
export type PaymentRecord = z.infer<typeof PaymentRecordSchema>;

export const VisitIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" or "-"');

/** NFC-normalised free text with inner whitespace collapsed. */
const ReasonSchema = z
  .string()
  .transform((text) => text.normalize('NFC').replace(/\s+/g, ' ').trim())
  .pipe(z.string().max(500));

const ORDER: Readonly<Record<VisitStatus, number>> = Object.fromEntries(VISIT_STATUSES.map((s, i) => [s, i])) as Record<
  VisitStatus,
  number
>;

export const VisitSchema = z
  .object({
    id: VisitIdSchema,
    /** Null only while draft. */
    patientId: z.string().min(1).max(64).nullable(),
    type: VisitTypeSchema,
    reason: ReasonSchema,
    clinic: ClinicRefSchema.nullable(),
    priorities: z.array(PriorityCodeSchema).max(16),
    document: VisitDocumentSchema.nullable(),
    status: VisitStatusSchema,
    desk: DeskIdSchema,
    queueNumber: QueueNumberSchema.nullable(),
    biometric: BiometricRecordSchema.nullable(),
    payment: PaymentRecordSchema.nullable(),
    cancelReason: z.string().trim().max(200).nullable(),
    createdAt: InstantSchema,
    updatedAt: InstantSchema,
    /** When each status was first reached. */
    statusTimes: z.partialRecord(VisitStatusSchema, InstantSchema),
  })
  .superRefine((visit, context) => {
    const issue = (path: string, message: string): void => {
      context.addIssue({ code: 'custom', path: [path], message });
    };
    const reached = (status: VisitStatus): boolean => visit.status !== 'cancelled' && ORDER[visit.status] >= ORDER[status];
    if (visit.status !== 'draft' && visit.status !== 'cancelled' && visit.patientId === null) {
      issue('patientId', 'an identified visit has a patient');
    }
    if (reached('clinic-assigned') && visit.clinic === null) issue('clinic', 'a clinic is assigned from clinic-assigned on');
    if (reached('queued') && visit.queueNumber === null) issue('queueNumber', 'a queued visit has a queue number');
    if (visit.queueNumber !== null && visit.clinic !== null && visit.queueNumber.clinicId !== visit.clinic.id) {
      issue('queueNumber', 'the queue number belongs to the visit clinic');
    }
    if (visit.status === 'paid' && visit.payment === null) issue('payment', 'a paid visit has a payment');
    if (visit.status === 'biometric-done' && visit.biometric === null) issue('biometric', 'biometric-done has a decision');
    if (visit.status === 'cancelled' && (visit.cancelReason === null || visit.cancelReason === '')) {
      issue('cancelReason', 'a cancelled visit says why');
    }
    if (new Set(visit.priorities).size !== visit.priorities.length) issue('priorities', 'priorities are not repeated');
    if (visit.statusTimes[visit.status] === undefined) issue('statusTimes', 'the current status has a time');
    if (Date.parse(visit.updatedAt) < Date.parse(visit.createdAt)) issue('updatedAt', 'updated no earlier than created');
  });
export type Visit = z.infer<typeof VisitSchema>;
export type VisitInput = z.input<typeof VisitSchema>;
