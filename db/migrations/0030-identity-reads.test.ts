import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openTestDatabase, queryPlan } from '../testing/test-database.ts';

describe('migration 0030 identity reads: query plans', () => {
  it('purges old photos and raw reads through indexes on their times', () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, 'DELETE FROM identity_photos WHERE created_at < ?', '2026'), [
      'SEARCH identity_photos USING COVERING INDEX identity_photos_created_at (created_at<?)',
      // ON DELETE SET NULL finds the reads of each deleted photo.
      'SEARCH identity_reads USING COVERING INDEX identity_reads_photo (photo_id=?)',
    ]);
    assert.deepEqual(queryPlan(t.db, 'UPDATE identity_reads SET raw = NULL WHERE raw IS NOT NULL AND read_at < ?', '2026'), [
      'SEARCH identity_reads USING INDEX identity_reads_raw_read_at (read_at<?)',
    ]);
  });

  it("lists a patient's reads, and finds the reads of a deleted photo, through indexes", () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, 'SELECT * FROM identity_reads WHERE patient_id = ? ORDER BY read_at DESC LIMIT 20', 1), [
      'SEARCH identity_reads USING INDEX identity_reads_patient (patient_id=?)',
    ]);
    assert.deepEqual(queryPlan(t.db, 'SELECT id FROM identity_reads WHERE photo_id = ?', 1), [
      'SEARCH identity_reads USING COVERING INDEX identity_reads_photo (photo_id=?)',
    ]);
  });
});
