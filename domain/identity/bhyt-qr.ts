/**
 * The QR code on the BHYT (health insurance) card: "|"-separated fields ending
 * with "|$"; names and addresses as hex of UTF-8; "-" for empty. Two layouts
 * are known, told apart by the number of fields and by the first field:
 *   v2015: 14 fields, the 15-character card number first;
 *   v2021 (QĐ 1666/QĐ-BHXH, from 01/04/2021): 16 fields, the 10-digit BHXH
 *          number first, the benefit level and the issuing office added at the end.
 * No official specification is published; field 11 and the check string
 * (field 13) are not understood and are kept as scanned.
 */
import { splitBhytCardNumber, isBhytCardNumber, isSocialInsuranceNumber, type BhytCardParts } from './bhyt-card-number.ts';
import { isBenefitLevel, type BenefitLevel } from './bhyt-codes.ts';
import { BHYT_QR_BIRTH_DATE, BHYT_QR_DATE, parseCardDate } from './date-text.ts';
import { normaliseFacilityCode } from './facility-code.ts';
import { readCardText } from './hex-text.ts';
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
import { comparePartialDates, type PartialDate } from './partial-date.ts';
import { parseBhytSexCode, type Sex } from './sex.ts';
import {
  cleanScanText,
  hasLetter,
  isChangedByCleaning,
  looksGarbled,
  MAX_SCAN_LENGTH,
  normaliseField,
  ONE_SCAN_EXPECTED,
  splitScanLines,
} from './text.ts';

export type BhytQrLayoutId = 'v2015' | 'v2021';
export type BhytQrLayout = BhytQrLayoutId | 'unknown';

interface BhytQrLayoutSpec {
  readonly id: BhytQrLayoutId;
  /** Fields before the closing "$". */
  readonly fieldCount: number;
  readonly firstField: 'cardNumber' | 'socialInsuranceNumber';
}

export const BHYT_QR_LAYOUTS: readonly BhytQrLayoutSpec[] = [
  { id: 'v2015', fieldCount: 14, firstField: 'cardNumber' },
  { id: 'v2021', fieldCount: 16, firstField: 'socialInsuranceNumber' },
];

/** Field positions; the same in both layouts up to 13. */
const AT = {
  number: 0,
  fullName: 1,
  dateOfBirth: 2,
  sex: 3,
  address: 4,
  registeredFacility: 5,
  validFrom: 6,
  validTo: 7,
  issueDate: 8,
  managementCode: 9,
  guardianName: 10,
  field11: 11,
  fiveYearsContinuousFrom: 12,
  checkString: 13,
  benefitLevel: 14,
  issuingPlace: 15,
} as const;

export interface BhytQr {
  readonly layout: BhytQrLayout;
  /** The 15-character card number; null on 2021 cards, which print only the BHXH number. */
  readonly cardNumber: string | null;
  readonly cardParts: BhytCardParts | null;
  readonly socialInsuranceNumber: string;
  readonly benefitLevel: BenefitLevel | null;
  readonly fullName: string;
  readonly dateOfBirth: PartialDate;
  readonly sex: Sex | null;
  readonly address: string | null;
  /** Nơi ĐKKCB ban đầu, e.g. "79032". */
  readonly registeredFacility: string | null;
  readonly validFrom: PartialDate | null;
  /** Null when the card is open-ended. */
  readonly validTo: PartialDate | null;
  readonly issueDate: PartialDate | null;
  readonly managementCode: string | null;
  readonly guardianName: string | null;
  /** Meaning not established; kept as scanned. Not the K1/K2/K3 area code. */
  readonly field11: string | null;
  readonly fiveYearsContinuousFrom: PartialDate | null;
  /** "Chuỗi kiểm tra": algorithm unpublished, kept as scanned and not validated. */
  readonly checkString: string | null;
  readonly issuingPlace: string | null;
  /** The scanned text after cleaning (NFC, framing removed). */
  readonly raw: string;
  readonly warnings: readonly IdentityWarning[];
  readonly needsConfirmation: boolean;
}

/** The result field read at each position; field 11 has no name of its own. */
const FIELD_AT: readonly IdentityField[] = Object.entries(AT)
  .sort(([, a], [, b]) => a - b)
  .map(([name]) => (name === 'number' ? 'cardNumber' : name === 'field11' ? 'extra' : (name as IdentityField)));

/** Adds TEXT_CLEANED for the field unless it is already there. */
function flagCleaned(warnings: IdentityWarning[], field: IdentityField): void {
  if (!warnings.some((w) => w.code === 'TEXT_CLEANED' && w.field === field)) warnings.push(warning('TEXT_CLEANED', field));
}

const NUMBER_EXPECTED = 'a 15-character card number (e.g. DN4…) or a 10-digit BHXH number';

/** Everything before the "$" end marker, without the "|" that precedes it. */
function body(text: string, warnings: IdentityWarning[]): string {
  const end = text.indexOf('$');
  if (end < 0) warnings.push(warning('END_MARKER_MISSING', 'input'));
  else if (text.slice(end + 1).trim() !== '') warnings.push(warning('TRAILING_TEXT_IGNORED', 'input'));
  const before = end < 0 ? text : text.slice(0, end);
  return before.replace(/\|\s*$/, '');
}

/** The facility code as the QR prints it, "79 - 032": with the dash, unlike any other field. */
const PRINTED_FACILITY_CODE = /^\d{2}\s*[-–]\s*[0-9A-Za-z]{3}$/;

/**
 * How far the facility code sits from its place when fields were lost or
 * added before it (within one place); null when it cannot be found, and then
 * nothing after the sex field is read.
 */
function findFacilityShift(fields: readonly string[]): number | null {
  for (const shift of [0, -1, 1]) {
    if (PRINTED_FACILITY_CODE.test(fields[AT.registeredFacility + shift] ?? '')) return shift;
  }
  return null;
}

function layoutFor(fieldCount: number): BhytQrLayoutSpec | undefined {
  return BHYT_QR_LAYOUTS.find((layout) => layout.fieldCount === fieldCount);
}

/**
 * Reads fields by position. In an unknown layout positions may have shifted,
 * so a field is only taken when it has the form its position calls for.
 */
class FieldReader {
  readonly warnings: IdentityWarning[];
  private readonly fields: readonly string[];
  private readonly trustPositions: boolean;

  constructor(fields: readonly string[], trustPositions: boolean, warnings: IdentityWarning[]) {
    this.fields = fields;
    this.trustPositions = trustPositions;
    this.warnings = warnings;
  }

  /** The field as scanned, or null for absent, empty or "-". */
  value(position: number): string | null {
    const value = this.fields[position];
    return value === undefined || value === '' || value === '-' ? null : value;
  }

  text(position: number, field: IdentityField, acceptPlain = this.trustPositions): string | null {
    const value = this.value(position);
    if (value === null) return null;
    const text = readCardText(value);
    if (text.encoding === 'plain' && !acceptPlain) return null;
    if (text.cleaned) flagCleaned(this.warnings, field);
    if (text.encoding === 'undecodable-hex') this.warnings.push(warning('TEXT_UNDECODABLE', field));
    else if (looksGarbled(text.text)) this.warnings.push(warning('TEXT_MAY_BE_GARBLED', field));
    return text.text;
  }

  date(position: number, field: IdentityField): PartialDate | null {
    const value = this.value(position);
    if (value === null) return null;
    const date = parseCardDate(value, BHYT_QR_DATE);
    if (date === null && this.trustPositions) this.warnings.push(warning('DATE_INVALID', field));
    return date;
  }

  /** Kept as scanned; in an unknown layout only when it has the expected form. */
  raw(position: number, form: RegExp): string | null {
    const value = this.value(position);
    if (value === null) return null;
    return this.trustPositions || form.test(value) ? value : null;
  }

  facility(position: number): string | null {
    const value = this.value(position);
    if (value === null) return null;
    const code = normaliseFacilityCode(value);
    if (code === null && this.trustPositions) this.warnings.push(warning('FACILITY_CODE_INVALID', 'registeredFacility'));
    return code;
  }

  sex(position: number): Sex | null {
    const sex = parseBhytSexCode(this.value(position) ?? '');
    if (sex === null) this.warnings.push(warning('SEX_INVALID', 'sex'));
    return sex;
  }

  benefitLevel(position: number): BenefitLevel | null {
    const value = this.value(position);
    if (value === null) return null;
    if (isBenefitLevel(value)) return value;
    if (this.trustPositions) this.warnings.push(warning('BENEFIT_LEVEL_INVALID', 'benefitLevel'));
    return null;
  }
}

export interface BhytQrOptions {
  /** Today's local date: a birth or issue date after it is flagged. */
  readonly today?: PartialDate;
}

export function parseBhytQr(raw: string, options: BhytQrOptions = {}): ParseResult<BhytQr> {
  if (typeof raw !== 'string') return rejected('bhyt-qr', 'WRONG_KIND', 'input', 'text');
  if (raw.length > MAX_SCAN_LENGTH) {
    return rejected('bhyt-qr', 'INPUT_TOO_LONG', 'input', `at most ${MAX_SCAN_LENGTH} characters`);
  }
  const scans = splitScanLines(raw);
  const line = scans[0];
  if (line === undefined) return rejected('bhyt-qr', 'EMPTY_INPUT', 'input', 'the text of a BHYT QR code');
  if (scans.length > 1) return rejected('bhyt-qr', 'WRONG_KIND', 'input', ONE_SCAN_EXPECTED);
  const text = cleanScanText(line);

  const warnings: IdentityWarning[] = [];
  const scanned = body(line, warnings).split('|');
  const fields = scanned.map(normaliseField);
  if (fields.length < 3) {
    return rejected('bhyt-qr', 'WRONG_KIND', 'input', 'a BHYT QR: fields separated by "|", ending with "|$"');
  }

  const number = (fields[AT.number] ?? '').replace(/\s/g, '').toUpperCase();
  const isCard = isBhytCardNumber(number);
  if (!isCard && !isSocialInsuranceNumber(number)) {
    return rejected('bhyt-qr', 'FIELD_INVALID', 'cardNumber', NUMBER_EXPECTED, AT.number);
  }
  const layout = layoutFor(fields.length);
  if (layout === undefined) warnings.push(warning('LAYOUT_UNKNOWN', 'layout'));
  else if ((layout.firstField === 'cardNumber') !== isCard) warnings.push(warning('LAYOUT_MISMATCH', 'layout'));
  scanned.forEach((field, position) => {
    if (isChangedByCleaning(field)) flagCleaned(warnings, layout === undefined ? 'input' : (FIELD_AT[position] ?? 'extra'));
  });

  const read = new FieldReader(fields, layout !== undefined, warnings);
  const nameField = read.value(AT.fullName);
  if (nameField === null) return rejected('bhyt-qr', 'FIELD_MISSING', 'fullName', 'the name as hex of UTF-8', AT.fullName);
  const name = readCardText(nameField);
  if (name.encoding === 'plain' && !hasLetter(name.text)) {
    return rejected('bhyt-qr', 'FIELD_INVALID', 'fullName', 'the name as hex of UTF-8', AT.fullName);
  }
  // The name is always the second field, so plain text is taken even in an unknown layout.
  const fullName = read.text(AT.fullName, 'fullName', true) ?? name.text;

  const dobField = read.value(AT.dateOfBirth);
  const dateOfBirth = dobField === null ? null : parseCardDate(dobField, BHYT_QR_BIRTH_DATE);
  if (dateOfBirth === null) {
    return rejected(
      'bhyt-qr',
      dobField === null ? 'FIELD_MISSING' : 'FIELD_INVALID',
      'dateOfBirth',
      'a date as dd/MM/yyyy, MM/yyyy or yyyy',
      AT.dateOfBirth,
    );
  }
  if (dateOfBirth.precision !== 'day') warnings.push(warning('DATE_PARTIAL', 'dateOfBirth'));

  const sex = read.sex(AT.sex);
  // In an unknown layout the facility code, distinctive in form, anchors the fields after it.
  const shift = layout === undefined ? findFacilityShift(fields) : 0;
  const at = (position: number) => (shift === null ? -1 : position + shift);
  const address = shift === 0 ? read.text(AT.address, 'address') : null;
  const registeredFacility = read.facility(at(AT.registeredFacility));
  const validFrom = read.date(at(AT.validFrom), 'validFrom');
  const validTo = read.date(at(AT.validTo), 'validTo');
  const issueDate = read.date(at(AT.issueDate), 'issueDate');
  const managementCode = read.raw(at(AT.managementCode), /^\d+$/);
  const guardianName = read.text(at(AT.guardianName), 'guardianName');
  const field11 = read.raw(at(AT.field11), /^\d{1,2}$/);
  const fiveYearsContinuousFrom = read.date(at(AT.fiveYearsContinuousFrom), 'fiveYearsContinuousFrom');
  const checkString = read.raw(at(AT.checkString), /^[0-9A-Fa-f]{16}-\d{4}$/);
  const hasTail = layout?.id === 'v2021' || (layout === undefined && fields.length > at(AT.benefitLevel));
  const levelField = hasTail ? read.benefitLevel(at(AT.benefitLevel)) : null;
  const issuingPlace = hasTail ? read.text(at(AT.issuingPlace), 'issuingPlace') : null;

  const card = isCard ? splitBhytCardNumber(number) : null;
  if (card !== null) warnings.push(...card.warnings);
  const cardLevel = card?.cardParts.benefitLevel ?? null;
  if (cardLevel !== null && levelField !== null && cardLevel !== levelField) {
    warnings.push(warning('BENEFIT_LEVEL_CONFLICT', 'benefitLevel'));
  }
  if (validFrom !== null && validTo !== null && comparePartialDates(validTo, validFrom) < 0) {
    warnings.push(warning('VALIDITY_REVERSED', 'validTo'));
  }
  warnings.push(
    ...futureDateWarnings(options.today, [
      ['dateOfBirth', dateOfBirth],
      ['issueDate', issueDate],
    ]),
    ...implausibleDateWarnings(options.today, dateOfBirth, issueDate),
  );

  return parsed({
    layout: layout?.id ?? 'unknown',
    cardNumber: isCard ? number : null,
    cardParts: card?.cardParts ?? null,
    socialInsuranceNumber: isCard ? number.slice(5) : number,
    benefitLevel: cardLevel ?? levelField,
    fullName,
    dateOfBirth,
    sex,
    address,
    registeredFacility,
    validFrom,
    validTo,
    issueDate,
    managementCode,
    guardianName,
    field11,
    fiveYearsContinuousFrom,
    checkString,
    issuingPlace,
    raw: text,
    warnings,
    needsConfirmation: layout === undefined || anyNeedsConfirmation(warnings),
  });
}
