import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openTestDatabase, queryPlan } from '../testing/test-database.ts';

describe('migration 0050 outbox: query plans', () => {
  it('finds due work and an idempotency key through indexes', () => {
    using t = openTestDatabase();
    assert.deepEqual(
      queryPlan(t.db, 'SELECT * FROM outbox WHERE status = ? AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 10', 'pending', '2026'),
      ['SEARCH outbox USING INDEX outbox_due (status=? AND next_attempt_at<?)'],
    );
    assert.deepEqual(queryPlan(t.db, 'SELECT id FROM outbox WHERE idempotency_key = ?', 'k'), [
      'SEARCH outbox USING COVERING INDEX sqlite_autoindex_outbox_1 (idempotency_key=?)',
    ]);
  });
});
