import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { afterEach, describe, it } from 'node:test';
import { waitForEvent } from '../../test/rig/events.ts';
import { FakePcsc } from './fake-pcsc.ts';
import { NO_READER_MESSAGE, ReaderMonitor, retryDelayMs, type RetryPolicy } from './reader-monitor.ts';
import type { PcscSnapshot } from './snapshot.ts';

const FAST_RETRY: RetryPolicy = { initialMs: 5, maxMs: 40, factor: 2 };
const ATR = Uint8Array.of(0x3b, 0x87, 0x80, 0x01, 0xab, 0xcd);

/** Runs a monitor over a fake and records every snapshot it publishes. */
function watch(fake: FakePcsc, retry: RetryPolicy = FAST_RETRY, refreshMs = 60_000) {
  const changes = new EventEmitter();
  const seen: PcscSnapshot[] = [];
  const logs: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
  const monitor = new ReaderMonitor({
    binding: fake.binding,
    retry,
    refreshMs,
    log: (_level, msg, fields) => logs.push(fields ? { msg, fields } : { msg }),
  });
  monitor.start((snapshot) => {
    seen.push(snapshot);
    changes.emit('change', snapshot);
  });
  const next = (accept: (snapshot: PcscSnapshot) => boolean) =>
    accept(monitor.snapshot()) ? Promise.resolve(monitor.snapshot()) : waitForEvent<PcscSnapshot>(changes, 'change', accept);
  return { monitor, seen, logs, next };
}

const reader = (snapshot: PcscSnapshot, name: string) => snapshot.readers.find((r) => r.name === name);

describe('ReaderMonitor', () => {
  let stopMonitor: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stopMonitor?.();
    stopMonitor = undefined;
  });

  it('reports pcscd missing, then recovers by itself when it starts', async () => {
    const fake = new FakePcsc({ serviceUp: false });
    fake.attachReader('Reader A');
    const { monitor, next } = watch(fake);
    stopMonitor = () => monitor.stop();

    const down = await next((s) => s.pcsc.state === 'unavailable');
    assert.equal(down.pcsc.message, 'The PC/SC service (pcscd) is not running');
    assert.deepEqual(down.readers, []);

    fake.startService();
    const up = await next((s) => s.pcsc.state === 'available');
    assert.deepEqual(up.readers, [{ name: 'Reader A', cardPresent: false }]);
  });

  it('keeps retrying while pcscd stays away, warning once', async () => {
    const fake = new FakePcsc({ serviceUp: false });
    const attempts = new EventEmitter();
    const RealContext = fake.binding.Context;
    fake.binding.Context = class {
      constructor() {
        attempts.emit('attempt');
        return new RealContext();
      }
    } as typeof RealContext;
    const { monitor, logs } = watch(fake);
    stopMonitor = () => monitor.stop();
    for (let i = 0; i < 4; i += 1) await waitForEvent(attempts, 'attempt', () => true);
    assert.deepEqual(
      logs.map((l) => [l.msg, l.fields?.delayMs]),
      [['PC/SC unavailable; retrying', 5]],
    );
  });

  it('grows the retry delay up to its ceiling', () => {
    const policy = { initialMs: 250, maxMs: 5_000, factor: 2 };
    assert.deepEqual([0, 1, 2, 3, 4, 5, 9].map((n) => retryDelayMs(policy, n)), [250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('says so when pcscd runs but no reader is attached, and sees one arrive', async () => {
    const fake = new FakePcsc();
    const { monitor, next } = watch(fake);
    stopMonitor = () => monitor.stop();

    const empty = await next((s) => s.pcsc.state === 'available');
    assert.deepEqual(empty, { pcsc: { state: 'available', message: NO_READER_MESSAGE }, readers: [] });

    fake.attachReader('Reader A');
    const attached = await next((s) => s.readers.length === 1);
    assert.deepEqual(attached, { pcsc: { state: 'available' }, readers: [{ name: 'Reader A', cardPresent: false }] });

    fake.detachReader('Reader A');
    await next((s) => s.readers.length === 0);
  });

  it('follows a card in and out with its ATR in upper-case hex', async () => {
    const fake = new FakePcsc();
    fake.attachReader('Reader A');
    fake.attachReader('Reader B');
    const { monitor, next, seen } = watch(fake);
    stopMonitor = () => monitor.stop();
    await next((s) => s.readers.length === 2);

    fake.insertCard('Reader B', ATR);
    const inserted = await next((s) => reader(s, 'Reader B')?.cardPresent === true);
    assert.deepEqual(reader(inserted, 'Reader B'), { name: 'Reader B', cardPresent: true, atr: '3B878001ABCD' });
    assert.deepEqual(reader(inserted, 'Reader A'), { name: 'Reader A', cardPresent: false });

    fake.removeCard('Reader B');
    const removed = await next((s) => reader(s, 'Reader B')?.cardPresent === false);
    assert.deepEqual(reader(removed, 'Reader B'), { name: 'Reader B', cardPresent: false });
    assert.equal(seen.length, 3, 'one change per event, nothing in between');
  });

  it('sees a card already in the reader when it starts', async () => {
    const fake = new FakePcsc();
    fake.attachReader('Reader A');
    fake.insertCard('Reader A', ATR);
    const { monitor, next } = watch(fake);
    stopMonitor = () => monitor.stop();
    const first = await next((s) => s.pcsc.state === 'available');
    assert.deepEqual(first.readers, [{ name: 'Reader A', cardPresent: true, atr: '3B878001ABCD' }]);
  });

  it('goes unavailable when pcscd dies mid-wait and comes back on a fresh context', async () => {
    const fake = new FakePcsc();
    fake.attachReader('Reader A');
    const { monitor, next } = watch(fake);
    stopMonitor = () => monitor.stop();
    await next((s) => s.pcsc.state === 'available');

    fake.stopService();
    const down = await next((s) => s.pcsc.state === 'unavailable');
    assert.deepEqual(down.readers, []);
    assert.equal(fake.openContexts, 0, 'the dead context is released');

    fake.startService();
    fake.insertCard('Reader A', ATR);
    const back = await next((s) => s.pcsc.state === 'available');
    assert.deepEqual(back.readers, [{ name: 'Reader A', cardPresent: true, atr: '3B878001ABCD' }]);
  });

  it('publishes nothing when a periodic refresh finds nothing new', async () => {
    const fake = new FakePcsc();
    fake.attachReader('Reader A');
    const { monitor, next, seen } = watch(fake, FAST_RETRY, 2);
    stopMonitor = () => monitor.stop();
    await next((s) => s.pcsc.state === 'available');
    for (let i = 0; i < 5; i += 1) await waitForEvent(fake, 'wait', () => true);
    assert.equal(seen.length, 1);
  });

  it('stops promptly while waiting and while backing off, and releases its context', async () => {
    const fake = new FakePcsc();
    fake.attachReader('Reader A');
    const waiting = watch(fake);
    await waiting.next((s) => s.pcsc.state === 'available');
    const closed = waitForEvent(fake, 'contextClosed', () => true);
    await waiting.monitor.stop();
    await closed;
    assert.equal(fake.openContexts, 0);
    fake.insertCard('Reader A', ATR);
    assert.equal(waiting.seen.length, 1, 'no change published after stop');

    const down = new FakePcsc({ serviceUp: false });
    const backingOff = watch(down, { initialMs: 600_000, maxMs: 600_000, factor: 1 });
    await backingOff.next((s) => s.pcsc.state === 'unavailable');
    await backingOff.monitor.stop(); // would hang for ten minutes if the backoff timer were not woken
  });
});
