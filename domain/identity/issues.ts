/**
 * What identity parsing reports besides a value: a typed error when the input
 * cannot be used, and warnings when it can but something looks wrong. Both name
 * the result field concerned, so the form can point at it.
 */
import type { ApiError, ErrorCode } from '../errors.ts';
import type { Result } from '../result.ts';
import { isAfterDay, type PartialDate } from './partial-date.ts';

/** Result field names, shared by errors and warnings. */
export type IdentityField =
  | 'input'
  | 'idNumber'
  | 'oldIdNumber'
  | 'fullName'
  | 'dateOfBirth'
  | 'sex'
  | 'address'
  | 'issueDate'
  | 'layout'
  | 'cardNumber'
  | 'groupCode'
  | 'benefitLevel'
  | 'provinceCode'
  | 'socialInsuranceNumber'
  | 'registeredFacility'
  | 'validFrom'
  | 'validTo'
  | 'managementCode'
  | 'guardianName'
  | 'fiveYearsContinuousFrom'
  | 'checkString'
  | 'issuingPlace'
  | 'extra';

export type IdentitySource =
  | 'cccd-number'
  | 'old-id-number'
  | 'cccd-qr'
  | 'bhyt-card-number'
  | 'social-insurance-number'
  | 'bhyt-qr';

export const IDENTITY_ERROR_CODES = [
  /** Nothing left after removing whitespace and scanner framing. */
  'EMPTY_INPUT',
  /** Longer than any QR code can hold. */
  'INPUT_TOO_LONG',
  /** Not the shape of the document at all. */
  'WRONG_KIND',
  /** A required field is absent (often a scan cut short). */
  'FIELD_MISSING',
  /** A field is present but not in the expected form. */
  'FIELD_INVALID',
] as const;
export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[number];

export interface IdentityParseError {
  readonly source: IdentitySource;
  readonly code: IdentityErrorCode;
  readonly field: IdentityField;
  /** What the field should have been, e.g. "a date as ddMMyyyy". */
  readonly expected: string;
  /** Zero-based position of the field in a "|"-separated QR string. */
  readonly position?: number;
  /** For logs and developers; the renderer words its own text from code and field. Holds no personal data. */
  readonly message: string;
}

export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IdentityParseError };

export function parsed<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function rejected(
  source: IdentitySource,
  code: IdentityErrorCode,
  field: IdentityField,
  expected: string,
  position?: number,
): ParseResult<never> {
  const where = position === undefined ? field : `${field} (field ${position})`;
  const message =
    code === 'FIELD_MISSING'
      ? `${source}: ${where} is missing; expected ${expected}`
      : code === 'EMPTY_INPUT'
        ? `${source}: nothing to read`
        : `${source}: ${where} is not valid; expected ${expected}`;
  const error: IdentityParseError =
    position === undefined
      ? { source, code, field, expected, message }
      : { source, code, field, expected, position, message };
  return { ok: false, error };
}

const QR_SOURCES: ReadonlySet<IdentitySource> = new Set(['cccd-qr', 'bhyt-qr']);

/** The API error for a parse error: scans are QR_UNRECOGNISED, typed numbers BAD_INPUT. */
export function toApiError(error: IdentityParseError): ApiError {
  const code: ErrorCode = QR_SOURCES.has(error.source) ? 'QR_UNRECOGNISED' : 'BAD_INPUT';
  const { source, field, expected, position } = error;
  return {
    code,
    message: error.message,
    detail: { source, reason: error.code, field, expected, ...(position === undefined ? {} : { position }) },
  };
}

export function toResult<T>(result: ParseResult<T>): Result<T> {
  return result.ok ? result : { ok: false, error: toApiError(result.error) };
}

/** Older than anyone alive: a birth date further back is a misread or a typing error. */
export const MAX_PLAUSIBLE_AGE = 130;

/**
 * Warnings as data: whether each one means the clerk must look at the
 * field before saving, or is only worth showing.
 */
export const IDENTITY_WARNINGS = {
  // CCCD number
  ID_PROVINCE_UNKNOWN: { needsConfirmation: false, about: 'the first 3 digits are not a province code (birth may have been registered abroad)' },
  ID_BIRTH_YEAR_MISMATCH: { needsConfirmation: true, about: 'the birth year coded in the ID number differs from the date of birth' },
  ID_SEX_MISMATCH: { needsConfirmation: true, about: 'the sex coded in the ID number differs from the stated sex' },
  ID_BIRTH_YEAR_IN_FUTURE: { needsConfirmation: true, about: 'the birth year coded in the ID number is after today' },
  // CCCD QR
  LAYOUT_HEURISTIC: { needsConfirmation: true, about: 'fields were recognised by their form, not their position; check every field' },
  SEX_SPELLING_UNUSUAL: { needsConfirmation: false, about: 'sex written in an unusual way' },
  SEX_TAKEN_FROM_ID: { needsConfirmation: true, about: 'no sex field; sex was taken from the ID number' },
  DATE_PARTIAL: { needsConfirmation: false, about: 'only the month or year of the date is known' },
  DATE_IN_FUTURE: { needsConfirmation: true, about: 'the date is after today' },
  TEXT_MAY_BE_GARBLED: { needsConfirmation: true, about: 'text contains "?" or replacement characters; diacritics may have been lost by the scanner' },
  TEXT_CLEANED: { needsConfirmation: true, about: 'control, direction or invisible characters were removed from the text' },
  ISSUE_BEFORE_BIRTH: { needsConfirmation: true, about: 'the issue date is before the date of birth' },
  AGE_IMPLAUSIBLE: { needsConfirmation: true, about: `the date of birth is more than ${MAX_PLAUSIBLE_AGE} years ago` },
  ADDRESS_MISSING: { needsConfirmation: false, about: 'no address in the code' },
  EXTRA_FIELDS: { needsConfirmation: false, about: 'the code has fields this version does not know; they are kept raw' },
  // BHYT QR and card number
  END_MARKER_MISSING: { needsConfirmation: true, about: 'the code does not end with "$"; the scan may be cut short' },
  TRAILING_TEXT_IGNORED: { needsConfirmation: true, about: 'text after the "$" end marker was ignored' },
  LAYOUT_UNKNOWN: { needsConfirmation: true, about: 'unexpected number of fields; only fields of the expected form were read' },
  LAYOUT_MISMATCH: { needsConfirmation: true, about: 'the number of fields and the kind of card number disagree' },
  TEXT_UNDECODABLE: { needsConfirmation: true, about: 'a hex text field is not valid UTF-8; kept as scanned' },
  SEX_INVALID: { needsConfirmation: true, about: 'sex code is not 1 or 2' },
  FACILITY_CODE_INVALID: { needsConfirmation: true, about: 'registered facility code is not 2 digits and 3 letters or digits' },
  DATE_INVALID: { needsConfirmation: true, about: 'not a real calendar date as dd/MM/yyyy' },
  BENEFIT_LEVEL_INVALID: { needsConfirmation: true, about: 'benefit level is not a digit 1–5' },
  BENEFIT_LEVEL_CONFLICT: { needsConfirmation: true, about: 'the benefit level field and the card number disagree' },
  VALIDITY_REVERSED: { needsConfirmation: true, about: 'the card is valid to a date before it is valid from' },
  GROUP_CODE_UNKNOWN: { needsConfirmation: false, about: 'beneficiary group code not in the list; the BHXH gateway decides' },
  BENEFIT_LEVEL_UNUSUAL_FOR_GROUP: { needsConfirmation: false, about: 'benefit level is not the usual one for the group; the card is authoritative' },
  PROVINCE_CODE_UNKNOWN: { needsConfirmation: false, about: 'province code not in the list; the BHXH gateway decides' },
} as const satisfies Record<string, { needsConfirmation: boolean; about: string }>;

export type IdentityWarningCode = keyof typeof IDENTITY_WARNINGS;

export interface IdentityWarning {
  readonly code: IdentityWarningCode;
  readonly field: IdentityField;
  readonly needsConfirmation: boolean;
  /** For logs and developers; holds no personal data. */
  readonly message: string;
}

export function warning(code: IdentityWarningCode, field: IdentityField, detail?: string): IdentityWarning {
  const rule = IDENTITY_WARNINGS[code];
  const message = detail === undefined ? `${field}: ${rule.about}` : `${field}: ${rule.about} (${detail})`;
  return { code, field, needsConfirmation: rule.needsConfirmation, message };
}

export function anyNeedsConfirmation(warnings: readonly IdentityWarning[]): boolean {
  return warnings.some((w) => w.needsConfirmation);
}

/** DATE_IN_FUTURE for each date that lies after today; nothing when today is not known. */
export function futureDateWarnings(
  today: PartialDate | undefined,
  dates: readonly (readonly [IdentityField, PartialDate | null])[],
): IdentityWarning[] {
  if (today === undefined) return [];
  return dates.flatMap(([field, date]) => (date !== null && isAfterDay(date, today) ? [warning('DATE_IN_FUTURE', field)] : []));
}

/**
 * Birth and issue dates that cannot both be true: a document issued before its
 * holder was born, or a holder older than anyone alive (by calendar year).
 */
export function implausibleDateWarnings(
  today: PartialDate | undefined,
  dateOfBirth: PartialDate,
  issueDate: PartialDate | null,
): IdentityWarning[] {
  const warnings: IdentityWarning[] = [];
  if (issueDate?.precision === 'day' && isAfterDay(dateOfBirth, issueDate)) warnings.push(warning('ISSUE_BEFORE_BIRTH', 'issueDate'));
  if (today !== undefined && today.year - dateOfBirth.year > MAX_PLAUSIBLE_AGE) warnings.push(warning('AGE_IMPLAUSIBLE', 'dateOfBirth'));
  return warnings;
}

