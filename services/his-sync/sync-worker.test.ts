import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCheckinStore } from '../../db/checkin-store.ts';
import { createHisOutbox } from '../../db/his-outbox.ts';
import { openTestDatabase } from '../../db/testing/test-database.ts';
import { HisError, type HisAdapter } from './his-adapter.ts';
import { DEFAULT_RETRY_POLICY, longestDelayMs } from './retry-policy.ts';
import { createSyncWorker, type SyncWorkerOptions, type WorkerTimers } from './sync-worker.ts';
import { DESK, seedCheckin, seedPatient } from './testing/checkin-fixtures.ts';
import { enqueueVisitChange } from './visit-changes.ts';

type Call = { method: string; key: string };

/** An adapter that records what reaches the HIS and fails as scripted (by call number). */
function scriptedHis(failures: Map<number, HisError | Error> = new Map()) {
  const calls: Call[] = [];
  let n = 0;
  const step = async (method: string, key: string) => {
    n += 1;
    const failure = failures.get(n);
    if (failure) throw failure;
    calls.push({ method, key });
  };
  const his: HisAdapter = {
    next: async () => ({ ok: false, reason: 'unavailable' }),
    findPatient: async () => null,
    upsertPatient: async (p) => (await step('upsertPatient', p.localId), { hisId: p.localId, mrn: null }),
    createEncounter: async (e) => (await step('createEncounter', e.visitKey), { hisId: e.visitKey, version: '1', status: 'arrived' }),
    updateEncounter: async (u) => (await step(`updateEncounter:${u.status}`, u.visitKey), { hisId: u.visitKey, version: '2', status: u.status }),
    recordCoverage: async (c) => step('recordCoverage', c.visitKey),
    recordPayment: async (p) => step('recordPayment', p.paymentKey),
    reversePayment: async (r) => step('reversePayment', r.paymentKey),
    clinics: async () => [],
    feeSchedule: async () => [],
    paymentStatus: async () => ({ visitKey: '', state: 'unpaid', dueVnd: 0, paidVnd: 0, lastPaidAt: null }),
    ping: async () => ({ server: 'fake', fhirVersion: null }),
  };
  return { his, calls };
}

/** Timers the test fires by hand: each wait the worker arms is announced, none runs on its own. */
function fakeTimers() {
  type Armed = { ms: number; fire: () => void; cleared: boolean };
  const armed: Armed[] = [];
  const waiting: ((timer: Armed) => void)[] = [];
  const timers: WorkerTimers = {
    set(callback, ms) {
      const timer: Armed = { ms, fire: callback, cleared: false };
      armed.push(timer);
      waiting.shift()?.(timer);
      return timer;
    },
    clear(handle) {
      (handle as Armed).cleared = true;
    },
  };
  /** The next wait the worker arms (after the `seen` already armed). */
  const nextArmed = (seen: number): Promise<Armed> =>
    armed.length > seen ? Promise.resolve(armed[seen]!) : new Promise((resolve) => waiting.push(resolve));
  return { timers, armed, nextArmed };
}

function setup(failures?: Map<number, HisError | Error>, workerOptions: Partial<SyncWorkerOptions> = {}) {
  const t = openTestDatabase();
  let now = new Date('2026-11-23T01:00:00Z');
  const store = createCheckinStore(t.db, () => now);
  const outbox = createHisOutbox(t.db);
  const { his, calls } = scriptedHis(failures);
  const clock = {
    get now() {
      return now;
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    set(date: Date) {
      now = date;
    },
  };
  const worker = createSyncWorker({ outbox, his, patient: (id) => store.patients.get(id), now: () => now, random: () => 0.5, leaseMs: 60_000, ...workerOptions });
  return { t, store, outbox, worker, calls, clock, [Symbol.dispose]: () => t[Symbol.dispose]() };
}

describe('HIS sync worker', () => {
  it('sends a check-in (patient, then encounter) and marks it sent with the time of success', async () => {
    using s = setup();
    const visitId = seedCheckin(s.store, seedPatient(s.store, 1), 1);
    assert.equal(await s.worker.tick(), 1);
    assert.deepEqual(s.calls, [
      { method: 'upsertPatient', key: `${DESK}-p1` },
      { method: 'createEncounter', key: `${DESK}-${visitId}` },
    ]);
    assert.deepEqual(s.outbox.status(), { pending: 0, attention: 0, lastSuccessAt: s.clock.now.toISOString() });
    assert.equal(s.store.visits.find(visitId)?.sync, 'sent');
  });

  it('sends a visit\'s changes in the order they were made, even when the first must wait', async () => {
    using s = setup(new Map([[1, new HisError('retryable', 'HIS_SERVER_ERROR', '500')]]));
    const visitId = seedCheckin(s.store, seedPatient(s.store, 1), 1);
    s.store.transaction(() => {
      enqueueVisitChange(s.store, visitId, { type: 'payment', paymentKey: 'pay-1', amountVnd: 50_600, method: 'cash', reference: null, at: '2026-11-23T01:01:00.000Z' });
      enqueueVisitChange(s.store, visitId, { type: 'cancellation', reasonCode: 'patient-left', at: '2026-11-23T01:02:00.000Z' });
    });
    assert.equal(await s.worker.tick(), 1, 'only the check-in is due: its successors wait for it');
    assert.equal(s.calls.length, 0);
    s.clock.advance(60_000);
    await s.worker.tick();
    await s.worker.tick();
    await s.worker.tick();
    assert.deepEqual(
      s.calls.map((c) => c.method),
      ['upsertPatient', 'createEncounter', 'recordPayment', 'updateEncounter:cancelled'],
    );
    assert.equal(s.outbox.status().pending, 0);
  });

  it('retries with jittered backoff within its bounds, and honours Retry-After for the whole queue', async () => {
    using s = setup(
      new Map<number, HisError>([
        [1, new HisError('retryable', 'HIS_UNREACHABLE', 'refused')],
        [2, new HisError('retryable', 'HIS_RATE_LIMITED', '429', { retryAfterMs: 120_000 })],
      ]),
    );
    const patient = seedPatient(s.store, 1);
    const first = seedCheckin(s.store, patient, 1);
    await s.worker.tick();
    assert.deepEqual(s.outbox.attention(10), []);
    const item = s.outbox.get(1)!;
    assert.equal(item.status, 'pending');
    assert.equal(item.lastError, 'HIS_UNREACHABLE');
    const delay = Date.parse(item.nextAttemptAt) - s.clock.now.getTime();
    // Attempt 1: ceiling = base; equal jitter puts it in [base/2, base]; random 0.5 → 3/4 of it.
    assert.equal(delay, DEFAULT_RETRY_POLICY.baseMs * 0.75);

    s.clock.advance(delay);
    await s.worker.tick();
    const limited = s.outbox.get(1)!;
    assert.equal(limited.lastError, 'HIS_RATE_LIMITED');
    const wait = Date.parse(limited.nextAttemptAt) - s.clock.now.getTime();
    assert.ok(wait >= 120_000 && wait <= 121_000, `Retry-After honoured (+ at most 1 s jitter): ${wait}`);

    seedCheckin(s.store, patient, 2);
    s.clock.advance(wait);
    await s.worker.tick();
    assert.equal(s.store.visits.find(first)?.sync, 'sent');
  });

  it('keeps a Retry-After pause when new work wakes it: only the end of the pause or IT\'s retry lifts it', async () => {
    const fake = fakeTimers();
    using s = setup(new Map([[1, new HisError('retryable', 'HIS_RATE_LIMITED', '429', { retryAfterMs: 120_000 })]]), { timers: fake.timers, idlePollMs: 60_000 });
    seedCheckin(s.store, seedPatient(s.store, 1), 1);
    s.worker.start();
    const pause = await fake.nextArmed(0);
    assert.ok(pause.ms >= 120_000, `paused for the Retry-After, not ${pause.ms} ms`);
    assert.equal(s.outbox.get(1)!.lastError, 'HIS_RATE_LIMITED');

    // A clerk checks in someone else: the enqueuer wakes the worker, which must keep waiting.
    seedCheckin(s.store, seedPatient(s.store, 2), 2);
    s.worker.wake();
    const stillPaused = await fake.nextArmed(1);
    assert.equal(s.calls.length, 0, 'nothing reaches the HIS before the Retry-After');
    assert.ok(stillPaused.ms > 0 && stillPaused.ms <= pause.ms, `the rest of the pause: ${stillPaused.ms} ms`);

    s.clock.advance(stillPaused.ms);
    stillPaused.fire();
    await fake.nextArmed(2);
    assert.deepEqual(s.calls.map((c) => c.key).sort(), [`${DESK}-1`, `${DESK}-2`, `${DESK}-p1`, `${DESK}-p2`], 'both check-ins sent once the pause ended');
    assert.equal(s.outbox.status().pending, 0);
    await s.worker.stop();
  });

  it('ends a Retry-After pause at once when IT retries', async () => {
    const fake = fakeTimers();
    using s = setup(new Map([[1, new HisError('retryable', 'HIS_RATE_LIMITED', '429', { retryAfterMs: 120_000 })]]), { timers: fake.timers, idlePollMs: 60_000 });
    seedCheckin(s.store, seedPatient(s.store, 1), 1);
    s.worker.start();
    await fake.nextArmed(0);
    assert.equal(s.outbox.retry(s.clock.now), 0, 'nothing needed attention, the waiting item is due again');
    s.worker.resume();
    await fake.nextArmed(1);
    assert.deepEqual(s.calls.map((c) => c.method), ['upsertPatient', 'createEncounter']);
    await s.worker.stop();
  });

  it('parks a permanent failure for attention, blocks the visit behind it, and sends it again on retry', async () => {
    using s = setup(new Map([[2, new HisError('permanent', 'HIS_REJECTED', 'The HIS rejected the request (400)')]]));
    const patient = seedPatient(s.store, 1);
    const visitId = seedCheckin(s.store, patient, 1);
    s.store.transaction(() => enqueueVisitChange(s.store, visitId, { type: 'cancellation', reasonCode: 'duplicate', at: '2026-11-23T01:02:00.000Z' }));
    await s.worker.tick();
    assert.deepEqual(s.outbox.status().attention, 1);
    const [stuck] = s.outbox.attention(10);
    assert.deepEqual([stuck?.kind, stuck?.visitId, stuck?.reason], ['his.checkin', visitId, 'HIS_REJECTED: The HIS rejected the request (400)']);
    assert.equal(s.store.visits.find(visitId)?.sync, 'failed');
    s.clock.advance(86_400_000);
    assert.equal(await s.worker.tick(), 0, 'the cancellation waits behind its stuck check-in');

    assert.equal(s.outbox.retry(s.clock.now, stuck!.id), 1);
    await s.worker.tick();
    await s.worker.tick();
    assert.deepEqual(s.calls.map((c) => c.method), ['upsertPatient', 'upsertPatient', 'createEncounter', 'updateEncounter:cancelled']);
    assert.deepEqual(s.outbox.status().attention, 0);
  });

  it('parks a malformed payload and an unexpected error with a reason free of personal data', async () => {
    using s = setup(new Map([[1, new TypeError('Nguyễn Văn Thử 1 broke something')]]));
    const patient = seedPatient(s.store, 1);
    seedCheckin(s.store, patient, 1);
    s.store.outbox.enqueue({ kind: 'his.checkin', idempotencyKey: 'bad', payload: { visitId: 999, nonsense: true } });
    await s.worker.tick();
    const reasons = s.outbox.attention(10).map((item) => item.reason);
    assert.deepEqual(reasons, ['INTERNAL: unexpected failure while sending', 'HIS_BAD_PAYLOAD: The check-in payload is malformed']);
  });

  it('sends everything waiting out a backoff at once when IT retries all', async () => {
    using s = setup(new Map([[1, new HisError('retryable', 'HIS_UNREACHABLE', 'refused')]]));
    seedCheckin(s.store, seedPatient(s.store, 1), 1);
    await s.worker.tick();
    assert.equal(await s.worker.tick(), 0, 'waiting out its backoff');
    assert.equal(s.outbox.retry(s.clock.now), 0, 'nothing needed attention');
    assert.equal(await s.worker.tick(), 1, 'due at once after retry-all');
    assert.equal(s.outbox.status().pending, 0);
  });

  it('takes back work a killed worker left sending, at the next start', async () => {
    using s = setup();
    seedCheckin(s.store, seedPatient(s.store, 1), 1);
    assert.equal(s.outbox.claimDue(s.clock.now, new Date(s.clock.now.getTime() + 3_600_000), 10).length, 1, 'claimed, then the process died');
    assert.equal(await s.worker.tick(), 0, 'still leased');
    s.worker.start();
    await s.worker.stop();
    assert.deepEqual(s.calls.map((c) => c.method), ['upsertPatient', 'createEncounter'], 'sent by the restarted worker at once');
    assert.equal(s.outbox.status().pending, 0);
  });

  it('takes back a send that never settled once its lease runs out, without a restart', async () => {
    using s = setup();
    seedCheckin(s.store, seedPatient(s.store, 1), 1);
    assert.equal(s.outbox.claimDue(s.clock.now, new Date(s.clock.now.getTime() + 60_000), 10).length, 1, 'claimed, then lost');
    s.clock.advance(59_999);
    assert.equal(await s.worker.tick(), 0, 'still leased');
    s.clock.advance(1);
    assert.equal(await s.worker.tick(), 1);
    assert.equal(s.outbox.status().pending, 0);
  });

  it('does not let a clock moved back park the queue: nothing waits past the longest possible delay', async () => {
    using s = setup(new Map([[1, new HisError('retryable', 'HIS_TIMEOUT', 'slow')]]));
    seedCheckin(s.store, seedPatient(s.store, 1), 1);
    s.clock.set(new Date('2026-11-23T12:00:00Z'));
    await s.worker.tick();
    // The clock is corrected back by a day: the retry time set under the wrong clock is a day away.
    s.clock.set(new Date('2026-11-22T12:00:00Z'));
    assert.ok(Date.parse(s.outbox.get(1)!.nextAttemptAt) - s.clock.now.getTime() > longestDelayMs(DEFAULT_RETRY_POLICY, 60_000));
    assert.equal(await s.worker.tick(), 1, 'due again at once');
    assert.equal(s.outbox.status().pending, 0);
  });

  it('runs on its own: started, it drains new work after a wake and stops cleanly', async () => {
    const t = openTestDatabase();
    try {
      const store = createCheckinStore(t.db);
      const outbox = createHisOutbox(t.db);
      const { his, calls } = scriptedHis();
      let changed!: () => void;
      const drained = new Promise<void>((resolve) => (changed = resolve));
      const worker = createSyncWorker({ outbox, his, patient: (id) => store.patients.get(id), idlePollMs: 60_000, onChange: () => outbox.status().pending === 0 && changed() });
      worker.start();
      seedCheckin(store, seedPatient(store, 1), 1);
      worker.wake();
      await drained;
      assert.equal(calls.length, 2);
      await worker.stop();
      assert.equal(worker.running, false);
    } finally {
      t[Symbol.dispose]();
    }
  });
});
