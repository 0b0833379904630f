import type { Migration } from './index.ts';

/**
 * What a visit keeps beyond 0040: the clinic as printed (later renames do not
 * change a ticket), why the desk numbered the queue itself, and the clerk's
 * biometric decision (JSON: decision, reason, by, at). Priorities stay in
 * `priority`, as comma-separated codes in queue order.
 */
export const migration0070VisitDetails: Migration = {
  version: 70,
  name: 'visit details',
  up(db) {
    db.exec(`
      ALTER TABLE visits ADD COLUMN clinic_name TEXT;
      ALTER TABLE visits ADD COLUMN clinic_room TEXT;
      ALTER TABLE visits ADD COLUMN queue_fallback TEXT;
      ALTER TABLE visits ADD COLUMN biometric TEXT CHECK (biometric IS NULL OR json_valid(biometric));
    `);
  },
};
