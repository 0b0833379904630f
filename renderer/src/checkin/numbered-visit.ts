import { parseIsoPartialDate } from '../../../domain/identity/partial-date.ts';
import type { IdentifyMethod, NumberedVisit } from '../../../domain/checkin/index.ts';
import type { InsuranceCheckView } from '../../../domain/insurance-api.ts';
import type { Patient } from '../../../domain/patient.ts';
import type { VisitView } from '../../../domain/visit-api.ts';

/** How the desk found the patient, in the check-in model's words. */
const IDENTIFIED_BY: Record<'chip' | 'qr' | 'typed', IdentifyMethod> = { chip: 'card-tap', qr: 'cccd-qr', typed: 'search' };

/**
 * The visit just numbered, as the check-in model takes it up: a BHYT visit
 * whose card check has not answered "valid" yet is accepted to be checked
 * again later (NĐ 188/2025 Đ38), as the services do.
 */
export function numberedVisit(visit: VisitView, patient: Patient, identifiedBy: 'chip' | 'qr' | 'typed', insurance: InsuranceCheckView | undefined): NumberedVisit {
  const outcome = insurance?.result?.outcome ?? null;
  const valid = outcome === 'valid';
  return {
    visitDay: visit.day,
    patient: {
      id: String(patient.id),
      birthDate: parseIsoPartialDate(patient.birthDate),
      known: true,
      insured: visit.type === 'bhyt',
      benefitLevel: null,
    },
    identifiedBy: IDENTIFIED_BY[identifiedBy],
    insurance: visit.type === 'bhyt' ? (valid ? 'valid' : 'unchecked') : outcome !== null && !valid ? 'invalid' : 'not-applicable',
    visitType: visit.type,
    clinic: visit.clinic,
    priorities: visit.priorities,
    queueNumber: visit.queueNumber,
  };
}
