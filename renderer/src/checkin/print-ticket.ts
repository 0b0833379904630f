import type { ApiClient } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { ticketPage } from '../visit/PrintedTicket.tsx';

/**
 * Prints the ticket on screen (the print stylesheet keeps only the ticket).
 * The desktop app prints it straight to the desk's printer and records it;
 * where it cannot (browser mode) the print dialog opens and the print is
 * recorded once it closes.
 */
export async function printTicket(client: ApiClient, visitId: number, reprint: boolean): Promise<{ ok: true } | { ok: false; error: ApiError }> {
  const page = ticketPage();
  const silent = await client.call('visits.printTicket', { visitId, reprint, ...(page ? { page } : {}) });
  if (silent.ok) {
    recordTestEvent('ticket-printed', { visitId, via: 'silent', reprint });
    return { ok: true };
  }
  if (silent.error.code !== 'PRINT_SILENT_UNAVAILABLE') {
    recordTestEvent('ticket-print-failed', { visitId, code: silent.error.code });
    return silent;
  }
  try {
    window.print();
  } catch (error) {
    recordTestEvent('ticket-print-failed', { visitId, code: 'INTERNAL' });
    return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
  }
  const recorded = await client.call('visits.ticketPrinted', { visitId, via: 'dialog', reprint });
  if (!recorded.ok) return recorded;
  recordTestEvent('ticket-printed', { visitId, via: 'dialog', reprint });
  return { ok: true };
}
