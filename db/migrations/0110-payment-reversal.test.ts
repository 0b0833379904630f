import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3-multiple-ciphers';
import { REVERSED_PAYMENTS_OF_VISIT_SQL } from '../payments.ts';
import { openTestDatabase, queryPlan } from '../testing/test-database.ts';
import { migrate } from './index.ts';

describe('migration 0110 payment reversal', () => {
  it('keeps every payment, its id and its indexes while the table is rebuilt', () => {
    const db = new Database(':memory:');
    try {
      migrate(db, undefined, 100);
      db.prepare("INSERT INTO patients (id, full_name, name_search, birth_date, birth_year, sex, created_at, updated_at) VALUES (1, 'A', 'a', '1990', 1990, 'male', '', '')").run();
      db.prepare("INSERT INTO visits (id, patient_id, visit_date, clinic, visit_type, status, desk, created_at) VALUES (1, 1, '2026-03-02', 'K01', 'fee-paying', 'paid', 'A', '')").run();
      db.prepare(
        "INSERT INTO payments (id, visit_id, reference, amount, method, status, confirmation, receipt_number, confirmed_by, desk, created_at, updated_at, paid_at) VALUES (5, 1, 'TD A1', 150000, 'cash', 'paid', 'clerk', 'BL-1', 'thu.ngan', 'A', 't0', 't1', 't1')",
      ).run();
      migrate(db);
      assert.deepEqual(db.prepare('SELECT id, status, receipt_number AS receipt, reversed_at AS reversedAt FROM payments').all(), [
        { id: 5, status: 'paid', receipt: 'BL-1', reversedAt: null },
      ]);
      const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payments' AND sql IS NOT NULL ORDER BY name").all();
      assert.deepEqual(indexes, [{ name: 'payments_visit' }, { name: 'payments_waiting' }, { name: 'payments_waiting_visit' }]);
      assert.throws(() => db.prepare("UPDATE payments SET status = 'reversed' WHERE id = 5").run(), /CHECK/, 'reversed needs when and who');
      db.prepare("UPDATE payments SET status = 'reversed', reversed_at = 't2', reversed_by = 'to.truong' WHERE id = 5").run();
    } finally {
      db.close();
    }
  });

  it("finds a visit's reversed payments through the visit index, without a sort", () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, REVERSED_PAYMENTS_OF_VISIT_SQL, 1), ['SEARCH payments USING INDEX payments_visit (visit_id=?)']);
  });
});
