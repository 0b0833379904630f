/**
 * The HIS adapter as a PaymentStatusSource: paid when the HIS has booked at
 * least the amount due for the visit; unpaid or partly paid is still waiting.
 * A payment the desk reversed is not counted even while the HIS still holds
 * it (its undoing waits in the outbox). Takes the adapter in use at each question (HIS settings can change it, or
 * remove it: then the answer is unknown and the clerk confirms).
 */
import { HisError, paymentKeyOf, visitKeyOf, type HisAdapter } from '../his-sync/his-adapter.ts';
import type { PaymentStatusReport, PaymentStatusSource } from './payment-status-source.ts';

type PaymentStatusAdapter = Pick<HisAdapter, 'paymentStatus'>;

export function hisPaymentStatusSource(his: PaymentStatusAdapter | (() => PaymentStatusAdapter | null), deskId: string): PaymentStatusSource {
  const current = typeof his === 'function' ? his : () => his;
  return {
    async status({ visitId, amount, reversedPaymentIds = [] }): Promise<PaymentStatusReport> {
      const adapter = current();
      if (!adapter) return { state: 'unknown' };
      let status;
      try {
        const ignoring = reversedPaymentIds.map((id) => paymentKeyOf(deskId, id));
        status = await adapter.paymentStatus(visitKeyOf(deskId, visitId), ignoring.length > 0 ? { ignoring } : undefined);
      } catch (error) {
        // The visit may not have reached the HIS yet (the outbox sends it): ask again later.
        if (error instanceof HisError && error.code === 'HIS_NOT_FOUND') return { state: 'unknown' };
        throw error;
      }
      if (status.state === 'paid' || status.paidVnd >= amount) return { state: 'paid', receiptNumber: null };
      return { state: 'waiting' };
    },
  };
}
