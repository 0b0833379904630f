/**
 * Machine readable zones (ICAO 9303-3/-4/-5/-6): TD1 (3×30), TD2 (2×36), TD3
 * (2×44). Every check digit is verified and reported; a wrong one is a finding
 * in the result, not an exception. Only a zone of the wrong size or with
 * characters outside A-Z, 0-9 and '<' is an error ('lds-malformed').
 */
import { mrzCheckDigit } from '../bac/mrz-key.ts';
import { EmrtdError } from '../errors.ts';

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';
export type MrzSex = 'M' | 'F' | 'unspecified';
export type MrzCheckedField = 'documentNumber' | 'dateOfBirth' | 'dateOfExpiry' | 'optionalData' | 'composite';

export interface MrzCheck {
  field: MrzCheckedField;
  /** The check digit computed from the field. */
  expected: number;
  /** The character printed in the zone. */
  found: string;
  ok: boolean;
}

export interface Mrz {
  format: MrzFormat;
  /** The zone's lines, without separators. */
  lines: string[];
  /** "ID", "I<", "P<"…, fillers kept. */
  documentCode: string;
  /** Three-letter code, fillers removed ("VNM", "D"). */
  issuingState: string;
  /** Fillers removed; a TD1/TD2 long number includes its overflow from the optional data. */
  documentNumber: string;
  /** TD1 line 1 / TD2 / TD3 optional data (personal number), trailing fillers removed; after the overflow for a long number. */
  optionalData: string;
  /** TD1 line 2 optional data, trailing fillers removed. */
  optionalData2: string | undefined;
  /** YYMMDD as printed (may hold '<' for an unknown part). */
  dateOfBirth: string;
  sex: MrzSex;
  /** YYMMDD as printed. */
  dateOfExpiry: string;
  nationality: string;
  /** The primary identifier (surname), '<' read as a space. */
  primaryIdentifier: string;
  /** The secondary identifier (given names), '<' read as a space. */
  secondaryIdentifier: string;
  checks: MrzCheck[];
  /** Whether every check digit verifies. */
  checkDigitsValid: boolean;
}

const LAYOUTS: Record<MrzFormat, { lines: number; width: number }> = {
  TD1: { lines: 3, width: 30 },
  TD2: { lines: 2, width: 36 },
  TD3: { lines: 2, width: 44 },
};

function malformed(message: string): EmrtdError {
  return new EmrtdError('lds-malformed', `MRZ: ${message}`);
}

const stripFillers = (text: string) => text.replace(/<+$/, '');
const stripAllFillers = (text: string) => text.replace(/</g, '');

function check(field: MrzCheckedField, value: string, found: string): MrzCheck {
  const expected = mrzCheckDigit(value);
  // A field left entirely to fillers may carry '<' as its check digit (9303-4 §4.2.2.2).
  const ok = found === String(expected) || (found === '<' && /^<*$/.test(value));
  return { field, expected, found, ok };
}

function sexOf(char: string): MrzSex {
  return char === 'M' || char === 'F' ? char : 'unspecified';
}

/** Splits a name field: primary before the first '<<', secondary after; '<' becomes a space. */
export function splitMrzName(field: string): { primary: string; secondary: string } {
  const clean = (part: string) => part.replace(/</g, ' ').replace(/\s+/g, ' ').trim();
  const at = field.indexOf('<<');
  if (at < 0) return { primary: clean(field), secondary: '' };
  return { primary: clean(field.slice(0, at)), secondary: clean(field.slice(at + 2)) };
}

/**
 * A document number longer than nine characters (TD1, TD2): its check digit
 * position holds '<', and the rest of the number follows in the optional data,
 * ended by its check digit and a filler (9303-5 §4.2.4 note j).
 */
function documentNumberWithOverflow(
  number9: string,
  digit: string,
  optional: string,
): { number: string; digit: string; checked: string; optional: string } {
  if (digit !== '<' || optional.startsWith('<')) return { number: number9, digit, checked: number9, optional };
  const end = optional.indexOf('<');
  const overflow = end < 0 ? optional : optional.slice(0, end);
  if (overflow.length < 2) return { number: number9, digit, checked: number9, optional };
  const checked = number9 + overflow.slice(0, -1);
  return { number: stripAllFillers(checked), digit: overflow.slice(-1), checked, optional: end < 0 ? '' : optional.slice(end + 1) };
}

function parseTd1([l1, l2, l3]: readonly [string, string, string]): Omit<Mrz, 'format' | 'lines' | 'checkDigitsValid'> {
  const number = documentNumberWithOverflow(l1.slice(5, 14), l1.slice(14, 15), l1.slice(15, 30));
  const name = splitMrzName(l3);
  const checks = [
    check('documentNumber', number.checked, number.digit),
    check('dateOfBirth', l2.slice(0, 6), l2.slice(6, 7)),
    check('dateOfExpiry', l2.slice(8, 14), l2.slice(14, 15)),
    check('composite', l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29), l2.slice(29, 30)),
  ];
  return {
    documentCode: l1.slice(0, 2),
    issuingState: stripAllFillers(l1.slice(2, 5)),
    documentNumber: stripAllFillers(number.number),
    optionalData: stripFillers(number.optional),
    optionalData2: stripFillers(l2.slice(18, 29)),
    dateOfBirth: l2.slice(0, 6),
    sex: sexOf(l2.slice(7, 8)),
    dateOfExpiry: l2.slice(8, 14),
    nationality: stripAllFillers(l2.slice(15, 18)),
    primaryIdentifier: name.primary,
    secondaryIdentifier: name.secondary,
    checks,
  };
}

function parseTwoLine(format: 'TD2' | 'TD3', [l1, l2]: readonly [string, string]): Omit<Mrz, 'format' | 'lines' | 'checkDigitsValid'> {
  const width = LAYOUTS[format].width;
  const optionalEnd = width - (format === 'TD3' ? 2 : 1);
  const rawOptional = l2.slice(28, optionalEnd);
  const number =
    format === 'TD2'
      ? documentNumberWithOverflow(l2.slice(0, 9), l2.slice(9, 10), rawOptional)
      : { number: l2.slice(0, 9), digit: l2.slice(9, 10), checked: l2.slice(0, 9), optional: rawOptional };
  const name = splitMrzName(l1.slice(5));
  const checks = [
    check('documentNumber', number.checked, number.digit),
    check('dateOfBirth', l2.slice(13, 19), l2.slice(19, 20)),
    check('dateOfExpiry', l2.slice(21, 27), l2.slice(27, 28)),
  ];
  if (format === 'TD3') checks.push(check('optionalData', rawOptional, l2.slice(42, 43)));
  checks.push(check('composite', l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, width - 1), l2.slice(width - 1)));
  return {
    documentCode: l1.slice(0, 2),
    issuingState: stripAllFillers(l1.slice(2, 5)),
    documentNumber: stripAllFillers(number.number),
    optionalData: stripFillers(number.optional),
    optionalData2: undefined,
    dateOfBirth: l2.slice(13, 19),
    sex: sexOf(l2.slice(20, 21)),
    dateOfExpiry: l2.slice(21, 27),
    nationality: stripAllFillers(l2.slice(10, 13)),
    primaryIdentifier: name.primary,
    secondaryIdentifier: name.secondary,
    checks,
  };
}

/** Parses a zone given as one string (line breaks and spaces ignored) of 90, 72 or 88 characters. */
export function parseMrz(text: string): Mrz {
  const zone = text.replace(/[\r\n ]/g, '');
  const format = (Object.keys(LAYOUTS) as MrzFormat[]).find((f) => LAYOUTS[f].lines * LAYOUTS[f].width === zone.length);
  if (format === undefined) throw malformed(`${zone.length} characters is not a TD1, TD2 or TD3 zone`);
  if (!/^[A-Z0-9<]+$/.test(zone)) throw malformed('characters outside A-Z, 0-9 and <');
  const { lines: count, width } = LAYOUTS[format];
  const lines = Array.from({ length: count }, (_, i) => zone.slice(i * width, (i + 1) * width));
  const fields = format === 'TD1' ? parseTd1(lines as [string, string, string]) : parseTwoLine(format, lines as [string, string]);
  return { format, lines, ...fields, checkDigitsValid: fields.checks.every((c) => c.ok) };
}
