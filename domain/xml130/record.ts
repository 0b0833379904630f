/**
 * From what reception knows — the visit, the patient and (for an insured
 * visit) the card — to the values of one XML0 record. Only mapping and
 * formatting happen here; whether the record is complete is check.ts's job.
 */
import type { Instant, LocalDay, PriorityCode, VisitStatus, VisitType } from '../checkin/index.ts';
import { parseIsoPartialDate, type PartialDate } from '../identity/index.ts';
import { BENEFICIARY_RULES, codeForStanding, TREATMENT_TYPE_RULES, type StandingRule, type VisitStanding } from './codes.ts';
import { XML0_FIELD_NAMES, type Xml0FieldName } from './fields.ts';
import type { Xml0Values } from './check.ts';
import type { Xml0Problem, Xml0Warning } from './problems.ts';
import { cleanXmlText, xmlBirthDateTime, xmlDate, xmlDateTime, type TimeOfDay } from './values.ts';

export interface Xml0Patient {
  readonly fullName: string;
  /** "1990", "1990-08" or "1990-08-15". */
  readonly birthDate: string;
  /** Hour and minute of birth, known for newborns. */
  readonly birthTime?: TimeOfDay | null;
  readonly sex: 'male' | 'female' | 'unspecified';
  /** CCCD (12 digits), an old CMND (9 or 12 digits) or a passport number. */
  readonly idNumber?: string | null;
}

export interface Xml0Card {
  /** The 15-character card code (mã thẻ). */
  readonly number: string;
  /** Nơi ĐKKCB ban đầu, 5 characters. */
  readonly registeredFacility: string | null;
  readonly validFrom: LocalDay | null;
  readonly validTo: LocalDay | null;
}

export interface Xml0Service {
  /** DMDC code of the first service (the consultation). */
  readonly code: string | null;
  readonly name: string | null;
}

export interface Xml0Visit {
  readonly type: VisitType;
  readonly status?: VisitStatus;
  /** When the patient was checked in (NGAY_VAO). */
  readonly arrivedAt: Instant;
  /** When the first service was ordered (NGAY_YL); the check-in time when not given. */
  readonly orderedAt?: Instant;
  readonly priorities: readonly PriorityCode[];
  readonly document: 'referral' | 'follow-up' | null;
  readonly service: Xml0Service | null;
  /** Set by the clerk or the HIS; otherwise chosen by the rules in codes.ts. */
  readonly treatmentType?: string;
  readonly beneficiary?: string;
}

export interface Xml0Source {
  /** MA_CSKCB of this facility. */
  readonly facilityCode: string;
  /** MA_LK: the key that will link this visit's XML1…XML15. */
  readonly linkKey: string;
  /** MA_BN. */
  readonly patientCode: string;
  /** STT, 1 unless the file holds several records. */
  readonly sequence?: number;
  readonly patient: Xml0Patient;
  readonly visit: Xml0Visit;
  /** The insurance card; ignored unless the visit is a BHYT visit. */
  readonly card: Xml0Card | null;
}

export interface MappingRules {
  readonly treatmentTypes: readonly StandingRule[];
  readonly beneficiaries: readonly StandingRule[];
}

export const DEFAULT_MAPPING_RULES: MappingRules = { treatmentTypes: TREATMENT_TYPE_RULES, beneficiaries: BENEFICIARY_RULES };

export interface MappedRecord {
  readonly values: Xml0Values;
  /** What could not be mapped at all (e.g. an insured visit without a card); check.ts finds the rest. */
  readonly problems: readonly Xml0Problem[];
  readonly warnings: readonly Xml0Warning[];
}

const SEX_CODES = { male: '1', female: '2', unspecified: '3' } as const;
const NEWBORN_DAYS = 28;
const DAY_MS = 86_400_000;

export function mapXml0Record(source: Xml0Source, rules: MappingRules = DEFAULT_MAPPING_RULES): MappedRecord {
  const values = Object.fromEntries(XML0_FIELD_NAMES.map((name) => [name, ''])) as Record<Xml0FieldName, string>;
  const problems: Xml0Problem[] = [];
  const warnings: Xml0Warning[] = [];
  const text = (field: Xml0FieldName, raw: string | null | undefined): void => {
    if (raw === null || raw === undefined) return;
    const cleaned = cleanXmlText(raw);
    if (cleaned.removed) {
      warnings.push({ field, code: 'text-cleaned', message: `${field}: control or invisible characters were removed` });
    }
    values[field] = cleaned.text;
  };

  const { patient, visit } = source;
  const arrival = xmlDateTime(visit.arrivedAt);
  const day = arrival === null ? null : `${arrival.slice(0, 4)}-${arrival.slice(4, 6)}-${arrival.slice(6, 8)}`;
  if (arrival === null) problems.push({ field: 'NGAY_VAO', code: 'bad-format', message: 'NGAY_VAO: the check-in time is not a valid time' });

  text('MA_LK', source.linkKey);
  values.STT = String(source.sequence ?? 1);
  text('MA_BN', source.patientCode);
  text('HO_TEN', patient.fullName);
  text('SO_CCCD', patient.idNumber);

  const birthDate = parseIsoPartialDate(patient.birthDate);
  if (birthDate === null) {
    problems.push({ field: 'NGAY_SINH', code: 'bad-format', message: 'NGAY_SINH: the birth date is not a date' });
  } else {
    values.NGAY_SINH = xmlBirthDateTime(birthDate, patient.birthTime ?? null);
    if ((patient.birthTime ?? null) === null && isNewborn(birthDate, visit.arrivedAt)) {
      warnings.push({ field: 'NGAY_SINH', code: 'birth-time-unknown', message: 'NGAY_SINH: a newborn needs the time of birth; 0000 was written' });
    }
  }
  values.GIOI_TINH = SEX_CODES[patient.sex];

  const card = visit.type === 'bhyt' ? source.card : null;
  if (visit.type === 'bhyt' && card === null) {
    problems.push({ field: 'MA_THE_BHYT', code: 'missing', message: "MA_THE_BHYT: a BHYT visit needs the card's 15-character code (check the card with the gateway)" });
  }
  if (card !== null) {
    text('MA_THE_BHYT', card.number);
    text('MA_DKBD', card.registeredFacility);
    values.GT_THE_TU = dateValue(card.validFrom, 'GT_THE_TU', problems);
    values.GT_THE_DEN = dateValue(card.validTo, 'GT_THE_DEN', problems);
    if (day !== null && !cardValidOn(card, day)) {
      warnings.push({ field: 'GT_THE_DEN', code: 'card-not-valid-on-visit-day', message: 'The card is not valid on the visit day' });
    }
  }

  values.NGAY_VAO = arrival ?? '';
  values.NGAY_YL = visit.orderedAt === undefined ? (arrival ?? '') : (xmlDateTime(visit.orderedAt) ?? '');
  if (visit.orderedAt !== undefined && values.NGAY_YL === '') {
    problems.push({ field: 'NGAY_YL', code: 'bad-format', message: 'NGAY_YL: the order time is not a valid time' });
  }

  const standing: VisitStanding = {
    visitType: visit.type,
    priorities: visit.priorities,
    document: visit.document,
    registeredHere: card !== null && card.registeredFacility !== null && card.registeredFacility === source.facilityCode,
  };
  if (day !== null) {
    values.MA_LOAI_KCB = visit.treatmentType ?? codeForStanding(rules.treatmentTypes, standing, day) ?? '';
    values.MA_DOITUONG_KCB = visit.beneficiary ?? codeForStanding(rules.beneficiaries, standing, day) ?? '';
  } else {
    for (const field of ['MA_DOITUONG_KCB', 'MA_LOAI_KCB'] as const) {
      problems.push({ field, code: 'missing', message: `${field}: the code list in force depends on the visit day, unknown while NGAY_VAO is invalid` });
    }
  }
  text('MA_CSKCB', source.facilityCode);
  text('MA_DICH_VU', visit.service?.code);
  text('TEN_DICH_VU', visit.service?.name);

  if (visit.status === 'cancelled') {
    warnings.push({ field: null, code: 'visit-cancelled', message: 'The visit was cancelled; a check-in record is normally not sent for it' });
  }
  return { values, problems, warnings };
}

function dateValue(day: LocalDay | null, field: Xml0FieldName, problems: Xml0Problem[]): string {
  if (day === null) return '';
  const value = xmlDate(day);
  if (value === null) problems.push({ field, code: 'bad-format', message: `${field}: not a calendar day` });
  return value ?? '';
}

function cardValidOn(card: Xml0Card, day: LocalDay): boolean {
  return (card.validFrom === null || card.validFrom <= day) && (card.validTo === null || day <= card.validTo);
}

/** 28 days old or younger on the visit day; only a full birth date can tell. */
function isNewborn(birthDate: PartialDate, arrivedAt: Instant): boolean {
  if (birthDate.precision !== 'day') return false;
  const arrival = xmlDateTime(arrivedAt);
  if (arrival === null) return false;
  const born = Date.UTC(birthDate.year, birthDate.month - 1, birthDate.day);
  const visited = Date.UTC(Number(arrival.slice(0, 4)), Number(arrival.slice(4, 6)) - 1, Number(arrival.slice(6, 8)));
  const days = (visited - born) / DAY_MS;
  return days >= 0 && days <= NEWBORN_DAYS;
}
