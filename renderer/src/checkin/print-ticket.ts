import type { ApiClient } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

/**
 * Prints the ticket on screen (the print stylesheet keeps only the ticket) and
 * records the print for the audit log. Browser mode goes through the print
 * dialog; window.print returns once the dialog is closed.
 */
export async function printTicket(client: ApiClient, visitId: number, reprint: boolean): Promise<{ ok: true } | { ok: false; error: ApiError }> {
  try {
    window.print();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    recordTestEvent('ticket-print-failed', { visitId });
    return { ok: false, error: { code: 'INTERNAL', message } };
  }
  const recorded = await client.call('visits.ticketPrinted', { visitId, via: 'dialog', reprint });
  if (!recorded.ok) return recorded;
  recordTestEvent('ticket-printed', { visitId, via: 'dialog', reprint });
  return { ok: true };
}
