/**
 * The BHYT card number (mã thẻ), 15 characters: GG L PP NNNNNNNNNN — beneficiary
 * group, benefit level 1–5, 2-digit province of the issuing BHXH office (old
 * 63-province numbering), and the lifelong 10-digit BHXH number (mã số BHXH).
 * Cards issued from 2021 print only the 10-digit number and the level.
 */
import { findBhytGroup, isBenefitLevel, type BenefitLevel, type BhytGroup } from './bhyt-codes.ts';
import {
  anyNeedsConfirmation,
  parsed,
  rejected,
  warning,
  type IdentityField,
  type IdentitySource,
  type IdentityWarning,
  type ParseResult,
} from './issues.ts';
import { findProvinceByAdminCode } from './provinces.ts';
import { cleanScanText } from './text.ts';

export interface BhytCardParts {
  readonly groupCode: string;
  readonly benefitLevel: BenefitLevel;
  readonly provinceCode: string;
  readonly socialInsuranceNumber: string;
  /** The group's row in the code list, or null for a code not in it. */
  readonly group: BhytGroup | null;
  /** Province name in the pre-2025 numbering, or null for a code not in it. */
  readonly provinceName: string | null;
}

export interface BhytCardNumber {
  readonly cardNumber: string;
  readonly cardParts: BhytCardParts;
  readonly warnings: readonly IdentityWarning[];
  readonly needsConfirmation: boolean;
}

const CARD_NUMBER = /^[A-Z]{2}[1-5]\d{12}$/;
const SOCIAL_INSURANCE_NUMBER = /^\d{10}$/;

export function isBhytCardNumber(text: string): boolean {
  return CARD_NUMBER.test(text);
}

export function isSocialInsuranceNumber(text: string): boolean {
  return SOCIAL_INSURANCE_NUMBER.test(text);
}

/** Each part of the card number, checked in turn, so an error names the part that is wrong. */
const CARD_PARTS: readonly { field: IdentityField; from: number; to: number; pattern: RegExp; expected: string }[] = [
  { field: 'groupCode', from: 0, to: 2, pattern: /^[A-Z]{2}$/, expected: 'two letters (beneficiary group)' },
  { field: 'benefitLevel', from: 2, to: 3, pattern: /^[1-5]$/, expected: 'a digit 1–5 (benefit level)' },
  { field: 'provinceCode', from: 3, to: 5, pattern: /^\d{2}$/, expected: 'two digits (province)' },
  { field: 'socialInsuranceNumber', from: 5, to: 15, pattern: /^\d{10}$/, expected: '10 digits (BHXH number)' },
];

/** Group, level and province as the code lists know them; unknown codes are warnings, the gateway decides. */
export function splitBhytCardNumber(cardNumber: string): { cardParts: BhytCardParts; warnings: IdentityWarning[] } | null {
  const benefitLevel = cardNumber.charAt(2);
  if (!CARD_NUMBER.test(cardNumber) || !isBenefitLevel(benefitLevel)) return null;
  const groupCode = cardNumber.slice(0, 2);
  const provinceCode = cardNumber.slice(3, 5);
  const group = findBhytGroup(groupCode) ?? null;
  const province = findProvinceByAdminCode(provinceCode);
  const warnings: IdentityWarning[] = [];
  if (group === null) warnings.push(warning('GROUP_CODE_UNKNOWN', 'groupCode'));
  else if (group.usualBenefitLevel !== null && group.usualBenefitLevel !== benefitLevel) {
    warnings.push(warning('BENEFIT_LEVEL_UNUSUAL_FOR_GROUP', 'benefitLevel'));
  }
  if (province === undefined) warnings.push(warning('PROVINCE_CODE_UNKNOWN', 'provinceCode'));
  return {
    cardParts: {
      groupCode,
      benefitLevel,
      provinceCode,
      socialInsuranceNumber: cardNumber.slice(5),
      group,
      provinceName: province?.name ?? null,
    },
    warnings,
  };
}

/** Typed or scanned: case, spaces and hyphens are forgiven. */
function compact(text: string): string {
  if (typeof text !== 'string') return '';
  return cleanScanText(text).replace(/[\s\-–.]/g, '').toUpperCase();
}

export function parseBhytCardNumber(text: string): ParseResult<BhytCardNumber> {
  const source: IdentitySource = 'bhyt-card-number';
  const cardNumber = compact(text);
  if (cardNumber === '') return rejected(source, 'EMPTY_INPUT', 'cardNumber', '15 characters');
  if (cardNumber.length !== 15) {
    return rejected(source, 'FIELD_INVALID', 'cardNumber', '15 characters: 2 letters, a digit 1–5, 12 digits');
  }
  for (const part of CARD_PARTS) {
    if (!part.pattern.test(cardNumber.slice(part.from, part.to))) {
      return rejected(source, 'FIELD_INVALID', part.field, part.expected);
    }
  }
  const split = splitBhytCardNumber(cardNumber);
  if (split === null) return rejected(source, 'FIELD_INVALID', 'cardNumber', '15 characters');
  return parsed({ cardNumber, ...split, needsConfirmation: anyNeedsConfirmation(split.warnings) });
}

export function parseSocialInsuranceNumber(text: string): ParseResult<string> {
  const number = compact(text);
  if (number === '') return rejected('social-insurance-number', 'EMPTY_INPUT', 'socialInsuranceNumber', '10 digits');
  return SOCIAL_INSURANCE_NUMBER.test(number)
    ? parsed(number)
    : rejected('social-insurance-number', 'FIELD_INVALID', 'socialInsuranceNumber', '10 digits');
}
