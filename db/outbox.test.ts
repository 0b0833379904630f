import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOutboxRepository, DUE_OUTBOX_SQL, outboxBackoffMs } from './outbox.ts';
import { openTestDatabase, queryPlan } from './testing/test-database.ts';

const BACKOFF = { baseMs: 1_000, maxMs: 4_000, maxAttempts: 4, leaseMs: 60_000 };

describe('outbox', () => {
  it('stores work once per idempotency key', () => {
    using t = openTestDatabase();
    const outbox = createOutboxRepository(t.db, () => new Date('2026-03-02T01:00:00Z'));
    const first = outbox.enqueue({ kind: 'his.checkin', idempotencyKey: '7', payload: { visitId: 7 } });
    const again = outbox.enqueue({ kind: 'his.checkin', idempotencyKey: '7', payload: { visitId: 8 } });
    assert.deepEqual(again, first);
    assert.deepEqual(first.payload, { visitId: 7 });
    assert.equal(first.status, 'pending');
    assert.equal(outbox.count(), 1);
    assert.equal(outbox.byKey('8'), undefined);
  });

  it('claims due work oldest first, retries failures with backoff, and leaves exhausted work failed', () => {
    using t = openTestDatabase();
    let now = new Date('2026-03-02T01:00:00Z');
    const at = (ms: number) => new Date(now.getTime() + ms);
    const outbox = createOutboxRepository(t.db, () => now, BACKOFF);
    const a = outbox.enqueue({ kind: 'his.checkin', idempotencyKey: 'a', payload: 1 });
    now = at(10);
    const b = outbox.enqueue({ kind: 'his.checkin', idempotencyKey: 'b', payload: 2 });

    const claimed = outbox.claimDue();
    assert.deepEqual(claimed.map((item) => [item.id, item.status, item.attempts]), [[a.id, 'sending', 1], [b.id, 'sending', 1]]);
    assert.deepEqual(outbox.claimDue(), [], 'claimed work is not claimed twice');

    outbox.markDone(a.id);
    assert.equal(outbox.byKey('a')?.status, 'sent');
    const retry = outbox.markFailed(b.id, 'HIS_UNAVAILABLE');
    assert.equal(retry.status, 'pending');
    assert.equal(retry.lastError, 'HIS_UNAVAILABLE');
    assert.equal(retry.nextAttemptAt, at(1_000).toISOString());
    assert.deepEqual(outbox.claimDue(), [], 'not due before its backoff');
    for (const attempt of [2, 3, 4]) {
      now = at(outboxBackoffMs(attempt - 1, BACKOFF));
      const [item] = outbox.claimDue();
      assert.equal(item?.attempts, attempt);
      outbox.markFailed(b.id, 'HIS_UNAVAILABLE');
    }
    assert.equal(outbox.byKey('b')?.status, 'failed');
    now = at(86_400_000);
    assert.deepEqual(outbox.claimDue(), []);
    assert.deepEqual([outbox.count('sent'), outbox.count('failed'), outbox.count('pending')], [1, 1, 0]);
    assert.deepEqual([1, 2, 3, 4].map((n) => outboxBackoffMs(n, BACKOFF)), [1_000, 2_000, 4_000, 4_000]);
  });

  it('gives work claimed by a sender that stopped back once its lease runs out', () => {
    using t = openTestDatabase();
    let now = new Date('2026-03-02T01:00:00Z');
    const outbox = createOutboxRepository(t.db, () => now, BACKOFF);
    outbox.enqueue({ kind: 'his.checkin', idempotencyKey: 'a', payload: 1 });
    assert.equal(outbox.claimDue().length, 1);
    now = new Date(now.getTime() + 59_000);
    assert.equal(outbox.claimDue().length, 0);
    now = new Date(now.getTime() + 1_000);
    assert.deepEqual(outbox.claimDue().map((item) => item.attempts), [2]);
  });

  it('finds due work through the due index', () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, DUE_OUTBOX_SQL, '2026-03-02T01:00:00.000Z', 10), [
      'SEARCH outbox USING INDEX outbox_due (status=? AND next_attempt_at<?)',
      'USE TEMP B-TREE FOR ORDER BY',
    ]);
  });
});
