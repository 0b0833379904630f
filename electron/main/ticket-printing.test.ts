import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Result } from '../../domain/result.ts';
import { silentLogger } from '../../services/log.ts';
import { withSilentTicketPrinting, type PrintingContents, type SilentPrintOptions } from './ticket-printing.ts';

function router(printerName: string) {
  const calls: Array<[unknown, unknown]> = [];
  return {
    calls,
    async dispatch(method: unknown, input: unknown): Promise<Result<unknown>> {
      calls.push([method, input]);
      if (method === 'settings.desk.get') return { ok: true, value: { hospitalName: '', autoPrint: true, printerName, biometricPolicy: {} } };
      return { ok: true, value: { method } };
    },
  };
}

function printer(outcome: [boolean, string]) {
  const jobs: SilentPrintOptions[] = [];
  const contents: PrintingContents = {
    print(options, callback) {
      jobs.push(options);
      setImmediate(() => callback(...outcome));
    },
  };
  return { jobs, contents };
}

describe('silent ticket printing', () => {
  it('prints the calling window to the chosen printer without a dialog, then records the print', async () => {
    const api = router('TM-T82');
    const { jobs, contents } = printer([true, '']);
    const caller = { webContentsId: 3 };
    const dispatcher = withSilentTicketPrinting(api, (c) => (c === caller ? contents : undefined), silentLogger);
    const answer = await dispatcher.dispatch('visits.printTicket', { visitId: 7, page: { widthMm: 80, heightMm: 121 } }, caller);
    assert.deepEqual(answer, { ok: true, value: { method: 'visits.ticketPrinted' } });
    assert.deepEqual(jobs, [
      { silent: true, printBackground: false, margins: { marginType: 'none' }, deviceName: 'TM-T82', pageSize: { width: 80_000, height: 121_000 } },
    ], 'one 80 mm page as tall as the ticket, in microns');
    assert.deepEqual(api.calls.at(-1), ['visits.ticketPrinted', { visitId: 7, via: 'silent', reprint: false }]);
  });

  it('uses the default printer when none is chosen, and passes every other call through', async () => {
    const api = router('');
    const { jobs, contents } = printer([true, '']);
    const dispatcher = withSilentTicketPrinting(api, () => contents, silentLogger);
    await dispatcher.dispatch('visits.printTicket', { visitId: 1, reprint: true }, {});
    assert.equal(jobs[0]?.deviceName, undefined);
    assert.equal(jobs[0]?.pageSize, undefined, 'no page given: the printer default');
    assert.deepEqual(api.calls.at(-1), ['visits.ticketPrinted', { visitId: 1, via: 'silent', reprint: true }]);
    const other = await dispatcher.dispatch('system.status', {}, {});
    assert.deepEqual(other, { ok: true, value: { method: 'system.status' } });
  });

  it('answers PRINT_FAILED with the printer’s reason and records nothing when the printer fails or the window is gone', async () => {
    const api = router('');
    const { contents } = printer([false, 'Printer is offline']);
    const failed = await withSilentTicketPrinting(api, () => contents, silentLogger).dispatch('visits.printTicket', { visitId: 2 }, {});
    assert.deepEqual(failed, { ok: false, error: { code: 'PRINT_FAILED', message: 'Printer is offline' } });
    const gone = await withSilentTicketPrinting(api, () => undefined, silentLogger).dispatch('visits.printTicket', { visitId: 2 }, {});
    assert.equal(gone.ok ? 'ok' : gone.error.code, 'PRINT_FAILED');
    assert.ok(!api.calls.some(([method]) => method === 'visits.ticketPrinted'));
  });

  it('leaves bad input to the router, which names the field', async () => {
    const api = router('');
    const { jobs, contents } = printer([true, '']);
    await withSilentTicketPrinting(api, () => contents, silentLogger).dispatch('visits.printTicket', { visitId: 'x' }, {});
    assert.deepEqual(jobs, []);
    assert.deepEqual(api.calls, [['visits.printTicket', { visitId: 'x' }]]);
  });
});
