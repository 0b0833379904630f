/**
 * The audit log: append-only lines of who did what to which patient, from
 * which desk. The detail is for codes and counts, never personal data.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export interface AuditEntryInput {
  desk: string;
  user: string;
  action: string;
  patientId?: number;
  detail?: Record<string, string | number | boolean | null>;
}

export interface AuditEntry extends Required<Omit<AuditEntryInput, 'patientId'>> {
  id: number;
  at: string;
  patientId?: number;
}

export interface AuditQuery {
  patientId?: number;
  /** ISO times, from inclusive, to exclusive. */
  from?: string;
  to?: string;
  limit?: number;
}

export interface AuditLog {
  append(entry: AuditEntryInput): void;
  query(query?: AuditQuery): AuditEntry[];
}

interface AuditRow {
  id: number;
  at: string;
  desk: string;
  user: string;
  action: string;
  patient_id: number | null;
  detail: string;
}

export function createAuditLog(db: Database.Database, now: () => Date = () => new Date()): AuditLog {
  const insert = db.prepare<[string, string, string, string, number | null, string]>(
    'INSERT INTO audit_log (at, desk, user, action, patient_id, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byPatient = db.prepare<[number, string, string, number], AuditRow>(
    'SELECT * FROM audit_log WHERE patient_id = ? AND at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?',
  );
  const byTime = db.prepare<[string, string, number], AuditRow>(
    'SELECT * FROM audit_log WHERE at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?',
  );
  const toEntry = (row: AuditRow): AuditEntry => ({
    id: row.id,
    at: row.at,
    desk: row.desk,
    user: row.user,
    action: row.action,
    ...(row.patient_id === null ? {} : { patientId: row.patient_id }),
    detail: JSON.parse(row.detail) as AuditEntry['detail'],
  });
  return {
    append: (entry) => {
      insert.run(now().toISOString(), entry.desk, entry.user, entry.action, entry.patientId ?? null, JSON.stringify(entry.detail ?? {}));
    },
    query: ({ patientId, from, to, limit = 100 } = {}) => {
      // Stored times are toISOString() text: bounds must be in the same form to compare as text.
      const lower = from === undefined ? '' : new Date(from).toISOString();
      const upper = to === undefined ? '9999' : new Date(to).toISOString();
      return (patientId === undefined ? byTime.all(lower, upper, limit) : byPatient.all(patientId, lower, upper, limit)).map(toEntry);
    },
  };
}
