/**
 * Visits as stored: one row per check-in, with the clinic as printed, the
 * queue number as shown, and the sync state of its HIS check-in (the outbox
 * row whose idempotency key is the visit id). Values are checked by the
 * check-in model in the services, not here.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { OutboxStatus } from './outbox.ts';

export interface VisitRecordInput {
  patientId: number;
  /** The Vietnam calendar day of the visit, yyyy-MM-dd. */
  day: string;
  clinicId: string;
  clinicName: string;
  clinicRoom: string | null;
  visitType: string;
  /** Priority codes in queue order. */
  priorities: string[];
  reason: string | null;
  referralNumber: string | null;
  appointmentNumber: string | null;
  /** As shown: "A-001" (desk fallback) or "001" (HIS). */
  queueNumber: string | null;
  queueFallback: string | null;
  status: string;
  desk: string;
}

export interface VisitRecord extends VisitRecordInput {
  id: number;
  biometric: unknown;
  createdAt: string;
  /** The outbox state of the visit's HIS work (worst item first); null when none was queued. */
  sync: OutboxStatus | null;
}

export interface VisitUpdate {
  status?: string;
  biometric?: unknown;
}

export interface VisitListQuery {
  day: string;
  clinicId?: string;
  desk?: string;
}

export interface VisitRepository {
  insert(visit: VisitRecordInput): VisitRecord;
  update(id: number, changes: VisitUpdate): VisitRecord | undefined;
  find(id: number): VisitRecord | undefined;
  /** A day's visits, optionally of one clinic or desk, in the order they were created. */
  listDay(query: VisitListQuery): VisitRecord[];
  forPatient(patientId: number, limit?: number): VisitRecord[];
  /** Whether a visit of the clinic on the day already holds the queue number as shown. */
  holdsQueueNumber(query: { day: string; clinicId: string; queueNumber: string }): boolean;
}

interface VisitRow {
  id: number;
  patient_id: number;
  visit_date: string;
  clinic: string;
  clinic_name: string | null;
  clinic_room: string | null;
  visit_type: string;
  priority: string | null;
  reason: string | null;
  referral_number: string | null;
  appointment_number: string | null;
  queue_number: string | null;
  queue_fallback: string | null;
  status: string;
  desk: string;
  biometric: string | null;
  created_at: string;
  sync: OutboxStatus | null;
}

/**
 * The sync state of all the visit's HIS work (the check-in and its later
 * changes), the worst first: one item given up on, then one still waiting,
 * then all sent.
 */
const SELECT = `SELECT v.*, (
    SELECT CASE
      WHEN sum(o.status = 'failed') > 0 THEN 'failed'
      WHEN sum(o.status IN ('pending', 'sending')) > 0 THEN 'pending'
      WHEN count(*) > 0 THEN 'sent'
    END FROM outbox o WHERE o.visit_id = v.id
  ) AS sync FROM visits v`;

/** The query behind the day list, exported for its query-plan test. */
export const VISITS_OF_DAY_SQL = `${SELECT} WHERE v.visit_date = @day AND (@clinic IS NULL OR v.clinic = @clinic) AND (@desk IS NULL OR v.desk = @desk) ORDER BY v.id`;

/** The look-up behind holdsQueueNumber, exported for its query-plan test. */
export const QUEUE_NUMBER_HOLDER_SQL = 'SELECT id FROM visits WHERE visit_date = @day AND clinic = @clinic AND queue_number = @queueNumber';

export function createVisitRepository(db: Database.Database, now: () => Date = () => new Date()): VisitRepository {
  const insert = db.prepare(
    `INSERT INTO visits (patient_id, visit_date, clinic, clinic_name, clinic_room, visit_type, priority, reason, referral_number,
       appointment_number, queue_number, queue_fallback, status, desk, created_at)
     VALUES (@patientId, @day, @clinicId, @clinicName, @clinicRoom, @visitType, @priority, @reason, @referralNumber,
       @appointmentNumber, @queueNumber, @queueFallback, @status, @desk, @createdAt)`,
  );
  const byId = db.prepare<[number], VisitRow>(`${SELECT} WHERE v.id = ?`);
  const ofDay = db.prepare<[{ day: string; clinic: string | null; desk: string | null }], VisitRow>(VISITS_OF_DAY_SQL);
  const ofPatient = db.prepare<[number, number], VisitRow>(`${SELECT} WHERE v.patient_id = ? ORDER BY v.visit_date DESC, v.id DESC LIMIT ?`);
  const queueNumberHolder = db.prepare<[{ day: string; clinic: string; queueNumber: string }], { id: number }>(QUEUE_NUMBER_HOLDER_SQL);
  const setStatus = db.prepare<[string, number]>('UPDATE visits SET status = ? WHERE id = ?');
  const setBiometric = db.prepare<[string, number]>('UPDATE visits SET biometric = ? WHERE id = ?');

  const toRecord = (row: VisitRow): VisitRecord => ({
    id: row.id,
    patientId: row.patient_id,
    day: row.visit_date,
    clinicId: row.clinic,
    clinicName: row.clinic_name ?? row.clinic,
    clinicRoom: row.clinic_room,
    visitType: row.visit_type,
    priorities: row.priority === null || row.priority === '' ? [] : row.priority.split(','),
    reason: row.reason,
    referralNumber: row.referral_number,
    appointmentNumber: row.appointment_number,
    queueNumber: row.queue_number,
    queueFallback: row.queue_fallback,
    status: row.status,
    desk: row.desk,
    biometric: row.biometric === null ? null : (JSON.parse(row.biometric) as unknown),
    createdAt: row.created_at,
    sync: row.sync,
  });

  const update = db.transaction((id: number, changes: VisitUpdate): VisitRecord | undefined => {
    if (!byId.get(id)) return undefined;
    if (changes.status !== undefined) setStatus.run(changes.status, id);
    if (changes.biometric !== undefined) setBiometric.run(JSON.stringify(changes.biometric), id);
    return toRecord(byId.get(id)!);
  });

  return {
    insert(visit) {
      if (visit.priorities.some((code) => code.includes(','))) throw new RangeError('a priority code cannot hold a comma');
      const id = Number(
        insert.run({ ...visit, priority: visit.priorities.length === 0 ? null : visit.priorities.join(','), createdAt: now().toISOString() })
          .lastInsertRowid,
      );
      return toRecord(byId.get(id)!);
    },
    update: (id, changes) => update(id, changes),
    find(id) {
      const row = byId.get(id);
      return row ? toRecord(row) : undefined;
    },
    listDay: ({ day, clinicId, desk }) => ofDay.all({ day, clinic: clinicId ?? null, desk: desk ?? null }).map(toRecord),
    forPatient: (patientId, limit = 20) => ofPatient.all(patientId, limit).map(toRecord),
    holdsQueueNumber: ({ day, clinicId, queueNumber }) => queueNumberHolder.get({ day, clinic: clinicId, queueNumber }) !== undefined,
  };
}
