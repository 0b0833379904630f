import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createOutboxRepository } from './outbox.ts';
import { openTestDatabase, queryPlan } from './testing/test-database.ts';
import { createVisitRepository, QUEUE_NUMBER_HOLDER_SQL, VISITS_OF_DAY_SQL, type VisitRecordInput } from './visits.ts';

function addPatient(db: ReturnType<typeof openTestDatabase>['db'], id: number): void {
  db.prepare(
    "INSERT INTO patients (id, full_name, name_search, birth_date, birth_year, sex, created_at, updated_at) VALUES (?, 'A', 'a', '1990', 1990, 'male', '', '')",
  ).run(id);
}

const VISIT: VisitRecordInput = {
  patientId: 1,
  day: '2026-03-02',
  clinicId: 'K01',
  clinicName: 'Khám Nội',
  clinicRoom: 'P.101',
  visitType: 'bhyt',
  priorities: ['child-under-6', 'emergency'],
  reason: 'Sốt',
  referralNumber: null,
  appointmentNumber: null,
  queueNumber: 'A-001',
  queueFallback: 'no-his',
  status: 'queued',
  desk: 'A',
};

describe('visits', () => {
  it('insert, find and update a visit with its status and biometric decision', () => {
    using t = openTestDatabase();
    addPatient(t.db, 1);
    const visits = createVisitRepository(t.db, () => new Date('2026-03-02T01:00:00Z'));
    const stored = visits.insert(VISIT);
    assert.deepEqual(stored, { ...VISIT, id: stored.id, biometric: null, createdAt: '2026-03-02T01:00:00.000Z', sync: null });
    assert.deepEqual(visits.find(stored.id), stored);
    const updated = visits.update(stored.id, { status: 'ticket-printed', biometric: { decision: 'match' } });
    assert.equal(updated?.status, 'ticket-printed');
    assert.deepEqual(updated?.biometric, { decision: 'match' });
    assert.equal(visits.update(999, { status: 'cancelled' }), undefined);
    assert.equal(visits.find(999), undefined);
    assert.deepEqual(visits.insert({ ...VISIT, queueNumber: 'A-002', priorities: [] }).priorities, []);
  });

  it("list a day's visits by clinic and desk with their sync state, and a patient's visits", () => {
    using t = openTestDatabase();
    addPatient(t.db, 1);
    addPatient(t.db, 2);
    const visits = createVisitRepository(t.db);
    const outbox = createOutboxRepository(t.db);
    const a = visits.insert(VISIT);
    const b = visits.insert({ ...VISIT, patientId: 2, queueNumber: 'B-001', desk: 'B' });
    const c = visits.insert({ ...VISIT, clinicId: 'K02', queueNumber: 'A-001' });
    const yesterday = visits.insert({ ...VISIT, day: '2026-03-01' });
    outbox.enqueue({ kind: 'his.checkin', idempotencyKey: String(a.id), payload: { visitId: a.id } });
    const bCheckin = outbox.enqueue({ kind: 'his.checkin', idempotencyKey: String(b.id), payload: { visitId: b.id } });
    outbox.markDone(bCheckin.id);
    const ids = (list: { id: number }[]) => list.map((v) => v.id);
    assert.deepEqual(ids(visits.listDay({ day: '2026-03-02' })), [a.id, b.id, c.id]);
    assert.deepEqual(ids(visits.listDay({ day: '2026-03-02', clinicId: 'K01' })), [a.id, b.id]);
    assert.deepEqual(ids(visits.listDay({ day: '2026-03-02', clinicId: 'K01', desk: 'B' })), [b.id]);
    assert.deepEqual(visits.listDay({ day: '2026-03-02' }).map((v) => v.sync), ['pending', 'sent', null]);
    // A later change of a synced visit that the HIS refused for good: the visit needs attention.
    const change = outbox.enqueue({ kind: 'his.visit-change', idempotencyKey: `${b.id}:payment`, payload: { visitId: b.id } });
    t.db.prepare(`UPDATE outbox SET status = 'failed' WHERE id = ?`).run(change.id);
    assert.equal(visits.find(b.id)?.sync, 'failed');
    assert.deepEqual(ids(visits.forPatient(1)), [c.id, a.id, yesterday.id]);
    assert.throws(() => visits.insert({ ...VISIT }), /UNIQUE/, 'a queue number is given once per clinic and day');
    assert.equal(visits.holdsQueueNumber({ day: '2026-03-02', clinicId: 'K01', queueNumber: VISIT.queueNumber! }), true);
    assert.equal(visits.holdsQueueNumber({ day: '2026-03-02', clinicId: 'K01', queueNumber: 'A-002' }), false);
    assert.equal(visits.holdsQueueNumber({ day: '2026-03-02', clinicId: 'K03', queueNumber: VISIT.queueNumber! }), false);
    assert.equal(visits.holdsQueueNumber({ day: '2026-03-03', clinicId: 'K01', queueNumber: VISIT.queueNumber! }), false);
  });

  it('finds who holds a queue number through the unique index', () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, QUEUE_NUMBER_HOLDER_SQL, { day: '2026-03-02', clinic: 'K01', queueNumber: '001' }), [
      'SEARCH visits USING COVERING INDEX visits_queue_number (visit_date=? AND clinic=? AND queue_number=?)',
    ]);
  });

  it("reads the day's list through the date index and each visit's sync state through the outbox's visit index", () => {
    using t = openTestDatabase();
    assert.deepEqual(queryPlan(t.db, VISITS_OF_DAY_SQL, { day: '2026-03-02', clinic: 'K01', desk: null }), [
      'SEARCH v USING INDEX visits_date_status (visit_date=?)',
      'CORRELATED SCALAR SUBQUERY 1',
      'SEARCH o USING INDEX outbox_visit_order (visit_id=?)',
      'USE TEMP B-TREE FOR ORDER BY',
    ]);
  });
});
