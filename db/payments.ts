/**
 * Payments as stored: one row per attempt to take a visit's fee. A row starts
 * waiting and ends paid or cancelled, once; a paid one the clerk confirmed by
 * mistake may end reversed (kept, never deleted). The services decide when (this
 * repository only refuses a move the states do not allow). Values are checked by
 * the payment service, not here.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export type StoredPaymentMethod = 'vietqr' | 'cash';
export type StoredPaymentStatus = 'waiting' | 'paid' | 'cancelled' | 'reversed';
export type StoredConfirmation = 'his' | 'clerk';

export interface PaymentRecordInput {
  visitId: number;
  /** The visit reference the transfer purpose carries. */
  reference: string;
  amount: number;
  method: StoredPaymentMethod;
  /** The VietQR payload shown, null when only cash can be taken. */
  payload: string | null;
  bankBin: string | null;
  accountNumber: string | null;
  accountName: string | null;
  desk: string;
}

export interface PaymentRecord extends PaymentRecordInput {
  id: number;
  status: StoredPaymentStatus;
  confirmation: StoredConfirmation | null;
  receiptNumber: string | null;
  confirmedBy: string | null;
  createdAt: string;
  updatedAt: string;
  paidAt: string | null;
  cancelledAt: string | null;
  reversedAt: string | null;
  reversedBy: string | null;
}

export interface PaymentSettlement {
  method: StoredPaymentMethod;
  confirmation: StoredConfirmation;
  receiptNumber: string | null;
  confirmedBy: string;
}

export interface PaymentRepository {
  insert(payment: PaymentRecordInput): PaymentRecord;
  find(id: number): PaymentRecord | undefined;
  /** The visit's newest payment, whatever its state. */
  latestForVisit(visitId: number): PaymentRecord | undefined;
  /** Payments still waiting, created at or after `since` (an ISO instant; all by default), oldest first: what to keep asking the HIS about after a restart. */
  waiting(options?: { since?: string; limit?: number }): PaymentRecord[];
  /** Waiting → paid. Undefined when the payment is not waiting (already settled, or none). */
  markPaid(id: number, settlement: PaymentSettlement): PaymentRecord | undefined;
  /** Waiting → cancelled. Undefined when the payment is not waiting. */
  markCancelled(id: number, by: string): PaymentRecord | undefined;
  /** Paid by the clerk's word → reversed. Undefined when the payment is not such a paid one. */
  markReversed(id: number, by: string): PaymentRecord | undefined;
  /** The ids of the visit's reversed payments, oldest first. */
  reversedOfVisit(visitId: number): number[];
}

interface PaymentRow {
  id: number;
  visit_id: number;
  reference: string;
  amount: number;
  method: StoredPaymentMethod;
  status: StoredPaymentStatus;
  payload: string | null;
  bank_bin: string | null;
  account_number: string | null;
  account_name: string | null;
  confirmation: StoredConfirmation | null;
  receipt_number: string | null;
  confirmed_by: string | null;
  desk: string;
  created_at: string;
  updated_at: string;
  paid_at: string | null;
  cancelled_at: string | null;
  reversed_at: string | null;
  reversed_by: string | null;
}

/** The lookups the payment step serves, exported for their query-plan test. */
export const LATEST_PAYMENT_OF_VISIT_SQL = 'SELECT * FROM payments WHERE visit_id = ? ORDER BY id DESC LIMIT 1';
export const REVERSED_PAYMENTS_OF_VISIT_SQL = "SELECT id FROM payments WHERE visit_id = ? AND status = 'reversed' ORDER BY id";
export const WAITING_PAYMENTS_SQL = "SELECT * FROM payments WHERE status = 'waiting' AND created_at >= ? ORDER BY created_at, id LIMIT ?";

export function createPaymentRepository(db: Database.Database, now: () => Date = () => new Date()): PaymentRepository {
  const insert = db.prepare(
    `INSERT INTO payments (visit_id, reference, amount, method, status, payload, bank_bin, account_number, account_name, desk, created_at, updated_at)
     VALUES (@visitId, @reference, @amount, @method, 'waiting', @payload, @bankBin, @accountNumber, @accountName, @desk, @at, @at)`,
  );
  const byId = db.prepare<[number], PaymentRow>('SELECT * FROM payments WHERE id = ?');
  const latest = db.prepare<[number], PaymentRow>(LATEST_PAYMENT_OF_VISIT_SQL);
  const waiting = db.prepare<[string, number], PaymentRow>(WAITING_PAYMENTS_SQL);
  const paid = db.prepare(
    `UPDATE payments SET status = 'paid', method = @method, confirmation = @confirmation, receipt_number = @receiptNumber,
       confirmed_by = @confirmedBy, paid_at = @at, updated_at = @at
     WHERE id = @id AND status = 'waiting'`,
  );
  const cancelled = db.prepare(
    `UPDATE payments SET status = 'cancelled', confirmed_by = @by, cancelled_at = @at, updated_at = @at WHERE id = @id AND status = 'waiting'`,
  );
  const reversed = db.prepare(
    `UPDATE payments SET status = 'reversed', reversed_by = @by, reversed_at = @at, updated_at = @at
     WHERE id = @id AND status = 'paid' AND confirmation = 'clerk'`,
  );
  const reversedIds = db.prepare<[number], { id: number }>(REVERSED_PAYMENTS_OF_VISIT_SQL);

  const toRecord = (row: PaymentRow): PaymentRecord => ({
    id: row.id,
    visitId: row.visit_id,
    reference: row.reference,
    amount: row.amount,
    method: row.method,
    status: row.status,
    payload: row.payload,
    bankBin: row.bank_bin,
    accountNumber: row.account_number,
    accountName: row.account_name,
    confirmation: row.confirmation,
    receiptNumber: row.receipt_number,
    confirmedBy: row.confirmed_by,
    desk: row.desk,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    paidAt: row.paid_at,
    cancelledAt: row.cancelled_at,
    reversedAt: row.reversed_at,
    reversedBy: row.reversed_by,
  });
  const found = (id: number): PaymentRecord | undefined => {
    const row = byId.get(id);
    return row ? toRecord(row) : undefined;
  };

  return {
    insert(payment) {
      const id = Number(insert.run({ ...payment, at: now().toISOString() }).lastInsertRowid);
      return found(id)!;
    },
    find: found,
    latestForVisit(visitId) {
      const row = latest.get(visitId);
      return row ? toRecord(row) : undefined;
    },
    waiting: ({ since = '', limit = 500 } = {}) => waiting.all(since, limit).map(toRecord),
    markPaid(id, settlement) {
      const changed = paid.run({ id, ...settlement, at: now().toISOString() }).changes;
      return changed === 1 ? found(id) : undefined;
    },
    markCancelled(id, by) {
      const changed = cancelled.run({ id, by, at: now().toISOString() }).changes;
      return changed === 1 ? found(id) : undefined;
    },
    markReversed(id, by) {
      const changed = reversed.run({ id, by, at: now().toISOString() }).changes;
      return changed === 1 ? found(id) : undefined;
    },
    reversedOfVisit: (visitId) => reversedIds.all(visitId).map((row) => row.id),
  };
}
