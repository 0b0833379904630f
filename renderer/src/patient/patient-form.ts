/**
 * The patient record as the registration form edits it: every field kept as
 * text, checked here before saving (the services check again), and the values
 * a card or QR brings, compared field by field with the stored record.
 */
import type { CardReadResult } from '../../../domain/card.ts';
import { BHYT_QR_BIRTH_DATE, parseCardDate } from '../../../domain/identity/date-text.ts';
import { formatPartialDate, parseIsoPartialDate, type PartialDate } from '../../../domain/identity/partial-date.ts';
import { normaliseField } from '../../../domain/identity/text.ts';
import { normalisePhone, PHONE, type Patient, type PatientSaveInput, type PatientSex } from '../../../domain/patient.ts';
import type { ScanEvent } from '../../../domain/scan.ts';

export const PATIENT_FORM_FIELDS = ['fullName', 'birthDate', 'sex', 'cccd', 'oldIdNumber', 'bhxhNumber', 'phone', 'address'] as const;
export type PatientFormField = (typeof PATIENT_FORM_FIELDS)[number];

export interface PatientForm {
  fullName: string;
  /** dd/mm/yyyy, mm/yyyy or yyyy. */
  birthDate: string;
  sex: PatientSex | '';
  cccd: string;
  oldIdNumber: string;
  bhxhNumber: string;
  phone: string;
  address: string;
}

export const EMPTY_FORM: PatientForm = {
  fullName: '',
  birthDate: '',
  sex: '',
  cccd: '',
  oldIdNumber: '',
  bhxhNumber: '',
  phone: '',
  address: '',
};

export function isPatientFormField(field: string): field is PatientFormField {
  return (PATIENT_FORM_FIELDS as readonly string[]).includes(field);
}

/** "15/08/1990", "08/1990" or "1990", as the clerk reads and types dates. */
export function displayDate(date: PartialDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (date.precision) {
    case 'year':
      return String(date.year);
    case 'month':
      return `${pad(date.month)}/${date.year}`;
    case 'day':
      return `${pad(date.day)}/${pad(date.month)}/${date.year}`;
  }
}

export function displayIsoDate(iso: string): string {
  const date = parseIsoPartialDate(iso);
  return date ? displayDate(date) : iso;
}

export function parseTypedBirthDate(text: string): PartialDate | null {
  return parseCardDate(text, BHYT_QR_BIRTH_DATE);
}

export function toForm(patient: Patient): PatientForm {
  return {
    fullName: patient.fullName,
    birthDate: displayIsoDate(patient.birthDate),
    sex: patient.sex,
    cccd: patient.cccd ?? '',
    oldIdNumber: patient.oldIdNumbers[0] ?? '',
    bhxhNumber: patient.bhxhNumber ?? '',
    phone: patient.phone ?? '',
    address: patient.address ?? '',
  };
}

/** Why a field cannot be saved, by field; empty when the form can go to the services. */
export function validate(form: PatientForm): Partial<Record<PatientFormField, true>> {
  const errors: Partial<Record<PatientFormField, true>> = {};
  const compact = (text: string) => text.replace(/[\s.-]/g, '');
  if (!normaliseField(form.fullName)) errors.fullName = true;
  if (!parseTypedBirthDate(form.birthDate)) errors.birthDate = true;
  if (!form.sex) errors.sex = true;
  if (form.cccd.trim() && !/^\d{12}$/.test(compact(form.cccd))) errors.cccd = true;
  if (form.oldIdNumber.trim() && !/^(\d{9}|\d{12})$/.test(compact(form.oldIdNumber))) errors.oldIdNumber = true;
  if (form.bhxhNumber.trim() && !/^\d{10}$/.test(compact(form.bhxhNumber))) errors.bhxhNumber = true;
  if (form.phone.trim() && !PHONE.test(normalisePhone(form.phone.trim()))) errors.phone = true;
  return errors;
}

/** The save request for a valid form; `keep` carries what the form does not edit (relatives, further old IDs). */
export function toInput(form: PatientForm, keep?: Patient): PatientSaveInput {
  const compact = (text: string) => text.replace(/[\s.-]/g, '');
  const date = parseTypedBirthDate(form.birthDate);
  const oldIds = [compact(form.oldIdNumber), ...(keep?.oldIdNumbers.slice(1) ?? [])].filter(Boolean);
  const input: PatientSaveInput = {
    fullName: form.fullName,
    birthDate: date ? formatPartialDate(date) : form.birthDate,
    sex: form.sex || 'unspecified',
    oldIdNumbers: oldIds,
    relatives: keep?.relatives ?? [],
  };
  if (keep) input.id = keep.id;
  if (form.cccd.trim()) input.cccd = compact(form.cccd);
  if (form.bhxhNumber.trim()) input.bhxhNumber = compact(form.bhxhNumber);
  if (form.phone.trim()) input.phone = form.phone.trim();
  if (form.address.trim()) input.address = form.address;
  return input;
}

/** What a card or QR says about the holder, with the number to search by. */
export interface CardValues {
  readonly source: 'scan' | 'card';
  /** The CCCD or BHXH number the search uses. */
  readonly query: string;
  readonly values: Partial<PatientForm>;
}

function put<K extends keyof PatientForm>(values: Partial<PatientForm>, key: K, value: PatientForm[K] | null | undefined): void {
  if (value !== null && value !== undefined && value !== '') values[key] = value;
}

export function valuesFromScan(scan: ScanEvent): CardValues | undefined {
  if (scan.kind === 'cccd' && scan.parsed && /^\d{12}$/.test(scan.parsed.idNumber)) {
    const p = scan.parsed;
    const values: Partial<PatientForm> = {};
    put(values, 'fullName', p.fullName);
    put(values, 'birthDate', displayDate(p.dateOfBirth));
    put(values, 'sex', p.sex);
    put(values, 'cccd', p.idNumber);
    put(values, 'oldIdNumber', p.oldIdNumber);
    put(values, 'address', p.address);
    return { source: 'scan', query: p.idNumber, values };
  }
  if (scan.kind === 'bhyt' && scan.parsed && /^\d{10}$/.test(scan.parsed.socialInsuranceNumber)) {
    const p = scan.parsed;
    const values: Partial<PatientForm> = {};
    put(values, 'fullName', p.fullName);
    put(values, 'birthDate', displayDate(p.dateOfBirth));
    put(values, 'sex', p.sex);
    put(values, 'bhxhNumber', p.socialInsuranceNumber);
    put(values, 'address', p.address);
    return { source: 'scan', query: p.socialInsuranceNumber, values };
  }
  return undefined;
}

export function valuesFromCard(result: CardReadResult): CardValues | undefined {
  const holder = result.holder;
  if (!holder.idNumber || !/^\d{12}$/.test(holder.idNumber)) return undefined;
  const values: Partial<PatientForm> = {};
  put(values, 'fullName', holder.fullName);
  const birth = holder.dateOfBirth ? (parseIsoPartialDate(holder.dateOfBirth) ?? parseTypedBirthDate(holder.dateOfBirth)) : null;
  if (birth) values.birthDate = displayDate(birth);
  put(values, 'sex', holder.sex === 'unspecified' ? undefined : holder.sex);
  put(values, 'cccd', holder.idNumber);
  put(values, 'oldIdNumber', holder.oldIdNumber);
  put(values, 'address', holder.placeOfResidence);
  return { source: 'card', query: holder.idNumber, values };
}

export interface Difference {
  readonly field: PatientFormField;
  readonly stored: string;
  readonly card: string;
}

function same(field: PatientFormField, a: string, b: string): boolean {
  if (field === 'birthDate') {
    const x = parseTypedBirthDate(a);
    const y = parseTypedBirthDate(b);
    if (x && y) return formatPartialDate(x) === formatPartialDate(y);
  }
  return normaliseField(a).normalize('NFC') === normaliseField(b).normalize('NFC');
}

/** The fields the clerk changed since the record was opened or last saved: what closing it now would lose. */
export function unsavedFields(form: PatientForm, baseline: PatientForm): PatientFormField[] {
  return PATIENT_FORM_FIELDS.filter((field) => !same(field, form[field], baseline[field]));
}

/** Fields the card states that differ from the stored record (an empty stored field counts). */
export function differences(stored: PatientForm, card: Partial<PatientForm>): Difference[] {
  return PATIENT_FORM_FIELDS.flatMap((field) => {
    const value = card[field];
    if (value === undefined || value === '') return [];
    return same(field, stored[field], value) ? [] : [{ field, stored: stored[field], card: value }];
  });
}
