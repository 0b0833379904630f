/**
 * Checks one XML0 record against its edition of the table: required elements,
 * lengths, formats, codes in force on the visit day and the rules that tie two
 * elements together. Every problem is listed; nothing throws.
 */
import { BENEFICIARY_TYPES, isCodeInForce, TREATMENT_TYPES, type CodeRow } from './codes.ts';
import type { FieldFormat, Xml0Edition, Xml0FieldName, Xml0FieldSpec } from './fields.ts';
import type { Xml0Problem } from './problems.ts';
import { characterCount, isXmlBirthDateTime, isXmlDate, isXmlDateTime, isXmlSafe } from './values.ts';

/** One record: every element of the edition, '' when empty. */
export type Xml0Values = Readonly<Record<Xml0FieldName, string>>;

export interface CodeLists {
  readonly treatmentTypes: readonly CodeRow[];
  readonly beneficiaryTypes: readonly CodeRow[];
}

export const DEFAULT_CODE_LISTS: CodeLists = { treatmentTypes: TREATMENT_TYPES, beneficiaryTypes: BENEFICIARY_TYPES };

const SHAPES: Partial<Record<FieldFormat, { pattern: RegExp; expected: string }>> = {
  code: { pattern: /^[A-Za-z0-9._-]+$/, expected: 'letters, digits, ".", "_" or "-"' },
  count: { pattern: /^[1-9]\d*$/, expected: 'a whole number from 1' },
  sex: { pattern: /^[123]$/, expected: '1, 2 or 3' },
  'personal-id': { pattern: /^(?:\d{9}|\d{12}|[A-Z]\d{7})$/, expected: '9 or 12 digits, or a passport number (1 capital letter + 7 digits)' },
  'bhyt-card': { pattern: /^[A-Z]{2}[1-5]\d{12}$/, expected: 'the 15-character card code' },
  facility: { pattern: /^\d{2}[0-9A-Z]{3}$/, expected: 'a 5-character facility code' },
};

function formatProblem(spec: Xml0FieldSpec, value: string, day: string, lists: CodeLists): string | null {
  if (spec.type === 'N' && !/^\d+$/.test(value)) return 'digits only';
  const shape = SHAPES[spec.format];
  if (shape !== undefined) return shape.pattern.test(value) ? null : shape.expected;
  switch (spec.format) {
    case 'datetime':
      return isXmlDateTime(value) ? null : 'a date and time yyyyMMddHHmm';
    case 'birth-datetime':
      return isXmlBirthDateTime(value) ? null : 'yyyyMMddHHmm with 00 for an unknown month or day and 0000 for an unknown time';
    case 'date':
      return isXmlDate(value) ? null : 'a date yyyyMMdd';
    case 'treatment-type':
      return isCodeInForce(lists.treatmentTypes, value, day) ? null : 'not-in-force';
    case 'beneficiary':
      return isCodeInForce(lists.beneficiaryTypes, value, day) ? null : 'not-in-force';
    default:
      return null;
  }
}

function isRequired(spec: Xml0FieldSpec, values: Xml0Values): boolean {
  const { required } = spec;
  switch (required.kind) {
    case 'always':
      return true;
    case 'optional':
      return false;
    case 'with':
      return values[required.field] !== '';
    case 'unless-any':
      return required.fields.every((field) => values[field] === '');
  }
}

function requirementText(spec: Xml0FieldSpec): string {
  const { required } = spec;
  if (required.kind === 'with') return ` (required with ${required.field})`;
  if (required.kind === 'unless-any') return ` (required unless ${required.fields.join(' or ')} is given)`;
  return '';
}

/** The visit day (yyyy-MM-dd) of a record, from NGAY_VAO; null when NGAY_VAO is not a date. */
export function visitDayOf(values: Xml0Values): string | null {
  const arrival = values.NGAY_VAO;
  return isXmlDateTime(arrival) ? `${arrival.slice(0, 4)}-${arrival.slice(4, 6)}-${arrival.slice(6, 8)}` : null;
}

export function checkXml0Values(values: Xml0Values, edition: Xml0Edition, lists: CodeLists = DEFAULT_CODE_LISTS): Xml0Problem[] {
  const problems: Xml0Problem[] = [];
  const day = visitDayOf(values) ?? '';
  for (const spec of edition.fields) {
    const value = values[spec.name];
    if (value === '') {
      if (isRequired(spec, values)) problems.push({ field: spec.name, code: 'missing', message: `${spec.name} is required${requirementText(spec)}` });
      continue;
    }
    if (!isXmlSafe(value)) {
      problems.push({ field: spec.name, code: 'bad-format', message: `${spec.name} holds characters XML cannot carry` });
      continue;
    }
    if (spec.maxLength !== null && characterCount(value) > spec.maxLength) {
      problems.push({ field: spec.name, code: 'too-long', message: `${spec.name} is longer than ${spec.maxLength} characters` });
      continue;
    }
    const wrong = formatProblem(spec, value, day, lists);
    if (wrong === 'not-in-force') {
      problems.push({ field: spec.name, code: 'not-in-force', message: `${spec.name} is not a code in force on ${day || 'the visit day'}` });
    } else if (wrong !== null) {
      problems.push({ field: spec.name, code: 'bad-format', message: `${spec.name} must be ${wrong}` });
    }
  }
  problems.push(...crossFieldProblems(values));
  return problems;
}

/** Rules between two elements, checked only when both are well formed. */
function crossFieldProblems(values: Xml0Values): Xml0Problem[] {
  const problems: Xml0Problem[] = [];
  const admitted = values.NGAY_VAO_NOI_TRU;
  if (isXmlDateTime(admitted) && isXmlDateTime(values.NGAY_VAO) && admitted < values.NGAY_VAO) {
    problems.push({ field: 'NGAY_VAO_NOI_TRU', code: 'inconsistent', message: 'NGAY_VAO_NOI_TRU is before NGAY_VAO' });
  }
  if (isXmlDate(values.GT_THE_TU) && isXmlDate(values.GT_THE_DEN) && values.GT_THE_DEN < values.GT_THE_TU) {
    problems.push({ field: 'GT_THE_DEN', code: 'inconsistent', message: 'GT_THE_DEN is before GT_THE_TU' });
  }
  return problems;
}
