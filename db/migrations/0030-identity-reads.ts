import type { Migration } from './index.ts';

/**
 * Every identification of a patient: chip, QR or typed. The chip photo lives in
 * its own table so retention can delete it outright; the raw read is a column
 * that retention empties.
 */
export const migration0030IdentityReads: Migration = {
  version: 30,
  name: 'identity reads',
  up(db) {
    db.exec(`
      CREATE TABLE identity_photos (
        id INTEGER PRIMARY KEY,
        mime TEXT NOT NULL,
        bytes BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX identity_photos_created_at ON identity_photos (created_at);

      CREATE TABLE identity_reads (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER REFERENCES patients (id) ON DELETE SET NULL,
        source TEXT NOT NULL CHECK (source IN ('chip', 'qr', 'typed')),
        verification TEXT NOT NULL,
        photo_id INTEGER REFERENCES identity_photos (id) ON DELETE SET NULL,
        raw TEXT CHECK (raw IS NULL OR json_valid(raw)),
        read_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX identity_reads_patient ON identity_reads (patient_id, read_at) WHERE patient_id IS NOT NULL;
      CREATE INDEX identity_reads_raw_read_at ON identity_reads (read_at) WHERE raw IS NOT NULL;
      CREATE INDEX identity_reads_photo ON identity_reads (photo_id) WHERE photo_id IS NOT NULL;
    `);
  },
};
