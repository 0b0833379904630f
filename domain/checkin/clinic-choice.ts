import type { AgeRange } from './priority.ts';
import type { Clinic, VisitType } from './visit.ts';

/** Whether the patient's age certainly fits (true), certainly does not (false), or cannot be told (null). */
export function fitsClinicAges(clinic: Pick<Clinic, 'ages'>, age: AgeRange | null): boolean | null {
  const ages = clinic.ages;
  if (!ages || (ages.fromYears === null && ages.underYears === null)) return true;
  if (age === null) return null;
  const from = ages.fromYears === null ? 0 : ages.fromYears * 12;
  const under = ages.underYears === null ? Infinity : ages.underYears * 12;
  if (age.minMonths >= from && age.maxMonths < under) return true;
  if (age.maxMonths < from || age.minMonths >= under) return false;
  return null;
}

/**
 * The clinic a visit goes to unless the clerk chooses another: among the
 * clinics taking the visit type, the first whose age rule the patient fits
 * (a child under 16 to paediatrics), else the first with no age rule, else the
 * first one not ruled out by age, else the first.
 */
export function defaultClinic(clinics: readonly Clinic[], visitType: VisitType, age: AgeRange | null): Clinic | undefined {
  const taking = clinics.filter((clinic) => clinic.visitTypes.includes(visitType));
  const pool = taking.length > 0 ? taking : clinics;
  const ruled = (clinic: Clinic) => clinic.ages !== undefined && (clinic.ages.fromYears !== null || clinic.ages.underYears !== null);
  return (
    pool.find((clinic) => ruled(clinic) && fitsClinicAges(clinic, age) === true) ??
    pool.find((clinic) => !ruled(clinic)) ??
    pool.find((clinic) => fitsClinicAges(clinic, age) !== false) ??
    pool[0]
  );
}
