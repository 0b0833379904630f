/**
 * The HIS side of the outbox (items whose kind starts with "his."): claimed
 * in order per visit — an item is due only when every earlier item of its
 * visit has been sent — rescheduled with the delay the sync worker chose,
 * parked for attention when the HIS will never take it as sent, and retried
 * on demand. One sender per database: what a sender that died left "sending"
 * is pending again when the next one starts.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { outboxItemOf, type OutboxItem, type OutboxRow } from './outbox.ts';

export interface HisOutboxItem extends OutboxItem {
  visitId: number | null;
}

export interface HisOutboxStatus {
  pending: number;
  attention: number;
  lastSuccessAt: string | null;
}

export interface HisAttentionItem {
  id: number;
  kind: string;
  visitId: number | null;
  attempts: number;
  /** A code or short technical message: never personal data. */
  reason: string;
  createdAt: string;
  /** When it was parked. */
  since: string;
}

export interface HisOutbox {
  /** Pending and due at `now`: items a sender that stopped left "sending". Returns how many. */
  recoverInterrupted(now: Date): number;
  /**
   * Due items — pending, or sending with a lease run out (a send that never
   * settled) — the first unsent of each visit, oldest first, marked sending until `leaseUntil`.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): HisOutboxItem[];
  markSent(id: number, at: Date): void;
  reschedule(id: number, at: Date, reason: string): void;
  markAttention(id: number, at: Date, reason: string): void;
  /**
   * Back to pending now: one item needing attention, or (no id) every one —
   * and then also every item waiting out a backoff, so "send all again" after
   * an outage sends at once. Returns how many items needing attention moved.
   */
  retry(now: Date, id?: number): number;
  /**
   * Nothing may wait past `horizon` (the longest delay ever set from now):
   * a later time means the clock went back, so those items are due now. Returns how many moved.
   */
  clampFuture(now: Date, horizon: Date): number;
  /** The earliest time a pending item is due, if any. */
  nextDueAt(): string | undefined;
  status(): HisOutboxStatus;
  attention(limit: number): HisAttentionItem[];
  get(id: number): HisOutboxItem | undefined;
}

interface Row extends OutboxRow {
  visit_id: number | null;
}

const HIS = `kind LIKE 'his.%'`;

/** Due HIS work in visit order; exported for its query-plan test. */
export const DUE_HIS_SQL = `SELECT o.id, o.idempotency_key, o.kind, o.payload, o.status, o.attempts, o.next_attempt_at, o.last_error, o.created_at, o.visit_id
  FROM outbox o
  WHERE o.status = 'pending' AND o.next_attempt_at <= @now AND o.kind LIKE 'his.%'
    AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.visit_id = o.visit_id AND p.id < o.id AND p.status <> 'sent')
  ORDER BY o.next_attempt_at, o.id LIMIT @limit`;

/** Sends whose lease ran out are pending again; exported for its query-plan test. */
export const RELEASE_EXPIRED_SQL = `UPDATE outbox SET status = 'pending' WHERE status = 'sending' AND next_attempt_at <= ? AND kind LIKE 'his.%'`;

export const LAST_SUCCESS_SQL = `SELECT max(sent_at) AS at FROM outbox WHERE sent_at IS NOT NULL`;

export function createHisOutbox(db: Database.Database): HisOutbox {
  const due = db.prepare<[{ now: string; limit: number }], Row>(DUE_HIS_SQL);
  const claim = db.prepare<[string, number]>(`UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ? WHERE id = ?`);
  const recover = db.prepare<[string]>(`UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE status = 'sending' AND ${HIS}`);
  const sent = db.prepare<[string, number]>(`UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?`);
  const reschedule = db.prepare<[string, string, number]>(`UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?`);
  const attention = db.prepare<[string, string, number]>(`UPDATE outbox SET status = 'failed', next_attempt_at = ?, last_error = ? WHERE id = ?`);
  const retryOne = db.prepare<[string, number]>(`UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE id = ? AND status = 'failed' AND ${HIS}`);
  const retryAll = db.prepare<[string]>(`UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE status = 'failed' AND ${HIS}`);
  const dueNow = db.prepare<[string, string]>(`UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ? AND ${HIS}`);
  const retryEverything = db.transaction((at: string): number => {
    const moved = retryAll.run(at).changes;
    dueNow.run(at, at);
    return moved;
  });
  const clamp = db.prepare<[string, string]>(`UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at > ? AND ${HIS}`);
  const nextDue = db.prepare<[], { at: string | null }>(`SELECT min(next_attempt_at) AS at FROM outbox WHERE status = 'pending' AND ${HIS}`);
  const countStatus = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM outbox WHERE status = ? AND ${HIS}`);
  const lastSuccess = db.prepare<[], { at: string | null }>(LAST_SUCCESS_SQL);
  const attentionList = db.prepare<[number], Row>(`SELECT * FROM outbox WHERE status = 'failed' AND ${HIS} ORDER BY id LIMIT ?`);
  const byId = db.prepare<[number], Row>(`SELECT * FROM outbox WHERE id = ? AND ${HIS}`);

  const toItem = (row: Row): HisOutboxItem => ({ ...outboxItemOf(row), visitId: row.visit_id });

  // A claim moves next_attempt_at to the end of its lease: a send that never settled is due again after it.
  const releaseExpired = db.prepare<[string]>(RELEASE_EXPIRED_SQL);

  const claimDue = db.transaction((now: Date, leaseUntil: Date, limit: number): HisOutboxItem[] => {
    releaseExpired.run(now.toISOString());
    const rows = due.all({ now: now.toISOString(), limit });
    const lease = leaseUntil.toISOString();
    for (const row of rows) claim.run(lease, row.id);
    return rows.map((row) => toItem({ ...row, status: 'sending', attempts: row.attempts + 1, next_attempt_at: lease }));
  });

  return {
    recoverInterrupted: (now) => recover.run(now.toISOString()).changes,
    claimDue: (now, leaseUntil, limit) => claimDue.immediate(now, leaseUntil, limit),
    markSent(id, at) {
      sent.run(at.toISOString(), id);
    },
    reschedule(id, at, reason) {
      reschedule.run(at.toISOString(), reason.slice(0, 500), id);
    },
    markAttention(id, at, reason) {
      attention.run(at.toISOString(), reason.slice(0, 500), id);
    },
    retry: (now, id) => (id === undefined ? retryEverything.immediate(now.toISOString()) : retryOne.run(now.toISOString(), id).changes),
    clampFuture: (now, horizon) => clamp.run(now.toISOString(), horizon.toISOString()).changes,
    nextDueAt: () => nextDue.get()?.at ?? undefined,
    status: () => ({
      pending: countStatus.get('pending')!.n + countStatus.get('sending')!.n,
      attention: countStatus.get('failed')!.n,
      lastSuccessAt: lastSuccess.get()?.at ?? null,
    }),
    attention: (limit) =>
      attentionList.all(limit).map((row) => ({
        id: row.id,
        kind: row.kind,
        visitId: row.visit_id,
        attempts: row.attempts,
        reason: row.last_error ?? '',
        createdAt: row.created_at,
        since: row.next_attempt_at,
      })),
    get(id) {
      const row = byId.get(id);
      return row ? toItem(row) : undefined;
    },
  };
}
