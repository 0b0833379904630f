/**
 * DG1 (MRZ) against DG13 (Vietnamese details) on a chip ID card
 * (cccd-chip.md §2.2, §10 step 5): the MRZ document number is the last nine
 * digits of the 12-digit ID, the optional data starts with the full ID and its
 * check digit; the MRZ name is the DG13 name without diacritics; birth date,
 * sex and expiry agree. Returns findings, never throws.
 */
import { mrzCheckDigit } from '../bac/mrz-key.ts';
import type { Dg1 } from './dg1.ts';
import type { Dg13, Dg13Date } from './dg13.ts';

export type CrossCheckField = 'documentNumber' | 'idNumber' | 'idNumberCheckDigit' | 'name' | 'dateOfBirth' | 'sex' | 'dateOfExpiry';

export interface CrossCheckWarning {
  field: CrossCheckField;
  /** The value as DG1 has it. */
  dg1: string;
  /** The value as DG13 has it (or what DG1 should hold, for the check digit). */
  dg13: string;
}

/** Upper case A-Z, digits and single spaces: "Nguyễn Văn Đức" → "NGUYEN VAN DUC". */
export function foldVietnameseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

function mrzName(dg1: Dg1): string {
  return [dg1.primaryIdentifier, dg1.secondaryIdentifier].filter((part) => part !== '').join(' ');
}

/** Whether the MRZ name field is full to its last character, so the name may have been cut. */
function nameMayBeTruncated(dg1: Dg1): boolean {
  const line = dg1.format === 'TD1' ? dg1.lines[2] : dg1.lines[0];
  return line !== undefined && !line.endsWith('<');
}

/** DG13 date to MRZ YYMMDD; unknown parts as '<' (9303-3 §4.8.2). */
function mrzDate(date: Dg13Date): string | undefined {
  if (date.iso === undefined) return undefined;
  const [year, month, day] = date.iso.split('-');
  return `${(year ?? '').slice(2)}${month ?? '<<'}${day ?? '<<'}`;
}

function sexCode(text: string): 'M' | 'F' | undefined {
  const folded = foldVietnameseName(text);
  if (folded === 'NAM' || folded === 'M' || folded === 'MALE') return 'M';
  if (folded === 'NU' || folded === 'F' || folded === 'FEMALE') return 'F';
  return undefined;
}

export function crossCheckDg1Dg13(dg1: Dg1, dg13: Dg13): CrossCheckWarning[] {
  const warnings: CrossCheckWarning[] = [];
  const id = dg13.idNumber;
  if (id !== undefined) {
    if (dg1.documentNumber !== id.slice(-9)) warnings.push({ field: 'documentNumber', dg1: dg1.documentNumber, dg13: id });
    const optional = /^(\d{12})<*(\d)?$/.exec(dg1.optionalData);
    if (optional !== null) {
      const [, mrzId, digit] = optional as unknown as [string, string, string | undefined];
      if (mrzId !== id) warnings.push({ field: 'idNumber', dg1: mrzId, dg13: id });
      const expected = String(mrzCheckDigit(mrzId));
      if (digit !== undefined && digit !== expected) warnings.push({ field: 'idNumberCheckDigit', dg1: digit, dg13: expected });
    }
  }
  if (dg13.fullName !== undefined) {
    const fromMrz = foldVietnameseName(mrzName(dg1));
    const folded = foldVietnameseName(dg13.fullName);
    const agrees = fromMrz === folded || (nameMayBeTruncated(dg1) && fromMrz !== '' && folded.startsWith(fromMrz));
    if (!agrees) warnings.push({ field: 'name', dg1: mrzName(dg1), dg13: dg13.fullName });
  }
  if (dg13.dateOfBirth !== undefined) {
    const expected = mrzDate(dg13.dateOfBirth);
    if (expected !== undefined && expected !== dg1.dateOfBirth) warnings.push({ field: 'dateOfBirth', dg1: dg1.dateOfBirth, dg13: dg13.dateOfBirth.text });
  }
  if (dg13.sex !== undefined) {
    const expected = sexCode(dg13.sex);
    if (expected !== undefined && expected !== dg1.sex) warnings.push({ field: 'sex', dg1: dg1.sex, dg13: dg13.sex });
  }
  if (dg13.dateOfExpiry !== undefined) {
    const expected = mrzDate(dg13.dateOfExpiry);
    if (expected !== undefined && expected !== dg1.dateOfExpiry) warnings.push({ field: 'dateOfExpiry', dg1: dg1.dateOfExpiry, dg13: dg13.dateOfExpiry.text });
  }
  return warnings;
}
