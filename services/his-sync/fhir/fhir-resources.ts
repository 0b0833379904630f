/**
 * The FHIR R4 resources the desk writes, in the shapes of the VN Core FHIR IG
 * (VNCorePatient identifiers CCCD/BHYT/MRN; Encounter with class, serviceType,
 * priority and location = the clinic; Coverage for BHYT; PaymentNotice for a
 * payment). Pure: inputs in, resources out.
 */
import type { Coverage, Encounter, Identifier, Patient, PaymentNotice } from '@medplum/fhirtypes';
import { actPriorityOf, AMBULATORY, HL7, type FhirSystems } from '../../../domain/his/fhir-systems.ts';
import type { HisCoverageInput, HisEncounterInput, HisPatientInput, HisPaymentInput } from '../his-adapter.ts';

const GENDER = { male: 'male', female: 'female', unspecified: 'unknown' } as const;

/**
 * Every identifier the desk holds for a patient, the one that never changes
 * (the desk's own number) last. The HIS patient is the one holding any of
 * them: a patient first sent by the desk's number or BHXH, who later shows a
 * CCCD, is still the same patient.
 */
export function patientIdentifiers(patient: Pick<HisPatientInput, 'cccd' | 'bhxhNumber' | 'localId'>, systems: FhirSystems): (Identifier & { system: string; value: string })[] {
  return [
    ...(patient.cccd ? [{ system: systems.cccd, value: patient.cccd }] : []),
    ...(patient.bhxhNumber ? [{ system: systems.bhxh, value: patient.bhxhNumber }] : []),
    { system: systems.localPatient, value: patient.localId },
  ];
}

/** "Nguyễn Văn An": family name first, as Vietnamese names are written. */
export function vietnameseName(fullName: string): NonNullable<Patient['name']>[number] {
  const words = fullName.normalize('NFC').trim().split(/\s+/);
  const [family, ...given] = words;
  return { use: 'official', text: words.join(' '), ...(family ? { family } : {}), ...(given.length > 0 ? { given } : {}) };
}

export function patientResource(input: HisPatientInput, systems: FhirSystems): Patient {
  const identifier: Identifier[] = [];
  if (input.cccd) identifier.push({ use: 'official', system: systems.cccd, value: input.cccd });
  if (input.bhxhNumber) identifier.push({ use: 'secondary', system: systems.bhxh, value: input.bhxhNumber });
  identifier.push({ use: 'secondary', system: systems.localPatient, value: input.localId });
  return {
    resourceType: 'Patient',
    identifier,
    active: true,
    name: [vietnameseName(input.fullName)],
    gender: GENDER[input.sex],
    birthDate: input.birthDate,
    ...(input.phone ? { telecom: [{ system: 'phone', value: input.phone, use: 'mobile' }] } : {}),
    ...(input.address ? { address: [{ use: 'home', text: input.address, country: 'VN' }] } : {}),
  };
}

/**
 * `ours` laid over `theirs`: each of ours replaces the HIS's entries it is
 * `same` as (in the first one's place) or is added; the HIS's other entries
 * (a work phone, an email, a temporary address, a former name) are kept.
 */
function layOver<T>(theirs: readonly T[] | undefined, ours: readonly T[] | undefined, same: (a: T, b: T) => boolean): T[] | undefined {
  if (!ours || ours.length === 0) return theirs ? [...theirs] : undefined;
  let merged = [...(theirs ?? [])];
  for (const entry of ours) {
    const at = merged.findIndex((held) => same(held, entry));
    if (at < 0) {
      merged.push(entry);
      continue;
    }
    merged = merged.flatMap((held, index) => (index === at ? [entry] : same(held, entry) ? [] : [held]));
  }
  return merged;
}

/**
 * The HIS's patient with our demographics laid over it: its own identifiers
 * (an MRN) and fields we do not know are kept; identifiers we hold are added;
 * our name, phone and address replace only the entries of the same use (and
 * system), never the HIS's others.
 */
export function mergePatient(existing: Patient, ours: Patient): Patient {
  const identifiers = [...(existing.identifier ?? [])];
  for (const identifier of ours.identifier ?? []) {
    if (!identifiers.some((held) => held.system === identifier.system && held.value === identifier.value)) identifiers.push(identifier);
  }
  const name = layOver(existing.name, ours.name, (a, b) => a.use === b.use);
  const telecom = layOver(existing.telecom, ours.telecom, (a, b) => a.system === b.system && a.use === b.use);
  const address = layOver(existing.address, ours.address, (a, b) => a.use === b.use);
  return {
    ...existing,
    identifier: identifiers,
    ...(name ? { name } : {}),
    ...(ours.gender ? { gender: ours.gender } : {}),
    ...(ours.birthDate ? { birthDate: ours.birthDate } : {}),
    ...(telecom ? { telecom } : {}),
    ...(address ? { address } : {}),
  };
}

/** Whether laying ours over the HIS's record would change anything. */
export function patientDiffers(existing: Patient, merged: Patient): boolean {
  const pick = (p: Patient) => JSON.stringify([p.identifier, p.name, p.gender, p.birthDate, p.telecom ?? null, p.address ?? null]);
  return pick(existing) !== pick(merged);
}

export function encounterResource(input: HisEncounterInput, patientId: string, systems: FhirSystems): Encounter {
  const priority = actPriorityOf(input.priorities);
  return {
    resourceType: 'Encounter',
    identifier: [
      { use: 'official', system: systems.visit, value: input.visitKey },
      { use: 'usual', system: systems.queueNumber, value: `${input.day}/${input.clinicId}/${input.queueNumber}`, type: { text: 'Số thứ tự' } },
    ],
    status: input.status,
    class: { ...AMBULATORY },
    serviceType: { coding: [{ system: systems.visitType, code: input.visitType }] },
    priority: {
      coding: [
        { system: HL7.actPriority, code: priority },
        ...input.priorities.map((code) => ({ system: systems.priorityGroup, code })),
      ],
    },
    subject: { reference: `Patient/${patientId}` },
    period: { start: input.arrivedAt },
    location: [{ location: { identifier: { system: systems.clinic, value: input.clinicId }, display: input.clinicId }, status: 'planned' }],
  };
}

/** The encounter moved to `status`, the old status kept in statusHistory. */
export function encounterWithStatus(existing: Encounter, status: Encounter['status'], at: string): Encounter {
  const history = [...(existing.statusHistory ?? []), { status: existing.status, period: { ...(existing.period?.start ? { start: existing.period.start } : {}), end: at } }];
  return { ...existing, status, statusHistory: history };
}

export function coverageResource(input: HisCoverageInput, patientId: string, systems: FhirSystems): Coverage {
  return {
    resourceType: 'Coverage',
    identifier: [{ system: systems.bhyt, value: input.cardNumber }],
    status: 'active',
    type: { coding: [{ system: HL7.actCode, code: 'PUBLICPOL', display: 'public healthcare' }], text: 'BHYT' },
    subscriberId: input.cardNumber,
    beneficiary: { reference: `Patient/${patientId}` },
    payor: [{ display: 'Bảo hiểm xã hội Việt Nam' }],
    ...(input.validFrom || input.validTo
      ? { period: { ...(input.validFrom ? { start: input.validFrom } : {}), ...(input.validTo ? { end: input.validTo } : {}) } }
      : {}),
    ...(input.registeredFacility
      ? { class: [{ type: { coding: [{ system: HL7.coverageClass, code: 'plan' }], text: 'Nơi ĐKKCB ban đầu' }, value: input.registeredFacility }] }
      : {}),
    extension: [{ url: 'urn:tiepdon:ext:bhxh-check-result', valueCode: input.checkResult }],
  };
}

export function paymentNoticeResource(input: HisPaymentInput, encounterId: string, systems: FhirSystems): PaymentNotice {
  return {
    resourceType: 'PaymentNotice',
    identifier: [{ system: systems.payment, value: input.paymentKey }],
    status: 'active',
    created: input.at,
    request: { reference: `Encounter/${encounterId}` },
    payment: { display: input.method === 'vietqr' ? 'VietQR' : 'Tiền mặt', ...(input.reference ? { identifier: { value: input.reference } } : {}) },
    recipient: { display: 'Bệnh viện' },
    amount: { value: input.amountVnd, currency: 'VND' },
    paymentStatus: { coding: [{ system: HL7.paymentStatus, code: 'paid' }] },
  };
}
