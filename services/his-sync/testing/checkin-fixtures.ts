/** Patients and check-ins written the way the visit service writes them, for the sync tests and the benchmark. */
import type { CheckinStore } from '../../../db/checkin-store.ts';
import { HIS_CHECKIN_KIND, type CheckinPayload } from '../visit-changes.ts';

export const DESK = 'desk1';

export function seedPatient(store: CheckinStore, n: number): number {
  const cccd = `0010900${String(n).padStart(5, '0')}`;
  return store.patients.save({
    cccd,
    oldIdNumbers: [],
    bhxhNumber: undefined,
    fullName: `Nguyễn Văn Thử ${n}`,
    birthDate: '1990-08-15',
    sex: 'male',
    address: undefined,
    phone: undefined,
    relatives: [],
  }).patient.id;
}

/** A visit and its check-in outbox item in one transaction, as visits.create does. */
export function seedCheckin(store: CheckinStore, patientId: number, sequence: number, at = new Date('2026-11-23T01:00:00Z')): number {
  return store.transaction(() => {
    const visit = store.visits.insert({
      patientId,
      day: '2026-11-23',
      clinicId: 'K01',
      clinicName: 'Phòng khám Nội tổng hợp',
      clinicRoom: null,
      visitType: 'bhyt',
      priorities: [],
      reason: null,
      referralNumber: null,
      appointmentNumber: null,
      queueNumber: `A-${String(sequence).padStart(3, '0')}`,
      queueFallback: 'no-his',
      status: 'queued',
      desk: DESK,
    });
    const payload: CheckinPayload = {
      visitId: visit.id,
      patientId,
      day: visit.day,
      clinicId: visit.clinicId,
      visitType: 'bhyt',
      priorities: [],
      queueNumber: visit.queueNumber!,
      desk: DESK,
      createdAt: at.toISOString(),
    };
    store.outbox.enqueue({ kind: HIS_CHECKIN_KIND, idempotencyKey: String(visit.id), payload });
    return visit.id;
  });
}

/** `count` check-ins spread over `patients` patients, in one transaction (fast enough for 10 000). */
export function seedCheckins(store: CheckinStore, count: number, patients = count): number[] {
  return store.transaction(() => {
    const patientIds = Array.from({ length: Math.min(patients, count) }, (_, i) => seedPatient(store, i + 1));
    return Array.from({ length: count }, (_, i) => seedCheckin(store, patientIds[i % patientIds.length]!, i + 1));
  });
}
