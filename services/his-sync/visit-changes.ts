/**
 * What the HIS must hear about a visit, as outbox payloads: the check-in
 * (written by the visit service) and later changes — the insurance result, a
 * payment, a payment's reversal, the cancellation. A service records a change by calling
 * `enqueueVisitChange` inside the same transaction as the visit change itself,
 * so both are kept or neither is:
 *
 *   store.transaction(() => {
 *     store.visits.update(visitId, { status: 'cancelled' });
 *     enqueueVisitChange(store, visitId, { type: 'cancellation', reasonCode: 'patient-left', at });
 *   });
 *
 * The sync worker sends a visit's items in the order they were enqueued.
 */
import { z } from 'zod';
import type { CheckinStore } from '../../db/checkin-store.ts';
import type { OutboxItem } from '../../db/outbox.ts';
import { VisitTypeSchema } from '../../domain/checkin/index.ts';
import { AppError } from '../../domain/errors.ts';

export const HIS_CHECKIN_KIND = 'his.checkin';
export const HIS_VISIT_CHANGE_KIND = 'his.visit-change';

const Instant = z.iso.datetime({ offset: true });

/** The visit service's check-in payload (ids and codes only). */
export const CheckinPayloadSchema = z.object({
  visitId: z.number().int().positive(),
  patientId: z.number().int().positive(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  clinicId: z.string().min(1).max(32),
  visitType: VisitTypeSchema,
  priorities: z.array(z.string()).default([]),
  queueNumber: z.string().min(1).max(16),
  desk: z.string().min(1).max(32),
  createdAt: Instant,
});
export type CheckinPayload = z.infer<typeof CheckinPayloadSchema>;

export const VisitChangeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('insurance'),
    cardNumber: z.string().regex(/^[A-Z]{2}[1-5]\d{12}$/),
    registeredFacility: z.string().regex(/^[0-9A-Z]{5}$/).nullable(),
    validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    validTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    /** The gateway's maKetQua. */
    checkResult: z.string().min(1).max(10),
    checkedAt: Instant,
  }),
  z.object({
    type: z.literal('payment'),
    /** Unique per payment (the payment's own id or reference). */
    paymentKey: z.string().regex(/^[A-Za-z0-9._:-]{1,80}$/),
    amountVnd: z.int().min(0),
    method: z.enum(['vietqr', 'cash']),
    reference: z.string().max(64).nullable(),
    at: Instant,
  }),
  z.object({
    /** A payment sent earlier was confirmed by mistake: the HIS marks it so. */
    type: z.literal('payment-reversal'),
    paymentKey: z.string().regex(/^[A-Za-z0-9._:-]{1,80}$/),
    at: Instant,
  }),
  z.object({
    type: z.literal('cancellation'),
    /** A code, not free text: it goes to the HIS and to the IT list. */
    reasonCode: z.string().regex(/^[a-z0-9-]{1,40}$/),
    at: Instant,
  }),
]);
export type VisitChange = z.infer<typeof VisitChangeSchema>;

export const VisitChangePayloadSchema = z.object({
  visitId: z.number().int().positive(),
  patientId: z.number().int().positive(),
  desk: z.string().min(1).max(32),
  change: VisitChangeSchema,
});
export type VisitChangePayload = z.infer<typeof VisitChangePayloadSchema>;

/** One key per change: the same change enqueued twice is stored once. */
export function visitChangeKey(visitId: number, change: VisitChange): string {
  switch (change.type) {
    case 'insurance':
      return `his:${visitId}:insurance:${change.checkedAt}`;
    case 'payment':
      return `his:${visitId}:payment:${change.paymentKey}`;
    case 'payment-reversal':
      return `his:${visitId}:payment-reversal:${change.paymentKey}`;
    case 'cancellation':
      return `his:${visitId}:cancellation`;
  }
}

/**
 * Queues a change of a visit for the HIS. Call it inside the transaction that
 * makes the change; it throws (and so rolls the caller back) on a bad change
 * or an unknown visit.
 */
export function enqueueVisitChange(store: Pick<CheckinStore, 'visits' | 'outbox'>, visitId: number, change: VisitChange): OutboxItem {
  const parsed = VisitChangeSchema.safeParse(change);
  if (!parsed.success) throw new AppError('BAD_INPUT', `Invalid visit change: ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
  const visit = store.visits.find(visitId);
  if (!visit) throw new AppError('VISIT_NOT_FOUND', `No visit ${visitId}`);
  const payload: VisitChangePayload = { visitId, patientId: visit.patientId, desk: visit.desk, change: parsed.data };
  return store.outbox.enqueue({ kind: HIS_VISIT_CHANGE_KIND, idempotencyKey: visitChangeKey(visitId, parsed.data), payload });
}
