/**
 * Where the desk learns that a VietQR transfer arrived: the HIS (which sees
 * the hospital's bank statement) answers per visit reference. The HIS-sync
 * adapter implements this; until it exists the desk relies on the clerk.
 */
export type PaymentStatusReport =
  | { readonly state: 'waiting' }
  /** The HIS booked the money; its receipt number when it gives one. */
  | { readonly state: 'paid'; readonly receiptNumber: string | null }
  /** The HIS does not know the reference (yet), or cannot say now. */
  | { readonly state: 'unknown' };

export interface PaymentStatusSource {
  /**
   * The state of the payment whose transfer purpose carries `visitReference`.
   * May reject (network, HIS down): the poller treats that as unknown and asks again later.
   */
  status(visitReference: string): Promise<PaymentStatusReport>;
}
