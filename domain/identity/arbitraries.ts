/**
 * Generators of fictitious identity data and of damaged scans, for the
 * property-based tests of this folder. Test code only.
 */
import fc from 'fast-check';
import { BHYT_GROUPS, type BenefitLevel } from './bhyt-codes.ts';
import { encodeHexUtf8 } from './hex-text.ts';
import { daysInMonth, type PartialDate } from './partial-date.ts';
import { PROVINCE_CODES } from './provinces.ts';
import type { Sex } from './sex.ts';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Ngọc', 'Minh', 'Đức', 'Thu'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Hà', 'Lan', 'Yến', 'Thảo', 'Khoa', 'Tú'];
const STREETS = ['Phố Huế', 'Lê Lợi', 'Trần Phú', 'Nguyễn Trãi', 'Hùng Vương'];
const WARDS = ['Phường Hai Bà Trưng', 'Phường Bến Nghé', 'Xã Tân Lập', 'Phường Hòa Cường'];
const CITIES = ['Hà Nội', 'Thành phố Hồ Chí Minh', 'Đà Nẵng', 'Cần Thơ', 'Tỉnh Nghệ An'];

export const fullNameArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...FAMILY), fc.constantFrom(...MIDDLE), fc.constantFrom(...GIVEN))
  .map((words) => words.join(' '));

export const addressArb: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom(...STREETS), fc.constantFrom(...WARDS), fc.constantFrom(...CITIES))
  .map(([n, street, ward, city]) => `Số ${n} ${street}, ${ward}, ${city}`);

export type DayDate = Extract<PartialDate, { precision: 'day' }>;

export function dayDateArb(minYear: number, maxYear: number): fc.Arbitrary<DayDate> {
  return fc
    .tuple(fc.integer({ min: minYear, max: maxYear }), fc.integer({ min: 1, max: 12 }))
    .chain(([year, month]) =>
      fc.integer({ min: 1, max: daysInMonth(year, month) }).map((day): DayDate => ({ precision: 'day', year, month, day })),
    );
}

export function partialDateArb(minYear: number, maxYear: number): fc.Arbitrary<PartialDate> {
  return fc.oneof(
    { weight: 4, arbitrary: dayDateArb(minYear, maxYear) },
    dayDateArb(minYear, maxYear).map((d): PartialDate => ({ precision: 'month', year: d.year, month: d.month })),
    dayDateArb(minYear, maxYear).map((d): PartialDate => ({ precision: 'year', year: d.year })),
  );
}

const two = (n: number) => String(n).padStart(2, '0');
export const ddMMyyyy = (d: DayDate): string => `${two(d.day)}${two(d.month)}${d.year}`;
export const slashDate = (d: DayDate): string => `${two(d.day)}/${two(d.month)}/${d.year}`;

export function digitsArb(length: number): fc.Arbitrary<string> {
  return fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((ds) => ds.join(''));
}

export function cccdNumberFor(provinceCode: string, sex: Sex, birthYear: number, serial: string): string {
  const centuryIndex = Math.floor((birthYear - 1900) / 100);
  const digit = centuryIndex * 2 + (sex === 'female' ? 1 : 0);
  return `${provinceCode}${digit}${two(birthYear % 100)}${serial}`;
}

export interface CccdPerson {
  readonly idNumber: string;
  readonly oldIdNumber: string | null;
  readonly fullName: string;
  readonly dateOfBirth: DayDate;
  readonly sex: Sex;
  readonly address: string;
  readonly issueDate: DayDate;
  readonly provinceName: string;
}

/** A consistent fictitious person: the ID number agrees with the birth date and sex. */
export const cccdPersonArb: fc.Arbitrary<CccdPerson> = fc
  .record({
    province: fc.constantFrom(...PROVINCE_CODES),
    sex: fc.constantFrom<Sex>('male', 'female'),
    dateOfBirth: dayDateArb(1920, 2020),
    serial: digitsArb(6),
    oldIdNumber: fc.option(fc.oneof(digitsArb(9), digitsArb(12)), { nil: null }),
    fullName: fullNameArb,
    address: addressArb,
    issueYearsLater: fc.integer({ min: 0, max: 30 }),
    issueDay: dayDateArb(2021, 2021),
  })
  .map((r) => {
    const issueYear = Math.min(r.dateOfBirth.year + r.issueYearsLater + 1, 2099);
    const issueDay = Math.min(r.issueDay.day, daysInMonth(issueYear, r.issueDay.month));
    return {
      idNumber: cccdNumberFor(r.province.code, r.sex, r.dateOfBirth.year, r.serial),
      oldIdNumber: r.oldIdNumber,
      fullName: r.fullName,
      dateOfBirth: r.dateOfBirth,
      sex: r.sex,
      address: r.address,
      issueDate: { precision: 'day', year: issueYear, month: r.issueDay.month, day: issueDay },
      provinceName: r.province.name,
    };
  });

export function cccdQrFields(p: CccdPerson): string[] {
  return [
    p.idNumber,
    p.oldIdNumber ?? '',
    p.fullName,
    ddMMyyyy(p.dateOfBirth),
    p.sex === 'male' ? 'Nam' : 'Nữ',
    p.address,
    ddMMyyyy(p.issueDate),
  ];
}

export const cccdQrText = (p: CccdPerson): string => cccdQrFields(p).join('|');

export interface BhytCard {
  readonly layout: 'v2015' | 'v2021';
  readonly groupCode: string;
  readonly benefitLevel: BenefitLevel;
  readonly provinceCode: string;
  readonly socialInsuranceNumber: string;
  readonly fullName: string;
  readonly dateOfBirth: PartialDate;
  readonly sex: Sex;
  readonly address: string | null;
  readonly facility: readonly [province: string, local: string];
  readonly validFrom: DayDate;
  readonly validTo: DayDate | null;
  readonly issueDate: DayDate;
  readonly managementCode: string;
  readonly guardianName: string | null;
  readonly field11: string;
  readonly fiveYearsContinuousFrom: DayDate | null;
  readonly checkString: string;
  readonly issuingPlace: string;
  readonly hexCase: 'upper' | 'lower';
}

const HEX_CHARS = '0123456789ABCDEF'.split('');

export const bhytCardArb: fc.Arbitrary<BhytCard> = fc
  .record({
    layout: fc.constantFrom<'v2015' | 'v2021'>('v2015', 'v2021'),
    group: fc.constantFrom(...BHYT_GROUPS),
    level: fc.constantFrom<BenefitLevel>('1', '2', '3', '4', '5'),
    province: fc.constantFrom(...PROVINCE_CODES),
    socialInsuranceNumber: digitsArb(10),
    fullName: fullNameArb,
    // Born before the earliest issue date below: a valid card is issued after birth.
    dateOfBirth: partialDateArb(1920, 2014),
    sex: fc.constantFrom<Sex>('male', 'female'),
    address: fc.option(addressArb, { nil: null }),
    facilityLocal: fc.stringMatching(/^[0-9A-Z]{3}$/),
    validFrom: dayDateArb(2015, 2030),
    validTo: fc.option(dayDateArb(2031, 2040), { nil: null }),
    issueDate: dayDateArb(2015, 2030),
    managementCode: fc.oneof(digitsArb(12), digitsArb(14)),
    guardianName: fc.option(fullNameArb, { nil: null }),
    field11: fc.constantFrom('1', '4'),
    fiveYearsContinuousFrom: fc.option(dayDateArb(2015, 2040), { nil: null }),
    checkHex: fc.array(fc.constantFrom(...HEX_CHARS), { minLength: 16, maxLength: 16 }).map((cs) => cs.join('')),
    checkDigits: digitsArb(4),
    issuingPlace: fc.tuple(fc.constantFrom(...WARDS), fc.constantFrom(...CITIES)).map((parts) => parts.join(', ')),
    hexCase: fc.constantFrom<'upper' | 'lower'>('upper', 'lower'),
  })
  .map((r) => ({
    layout: r.layout,
    groupCode: r.group.code,
    benefitLevel: r.level,
    provinceCode: r.province.adminCode,
    socialInsuranceNumber: r.socialInsuranceNumber,
    fullName: r.fullName,
    dateOfBirth: r.dateOfBirth,
    sex: r.sex,
    address: r.address,
    facility: [r.province.adminCode, r.facilityLocal] as const,
    validFrom: r.validFrom,
    validTo: r.validTo,
    issueDate: r.issueDate,
    managementCode: r.managementCode,
    guardianName: r.guardianName,
    field11: r.field11,
    fiveYearsContinuousFrom: r.fiveYearsContinuousFrom,
    checkString: `${r.checkHex}-${r.checkDigits}`,
    issuingPlace: r.issuingPlace,
    hexCase: r.hexCase,
  }));

export function bhytCardNumber(card: BhytCard): string {
  return `${card.groupCode}${card.benefitLevel}${card.provinceCode}${card.socialInsuranceNumber}`;
}

function bhytBirthDate(date: PartialDate): string {
  switch (date.precision) {
    case 'day':
      return slashDate(date);
    case 'month':
      return `${two(date.month)}/${date.year}`;
    case 'year':
      return String(date.year);
  }
}

export function bhytQrText(card: BhytCard): string {
  const hex = (text: string | null) => (text === null ? '-' : encodeHexUtf8(text, card.hexCase));
  const common = [
    card.layout === 'v2015' ? bhytCardNumber(card) : card.socialInsuranceNumber,
    hex(card.fullName),
    bhytBirthDate(card.dateOfBirth),
    card.sex === 'male' ? '1' : '2',
    hex(card.address),
    `${card.facility[0]} - ${card.facility[1]}`,
    slashDate(card.validFrom),
    card.validTo === null ? '-' : slashDate(card.validTo),
    slashDate(card.issueDate),
    card.managementCode,
    hex(card.guardianName),
    card.field11,
    card.fiveYearsContinuousFrom === null ? '-' : ` ${slashDate(card.fiveYearsContinuousFrom)}`,
    card.checkString,
  ];
  const tail = card.layout === 'v2021' ? [card.benefitLevel, hex(card.issuingPlace)] : [];
  return [...common, ...tail, '$'].join('|');
}

/** A damaged copy of a valid scan, and how it was damaged. */
export interface Mutated {
  readonly kind: 'truncate' | 'delete-field' | 'change-separator' | 'insert-unicode';
  readonly original: string;
  readonly text: string;
}

const SEPARATOR_SUBSTITUTES = [',', ';', '/', ' ', '¦', '｜', '\\', '', '||'];

export function mutatedArb(valid: fc.Arbitrary<string>): fc.Arbitrary<Mutated> {
  return valid.chain((original) => {
    const fields = original.split('|');
    const bars = fields.length - 1;
    const truncate = fc
      .integer({ min: 0, max: original.length - 1 })
      .map((at): Mutated => ({ kind: 'truncate', original, text: original.slice(0, at) }));
    const deleteField = fc.integer({ min: 0, max: fields.length - 1 }).map(
      (index): Mutated => ({
        kind: 'delete-field',
        original,
        text: fields.filter((_, i) => i !== index).join('|'),
      }),
    );
    const changeSeparator = fc
      .tuple(fc.integer({ min: 0, max: Math.max(0, bars - 1) }), fc.constantFrom(...SEPARATOR_SUBSTITUTES))
      .map(([which, substitute]): Mutated => {
        const text = fields.reduce((acc, field, i) => (i === 0 ? field : acc + (i - 1 === which ? substitute : '|') + field), '');
        return { kind: 'change-separator', original, text };
      });
    const insertUnicode = fc
      .tuple(fc.integer({ min: 0, max: original.length }), fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }))
      .map(([at, inserted]): Mutated => ({
        kind: 'insert-unicode',
        original,
        text: original.slice(0, at) + inserted + original.slice(at),
      }));
    return fc.oneof(truncate, deleteField, changeSeparator, insertUnicode);
  });
}

/** Anything a scanner or a keyboard could deliver, biased towards "|"-separated text. */
export const scanLikeArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 20 }),
        digitsArb(12),
        digitsArb(10),
        digitsArb(9),
        digitsArb(8),
        fc.constantFrom('Nam', 'Nữ', '-', '$', '', '01 - 001', '15/08/1990', '1990', 'DN4010123456789'),
        fc.stringMatching(/^[0-9a-fA-F]{0,40}$/),
      ),
      { maxLength: 20 },
    )
    .map((fields) => fields.join('|')),
  fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', '\uFEFF\u0000\r\n', '|'.repeat(30)),
);
