/**
 * The outbox: work for remote systems, committed in the same transaction as
 * the change that caused it. An idempotency key stores the work once however
 * often it is enqueued. A sender claims due work (leased for a while, so work
 * claimed by a sender that crashed comes back), then marks it sent or failed;
 * a failure is retried later with exponential backoff until the attempts run
 * out, when it stays failed for someone to look at.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxItem {
  id: number;
  idempotencyKey: string;
  kind: string;
  payload: unknown;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  /** A code or short technical message: never personal data. */
  lastError?: string;
  createdAt: string;
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** After this many failed attempts the item stays failed. */
  maxAttempts: number;
  /** How long a claim holds before the work is due again. */
  leaseMs: number;
}

export const DEFAULT_OUTBOX_BACKOFF: BackoffOptions = { baseMs: 30_000, maxMs: 3_600_000, maxAttempts: 20, leaseMs: 120_000 };

export interface OutboxRepository {
  /** Stores the work unless its key is already there; returns the stored row either way. */
  enqueue(input: { kind: string; idempotencyKey: string; payload: unknown }): OutboxItem;
  /** Due work (pending, or claimed with an expired lease), oldest first, marked sending with one more attempt. */
  claimDue(limit?: number): OutboxItem[];
  markDone(id: number): void;
  /** Schedules a retry with backoff, or leaves the item failed once the attempts run out. */
  markFailed(id: number, error: string): OutboxItem;
  byKey(idempotencyKey: string): OutboxItem | undefined;
  count(status?: OutboxStatus): number;
}

/** An outbox row as stored. */
export interface OutboxRow {
  id: number;
  idempotency_key: string;
  kind: string;
  payload: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
}

/** Delay before the next try after `attempts` failed attempts: base, 2×base, 4×base… capped. */
export function outboxBackoffMs(attempts: number, options: BackoffOptions = DEFAULT_OUTBOX_BACKOFF): number {
  return Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Due work: pending, or sending with an expired lease (a claim moves
 * next_attempt_at to the end of its lease). Exported for its query-plan test.
 */
export const DUE_OUTBOX_SQL = `SELECT * FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`;

/** A stored row as the senders see it. */
export function outboxItemOf(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    kind: row.kind,
    payload: JSON.parse(row.payload) as unknown,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    createdAt: row.created_at,
  };
}

export function createOutboxRepository(
  db: Database.Database,
  now: () => Date = () => new Date(),
  backoff: BackoffOptions = DEFAULT_OUTBOX_BACKOFF,
): OutboxRepository {
  const insert = db.prepare<[string, string, string, string, string]>(
    `INSERT INTO outbox (idempotency_key, kind, payload, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, 'pending', 0, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
  );
  const byKey = db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE idempotency_key = ?');
  const byId = db.prepare<[number], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
  const due = db.prepare<[string, number], OutboxRow>(DUE_OUTBOX_SQL);
  const claim = db.prepare<[string, number]>(`UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ? WHERE id = ?`);
  const done = db.prepare<[number]>(`UPDATE outbox SET status = 'sent', last_error = NULL WHERE id = ?`);
  const failed = db.prepare<[string, string, string, number]>('UPDATE outbox SET status = ?, next_attempt_at = ?, last_error = ? WHERE id = ?');
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox');
  const countStatus = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM outbox WHERE status = ?');


  const claimDue = db.transaction((limit: number): OutboxItem[] => {
    const at = now();
    const iso = at.toISOString();
    const leaseEnd = new Date(at.getTime() + backoff.leaseMs).toISOString();
    const rows = due.all(iso, limit);
    for (const row of rows) claim.run(leaseEnd, row.id);
    return rows.map((row) => outboxItemOf(byId.get(row.id)!));
  });

  const markFailed = db.transaction((id: number, error: string): OutboxItem => {
    const row = byId.get(id);
    if (!row) throw new RangeError(`no outbox item ${id}`);
    const at = now();
    const exhausted = row.attempts >= backoff.maxAttempts;
    const next = new Date(at.getTime() + outboxBackoffMs(row.attempts, backoff)).toISOString();
    failed.run(exhausted ? 'failed' : 'pending', exhausted ? at.toISOString() : next, error.slice(0, 500), id);
    return outboxItemOf(byId.get(id)!);
  });

  return {
    enqueue({ kind, idempotencyKey, payload }) {
      const at = now().toISOString();
      insert.run(idempotencyKey, kind, JSON.stringify(payload ?? null), at, at);
      return outboxItemOf(byKey.get(idempotencyKey)!);
    },
    claimDue: (limit = 10) => claimDue.immediate(limit),
    markDone(id) {
      done.run(id);
    },
    markFailed: (id, error) => markFailed.immediate(id, error),
    byKey(idempotencyKey) {
      const row = byKey.get(idempotencyKey);
      return row ? outboxItemOf(row) : undefined;
    },
    count: (status) => (status === undefined ? countAll.get()!.n : countStatus.get(status)!.n),
  };
}
