/**
 * The HIS adapter as a PaymentStatusSource: paid when the HIS has booked at
 * least the amount due for the visit; unpaid or partly paid is still waiting.
 */
import { HisError, visitKeyOf, type HisAdapter } from '../his-sync/his-adapter.ts';
import type { PaymentStatusReport, PaymentStatusSource } from './payment-status-source.ts';

export function hisPaymentStatusSource(his: Pick<HisAdapter, 'paymentStatus'>, deskId: string): PaymentStatusSource {
  return {
    async status({ visitId, amount }): Promise<PaymentStatusReport> {
      let status;
      try {
        status = await his.paymentStatus(visitKeyOf(deskId, visitId));
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
