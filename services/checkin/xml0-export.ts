/**
 * A visit's XML0 check-in record as a file, for IT: built from the stored
 * visit, its patient, the clinic's service code and the facility setting.
 * An export is an access to patient data and is audited with desk and user;
 * the audit line holds ids and codes, never the record.
 */
import type { CheckinStore } from '../../db/checkin-store.ts';
import type { InsuranceCheckRepository } from '../../db/insurance-checks.ts';
import type { VisitRecord } from '../../db/visits.ts';
import { vietnamDay, type Clinic, type PriorityCode, type VisitStatus, type VisitType } from '../../domain/checkin/index.ts';
import { AppError } from '../../domain/errors.ts';
import type { Patient } from '../../domain/patient.ts';
import { buildXml0, xml0CardFromCheck, type Xml0Card, type Xml0Source } from '../../domain/xml130/index.ts';
import type { FacilitySettings, VisitExportXml0Input, VisitExportXml0Result } from '../../domain/xml130-api.ts';

export interface Xml0ExportOptions {
  /** Undefined while the database is not open: every call answers DB_NOT_READY. */
  store: CheckinStore | undefined;
  /** The desk id, for the audit line. */
  desk: string;
  /** Who acts, as the audit log and the records name them: the signed-in clerk. */
  user: () => string;
  clinics: () => readonly Clinic[];
  facility: () => FacilitySettings;
  /**
   * The patient's insurance card as checked for the visit. Without one a BHYT
   * visit is refused as incomplete (MA_THE_BHYT), never written with a guessed card.
   */
  cardFor?: (visit: VisitRecord, patient: Patient) => Xml0Card | null;
}

export interface Xml0ExportService {
  exportXml0(input: VisitExportXml0Input): VisitExportXml0Result;
}

/**
 * MA_LK until the HIS gives its own: facility, year and month of the visit,
 * the desk that recorded it and its id there (ids are per desk database).
 */
export function localLinkKey(facilityCode: string, visit: Pick<VisitRecord, 'id' | 'day' | 'desk'>): string {
  return `${facilityCode}_${visit.day.slice(0, 4)}_${visit.day.slice(5, 7)}_${visit.desk}_${visit.id}`;
}

/** MA_BN until the HIS gives its own: the desk and the patient's id there. */
export function localPatientCode(desk: string, patientId: number): string {
  return `${desk}_BN${patientId}`;
}

/**
 * The card from the BHXH gateway's checks: the visit's latest check, else the
 * patient's latest one when it was made on the visit day (checked before the
 * visit was created). A check without a result, or without the 15-character
 * code, gives no card.
 */
export function cardFromInsuranceChecks(
  checks: Pick<InsuranceCheckRepository, 'latestForVisit' | 'latestForPatient'>,
): (visit: VisitRecord) => Xml0Card | null {
  return (visit) => {
    const forVisit = checks.latestForVisit(visit.id);
    const forPatient = forVisit === undefined ? checks.latestForPatient(visit.patientId) : undefined;
    const sameDay = forPatient !== undefined && vietnamDay(forPatient.createdAt) === visit.day ? forPatient : undefined;
    return xml0CardFromCheck((forVisit ?? sameDay)?.result ?? null);
  };
}

export function createXml0ExportService(options: Xml0ExportOptions): Xml0ExportService {
  const ready = (): CheckinStore => {
    if (!options.store) throw new AppError('DB_NOT_READY', 'The patient database is not open');
    return options.store;
  };

  return {
    exportXml0({ visitId }) {
      const store = ready();
      const visit = store.visits.find(visitId);
      if (!visit) throw new AppError('VISIT_NOT_FOUND', `No visit ${visitId}`);
      const patient = store.patients.get(visit.patientId);
      if (!patient) throw new AppError('PATIENT_NOT_FOUND', `No patient ${visit.patientId}`);
      const clinic = options.clinics().find((c) => c.id === visit.clinicId);
      const facilityCode = options.facility().code ?? '';

      const source: Xml0Source = {
        facilityCode,
        linkKey: localLinkKey(facilityCode || 'CSKCB', visit),
        patientCode: localPatientCode(visit.desk, patient.id),
        patient: {
          fullName: patient.fullName,
          birthDate: patient.birthDate,
          sex: patient.sex,
          idNumber: patient.cccd ?? patient.oldIdNumbers[0] ?? null,
        },
        visit: {
          type: visit.visitType as VisitType,
          status: visit.status as VisitStatus,
          arrivedAt: visit.createdAt,
          priorities: visit.priorities as PriorityCode[],
          document: visit.referralNumber !== null ? 'referral' : visit.appointmentNumber !== null ? 'follow-up' : null,
          service: { code: clinic?.serviceCode ?? null, name: null },
        },
        card: options.cardFor?.(visit, patient) ?? null,
      };
      const built = buildXml0(source);
      if (!built.ok) {
        const fields = built.problems.map((problem) => problem.field ?? problem.code).join(', ');
        throw new AppError('XML0_INCOMPLETE', `The XML0 record of visit ${visitId} cannot be written: ${fields}`, {
          problems: built.problems,
        });
      }
      const { fileName, xml, edition, warnings } = built.value;
      store.audit.append({
        desk: options.desk,
        user: options.user(),
        action: 'visit.exportXml0',
        patientId: patient.id,
        detail: { visitId, edition, warnings: warnings.length },
      });
      return { fileName, xml, edition, warnings: [...warnings] };
    },
  };
}
