/**
 * The forms a CCCD QR field can take, and what a layout reader extracts. Both
 * the positional 2021 reader and the form-driven reader for other layouts use these.
 */
import { oldIdNumberKind, type CccdNumberDecoded } from './cccd-number.ts';
import { CCCD_QR_BIRTH_DATE, CCCD_QR_DATE, parseCardDate } from './date-text.ts';
import type { IdentityWarning } from './issues.ts';
import type { PartialDate } from './partial-date.ts';
import { parseSexWord, type Sex } from './sex.ts';
import { hasDigit, hasLetter } from './text.ts';

/** What a layout reader found, before cross-checks. */
export interface CccdQrReading {
  readonly idNumber: string;
  readonly idDecoded: CccdNumberDecoded;
  readonly oldIdNumber: string | null;
  readonly otherIdNumbers: readonly string[];
  readonly fullName: string;
  readonly dateOfBirth: PartialDate;
  /** Null when the code has no sex field; the ID number's sex digit is used then. */
  readonly sex: Sex | null;
  readonly address: string | null;
  readonly issueDate: PartialDate;
  readonly extra: readonly string[];
  readonly warnings: readonly IdentityWarning[];
}

export function readBirthDate(field: string): PartialDate | null {
  return parseCardDate(field, CCCD_QR_BIRTH_DATE);
}

export function readIssueDate(field: string): PartialDate | null {
  return parseCardDate(field, CCCD_QR_DATE);
}

export function readOldIdNumber(field: string): string | null | undefined {
  if (field === '') return null;
  return oldIdNumberKind(field) === null ? undefined : field;
}

export function readSex(field: string): ReturnType<typeof parseSexWord> {
  return parseSexWord(field);
}

/** Text with at least one letter that is not a sex word. */
export function isWordy(field: string): boolean {
  return hasLetter(field) && parseSexWord(field) === null;
}

/** Looks like a personal name: letters, no digits, no commas. */
export function isNameLike(field: string): boolean {
  return isWordy(field) && !hasDigit(field) && !field.includes(',');
}
