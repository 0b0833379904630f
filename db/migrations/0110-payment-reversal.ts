import type { Migration } from './index.ts';

/**
 * A payment the clerk confirmed by mistake can be reversed: the paid row is
 * kept, marked reversed with who did it and when, and a new waiting payment
 * takes its place. SQLite cannot widen a CHECK in place, so the table is
 * rebuilt with the same columns, indexes and ids.
 */
export const migration0110PaymentReversal: Migration = {
  version: 110,
  name: 'payment reversal',
  up(db) {
    db.exec(`
      CREATE TABLE payments_new (
        id INTEGER PRIMARY KEY,
        visit_id INTEGER NOT NULL REFERENCES visits (id),
        reference TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount >= 0),
        method TEXT NOT NULL CHECK (method IN ('vietqr', 'cash')),
        status TEXT NOT NULL CHECK (status IN ('waiting', 'paid', 'cancelled', 'reversed')),
        payload TEXT,
        bank_bin TEXT,
        account_number TEXT,
        account_name TEXT,
        confirmation TEXT CHECK (confirmation IN ('his', 'clerk')),
        receipt_number TEXT,
        confirmed_by TEXT,
        desk TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        paid_at TEXT,
        cancelled_at TEXT,
        reversed_at TEXT,
        reversed_by TEXT,
        CHECK ((status IN ('paid', 'reversed')) = (paid_at IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
        CHECK ((status = 'reversed') = (reversed_at IS NOT NULL AND reversed_by IS NOT NULL))
      ) STRICT;
      INSERT INTO payments_new (id, visit_id, reference, amount, method, status, payload, bank_bin, account_number, account_name,
          confirmation, receipt_number, confirmed_by, desk, created_at, updated_at, paid_at, cancelled_at)
        SELECT id, visit_id, reference, amount, method, status, payload, bank_bin, account_number, account_name,
          confirmation, receipt_number, confirmed_by, desk, created_at, updated_at, paid_at, cancelled_at
        FROM payments;
      DROP TABLE payments;
      ALTER TABLE payments_new RENAME TO payments;
      CREATE INDEX payments_visit ON payments (visit_id, id);
      CREATE UNIQUE INDEX payments_waiting_visit ON payments (visit_id) WHERE status = 'waiting';
      CREATE INDEX payments_waiting ON payments (created_at) WHERE status = 'waiting';
    `);
  },
};
