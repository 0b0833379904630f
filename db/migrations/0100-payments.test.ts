import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LATEST_PAYMENT_OF_VISIT_SQL, WAITING_PAYMENTS_SQL } from '../payments.ts';
import { openTestDatabase, queryPlan } from '../testing/test-database.ts';

describe('migration 0100 payments: query plans', () => {
  it("finds a visit's newest payment through its index", () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, LATEST_PAYMENT_OF_VISIT_SQL, 1), ['SEARCH payments USING INDEX payments_visit (visit_id=?)']);
  });

  it('lists the waiting payments through the partial index, in order, without a sort', () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, WAITING_PAYMENTS_SQL, '2026-03-02T00:00:00.000Z', 10), ['SEARCH payments USING INDEX payments_waiting (created_at>?)']);
  });

  it('refuses a second waiting payment for one visit, and a paid one without its time', () => {
    using t = openTestDatabase();
    t.db.prepare(
      "INSERT INTO patients (id, full_name, name_search, birth_date, birth_year, sex, created_at, updated_at) VALUES (1, 'A', 'a', '1990', 1990, 'male', '', '')",
    ).run();
    t.db.prepare("INSERT INTO visits (id, patient_id, visit_date, clinic, visit_type, status, desk, created_at) VALUES (1, 1, '2026-03-02', 'K01', 'fee-paying', 'queued', 'A', '')").run();
    const insert = t.db.prepare(
      "INSERT INTO payments (visit_id, reference, amount, method, status, desk, created_at, updated_at, paid_at) VALUES (1, 'TD A1', 1, 'vietqr', ?, 'A', '', '', ?)",
    );
    insert.run('waiting', null);
    assert.throws(() => insert.run('waiting', null), /UNIQUE/);
    assert.throws(() => insert.run('paid', null), /CHECK/);
    insert.run('paid', '2026-03-02T01:00:00.000Z');
    assert.throws(() => insert.run('refunded', null), /CHECK/);
  });
});
