/**
 * `?payment=<visitId>` opens a visit's payment step on its own page: for a
 * link from today's list, a second screen facing the patient, and tests.
 * Null when the address asks for no payment.
 */
export function paymentVisitFromAddress(search: string): number | null {
  const raw = new URLSearchParams(search).get('payment');
  return raw !== null && /^[1-9]\d{0,14}$/.test(raw) ? Number(raw) : null;
}
