/**
 * Visits at the desk: check a patient in to a clinic with a queue number and
 * a ticket, list today's visits, record the biometric decision. The visit,
 * its outbox item for the HIS and its audit line are written in one
 * transaction. Audit details hold ids and codes, never personal data.
 */
import type { CheckinStore } from '../../db/checkin-store.ts';
import type { VisitRecord } from '../../db/visits.ts';
import {
  ageOn,
  allocateQueueNumber,
  identityCheckFor,
  buildTicket,
  canChangeVisitStatus,
  formatQueueNumber,
  priorityGroupsOn,
  sortPriorityCodes,
  vietnamDay,
  type AllocatedQueueNumber,
  type BiometricRecord,
  type Clinic,
  type Desk,
  type LocalDay,
  type NamePrivacy,
  type QueueNumber,
  type QueueNumberSource,
  type VisitStatus,
  type VisitType,
} from '../../domain/checkin/index.ts';
import { AppError } from '../../domain/errors.ts';
import { parseIsoPartialDate } from '../../domain/identity/partial-date.ts';
import { foldDiacritics } from '../../domain/identity/text.ts';
import {
  AUTOMATION_USER,
  type BiometricPrompt,
  type DeskSettings,
  type TicketPrintedInput,
  type VisitBiometricInput,
  type VisitCreateInput,
  type VisitCreateResult,
  type VisitsTodayResult,
  type VisitSync,
  type VisitView,
} from '../../domain/visit-api.ts';
import { HIS_CHECKIN_KIND } from '../his-sync/visit-changes.ts';
import type { Logger } from '../log.ts';

export interface VisitServiceOptions {
  /** Undefined while the database is not open: every call answers DB_NOT_READY. */
  store: CheckinStore | undefined;
  desk: Desk;
  /** Who acts, as the audit log and the records name them: the signed-in clerk. */
  user: () => string;
  /** The signed-in clerk's name, printed on the ticket. */
  clerkName?: () => string | undefined;
  clinics: () => readonly Clinic[];
  /** The HIS queue-number adapter in use, asked at every visit; null while there is none (the desk numbers on its own). */
  his: () => QueueNumberSource | null;
  /** Read at every use, so a change in settings applies to the next visit. */
  deskSettings: () => DeskSettings;
  /**
   * Test automation only: answers every identity check with this decision as
   * soon as it is opened, as a test stands in for the clerk's eyes.
   */
  biometricAutomation?: 'match' | 'no-match';
  namePrivacy?: NamePrivacy;
  log?: Logger;
  now?: () => Date;
}


/** Numbers taken for one visit before giving up: each later one is checked against those held meanwhile. */
const MAX_QUEUE_NUMBER_ATTEMPTS = 3;

export interface VisitService {
  create(input: VisitCreateInput): Promise<VisitCreateResult>;
  today(input: { clinicId?: string | undefined; query?: string | undefined }): VisitsTodayResult;
  recordBiometric(input: VisitBiometricInput): VisitView;
  biometricPrompt(input: { visitId: number }): BiometricPrompt;
  ticketPrinted(input: TicketPrintedInput): { visitId: number; printedAt: string };
}

/** Does a visit answer the clerk's filter: the queue number, the patient's name (diacritics optional) or the clinic. */
export function visitMatches(visit: VisitView, query: string): boolean {
  const wanted = foldDiacritics(query).toLowerCase().replace(/\s+/g, ' ').trim();
  if (wanted === '') return true;
  const haystack = [visit.queueNumber.display, visit.patientName, visit.clinic.name, visit.clinic.id]
    .map((text) => foldDiacritics(text).toLowerCase())
    .join(' | ');
  return wanted.split(' ').every((word) => haystack.includes(word));
}

/** The queue number a stored display ("A-012" or "012") stands for. */
export function queueNumberFromDisplay(clinicId: string, day: LocalDay, display: string): QueueNumber {
  const match = /^(?:([A-Z])-)?(\d+)$/.exec(display);
  if (!match) throw new AppError('INTERNAL', 'A stored queue number is malformed');
  const prefix = match[1] ?? null;
  const sequence = Number(match[2]);
  return { clinicId, day, sequence, origin: prefix === null ? 'his' : 'local', prefix, display: formatQueueNumber(sequence, prefix) };
}

function syncOf(record: VisitRecord): VisitSync {
  if (record.sync === 'sent') return 'synced';
  if (record.sync === 'failed') return 'attention';
  return 'waiting';
}

export function createVisitService(options: VisitServiceOptions): VisitService {
  const { desk, user } = options;
  const now = options.now ?? (() => new Date());
  const ready = (): CheckinStore => {
    if (!options.store) throw new AppError('DB_NOT_READY', 'The patient database is not open');
    return options.store;
  };

  const toView = (store: CheckinStore, record: VisitRecord, patientName?: string): VisitView => {
    if (record.queueNumber === null) throw new AppError('INTERNAL', `Visit ${record.id} has no queue number`);
    return {
      id: record.id,
      patientId: record.patientId,
      patientName: patientName ?? store.patients.get(record.patientId)?.fullName ?? '',
      day: record.day,
      type: record.visitType as VisitType,
      clinic: { id: record.clinicId, name: record.clinicName, room: record.clinicRoom },
      priorities: record.priorities,
      reason: record.reason,
      referralNumber: record.referralNumber,
      appointmentNumber: record.appointmentNumber,
      queueNumber: queueNumberFromDisplay(record.clinicId, record.day, record.queueNumber),
      queueFallbackReason: record.queueFallback as VisitView['queueFallbackReason'],
      status: record.status as VisitStatus,
      sync: syncOf(record),
      biometric: record.biometric as BiometricRecord | null,
      desk: record.desk,
      createdAt: record.createdAt,
    };
  };

  const today = (): LocalDay => {
    const day = vietnamDay(now());
    if (day === null) throw new AppError('INTERNAL', 'The clock does not give a valid day');
    return day;
  };

  const decide = (store: CheckinStore, visitId: number, decision: BiometricRecord['decision'], reason: string | undefined, by: string): VisitView => {
    const visit = store.visits.find(visitId);
    if (!visit) throw new AppError('VISIT_NOT_FOUND', `No visit ${visitId}`);
    const biometric: BiometricRecord = { decision, reason: reason === undefined || reason === '' ? null : reason, by, at: now().toISOString() };
    const previous = visit.biometric as BiometricRecord | null;
    // A decision changed afterwards (from today's list) is a correction: it says why, and the audit keeps both.
    if (previous !== null && biometric.reason === null) {
      throw new AppError('BAD_INPUT', 'A corrected identity check needs a reason', [{ path: ['reason'], message: 'a correction needs a reason', rule: 'too_small' }]);
    }
    const status = visit.status as VisitStatus;
    const updated = store.transaction(() => {
      const changed = store.visits.update(visitId, {
        biometric,
        ...(canChangeVisitStatus(status, 'biometric-done') ? { status: 'biometric-done' } : {}),
      })!;
      // The reason is free text the clerk typed: whether there was one is audited, not what it says.
      store.audit.append({
        desk: desk.id,
        user: by,
        action: previous === null ? 'biometric.decision' : 'biometric.correction',
        patientId: visit.patientId,
        detail:
          previous === null
            ? { visitId, decision, reasonGiven: biometric.reason !== null }
            : { visitId, decision, previous: previous.decision, previousBy: previous.by, reasonGiven: true },
      });
      return changed;
    });
    return toView(store, updated);
  };

  return {
    async create(input) {
      const store = ready();
      const patient = store.patients.get(input.patientId);
      if (!patient) throw new AppError('PATIENT_NOT_FOUND', `No patient ${input.patientId}`);
      const clinic = options.clinics().find((c) => c.id === input.clinicId);
      if (!clinic) throw new AppError('CLINIC_NOT_FOUND', `No clinic ${input.clinicId} in the clinic list`);
      if (!clinic.visitTypes.includes(input.visitType)) {
        throw new AppError('BAD_INPUT', `Clinic ${clinic.id} does not take ${input.visitType} visits`, [
          { path: ['visitType'], message: 'not accepted by this clinic', rule: 'custom' },
        ]);
      }
      const at = now();
      const day = today();
      const groups = new Map(priorityGroupsOn(day).map((group) => [group.code, group]));
      const unknown = input.priorities.filter((code) => !groups.has(code));
      if (unknown.length > 0) {
        throw new AppError('BAD_INPUT', `Unknown priority: ${unknown.join(', ')}`, [
          { path: ['priorities'], message: 'unknown priority', rule: 'custom' },
        ]);
      }
      const priorities = sortPriorityCodes(input.priorities, day);

      const held = (number: QueueNumber): boolean =>
        store.visits.holdsQueueNumber({ day: number.day, clinicId: number.clinicId, queueNumber: number.display });
      const insertVisit = (number: QueueNumber, fallbackReason: AllocatedQueueNumber['fallbackReason']): VisitRecord | null =>
        store.transaction(() => {
          if (held(number)) return null;
          const inserted = store.visits.insert({
            patientId: patient.id,
            day: number.day,
            clinicId: clinic.id,
            clinicName: clinic.name,
            clinicRoom: clinic.room,
            visitType: input.visitType,
            priorities,
            reason: input.reason === undefined || input.reason === '' ? null : input.reason,
            referralNumber: input.referralNumber ?? null,
            appointmentNumber: input.appointmentNumber ?? null,
            queueNumber: number.display,
            queueFallback: fallbackReason,
            status: 'queued',
            desk: desk.id,
          });
          store.outbox.enqueue({
            kind: HIS_CHECKIN_KIND,
            idempotencyKey: String(inserted.id),
            payload: {
              visitId: inserted.id,
              patientId: patient.id,
              day: number.day,
              clinicId: clinic.id,
              visitType: input.visitType,
              priorities,
              queueNumber: number.display,
              desk: desk.id,
              createdAt: inserted.createdAt,
            },
          });
          store.audit.append({
            desk: desk.id,
            user: user(),
            action: 'visit.create',
            patientId: patient.id,
            detail: { visitId: inserted.id, clinicId: clinic.id, queueNumber: number.display, queueFallback: fallbackReason },
          });
          // A chip read is kept by the card service with its photo; a scan or a typed search is kept here.
          if (input.identifiedBy === 'qr' || input.identifiedBy === 'typed') {
            store.identityReads.record({ patientId: patient.id, source: input.identifiedBy, verification: 'unverified' });
          }
          return store.visits.find(inserted.id)!;
        });

      // A number held by then (another check-in of the clinic got the same HIS answer meanwhile) is taken again;
      // the next one is checked against it, so this ends within a few tries.
      let issued: { number: QueueNumber; record: VisitRecord } | null = null;
      for (let attempt = 1; issued === null; attempt += 1) {
        if (attempt > MAX_QUEUE_NUMBER_ATTEMPTS) throw new AppError('QUEUE_NUMBER_UNAVAILABLE', 'Every queue number taken was held by another visit');
        const allocated = await allocateQueueNumber({ clinicId: clinic.id, at, desk }, { his: options.his(), local: store.queueCounters, held });
        if (!allocated.ok) throw new AppError('QUEUE_NUMBER_UNAVAILABLE', allocated.error.message, { reason: allocated.error.code });
        const { number, fallbackReason } = allocated.value;
        if (fallbackReason === 'his-number-taken') {
          options.log?.warn('the HIS gave a queue number this desk already holds; the desk numbered the visit', { clinicId: clinic.id, day: number.day });
        }
        const record = insertVisit(number, fallbackReason);
        if (record !== null) issued = { number, record };
      }
      const { number, record } = issued;

      const ticket = buildTicket({
        visitId: String(record.id),
        hospitalName: options.deskSettings().hospitalName,
        queueNumber: number,
        clinic: { id: clinic.id, name: clinic.name, room: clinic.room },
        visitType: input.visitType,
        issuedAt: at,
        patientName: patient.fullName,
        privacy: options.namePrivacy ?? 'short-name',
        priorityLabels: priorities.map((code) => groups.get(code)?.ticketLabel ?? code),
        ...(options.clerkName?.() ? { clerkName: options.clerkName()! } : {}),
      });
      if (!ticket.ok) throw new AppError('INTERNAL', `The ticket cannot be built: ${ticket.error.code}`);
      return { visit: toView(store, record, patient.fullName), ticket: ticket.value };
    },

    today({ clinicId, query }) {
      const store = ready();
      const day = today();
      const visits = store.visits
        .listDay({ day, ...(clinicId === undefined ? {} : { clinicId }) })
        .map((record) => toView(store, record))
        .filter((visit) => query === undefined || visitMatches(visit, query));
      store.audit.append({ desk: desk.id, user: user(), action: 'visits.today', detail: { results: visits.length, filtered: query !== undefined && query !== '' } });
      return { day, visits };
    },

    biometricPrompt({ visitId }) {
      const store = ready();
      const visit = store.visits.find(visitId);
      if (!visit) throw new AppError('VISIT_NOT_FOUND', `No visit ${visitId}`);
      const settings = options.deskSettings();
      const birth = parseIsoPartialDate(store.patients.get(visit.patientId)?.birthDate ?? '');
      const { requirement, exemption } = identityCheckFor(
        settings.biometricPolicy[visit.visitType as VisitType],
        settings.biometricExemptUnderYears,
        birth === null ? null : ageOn(birth, today()),
      );
      // With the check off the photo stays where it is: nobody is to look at it.
      const withPhoto = requirement === 'off' ? undefined : store.identityReads.forPatient(visit.patientId).find((read) => read.source === 'chip' && read.photoId !== undefined);
      const image = withPhoto?.photoId === undefined ? undefined : store.identityReads.photo(withPhoto.photoId);
      store.audit.append({
        desk: desk.id,
        user: user(),
        action: 'biometric.prompt',
        patientId: visit.patientId,
        detail: { visitId, requirement, exemption, photo: image !== undefined },
      });
      let decision = visit.biometric as BiometricRecord | null;
      if (decision === null && options.biometricAutomation && requirement !== 'off') {
        decision = decide(store, visitId, options.biometricAutomation, undefined, AUTOMATION_USER).biometric;
      }
      return {
        visitId,
        requirement,
        photo:
          image && withPhoto && (image.mime === 'image/jpeg' || image.mime === 'image/png')
            ? { mime: image.mime, base64: image.bytes.toString('base64'), readAt: withPhoto.readAt, verification: withPhoto.verification.slice(0, 32) }
            : null,
        decision,
        exemption,
      };
    },

    ticketPrinted({ visitId, via, reprint }) {
      const store = ready();
      const visit = store.visits.find(visitId);
      if (!visit) throw new AppError('VISIT_NOT_FOUND', `No visit ${visitId}`);
      const printedAt = now().toISOString();
      store.transaction(() => {
        if (canChangeVisitStatus(visit.status as VisitStatus, 'ticket-printed')) store.visits.update(visitId, { status: 'ticket-printed' });
        store.audit.append({ desk: desk.id, user: user(), action: 'ticket.print', patientId: visit.patientId, detail: { visitId, via, reprint } });
      });
      return { visitId, printedAt };
    },

    recordBiometric({ visitId, decision, reason }) {
      return decide(ready(), visitId, decision, reason, user());
    },
  };
}
