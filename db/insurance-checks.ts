/**
 * BHXH card checks: one row per check of a patient (and visit). A check that
 * could not reach the gateway waits as 'to-verify' with the time of its next
 * attempt; the background retry claims due checks (a claim is a lease: a crash
 * mid-check brings the check back when the lease ends). Once a result lands the
 * request is dropped and only the result is kept.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { InsuranceCheckStatus, InsuranceFailure } from '../domain/insurance-api.ts';

export interface InsuranceCheckRequest {
  /** Card code, BHXH number or CCCD number chosen for the look-up, if the clerk gave one. */
  cardCode?: string | undefined;
  /** A corrected name or birth date for this check (after 060/061/070). */
  fullName?: string | undefined;
  birthDate?: string | undefined;
}

export interface InsuranceCheckRecord {
  id: number;
  patientId: number;
  visitId: number | null;
  status: InsuranceCheckStatus;
  request: InsuranceCheckRequest | null;
  code: string | null;
  outcome: string | null;
  strategy: string | null;
  result: unknown;
  attempts: number;
  nextAttemptAt: string | null;
  lastFailure: InsuranceFailure | null;
  createdAt: string;
  updatedAt: string;
}

export interface InsuranceCheckRepository {
  /** A new check, claimed for `leaseMs` (status running) by whoever creates it. */
  create(input: { patientId: number; visitId: number | null; request: InsuranceCheckRequest; leaseMs: number }): InsuranceCheckRecord;
  get(id: number): InsuranceCheckRecord | undefined;
  latestForVisit(visitId: number): InsuranceCheckRecord | undefined;
  latestForPatient(patientId: number): InsuranceCheckRecord | undefined;
  /** Checks due again (to-verify, or running past their lease), claimed for `leaseMs` with one more attempt. */
  claimDue(leaseMs: number, limit?: number): InsuranceCheckRecord[];
  /** The earliest time a check is due, or undefined when none waits. */
  nextDueAt(): string | undefined;
  /**
   * The result landed: status done or needs-review; the request is dropped.
   * Undefined when the check was no longer running (superseded, or landed by
   * another attempt): nothing is written.
   */
  complete(
    id: number,
    input: { status: 'done' | 'needs-review'; code: string; outcome: string; strategy: string; result: unknown },
  ): InsuranceCheckRecord | undefined;
  /** The gateway could not be reached: to-verify again at `nextAttemptAt` (a check no longer running is left as it is). */
  postpone(id: number, input: { failure: InsuranceFailure; nextAttemptAt: string }): InsuranceCheckRecord;
  /** A person must look (settings wrong, login refused): no more background attempts (a check no longer running is left as it is). */
  halt(id: number, failure: InsuranceFailure): InsuranceCheckRecord;
  /**
   * Older checks of the same visit (or, without a visit, of the patient)
   * still waiting to verify or running stop: a newer one replaces them, and
   * an attempt still out for one of them lands nothing.
   */
  supersede(check: InsuranceCheckRecord): number;
  /**
   * Gives the patient's latest check made since `since` without a visit (the
   * one run at identification) to the visit created from it; undefined when
   * there is none.
   */
  attachToVisit(patientId: number, visitId: number, since: string): InsuranceCheckRecord | undefined;
}

interface Row {
  id: number;
  patient_id: number;
  visit_id: number | null;
  status: InsuranceCheckStatus;
  request: string | null;
  code: string | null;
  outcome: string | null;
  strategy: string | null;
  result: string | null;
  attempts: number;
  next_attempt_at: string | null;
  last_failure: InsuranceFailure | null;
  created_at: string;
  updated_at: string;
}

/** Exported for the query-plan tests. */
export const LATEST_FOR_VISIT_SQL = 'SELECT * FROM insurance_checks WHERE visit_id = ? ORDER BY id DESC LIMIT 1';
export const LATEST_FOR_PATIENT_SQL = 'SELECT * FROM insurance_checks WHERE patient_id = ? ORDER BY id DESC LIMIT 1';
export const DUE_SQL = `SELECT * FROM insurance_checks WHERE status IN ('to-verify', 'running') AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`;
export const NEXT_DUE_SQL = `SELECT min(next_attempt_at) AS at FROM insurance_checks WHERE status IN ('to-verify', 'running')`;

export function createInsuranceCheckRepository(db: Database.Database, now: () => Date = () => new Date()): InsuranceCheckRepository {
  const insert = db.prepare<[number, number | null, string, string, string, string]>(
    `INSERT INTO insurance_checks (patient_id, visit_id, status, request, attempts, next_attempt_at, created_at, updated_at)
     VALUES (?, ?, 'running', ?, 1, ?, ?, ?)`,
  );
  const byId = db.prepare<[number], Row>('SELECT * FROM insurance_checks WHERE id = ?');
  const forVisit = db.prepare<[number], Row>(LATEST_FOR_VISIT_SQL);
  const forPatient = db.prepare<[number], Row>(LATEST_FOR_PATIENT_SQL);
  const due = db.prepare<[string, number], Row>(DUE_SQL);
  const nextDue = db.prepare<[], { at: string | null }>(NEXT_DUE_SQL);
  const claim = db.prepare<[string, string, number]>(
    `UPDATE insurance_checks SET status = 'running', attempts = attempts + 1, next_attempt_at = ?, updated_at = ? WHERE id = ?`,
  );
  const completeRow = db.prepare<[string, string, string, string, string, string, number]>(
    `UPDATE insurance_checks SET status = ?, code = ?, outcome = ?, strategy = ?, result = ?, request = NULL,
       next_attempt_at = NULL, last_failure = NULL, updated_at = ? WHERE id = ? AND status = 'running'`,
  );
  const postponeRow = db.prepare<[string, string, string, number]>(
    `UPDATE insurance_checks SET status = 'to-verify', last_failure = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'running'`,
  );
  const haltRow = db.prepare<[string, string, number]>(
    `UPDATE insurance_checks SET status = 'needs-review', last_failure = ?, next_attempt_at = NULL, updated_at = ? WHERE id = ? AND status = 'running'`,
  );

  const supersedeForVisit = db.prepare<[string, number, number]>(
    `UPDATE insurance_checks SET status = 'superseded', request = NULL, next_attempt_at = NULL, updated_at = ?
     WHERE visit_id = ? AND id < ? AND status IN ('to-verify', 'running')`,
  );
  const supersedeForPatient = db.prepare<[string, number, number]>(
    `UPDATE insurance_checks SET status = 'superseded', request = NULL, next_attempt_at = NULL, updated_at = ?
     WHERE patient_id = ? AND visit_id IS NULL AND id < ? AND status IN ('to-verify', 'running')`,
  );

  const attach = db.prepare<[number, string, number, string]>(
    `UPDATE insurance_checks SET visit_id = ?, updated_at = ?
     WHERE id = (SELECT id FROM insurance_checks WHERE patient_id = ? AND visit_id IS NULL AND status != 'superseded' AND created_at >= ?
                 ORDER BY id DESC LIMIT 1)
     RETURNING id`,
  );

  const toRecord = (row: Row): InsuranceCheckRecord => ({
    id: row.id,
    patientId: row.patient_id,
    visitId: row.visit_id,
    status: row.status,
    request: row.request === null ? null : (JSON.parse(row.request) as InsuranceCheckRequest),
    code: row.code,
    outcome: row.outcome,
    strategy: row.strategy,
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastFailure: row.last_failure,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  const reread = (id: number): InsuranceCheckRecord => {
    const row = byId.get(id);
    if (!row) throw new RangeError(`no insurance check ${id}`);
    return toRecord(row);
  };
  const later = (ms: number) => new Date(now().getTime() + ms).toISOString();

  const claimDue = db.transaction((leaseMs: number, limit: number): InsuranceCheckRecord[] => {
    const at = now().toISOString();
    const rows = due.all(at, limit);
    for (const row of rows) claim.run(later(leaseMs), at, row.id);
    return rows.map((row) => reread(row.id));
  });

  return {
    create({ patientId, visitId, request, leaseMs }) {
      const at = now().toISOString();
      const { lastInsertRowid } = insert.run(patientId, visitId, JSON.stringify(request), later(leaseMs), at, at);
      return reread(Number(lastInsertRowid));
    },
    get(id) {
      const row = byId.get(id);
      return row ? toRecord(row) : undefined;
    },
    latestForVisit(visitId) {
      const row = forVisit.get(visitId);
      return row ? toRecord(row) : undefined;
    },
    latestForPatient(patientId) {
      const row = forPatient.get(patientId);
      return row ? toRecord(row) : undefined;
    },
    claimDue: (leaseMs, limit = 10) => claimDue.immediate(leaseMs, limit),
    nextDueAt: () => nextDue.get()?.at ?? undefined,
    complete(id, { status, code, outcome, strategy, result }) {
      const { changes } = completeRow.run(status, code, outcome, strategy, JSON.stringify(result), now().toISOString(), id);
      return changes === 1 ? reread(id) : undefined;
    },
    postpone(id, { failure, nextAttemptAt }) {
      postponeRow.run(failure, nextAttemptAt, now().toISOString(), id);
      return reread(id);
    },
    halt(id, failure) {
      haltRow.run(failure, now().toISOString(), id);
      return reread(id);
    },
    attachToVisit(patientId, visitId, since) {
      const row = attach.get(visitId, now().toISOString(), patientId, since) as { id: number } | undefined;
      return row ? reread(row.id) : undefined;
    },
    supersede(check) {
      const at = now().toISOString();
      const { changes } =
        check.visitId === null ? supersedeForPatient.run(at, check.patientId, check.id) : supersedeForVisit.run(at, check.visitId, check.id);
      return changes;
    },
  };
}
