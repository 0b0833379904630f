import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { silentLogger } from '../log.ts';
import type { PaymentStatusReport, PaymentStatusSource } from './payment-status-source.ts';
import { createStatusPoller, DEFAULT_POLL_POLICY, pollDelay, type WatchedPayment } from './status-poller.ts';
import { ManualScheduler } from './testing-scheduler.ts';

/** A status source answering from a script, one answer per question; an Error in the script is thrown. */
function scriptedSource(script: Array<PaymentStatusReport | Error>): PaymentStatusSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    status({ reference }) {
      asked.push(reference);
      const answer = script.shift() ?? { state: 'waiting' };
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

const POLICY = { initialMs: 1_000, factor: 2, maxMs: 5_000 };

describe('payment status poller', () => {
  it('backs off by the policy after each answer that is not paid, up to the cap', () => {
    assert.deepEqual([0, 1, 2, 3, 4].map((attempt) => pollDelay(POLICY, attempt)), [1_000, 2_000, 4_000, 5_000, 5_000]);
    assert.deepEqual([0, 1, 2, 10].map((attempt) => pollDelay(DEFAULT_POLL_POLICY, attempt)), [3_000, 4_500, 6_750, 30_000]);
  });

  it('asks until the source says paid, treating failures and unknown as "ask later", then reports once and stops', async () => {
    const scheduler = new ManualScheduler();
    const source = scriptedSource([{ state: 'waiting' }, new Error('HIS down'), { state: 'unknown' }, { state: 'paid', receiptNumber: 'BL-9' }]);
    const paid: Array<[WatchedPayment, string | null]> = [];
    const poller = createStatusPoller({ source, policy: POLICY, scheduler, log: silentLogger, onPaid: (p, r) => paid.push([p, r]) });
    poller.watch({ id: 1, visitId: 1, reference: 'TD A1 20260302', amount: 1000 });
    poller.watch({ id: 1, visitId: 1, reference: 'TD A1 20260302', amount: 1000 }); // watching twice asks once
    while (await scheduler.runNext());
    assert.deepEqual(source.asked, Array(4).fill('TD A1 20260302'));
    assert.deepEqual(scheduler.delays, [1_000, 2_000, 4_000, 5_000]);
    assert.deepEqual(paid, [[{ id: 1, visitId: 1, reference: 'TD A1 20260302', amount: 1000 }, 'BL-9']]);
    assert.deepEqual(poller.watching(), []);
  });

  it('takes nothing but a clear "paid" for paid: malformed answers are asked again', async () => {
    const scheduler = new ManualScheduler();
    const script: unknown[] = [undefined, null, 'paid', { state: 'PAID' }, { state: 'paid', receiptNumber: 42 }];
    const source = { status: () => Promise.resolve(script.shift()) } as unknown as PaymentStatusSource;
    const paid: Array<string | null> = [];
    const poller = createStatusPoller({ source, policy: POLICY, scheduler, log: silentLogger, onPaid: (_p, r) => paid.push(r) });
    poller.watch({ id: 1, visitId: 1, reference: 'TD A1 20260302', amount: 1000 });
    while (await scheduler.runNext());
    assert.equal(scheduler.delays.length, 5);
    assert.deepEqual(paid, [null]);
  });

  it('forgets a payment unwatched while its question is out, and stops everything on close', async () => {
    const scheduler = new ManualScheduler();
    let answer: (report: PaymentStatusReport) => void = () => {};
    const source: PaymentStatusSource = { status: () => new Promise((resolve) => (answer = resolve)) };
    const paid: number[] = [];
    const poller = createStatusPoller({ source, policy: POLICY, scheduler, log: silentLogger, onPaid: (p) => paid.push(p.id) });
    poller.watch({ id: 1, visitId: 1, reference: 'TD A1 20260302', amount: 1000 });
    poller.watch({ id: 2, visitId: 2, reference: 'TD A2 20260302', amount: 1000 });
    const running = scheduler.runNext();
    poller.unwatch(1);
    answer({ state: 'paid', receiptNumber: null });
    await running;
    assert.deepEqual(paid, []);
    assert.deepEqual(poller.watching(), [2]);
    poller.close();
    assert.equal(scheduler.pending, 0);
    assert.deepEqual(poller.watching(), []);
  });

  it('keeps asking about a payment whose "paid" could not be recorded, and logs no more than its id', async () => {
    const scheduler = new ManualScheduler();
    const source = scriptedSource([{ state: 'paid', receiptNumber: 'BL-1' }, { state: 'paid', receiptNumber: 'BL-1' }]);
    const lines: unknown[] = [];
    const log = { ...silentLogger, error: (message: string, fields?: unknown) => lines.push([message, fields]) };
    let busy = true;
    const paid: number[] = [];
    const onPaid = (payment: WatchedPayment) => {
      if (busy) {
        busy = false;
        throw Object.assign(new Error('database is locked (Nguyễn Văn An)'), { name: 'SqliteError' });
      }
      paid.push(payment.id);
    };
    const poller = createStatusPoller({ source, policy: POLICY, scheduler, log, onPaid });
    poller.watch({ id: 1, visitId: 1, reference: 'TD A1 20260302', amount: 1000 });

    assert.equal(await scheduler.runNext(), true);
    assert.deepEqual(paid, []);
    assert.deepEqual(poller.watching(), [1], 'still watched after the failed write');
    assert.deepEqual(lines, [['paid payment not recorded; asking again later', { paymentId: 1, error: 'SqliteError' }]]);

    while (await scheduler.runNext());
    assert.deepEqual(paid, [1]);
    assert.deepEqual(poller.watching(), []);
  });

  it('asks no more about a payment no longer due, before putting the question', async () => {
    const scheduler = new ManualScheduler();
    const source = scriptedSource([]);
    let due = true;
    const poller = createStatusPoller({ source, policy: POLICY, scheduler, log: silentLogger, onPaid: () => {}, stillDue: () => due });
    poller.watch({ id: 1, visitId: 1, reference: 'TD A1 20260302', amount: 1000 });
    await scheduler.runNext();
    await scheduler.runNext();
    due = false;
    await scheduler.runNext();
    assert.equal(source.asked.length, 2);
    assert.equal(scheduler.pending, 0);
    assert.deepEqual(poller.watching(), []);
  });
});
