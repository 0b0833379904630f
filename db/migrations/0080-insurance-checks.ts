import type { Migration } from './index.ts';

/**
 * BHXH card checks per patient and visit. A check waiting for the gateway
 * ('to-verify') keeps what it must ask again (`request`, JSON) until its result
 * lands, then only the result: code, outcome and the non-personal card fields
 * the screen and the HIS need (`result`, JSON). Status and outcome lists live
 * in the domain, so a new value needs no migration.
 */
export const migration0080InsuranceChecks: Migration = {
  version: 80,
  name: 'insurance checks',
  up(db) {
    db.exec(`
      CREATE TABLE insurance_checks (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id),
        visit_id INTEGER REFERENCES visits (id),
        status TEXT NOT NULL,
        request TEXT CHECK (request IS NULL OR json_valid(request)),
        code TEXT,
        outcome TEXT,
        strategy TEXT,
        result TEXT CHECK (result IS NULL OR json_valid(result)),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT,
        last_failure TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX insurance_checks_visit ON insurance_checks (visit_id, id) WHERE visit_id IS NOT NULL;
      CREATE INDEX insurance_checks_patient ON insurance_checks (patient_id, id);
      CREATE INDEX insurance_checks_due ON insurance_checks (next_attempt_at) WHERE status IN ('to-verify', 'running');
    `);
  },
};
