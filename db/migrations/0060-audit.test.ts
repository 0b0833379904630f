import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openTestDatabase, queryPlan } from '../testing/test-database.ts';

describe('migration 0060 audit log: query plans', () => {
  it("reads a patient's audit trail and a time range through indexes", () => {
    using t = openTestDatabase();
    assert.deepEqual(
      queryPlan(t.db, 'SELECT * FROM audit_log WHERE patient_id = ? AND at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT 100', 1, '', '9'),
      ['SEARCH audit_log USING INDEX audit_log_patient (patient_id=? AND at>? AND at<?)'],
    );
    assert.deepEqual(queryPlan(t.db, 'SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT 100', '', '9'), [
      'SEARCH audit_log USING INDEX audit_log_at (at>? AND at<?)',
    ]);
  });
});
