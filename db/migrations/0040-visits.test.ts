import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openTestDatabase, queryPlan } from '../testing/test-database.ts';

describe('migration 0040 visits: query plans', () => {
  it("lists a day's visits and a patient's visits through indexes", () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, 'SELECT * FROM visits WHERE visit_date = ? AND status = ?', '2026-03-02', 'waiting'), [
      'SEARCH visits USING INDEX visits_date_status (visit_date=? AND status=?)',
    ]);
    assert.deepEqual(queryPlan(t.db, 'SELECT * FROM visits WHERE patient_id = ? ORDER BY visit_date DESC', 1), [
      'SEARCH visits USING INDEX visits_patient (patient_id=?)',
    ]);
  });

  it('reads a queue counter by its key', () => {
    using t = openTestDatabase();
    assert.deepEqual(
      queryPlan(t.db, 'SELECT last_number FROM queue_counters WHERE clinic = ? AND day = ? AND desk_prefix = ?', 'K01', '2026-03-02', 'A'),
      ['SEARCH queue_counters USING PRIMARY KEY (clinic=? AND day=? AND desk_prefix=?)'],
    );
  });
});
