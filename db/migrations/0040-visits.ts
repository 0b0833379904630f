import type { Migration } from './index.ts';

/**
 * Visits and the per-desk fallback queue counters. Value lists (visit type,
 * priority, status) belong to the check-in model and are checked there, so a
 * new value needs no migration.
 */
export const migration0040Visits: Migration = {
  version: 40,
  name: 'visits',
  up(db) {
    db.exec(`
      CREATE TABLE visits (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        visit_date TEXT NOT NULL CHECK (visit_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        clinic TEXT NOT NULL,
        visit_type TEXT NOT NULL,
        priority TEXT,
        reason TEXT,
        referral_number TEXT,
        appointment_number TEXT,
        queue_number TEXT,
        status TEXT NOT NULL,
        desk TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX visits_date_status ON visits (visit_date, status);
      CREATE INDEX visits_patient ON visits (patient_id, visit_date);
      CREATE UNIQUE INDEX visits_queue_number ON visits (visit_date, clinic, queue_number) WHERE queue_number IS NOT NULL;

      CREATE TABLE queue_counters (
        clinic TEXT NOT NULL,
        day TEXT NOT NULL,
        desk_prefix TEXT NOT NULL,
        last_number INTEGER NOT NULL CHECK (last_number >= 0),
        PRIMARY KEY (clinic, day, desk_prefix)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
