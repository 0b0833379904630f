import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { allocateQueueNumber, queueCounterKey } from '../domain/checkin/index.ts';
import { openDatabase } from './connection.ts';
import { createQueueCounterRepository, parseQueueCounterKey } from './queue-counters.ts';
import { openTestDatabase } from './testing/test-database.ts';

describe('queue counters', () => {
  it('count per clinic, day and desk prefix, and serve allocateQueueNumber', async () => {
    using t = openTestDatabase();
    const counter = createQueueCounterRepository(t.db);
    const key = queueCounterKey('K01', '2026-03-02', 'A');
    assert.equal(counter.current(key), 0);
    assert.equal(counter.increment(key), 1);
    assert.equal(counter.increment(key), 2);
    assert.equal(counter.increment(queueCounterKey('K01', '2026-03-02', 'B')), 1);
    assert.equal(counter.increment(queueCounterKey('K02', '2026-03-02', 'A')), 1);
    assert.equal(counter.increment(queueCounterKey('K01', '2026-03-03', 'A')), 1);
    assert.equal(counter.current(key), 2);
    const desk = { id: 'desk-a', prefix: 'A', name: 'Quầy A' };
    const allocated = await allocateQueueNumber({ clinicId: 'K01', at: '2026-03-02T02:00:00Z', desk }, { his: null, local: counter });
    assert.ok(allocated.ok);
    assert.equal(allocated.value.number.display, 'A-003');
    assert.equal(allocated.value.fallbackReason, 'no-his');
  });

  it('refuses a key that is not clinic|day|prefix', () => {
    assert.throws(() => parseQueueCounterKey('K01|2026-03-02'), RangeError);
    assert.throws(() => parseQueueCounterKey('K01||A'), RangeError);
  });

  it('never gives the same number twice to two connections on the same file', async () => {
    using t = openTestDatabase();
    const key = queueCounterKey('K01', '2026-03-02', 'A');
    const count = 150;
    const workers = [0, 1].map(
      () => new Worker(new URL('./testing/queue-counter-worker.ts', import.meta.url), { workerData: { file: t.file, key: t.key, counterKey: key, count } }),
    );
    // And this thread, as a third connection, interleaved with the workers.
    const local = openDatabase({ file: t.file, key: t.key });
    const mine: number[] = [];
    const counter = createQueueCounterRepository(local.db);
    for (let i = 0; i < count; i += 1) {
      mine.push(counter.increment(key));
      if (i % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    local.close();
    const results = await Promise.all(workers.map(async (worker) => (await once(worker, 'message'))[0] as number[]));
    const all = [...mine, ...results.flat()];
    assert.equal(all.length, 3 * count);
    assert.equal(new Set(all).size, all.length, 'no number given twice');
    assert.deepEqual([...all].sort((a, b) => a - b), Array.from({ length: 3 * count }, (_, i) => i + 1));
    for (const numbers of [mine, ...results]) assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), 'each connection counts up');
  });
});
