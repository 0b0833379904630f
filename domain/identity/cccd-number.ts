/**
 * The 12-digit personal ID number (số định danh cá nhân) printed on the CCCD:
 * PPP S YY RRRRRR — birth-registration province, century and sex, the last two
 * digits of the birth year, six random digits. There is no check digit.
 * Old CMND numbers have 9 digits, or 12 for those issued about 2012–2016.
 */
import {
  anyNeedsConfirmation,
  parsed,
  rejected,
  warning,
  type IdentityWarning,
  type ParseResult,
} from './issues.ts';
import type { PartialDate } from './partial-date.ts';
import { findBirthRegistrationProvince } from './provinces.ts';
import type { Sex } from './sex.ts';
import { cleanScanText } from './text.ts';

export interface CccdNumberDecoded {
  /** The first three digits. */
  readonly birthRegistrationCode: string;
  /** Province name, or null for a code not in the list (e.g. a country code). */
  readonly province: string | null;
  /** The two-digit administrative code of that province, or null. */
  readonly provinceAdminCode: string | null;
  /** The fourth digit: century and sex. */
  readonly centuryDigit: number;
  readonly sexFromId: Sex;
  readonly birthYearFromId: number;
}

export interface CccdNumber {
  readonly idNumber: string;
  readonly idDecoded: CccdNumberDecoded;
  readonly warnings: readonly IdentityWarning[];
  readonly needsConfirmation: boolean;
}

export type OldIdNumberKind = 'cmnd9' | 'cmnd12';

export interface OldIdNumber {
  readonly oldIdNumber: string;
  readonly kind: OldIdNumberKind;
}

export type PersonalIdNumber = ({ readonly kind: 'cccd' } & CccdNumber) | ({ readonly kind: 'cmnd9' } & OldIdNumber);

const CCCD_NUMBER = /^\d{12}$/;
const CMND_9 = /^\d{9}$/;

export function isCccdNumber(text: string): boolean {
  return CCCD_NUMBER.test(text);
}

export function oldIdNumberKind(text: string): OldIdNumberKind | null {
  if (CMND_9.test(text)) return 'cmnd9';
  if (CCCD_NUMBER.test(text)) return 'cmnd12';
  return null;
}

/** Even digits are male, odd female; each pair of digits is one century from 1900. */
function centuryStart(centuryDigit: number): number {
  return 1900 + 100 * Math.floor(centuryDigit / 2);
}

/** What the digits say; null unless the text is exactly 12 digits. */
export function decodeCccdNumber(idNumber: string): CccdNumberDecoded | null {
  if (!CCCD_NUMBER.test(idNumber)) return null;
  const birthRegistrationCode = idNumber.slice(0, 3);
  const centuryDigit = Number(idNumber.charAt(3));
  const birthYearFromId = centuryStart(centuryDigit) + Number(idNumber.slice(4, 6));
  const province = findBirthRegistrationProvince(birthRegistrationCode, birthYearFromId);
  return {
    birthRegistrationCode,
    province: province?.name ?? null,
    provinceAdminCode: province?.adminCode ?? null,
    centuryDigit,
    sexFromId: centuryDigit % 2 === 0 ? 'male' : 'female',
    birthYearFromId,
  };
}

export interface StatedIdentity {
  readonly dateOfBirth?: PartialDate | null;
  readonly sex?: Sex | null;
  /** Today's local date, to catch a birth year in the future. */
  readonly today?: PartialDate;
}

/**
 * Disagreements between the number and what the card or the patient states.
 * Civil records do contain such mistakes, so these are warnings, never rejections.
 */
export function checkCccdNumber(decoded: CccdNumberDecoded, stated: StatedIdentity = {}): IdentityWarning[] {
  const warnings: IdentityWarning[] = [];
  if (decoded.province === null) warnings.push(warning('ID_PROVINCE_UNKNOWN', 'idNumber'));
  if (stated.today !== undefined && decoded.birthYearFromId > stated.today.year) {
    warnings.push(warning('ID_BIRTH_YEAR_IN_FUTURE', 'idNumber'));
  }
  if (stated.dateOfBirth && stated.dateOfBirth.year !== decoded.birthYearFromId) {
    warnings.push(warning('ID_BIRTH_YEAR_MISMATCH', 'dateOfBirth'));
  }
  if (stated.sex && stated.sex !== decoded.sexFromId) {
    warnings.push(warning('ID_SEX_MISMATCH', 'sex'));
  }
  return warnings;
}

/** Typed numbers: spaces, dots and hyphens between digit groups are ignored. */
function compactDigits(text: string): string {
  if (typeof text !== 'string') return '';
  return cleanScanText(text).replace(/[\s.\-–]/g, '');
}

export function parseCccdNumber(text: string, stated: StatedIdentity = {}): ParseResult<CccdNumber> {
  const idNumber = compactDigits(text);
  if (idNumber === '') return rejected('cccd-number', 'EMPTY_INPUT', 'idNumber', '12 digits');
  const decoded = decodeCccdNumber(idNumber);
  if (decoded === null) {
    const expected = CMND_9.test(idNumber) ? '12 digits (9 digits is an old CMND number)' : '12 digits';
    return rejected('cccd-number', 'FIELD_INVALID', 'idNumber', expected);
  }
  const warnings = checkCccdNumber(decoded, stated);
  return parsed({ idNumber, idDecoded: decoded, warnings, needsConfirmation: anyNeedsConfirmation(warnings) });
}

export function parseOldIdNumber(text: string): ParseResult<OldIdNumber> {
  const oldIdNumber = compactDigits(text);
  if (oldIdNumber === '') return rejected('old-id-number', 'EMPTY_INPUT', 'oldIdNumber', '9 or 12 digits');
  const kind = oldIdNumberKind(oldIdNumber);
  if (kind === null) return rejected('old-id-number', 'FIELD_INVALID', 'oldIdNumber', '9 or 12 digits');
  return parsed({ oldIdNumber, kind });
}

/** A number typed at the desk: 12 digits is a CCCD, 9 digits an old CMND. */
export function parsePersonalIdNumber(text: string, stated: StatedIdentity = {}): ParseResult<PersonalIdNumber> {
  const digits = compactDigits(text);
  if (CMND_9.test(digits)) return parsed({ kind: 'cmnd9', oldIdNumber: digits });
  const cccd = parseCccdNumber(text, stated);
  if (!cccd.ok) {
    return cccd.error.code === 'EMPTY_INPUT'
      ? cccd
      : rejected('cccd-number', 'FIELD_INVALID', 'idNumber', '12 digits (CCCD) or 9 digits (old CMND)');
  }
  return parsed({ kind: 'cccd', ...cccd.value });
}
