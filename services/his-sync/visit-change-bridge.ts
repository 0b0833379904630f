/**
 * Turns the payment and insurance services' visit changes into HIS outbox
 * items. Those services call `queueVisitChange` inside the transaction that
 * makes the change (see their `recordPaid` and `recordVisitResult` hooks), so
 * the change and its outbox item are kept together or not at all.
 *
 * Only what the HIS does not already know is sent: a payment the clerk
 * confirmed (one the HIS reported is the HIS's own) and its reversal, and an
 * insurance result that names a card.
 */
import type { CheckinStore } from '../../db/checkin-store.ts';
import type { PaymentRecord } from '../../db/payments.ts';
import type { InsuranceCheckView } from '../../domain/insurance-api.ts';
import type { Logger } from '../log.ts';
import { paymentKeyOf } from './his-adapter.ts';
import { enqueueVisitChange, VisitChangeSchema, type VisitChange } from './visit-changes.ts';

export function paymentChangeOf(payment: PaymentRecord | undefined): VisitChange | null {
  if (!payment || payment.status !== 'paid' || payment.confirmation !== 'clerk' || payment.paidAt === null) return null;
  return {
    type: 'payment',
    paymentKey: paymentKeyOf(payment.desk, payment.id),
    amountVnd: payment.amount,
    method: payment.method === 'cash' ? 'cash' : 'vietqr',
    reference: (payment.receiptNumber ?? payment.reference).slice(0, 64),
    at: payment.paidAt,
  };
}

/** The undoing of a payment sent by paymentChangeOf: the same payment key. */
export function paymentReversalOf(payment: PaymentRecord | undefined): VisitChange | null {
  if (!payment || payment.status !== 'reversed' || payment.confirmation !== 'clerk' || payment.reversedAt === null) return null;
  return { type: 'payment-reversal', paymentKey: paymentKeyOf(payment.desk, payment.id), at: payment.reversedAt };
}

export function insuranceChangeOf(check: InsuranceCheckView | null): VisitChange | null {
  const result = check?.result;
  const card = result?.newCard ?? result?.card;
  if (!result || !card?.cardCode || !/^[A-Z]{2}[1-5]\d{12}$/.test(card.cardCode)) return null;
  return {
    type: 'insurance',
    cardNumber: card.cardCode,
    registeredFacility: card.registeredFacility && /^[0-9A-Z]{5}$/.test(card.registeredFacility) ? card.registeredFacility : null,
    validFrom: isoDayOrNull(card.validFrom),
    validTo: isoDayOrNull(card.validTo),
    checkResult: result.code.slice(0, 10) || '?',
    checkedAt: result.checkedAt,
  };
}

function isoDayOrNull(day: string | null | undefined): string | null {
  return day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null;
}

/**
 * Queues `change` (when there is one) for the HIS; call it inside the
 * transaction that makes the change. A change the HIS form cannot carry is
 * logged and left out rather than undoing the payment or result it reports.
 */
export function queueVisitChange(store: Pick<CheckinStore, 'visits' | 'outbox'>, visitId: number, change: VisitChange | null, log: Logger): boolean {
  if (!change) return false;
  if (!VisitChangeSchema.safeParse(change).success) {
    log.warn('visit change left out of the HIS outbox: it does not fit the HIS form', { visitId, type: change.type });
    return false;
  }
  enqueueVisitChange(store, visitId, change);
  return true;
}
