/**
 * Patients for the desk: search first (by whatever the clerk has in hand),
 * open, register or update. Every access is written to the audit log with the
 * desk and user; the audit detail holds codes, counts and ids, never the query text.
 */
import type { AuditLog } from '../../db/audit.ts';
import type { PatientRepository } from '../../db/patients.ts';
import { AppError } from '../../domain/errors.ts';
import {
  parsePatientQuery,
  type MatchReason,
  type Patient,
  type PatientMatch,
  type PatientSaveInput,
  type PatientSaveResult,
  type PatientSearchResult,
} from '../../domain/patient.ts';

export interface PatientStore {
  patients: PatientRepository;
  audit: AuditLog;
}

export interface PatientServiceOptions {
  /** Undefined while the database is not open: every call answers DB_NOT_READY. */
  store: PatientStore | undefined;
  desk: string;
  /** Who acts, as the audit log and the records name them: the signed-in clerk. */
  user: () => string;
}

export interface PatientService {
  search(input: { query: string; limit: number }): PatientSearchResult;
  get(input: { id: number }): Patient;
  save(input: PatientSaveInput): PatientSaveResult;
}

export function createPatientService({ store, desk, user }: PatientServiceOptions): PatientService {
  const ready = (): PatientStore => {
    if (!store) throw new AppError('DB_NOT_READY', 'The patient database is not open');
    return store;
  };
  const audit = (log: AuditLog, action: string, patientId?: number, detail?: Record<string, string | number>): void =>
    log.append({ desk, user: user(), action, ...(patientId === undefined ? {} : { patientId }), ...(detail ? { detail } : {}) });

  return {
    search({ query, limit }) {
      const { patients, audit: log } = ready();
      const parsed = parsePatientQuery(query);
      const matches: PatientMatch[] = [];
      const add = (found: readonly (Patient | undefined)[], matchedBy: MatchReason): void => {
        for (const patient of found) {
          if (patient && matches.length < limit && !matches.some((m) => m.patient.id === patient.id)) matches.push({ patient, matchedBy });
        }
      };
      if (parsed?.kind === 'numbers') {
        if (parsed.cccd) add([patients.findByCccd(parsed.cccd)], 'cccd');
        if (parsed.oldIdNumber) add(patients.findByOldIdNumber(parsed.oldIdNumber), 'old-id-number');
        if (parsed.bhxhNumber) add(patients.findByBhxhNumber(parsed.bhxhNumber), 'bhxh-number');
        if (parsed.phone) add(patients.findByPhone(parsed.phone), 'phone');
      } else if (parsed?.kind === 'name') {
        const options = parsed.birthYear === undefined ? { limit } : { limit, birthYear: parsed.birthYear };
        add(patients.searchByName(parsed.tokens, options), parsed.birthYear === undefined ? 'name' : 'name-and-birth-year');
      }
      audit(log, 'patient.search', undefined, {
        kind: parsed?.kind ?? 'unsearchable',
        results: matches.length,
        patientIds: matches.map((m) => m.patient.id).join(','),
      });
      return { matches };
    },

    get({ id }) {
      const { patients, audit: log } = ready();
      const patient = patients.get(id);
      if (!patient) throw new AppError('PATIENT_NOT_FOUND', `No patient ${id}`);
      audit(log, 'patient.open', id);
      return patient;
    },

    save(input) {
      const { patients, audit: log } = ready();
      const { id, ...fields } = input;
      try {
        const result = patients.save(fields, id);
        audit(log, id === undefined ? 'patient.create' : 'patient.update', result.patient.id, {
          warnings: result.warnings.map((w) => `${w.reason}:${w.patientId}`).join(','),
        });
        return result;
      } catch (error) {
        if (error instanceof AppError && error.code === 'PATIENT_DUPLICATE') {
          const holder = (error.detail as { patientId?: number } | undefined)?.patientId;
          audit(log, 'patient.duplicate-refused', id, holder === undefined ? {} : { existingPatientId: holder });
        }
        throw error;
      }
    },
  };
}
