/**
 * Where the desk learns that a VietQR transfer arrived: the HIS, which sees
 * the hospital's bank statement. his-payment-status.ts adapts the HIS
 * adapter to this; without one the desk relies on the clerk.
 */
export type PaymentStatusReport =
  | { readonly state: 'waiting' }
  /** The HIS booked the money; its receipt number when it gives one. */
  | { readonly state: 'paid'; readonly receiptNumber: string | null }
  /** The HIS does not know the visit (yet), or cannot say now. */
  | { readonly state: 'unknown' };

/** The payment asked about: its visit, the reference the transfer purpose carries, and the amount due. */
export interface PaymentStatusQuery {
  readonly visitId: number;
  readonly reference: string;
  readonly amount: number;
  /** The visit's earlier payments the desk reversed: the HIS may still hold them until it hears so, and they are not money received. */
  readonly reversedPaymentIds?: readonly number[];
}

export interface PaymentStatusSource {
  /** May reject (network, HIS down): the poller treats that as unknown and asks again later. */
  status(payment: PaymentStatusQuery): Promise<PaymentStatusReport>;
}
