/**
 * The URIs the FHIR adapter writes and searches by, in one place. VN Core FHIR
 * IG (HL7 Vietnam, 0.6.0 "Draft for Community Review", not state-approved)
 * names slices CCCD, BHYT and MRN on VNCorePatient but its NamingSystem URIs
 * for them are not confirmed: those are marked UNCONFIRMED and a hospital's
 * HIS may override any of them in settings (`systems`).
 */

export interface FhirSystems {
  /** Căn cước công dân, 12 digits. UNCONFIRMED: patterned on the IG's confirmed `…/core/sid/ma-lk`. */
  cccd: string;
  /** BHYT card number, 15 characters. UNCONFIRMED. */
  bhyt: string;
  /** Mã số BHXH, 10 digits (the lifelong part of the BHYT card number). UNCONFIRMED. */
  bhxh: string;
  /** The hospital's medical record number. Hospital-specific: UNCONFIRMED default. */
  mrn: string;
  /** MA_LK, the episode link of QĐ 130 — confirmed NamingSystem of the IG. */
  maLk: string;
  /** The desk's own patient number (desk-scoped value): TiepDon's own system. */
  localPatient: string;
  /** The visit's business identifier ("desk-visitId"): TiepDon's own system. */
  visit: string;
  /** The queue number as printed, on the Encounter: TiepDon's own system. */
  queueNumber: string;
  /** A payment's idempotency key: TiepDon's own system. */
  payment: string;
  /** A clinic (phòng khám) id, on Location. UNCONFIRMED: hospitals name their rooms their own way. */
  clinic: string;
  /** Visit type (BHYT / fee-paying / on-demand), Encounter.serviceType. TiepDon's own code system. */
  visitType: string;
  /** Reception priority groups, Encounter.priority coding beside the v3 code. TiepDon's own code system. */
  priorityGroup: string;
  /** Fee codes (DMDC service codes), ChargeItemDefinition.code. UNCONFIRMED. */
  feeCode: string;
}

export const DEFAULT_FHIR_SYSTEMS: FhirSystems = {
  cccd: 'http://fhir.hl7.org.vn/core/sid/cccd',
  bhyt: 'http://fhir.hl7.org.vn/core/sid/bhyt',
  bhxh: 'http://fhir.hl7.org.vn/core/sid/bhxh',
  mrn: 'http://fhir.hl7.org.vn/core/sid/mrn',
  maLk: 'http://fhir.hl7.org.vn/core/sid/ma-lk',
  localPatient: 'urn:tiepdon:sid:desk-patient',
  visit: 'urn:tiepdon:sid:visit',
  queueNumber: 'urn:tiepdon:sid:queue-number',
  payment: 'urn:tiepdon:sid:payment',
  clinic: 'urn:tiepdon:sid:clinic',
  visitType: 'urn:tiepdon:cs:visit-type',
  priorityGroup: 'urn:tiepdon:cs:priority-group',
  feeCode: 'http://fhir.hl7.org.vn/core/CodeSystem/dmdc-dich-vu',
};

/** Standard FHIR terminology (confirmed, HL7). */
export const HL7 = {
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  actPriority: 'http://terminology.hl7.org/CodeSystem/v3-ActPriority',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  paymentStatus: 'http://terminology.hl7.org/CodeSystem/paymentstatus',
} as const;

/** Encounter.class for a reception visit: ambulatory. */
export const AMBULATORY = { system: HL7.actCode, code: 'AMB', display: 'ambulatory' } as const;

/** The v3 priority a reception priority group maps to: emergencies are EM, every other priority group UR, none R. */
export function actPriorityOf(priorityCodes: readonly string[]): 'EM' | 'UR' | 'R' {
  if (priorityCodes.includes('emergency')) return 'EM';
  return priorityCodes.length > 0 ? 'UR' : 'R';
}

/** The custom operation that numbers a clinic's queue: no standard exists. UNCONFIRMED for any real HIS. */
export const QUEUE_NUMBER_OPERATION = '$next-queue-number';
