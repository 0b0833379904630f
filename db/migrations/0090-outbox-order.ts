import type { Migration } from './index.ts';

/**
 * HIS work is sent in order per visit: the visit an item belongs to is read
 * from its payload (a generated column, so every writer of the outbox gets it
 * without knowing), and indexed with the item's id, which is its place in the
 * visit's order. `sent_at` records when the HIS took an item (the "last
 * success" the desk shows).
 */
export const migration0090OutboxOrder: Migration = {
  version: 90,
  name: 'outbox order',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN visit_id INTEGER
        GENERATED ALWAYS AS (CASE WHEN kind LIKE 'his.%' THEN CAST(json_extract(payload, '$.visitId') AS INTEGER) END) VIRTUAL;
      ALTER TABLE outbox ADD COLUMN sent_at TEXT;
      CREATE INDEX outbox_visit_order ON outbox (visit_id, id) WHERE visit_id IS NOT NULL;
      CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;
    `);
  },
};
