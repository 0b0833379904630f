import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DUE_SQL, LATEST_FOR_PATIENT_SQL, LATEST_FOR_VISIT_SQL, NEXT_DUE_SQL } from '../insurance-checks.ts';
import { openTestDatabase, queryPlan } from '../testing/test-database.ts';

describe('migration 0080 insurance checks: query plans', () => {
  it("finds a visit's and a patient's latest check through indexes", () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, LATEST_FOR_VISIT_SQL, 1), ['SEARCH insurance_checks USING INDEX insurance_checks_visit (visit_id=?)']);
    assert.deepEqual(queryPlan(t.db, LATEST_FOR_PATIENT_SQL, 1), ['SEARCH insurance_checks USING INDEX insurance_checks_patient (patient_id=?)']);
  });

  it('finds the older waiting checks of a visit or a patient to supersede through indexes', () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, "UPDATE insurance_checks SET status = 'superseded' WHERE visit_id = ? AND id < ? AND status = 'to-verify'", 1, 2), [
      'SEARCH insurance_checks USING INDEX insurance_checks_visit (visit_id=? AND id<?)',
    ]);
    assert.deepEqual(
      queryPlan(t.db, "UPDATE insurance_checks SET status = 'superseded' WHERE patient_id = ? AND visit_id IS NULL AND id < ? AND status = 'to-verify'", 1, 2),
      ['SEARCH insurance_checks USING INDEX insurance_checks_patient (patient_id=? AND id<?)'],
    );
  });

  it('finds due checks and the next due time through the partial index', () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, DUE_SQL, '2026-01-01T00:00:00Z', 10), [
      'SEARCH insurance_checks USING INDEX insurance_checks_due (next_attempt_at<?)',
    ]);
    assert.deepEqual(queryPlan(t.db, NEXT_DUE_SQL), ['SEARCH insurance_checks USING INDEX insurance_checks_due']);
  });
});
