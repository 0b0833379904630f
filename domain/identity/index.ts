/**
 * Identity documents at the reception desk: the CCCD number and its QR code,
 * the BHYT card number and its QR code, and telling scans apart.
 * Every parser returns a value or a typed error; none throws.
 */
export {
  comparePartialDates,
  dayDate,
  daysInMonth,
  formatPartialDate,
  isAfterDay,
  isCalendarDay,
  isLeapYear,
  isSamePartialDate,
  makePartialDate,
  parseIsoPartialDate,
  type DatePrecision,
  type PartialDate,
} from './partial-date.ts';
export {
  BHYT_QR_BIRTH_DATE,
  BHYT_QR_DATE,
  CARD_YEARS,
  CCCD_QR_BIRTH_DATE,
  CCCD_QR_DATE,
  parseCardDate,
  type CardDateFormat,
  type CardDateOptions,
} from './date-text.ts';

export {
  IDENTITY_ERROR_CODES,
  IDENTITY_WARNINGS,
  toApiError,
  toResult,
  type IdentityErrorCode,
  type IdentityField,
  type IdentityParseError,
  type IdentitySource,
  type IdentityWarning,
  type IdentityWarningCode,
  type ParseResult,
} from './issues.ts';

export type { Sex } from './sex.ts';
export { cleanScanText, splitScans, MAX_SCAN_LENGTH } from './text.ts';
export { isEffectiveOn, type Effective } from './effective.ts';

export {
  PROVINCE_CODES,
  findBirthRegistrationProvince,
  findProvinceByAdminCode,
  type ProvinceCode,
} from './provinces.ts';

export {
  checkCccdNumber,
  decodeCccdNumber,
  isCccdNumber,
  oldIdNumberKind,
  parseCccdNumber,
  parseOldIdNumber,
  parsePersonalIdNumber,
  type CccdNumber,
  type CccdNumberDecoded,
  type OldIdNumber,
  type OldIdNumberKind,
  type PersonalIdNumber,
  type StatedIdentity,
} from './cccd-number.ts';

export { parseCccdQr, type CccdQr, type CccdQrLayout, type CccdQrOptions, type Confidence } from './cccd-qr.ts';

export {
  BENEFIT_LEVELS,
  BHYT_GROUPS,
  findBhytGroup,
  isBenefitLevel,
  type BenefitLevel,
  type BenefitLevelRow,
  type BhytGroup,
} from './bhyt-codes.ts';

export {
  isBhytCardNumber,
  isSocialInsuranceNumber,
  parseBhytCardNumber,
  parseSocialInsuranceNumber,
  splitBhytCardNumber,
  type BhytCardNumber,
  type BhytCardParts,
} from './bhyt-card-number.ts';

export { normaliseFacilityCode } from './facility-code.ts';
export { decodeHexUtf8, encodeHexUtf8 } from './hex-text.ts';
export {
  BHYT_QR_LAYOUTS,
  parseBhytQr,
  type BhytQr,
  type BhytQrLayout,
  type BhytQrLayoutId,
  type BhytQrOptions,
} from './bhyt-qr.ts';

export {
  detectScanKind,
  readScan,
  type ScanDetection,
  type ScanKind,
  type ScanReading,
  type UnknownScanReason,
} from './scan-kind.ts';
