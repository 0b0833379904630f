import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DUE_HIS_SQL, LAST_SUCCESS_SQL, RELEASE_EXPIRED_SQL } from '../his-outbox.ts';
import { openTestDatabase, queryPlan } from '../testing/test-database.ts';

describe('migration 0090 outbox order: query plans', () => {
  it('reads the visit from HIS payloads only', () => {
    using t = openTestDatabase();
    t.db.prepare(`INSERT INTO outbox (idempotency_key, kind, payload, status, next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', '2026', '2026')`).run('a', 'his.checkin', '{"visitId":7}');
    t.db.prepare(`INSERT INTO outbox (idempotency_key, kind, payload, status, next_attempt_at, created_at) VALUES (?, ?, ?, 'pending', '2026', '2026')`).run('b', 'bhxh.check', '{"visitId":7}');
    assert.deepEqual(t.db.prepare('SELECT idempotency_key AS k, visit_id AS v FROM outbox ORDER BY id').all(), [
      { k: 'a', v: 7 },
      { k: 'b', v: null },
    ]);
  });

  it('finds due HIS work through the due index and its visit predecessors through the visit order index', () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, DUE_HIS_SQL, { now: '2026-03-02T01:00:00.000Z', limit: 10 }), [
      'SEARCH o USING INDEX outbox_due (status=? AND next_attempt_at<?)',
      'CORRELATED SCALAR SUBQUERY 1',
      'SEARCH p USING INDEX outbox_visit_order (visit_id=? AND id<?)',
    ]);
    assert.deepEqual(queryPlan(t.db, RELEASE_EXPIRED_SQL, '2026-03-02T01:00:00.000Z'), ['SEARCH outbox USING INDEX outbox_due (status=? AND next_attempt_at<?)']);
    assert.deepEqual(queryPlan(t.db, LAST_SUCCESS_SQL), ['SEARCH outbox USING COVERING INDEX outbox_sent_at (sent_at>?)']);
  });
});
