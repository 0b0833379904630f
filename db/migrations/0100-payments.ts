import type { Migration } from './index.ts';

/**
 * Payments per visit: the amount, how it is paid (VietQR or cash), where it
 * stands (waiting, paid, cancelled), the VietQR payload shown, the receipt
 * number and who confirmed it. At most one payment per visit waits at a time.
 */
export const migration0100Payments: Migration = {
  version: 100,
  name: 'payments',
  up(db) {
    db.exec(`
      CREATE TABLE payments (
        id INTEGER PRIMARY KEY,
        visit_id INTEGER NOT NULL REFERENCES visits (id),
        reference TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount >= 0),
        method TEXT NOT NULL CHECK (method IN ('vietqr', 'cash')),
        status TEXT NOT NULL CHECK (status IN ('waiting', 'paid', 'cancelled')),
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
        CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
      ) STRICT;
      CREATE INDEX payments_visit ON payments (visit_id, id);
      CREATE UNIQUE INDEX payments_waiting_visit ON payments (visit_id) WHERE status = 'waiting';
      CREATE INDEX payments_waiting ON payments (created_at) WHERE status = 'waiting';
    `);
  },
};
