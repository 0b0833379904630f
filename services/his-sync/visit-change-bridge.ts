/**
 * Hands the payment and insurance services' visit changes to the HIS outbox.
 * Those services announce a change after their own transaction commits, so
 * this enqueues right after it; the change keys make a repeated announcement
 * harmless. A crash between their commit and this enqueue is caught up at the
 * next start: `catchUp` announces the recent visits' payments and insurance
 * results again, and the keys keep what is already queued from doubling.
 *
 * Only what the HIS does not already know is sent: a payment the clerk
 * confirmed (one the HIS reported is the HIS's own), and an insurance result
 * that names a card.
 */
import type { CheckinStore } from '../../db/checkin-store.ts';
import type { PaymentRecord } from '../../db/payments.ts';
import { vietnamDay } from '../../domain/checkin/index.ts';
import type { InsuranceCheckView } from '../../domain/insurance-api.ts';
import type { Logger } from '../log.ts';
import { enqueueVisitChange, type VisitChange } from './visit-changes.ts';

export interface VisitChangeBridgeOptions {
  store: () => CheckinStore | undefined;
  latestPayment: (visitId: number) => PaymentRecord | undefined;
  insuranceForVisit: (visitId: number) => InsuranceCheckView | null;
  log: Logger;
  /** After something was queued: wake the sync worker. */
  onQueued?: () => void;
}

export function paymentChangeOf(payment: PaymentRecord | undefined): VisitChange | null {
  if (!payment || payment.status !== 'paid' || payment.confirmation !== 'clerk' || payment.paidAt === null) return null;
  return {
    type: 'payment',
    paymentKey: `payment-${payment.desk}-${payment.id}`.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 80),
    amountVnd: payment.amount,
    method: payment.method === 'cash' ? 'cash' : 'vietqr',
    reference: (payment.receiptNumber ?? payment.reference).slice(0, 64),
    at: payment.paidAt,
  };
}

export function insuranceChangeOf(check: InsuranceCheckView | null): VisitChange | null {
  const result = check?.result;
  const card = result?.newCard ?? result?.card;
  if (!result || !card?.cardCode || !/^[A-Z]{2}[1-5]\d{12}$/.test(card.cardCode)) return null;
  return {
    type: 'insurance',
    cardNumber: card.cardCode,
    registeredFacility: card.registeredFacility && /^[0-9A-Z]{5}$/.test(card.registeredFacility) ? card.registeredFacility : null,
    validFrom: card.validFrom,
    validTo: card.validTo,
    checkResult: result.code.slice(0, 10) || '?',
    checkedAt: result.checkedAt,
  };
}

export function createVisitChangeBridge(options: VisitChangeBridgeOptions) {
  const enqueue = (visitId: number, change: () => VisitChange | null, what: string): void => {
    try {
      const store = options.store();
      const queued = store ? change() : null;
      if (!store || !queued) return;
      store.transaction(() => enqueueVisitChange(store, visitId, queued));
      options.onQueued?.();
    } catch (error) {
      options.log.error('visit change not queued for the HIS', { visitId, what, error: error instanceof Error ? error.name : typeof error });
    }
  };
  const paymentChanged = (visitId: number): void => enqueue(visitId, () => paymentChangeOf(options.latestPayment(visitId)), 'payment');
  const insuranceChanged = (visitId: number): void => enqueue(visitId, () => insuranceChangeOf(options.insuranceForVisit(visitId)), 'insurance');
  return {
    paymentChanged,
    insuranceChanged,
    /** Announces again the changes of the visits of the last `days` Vietnam days (today included). */
    catchUp(days: number, now: Date = new Date()): void {
      const store = options.store();
      if (!store) return;
      for (let back = 0; back < days; back++) {
        const day = vietnamDay(new Date(now.getTime() - back * 86_400_000));
        if (day === null) continue;
        for (const visit of store.visits.listDay({ day })) {
          paymentChanged(visit.id);
          insuranceChanged(visit.id);
        }
      }
    },
  };
}
