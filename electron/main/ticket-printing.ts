/**
 * Silent ticket printing in the desktop app: `visits.printTicket` is answered
 * here, in main, by printing the calling window (its print stylesheet keeps
 * only the 80 mm ticket) to the desk's chosen printer without a dialog, then
 * recording the print through the router. Every other call passes through.
 */
import { methods } from '../../domain/api.ts';
import type { Result } from '../../domain/result.ts';
import type { DeskSettings } from '../../domain/visit-api.ts';
import type { Logger } from '../../services/log.ts';
import type { ApiDispatcher } from './api-ipc.ts';

export interface SilentPrintOptions {
  silent: true;
  printBackground: false;
  deviceName?: string;
  margins: { marginType: 'none' };
  /** In microns, as Electron takes it; without it a silent print uses the printer's default paper (Letter or A4). */
  pageSize?: { width: number; height: number };
}

/** The part of Electron's WebContents that prints. */
export interface PrintingContents {
  print(options: SilentPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
}

export function withSilentTicketPrinting(
  router: ApiDispatcher,
  contentsOf: (caller: object) => PrintingContents | undefined,
  log: Logger,
): ApiDispatcher {
  return {
    async dispatch(method, input, caller) {
      if (method !== 'visits.printTicket') return router.dispatch(method, input, caller);
      const parsed = methods['visits.printTicket'].input.safeParse(input);
      if (!parsed.success) return router.dispatch(method, input, caller);
      const contents = contentsOf(caller);
      if (!contents) return { ok: false, error: { code: 'PRINT_FAILED', message: 'The window that asked to print is gone' } };
      const desk = await router.dispatch('settings.desk.get', {}, caller);
      const printerName = desk.ok ? (desk.value as DeskSettings).printerName : '';
      const failure = await printSilently(contents, printerName, parsed.data.page);
      if (failure !== null) {
        log.warn('ticket not printed', { reason: failure.slice(0, 200), printer: printerName === '' ? 'default' : 'chosen' });
        return { ok: false, error: { code: 'PRINT_FAILED', message: failure } } satisfies Result<never>;
      }
      return router.dispatch('visits.ticketPrinted', { visitId: parsed.data.visitId, via: 'silent', reprint: parsed.data.reprint }, caller);
    },
  };
}

/** Null when printed, else the reason Chromium gave. */
function printSilently(contents: PrintingContents, printerName: string, page: { widthMm: number; heightMm: number } | undefined): Promise<string | null> {
  const options: SilentPrintOptions = {
    silent: true,
    printBackground: false,
    margins: { marginType: 'none' },
    ...(printerName === '' ? {} : { deviceName: printerName }),
    ...(page ? { pageSize: { width: Math.round(page.widthMm * 1000), height: Math.round(page.heightMm * 1000) } } : {}),
  };
  return new Promise((resolve) => {
    try {
      contents.print(options, (success, failureReason) => resolve(success ? null : failureReason || 'printing failed'));
    } catch (error) {
      resolve(error instanceof Error ? error.message : String(error));
    }
  });
}
