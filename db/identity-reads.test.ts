import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createIdentityReadRepository } from './identity-reads.ts';
import { openTestDatabase } from './testing/test-database.ts';

describe('identity reads', () => {
  it('keep the photo and raw read until retention, then keep only the fact of the read', () => {
    using t = openTestDatabase();
    let now = new Date('2026-01-01T00:00:00Z');
    const reads = createIdentityReadRepository(t.db, () => now);
    const old = reads.record({ source: 'chip', verification: 'valid', photo: { mime: 'image/jpeg', bytes: new Uint8Array([1, 2, 3]) }, raw: { a: 1 } });
    now = new Date('2026-01-20T00:00:00Z');
    const recent = reads.record({ source: 'chip', verification: 'valid', photo: { mime: 'image/jpeg', bytes: new Uint8Array([4]) }, raw: { b: 2 } });
    const typed = reads.record({ source: 'typed', verification: 'unverified' });
    assert.deepEqual(reads.photo(old.photoId!)?.bytes, Buffer.from([1, 2, 3]));

    now = new Date('2026-01-31T00:00:00Z');
    assert.deepEqual(reads.purgeOlderThan(30), { photos: 0, rawReads: 0 });
    assert.deepEqual(reads.purgeOlderThan(15), { photos: 1, rawReads: 1 });
    assert.deepEqual(reads.purgeOlderThan(15), { photos: 0, rawReads: 0 });

    const rows = t.db.prepare('SELECT id, photo_id, raw FROM identity_reads ORDER BY id').all();
    assert.deepEqual(rows, [
      { id: old.id, photo_id: null, raw: null },
      { id: recent.id, photo_id: recent.photoId, raw: '{"b":2}' },
      { id: typed.id, photo_id: null, raw: null },
    ]);
    assert.equal(reads.photo(old.photoId!), undefined);
    assert.deepEqual(reads.purgeOlderThan(0), { photos: 1, rawReads: 1 });
  });

  it("list a patient's reads, newest first", () => {
    using t = openTestDatabase();
    t.db.prepare("INSERT INTO patients (id, full_name, name_search, birth_date, birth_year, sex, created_at, updated_at) VALUES (7, 'A', 'a', '1990', 1990, 'male', '', '')").run();
    let now = new Date('2026-01-01T00:00:00Z');
    const reads = createIdentityReadRepository(t.db, () => now);
    reads.record({ patientId: 7, source: 'qr', verification: 'unverified' });
    now = new Date('2026-01-02T00:00:00Z');
    reads.record({ patientId: 7, source: 'chip', verification: 'valid' });
    assert.deepEqual(reads.forPatient(7).map((r) => r.source), ['chip', 'qr']);
  });
});
