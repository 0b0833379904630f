import type { Migration } from './index.ts';

/** Who touched which patient's data, when, from which desk. `detail` never holds personal data. */
export const migration0060Audit: Migration = {
  version: 60,
  name: 'audit log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        desk TEXT NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL,
        patient_id INTEGER,
        detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail))
      ) STRICT;
      CREATE INDEX audit_log_at ON audit_log (at);
      CREATE INDEX audit_log_patient ON audit_log (patient_id, at) WHERE patient_id IS NOT NULL;
    `);
  },
};
