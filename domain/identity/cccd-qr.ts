/**
 * The QR code on the chip CCCD (TT 06/2021/TT-BCA), one line of 7 fields:
 *   idNumber | oldIdNumber (9 or 12 digits, or empty) | fullName | ddMMyyyy birth | Nam/Nữ | address | ddMMyyyy issue
 * Codes that do not fit that layout (the 2024 card's order is not published)
 * are read by the form of their fields and marked for the clerk to confirm.
 */
import { checkCccdNumber, decodeCccdNumber, isCccdNumber, type CccdNumberDecoded } from './cccd-number.ts';
import {
  isWordy,
  readBirthDate,
  readIssueDate,
  readOldIdNumber,
  readSex,
  type CccdQrReading,
} from './cccd-qr-fields.ts';
import { readCccdQrByFieldForms } from './cccd-qr-heuristic.ts';
import {
  anyNeedsConfirmation,
  futureDateWarnings,
  implausibleDateWarnings,
  parsed,
  rejected,
  warning,
  type IdentityField,
  type IdentityWarning,
  type ParseResult,
} from './issues.ts';
import type { PartialDate } from './partial-date.ts';
import type { Sex } from './sex.ts';
import {
  cleanScanText,
  hasDigit,
  isChangedByCleaning,
  looksGarbled,
  MAX_SCAN_LENGTH,
  normaliseField,
  ONE_SCAN_EXPECTED,
  splitScanLines,
} from './text.ts';

export type CccdQrLayout = 'cccd2021' | 'heuristic';
export type Confidence = 'exact' | 'heuristic';

export interface CccdQr {
  readonly layout: CccdQrLayout;
  /** "heuristic" when fields were recognised by form, not position: the clerk must confirm them. */
  readonly confidence: Confidence;
  readonly idNumber: string;
  readonly oldIdNumber: string | null;
  /** Further 9- or 12-digit numbers, e.g. cancelled ID numbers on 2024 cards. */
  readonly otherIdNumbers: readonly string[];
  readonly fullName: string;
  readonly dateOfBirth: PartialDate;
  readonly sex: Sex;
  readonly address: string | null;
  readonly issueDate: PartialDate;
  readonly idDecoded: CccdNumberDecoded;
  /** Fields not understood, as scanned. */
  readonly extra: readonly string[];
  /** The scanned text after cleaning (NFC, framing removed). */
  readonly raw: string;
  readonly warnings: readonly IdentityWarning[];
  readonly needsConfirmation: boolean;
}

/** The 2021 layout, field by position. */
const LAYOUT_2021: readonly { readonly field: IdentityField; readonly expected: string }[] = [
  { field: 'idNumber', expected: '12 digits' },
  { field: 'oldIdNumber', expected: 'empty, 9 or 12 digits' },
  { field: 'fullName', expected: 'a name in letters' },
  { field: 'dateOfBirth', expected: 'a date as ddMMyyyy' },
  { field: 'sex', expected: '"Nam" or "Nữ"' },
  { field: 'address', expected: 'the permanent address' },
  { field: 'issueDate', expected: 'a date as ddMMyyyy' },
];

function invalid2021(position: number, value: string): ParseResult<never> {
  const spec = LAYOUT_2021[position] ?? { field: 'input', expected: '7 fields' };
  return rejected('cccd-qr', value === '' ? 'FIELD_MISSING' : 'FIELD_INVALID', spec.field, spec.expected, position);
}

function readLayout2021(fields: readonly string[]): ParseResult<CccdQrReading> {
  if (fields.length < LAYOUT_2021.length) return invalid2021(fields.length, '');
  const [idNumber = '', oldId = '', fullName = '', birthText = '', sexText = '', address = '', issueText = ''] = fields;
  const idDecoded = decodeCccdNumber(idNumber);
  if (idDecoded === null) return invalid2021(0, idNumber);
  const oldIdNumber = readOldIdNumber(oldId);
  if (oldIdNumber === undefined) return invalid2021(1, oldId);
  // A comma marks an address, never a name: such a code is read by field form instead.
  if (!isWordy(fullName) || fullName.includes(',')) return invalid2021(2, fullName);
  const dateOfBirth = readBirthDate(birthText);
  if (dateOfBirth === null) return invalid2021(3, birthText);
  const sex = readSex(sexText);
  if (sex === null) return invalid2021(4, sexText);
  const issueDate = readIssueDate(issueText);
  if (issueDate === null) return invalid2021(6, issueText);

  const extra = trimTrailingEmpty(fields.slice(LAYOUT_2021.length));
  const warnings: IdentityWarning[] = [];
  if (!sex.exact) warnings.push(warning('SEX_SPELLING_UNUSUAL', 'sex'));
  if (dateOfBirth.precision !== 'day') warnings.push(warning('DATE_PARTIAL', 'dateOfBirth'));
  if (address === '') warnings.push(warning('ADDRESS_MISSING', 'address'));
  if (extra.length > 0) warnings.push(warning('EXTRA_FIELDS', 'extra'));
  return parsed({
    idNumber,
    idDecoded,
    oldIdNumber,
    otherIdNumbers: [],
    fullName,
    dateOfBirth,
    sex: sex.sex,
    address: address === '' ? null : address,
    issueDate,
    extra,
    warnings,
  });
}

function trimTrailingEmpty(fields: readonly string[]): string[] {
  const out = [...fields];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

function textWarnings(reading: CccdQrReading): IdentityWarning[] {
  const warnings: IdentityWarning[] = [];
  if (looksGarbled(reading.fullName) || hasDigit(reading.fullName)) {
    warnings.push(warning('TEXT_MAY_BE_GARBLED', 'fullName'));
  }
  if (reading.address !== null && looksGarbled(reading.address)) {
    warnings.push(warning('TEXT_MAY_BE_GARBLED', 'address'));
  }
  return warnings;
}

export interface CccdQrOptions {
  /** Today's local date: dates after it are flagged. */
  readonly today?: PartialDate;
}

/** The fields as scanned, and the positions where cleaning removed hidden characters. */
interface ScannedFields {
  readonly values: readonly string[];
  readonly cleanedAt: readonly number[];
}

function splitFields(line: string): ScannedFields {
  const scanned = line.split('|');
  return {
    values: scanned.map(normaliseField),
    cleanedAt: scanned.flatMap((field, position) => (isChangedByCleaning(field) ? [position] : [])),
  };
}

/** TEXT_CLEANED on the field each cleaned position was read as; "input" where a guessed layout leaves it unknown. */
function cleanedWarnings(reading: CccdQrReading, layout: CccdQrLayout, fields: ScannedFields): IdentityWarning[] {
  const fieldAt = (position: number): IdentityField => {
    if (layout === 'cccd2021') return LAYOUT_2021[position]?.field ?? 'extra';
    const value = fields.values[position];
    return value === reading.fullName ? 'fullName' : value === reading.address ? 'address' : 'input';
  };
  const names = new Set(fields.cleanedAt.map(fieldAt));
  return [...names].map((field) => warning('TEXT_CLEANED', field));
}

function complete(reading: CccdQrReading, layout: CccdQrLayout, fields: ScannedFields, raw: string, options: CccdQrOptions): CccdQr {
  const { idDecoded } = reading;
  const { today } = options;
  const warnings = [
    ...reading.warnings,
    ...cleanedWarnings(reading, layout, fields),
    ...textWarnings(reading),
    ...checkCccdNumber(idDecoded, { dateOfBirth: reading.dateOfBirth, sex: reading.sex, today }),
    ...futureDateWarnings(today, [
      ['dateOfBirth', reading.dateOfBirth],
      ['issueDate', reading.issueDate],
    ]),
    ...implausibleDateWarnings(today, reading.dateOfBirth, reading.issueDate),
  ];
  const confidence: Confidence = layout === 'cccd2021' ? 'exact' : 'heuristic';
  return {
    layout,
    confidence,
    idNumber: reading.idNumber,
    oldIdNumber: reading.oldIdNumber,
    otherIdNumbers: reading.otherIdNumbers,
    fullName: reading.fullName,
    dateOfBirth: reading.dateOfBirth,
    sex: reading.sex ?? idDecoded.sexFromId,
    address: reading.address,
    issueDate: reading.issueDate,
    idDecoded,
    extra: reading.extra,
    raw,
    warnings,
    needsConfirmation: confidence === 'heuristic' || anyNeedsConfirmation(warnings),
  };
}

/** Whether the code at least starts like the 2021 layout, so its positional error is the useful one. */
function startsLike2021(fields: readonly string[]): boolean {
  return fields.length >= LAYOUT_2021.length && isCccdNumber(fields[0] ?? '');
}

export function parseCccdQr(raw: string, options: CccdQrOptions = {}): ParseResult<CccdQr> {
  if (typeof raw !== 'string') return rejected('cccd-qr', 'WRONG_KIND', 'input', 'text');
  if (raw.length > MAX_SCAN_LENGTH) {
    return rejected('cccd-qr', 'INPUT_TOO_LONG', 'input', `at most ${MAX_SCAN_LENGTH} characters`);
  }
  const scans = splitScanLines(raw);
  const line = scans[0];
  if (line === undefined) return rejected('cccd-qr', 'EMPTY_INPUT', 'input', 'the text of a CCCD QR code');
  if (scans.length > 1) return rejected('cccd-qr', 'WRONG_KIND', 'input', ONE_SCAN_EXPECTED);
  const text = cleanScanText(line);
  const fields = splitFields(line);
  if (fields.values.length < 2) return rejected('cccd-qr', 'WRONG_KIND', 'input', 'fields separated by "|"');

  const exact = readLayout2021(fields.values);
  if (exact.ok) return parsed(complete(exact.value, 'cccd2021', fields, text, options));
  const guessed = readCccdQrByFieldForms(fields.values);
  if (guessed.ok) return parsed(complete(guessed.value, 'heuristic', fields, text, options));
  return startsLike2021(fields.values) ? exact : guessed;
}
