import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createNameSearch, NAME_SEARCH_SQL, nameMatchExpression } from '../name-search.ts';
import { openTestDatabase, queryPlan } from '../testing/test-database.ts';

/** The lookups this migration serves, as db/patients.ts runs them. */
describe('migration 0020 patients: query plans', () => {
  it('finds a patient by CCCD through the unique index', () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, 'SELECT * FROM patients WHERE cccd = ?', '001090012345'), [
      'SEARCH patients USING INDEX patients_cccd (cccd=?)',
    ]);
  });

  it('finds patients by BHXH number, phone and old ID number through their indexes', () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, 'SELECT * FROM patients WHERE bhxh_number = ? LIMIT 50', '0123456789'), [
      'SEARCH patients USING INDEX patients_bhxh_number (bhxh_number=?)',
    ]);
    assert.deepEqual(queryPlan(t.db, 'SELECT * FROM patients WHERE phone = ? LIMIT 50', '0912345678'), [
      'SEARCH patients USING INDEX patients_phone (phone=?)',
    ]);
    const oldId = queryPlan(t.db, 'SELECT p.* FROM patient_old_ids o JOIN patients p ON p.id = o.patient_id WHERE o.id_number = ?', '123456789');
    assert.ok(oldId.some((line) => line.startsWith('SEARCH o USING COVERING INDEX patient_old_ids_number')), oldId.join('\n'));
    assert.ok(oldId.some((line) => line.startsWith('SEARCH p USING INTEGER PRIMARY KEY')), oldId.join('\n'));
  });

  it('searches names through the FTS index, never a scan of patients, with or without the birth year', () => {
    using t = openTestDatabase();
    createNameSearch(t.db);
    for (const expression of [
      nameMatchExpression([{ word: 'an', prefix: true }]),
      nameMatchExpression([{ word: 'van', prefix: false }, { word: 'an', prefix: false }], 1990),
    ]) {
      const plan = queryPlan(t.db, NAME_SEARCH_SQL, expression, 'nguyen', 10);
      assert.ok(plan.some((line) => /^SCAN patient_names VIRTUAL TABLE INDEX \d+:M/.test(line)), plan.join('\n'));
      assert.ok(!plan.some((line) => /^SCAN (p|patients)\b/.test(line)), plan.join('\n'));
    }
  });

  it('finds the whole name as typed, with or without the year, through an index', () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, 'SELECT * FROM patients WHERE name_search = ? LIMIT 10', 'nguyen van an'), [
      'SEARCH patients USING INDEX patients_name_birth_sex (name_search=?)',
    ]);
    assert.deepEqual(
      queryPlan(t.db, 'SELECT * FROM patients WHERE name_search = ? AND birth_date >= ? AND birth_date < ? LIMIT 10', 'nguyen van an', '1990', '1991'),
      ['SEARCH patients USING INDEX patients_name_birth_sex (name_search=? AND birth_date>? AND birth_date<?)'],
    );
  });

  it('checks duplicates (name + birth date + sex) through an index', () => {
    using t = openTestDatabase();
    assert.deepEqual(
      queryPlan(t.db, 'SELECT * FROM patients WHERE name_search = ? AND birth_date = ? AND sex = ? AND id != ? LIMIT 10', 'a', '1990', 'male', 0),
      ['SEARCH patients USING INDEX patients_name_birth_sex (name_search=? AND birth_date=? AND sex=?)'],
    );
  });

  it('finds BHYT cards by number through an index', () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, 'SELECT * FROM bhyt_cards WHERE card_number = ?', 'DN4010123456789'), [
      'SEARCH bhyt_cards USING INDEX bhyt_cards_card_number (card_number=?)',
    ]);
  });
});
