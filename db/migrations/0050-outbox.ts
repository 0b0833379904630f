import type { Migration } from './index.ts';

/** Work for remote systems (HIS, BHXH gateway), committed with the change that caused it. */
export const migration0050Outbox: Migration = {
  version: 50,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
    `);
  },
};
