/**
 * Every `maKetQua` of the card check, as versioned data: what it means, the
 * typed outcome, what the clerk does next, and whether asking again can help.
 * Source: the annex to CV 1923/BHXH-CNTT §4 (in force since 01/08/2024) and
 * qlbv's code list; research formats.md §3.3. Unknown codes need manual review.
 */
import { findEffective, isEffectiveOn, type Effective } from '../identity/effective.ts';

export const INSURANCE_OUTCOMES = [
  'valid',
  'valid-check-papers',
  'new-card',
  'expired',
  'not-found',
  'card-code-wrong',
  'mismatch',
  'staff-not-registered',
  'withdrawn',
  'reduced',
  'child-without-card',
  'bad-request',
  'gateway-error',
  'unauthorised',
  'unknown',
] as const;
export type InsuranceOutcome = (typeof INSURANCE_OUTCOMES)[number];

export const CLERK_ACTIONS = [
  'accept',
  'check-papers',
  'use-new-card',
  'charge-without-insurance',
  'recheck-card-code',
  'correct-and-retry',
  'call-it',
  'retry-later',
  'manual-review',
] as const;
export type ClerkAction = (typeof CLERK_ACTIONS)[number];

/** The field the gateway says does not match the card. */
export const MISMATCH_FIELDS = ['name', 'name-first-letter-right', 'birth-date'] as const;
export type MismatchField = (typeof MISMATCH_FIELDS)[number];

export interface ResultCodeRow extends Effective {
  readonly code: string;
  /** The annex's wording, for IT and the manual-review screen. */
  readonly meaning: string;
  readonly outcome: InsuranceOutcome;
  readonly action: ClerkAction;
  /** Whether the same request may succeed later (server-side errors). */
  readonly retryable: boolean;
  /** Whether the card gives cover today: true, false, or null when the gateway cannot say. */
  readonly covered: boolean | null;
  readonly mismatch?: MismatchField;
}

/** The version of the code list, recorded with every stored result. */
export const RESULT_CODES_VERSION = 'cv1923-2024';
const SINCE = '2024-08-01';

const row = (
  code: string,
  meaning: string,
  outcome: InsuranceOutcome,
  action: ClerkAction,
  covered: boolean | null,
  extra: { retryable?: boolean; mismatch?: MismatchField } = {},
): ResultCodeRow => ({ code, meaning, outcome, action, covered, retryable: extra.retryable ?? false, validFrom: SINCE, validTo: null, ...(extra.mismatch ? { mismatch: extra.mismatch } : {}) });

export const RESULT_CODES: readonly ResultCodeRow[] = [
  row('000', 'Thông tin thẻ chính xác', 'valid', 'accept', true),
  row('001', 'Thẻ do BHXH Bộ Quốc phòng quản lý', 'valid-check-papers', 'check-papers', null),
  row('002', 'Thẻ do BHXH Bộ Công an quản lý', 'valid-check-papers', 'check-papers', null),
  row('003', 'Thẻ cũ hết giá trị, đã được cấp thẻ mới', 'new-card', 'use-new-card', true),
  row('004', 'Thẻ cũ còn giá trị, đã được cấp thẻ mới', 'new-card', 'use-new-card', true),
  row('010', 'Thẻ hết giá trị sử dụng', 'expired', 'charge-without-insurance', false),
  row('050', 'Không có thông tin thẻ', 'not-found', 'recheck-card-code', false),
  row('051', 'Mã thẻ không đúng', 'card-code-wrong', 'recheck-card-code', false),
  row('052', 'Mã tỉnh cấp thẻ (ký tự 4, 5) không đúng', 'card-code-wrong', 'recheck-card-code', false),
  row('053', 'Mã quyền lợi (ký tự thứ 3) không đúng', 'card-code-wrong', 'recheck-card-code', false),
  row('054', 'CCCD của cán bộ tra cứu không có trong danh sách CSKCB đã đăng ký', 'staff-not-registered', 'call-it', null),
  row('055', 'Họ tên cán bộ tra cứu không khớp với CCCD', 'staff-not-registered', 'call-it', null),
  row('060', 'Thẻ sai họ tên', 'mismatch', 'correct-and-retry', false, { mismatch: 'name' }),
  row('061', 'Thẻ sai họ tên (đúng ký tự đầu)', 'mismatch', 'correct-and-retry', false, { mismatch: 'name-first-letter-right' }),
  row('070', 'Thẻ sai ngày sinh', 'mismatch', 'correct-and-retry', false, { mismatch: 'birth-date' }),
  row('100', 'Lỗi khi lấy dữ liệu sổ thẻ', 'gateway-error', 'retry-later', null, { retryable: true }),
  row('101', 'Lỗi server', 'gateway-error', 'retry-later', null, { retryable: true }),
  row('110', 'Thẻ đã thu hồi', 'withdrawn', 'charge-without-insurance', false),
  row('120', 'Thẻ đã báo giảm', 'reduced', 'charge-without-insurance', false),
  row('121', 'Báo giảm — chuyển ngoại tỉnh', 'reduced', 'charge-without-insurance', false),
  row('122', 'Báo giảm — chuyển nội tỉnh', 'reduced', 'charge-without-insurance', false),
  row('123', 'Báo giảm — do tăng lại cùng đơn vị', 'reduced', 'charge-without-insurance', false),
  row('124', 'Báo giảm — ngừng tham gia', 'reduced', 'charge-without-insurance', false),
  row('130', 'Trẻ em không xuất trình thẻ', 'child-without-card', 'check-papers', null),
  row('205', 'Lỗi sai định dạng tham số', 'bad-request', 'manual-review', null),
  row('401', 'Lỗi xác thực tài khoản', 'unauthorised', 'call-it', null),
  row('500', 'Lỗi máy chủ', 'gateway-error', 'retry-later', null, { retryable: true }),
];

/** The row for a code on a day (ISO yyyy-MM-dd; any day when omitted), or undefined for a code the list does not know. */
export function findResultCode(code: string, isoDay?: string): ResultCodeRow | undefined {
  return findEffective(
    RESULT_CODES,
    (r) => r.code === code,
    isoDay === undefined ? undefined : (r) => isEffectiveOn(r, isoDay),
  );
}

/** A code nobody documented: shown to a person, never guessed at. */
export function unknownResultCode(code: string): ResultCodeRow {
  return { code, meaning: 'Mã kết quả không có trong danh mục', outcome: 'unknown', action: 'manual-review', covered: null, retryable: false, validFrom: null, validTo: null };
}

export function resultCodeRow(code: string, isoDay?: string): ResultCodeRow {
  return findResultCode(code, isoDay) ?? unknownResultCode(code);
}

/** Codes after which the client asks again with backoff (server-side trouble). */
export function isRetryableCode(code: string): boolean {
  return findResultCode(code)?.retryable ?? false;
}

/** Outcomes where the gateway identified the card (whatever its state): the look-up itself succeeded. */
const CARD_FOUND: ReadonlySet<InsuranceOutcome> = new Set(['valid', 'valid-check-papers', 'new-card', 'expired', 'withdrawn', 'reduced']);

export function isCardFound(outcome: InsuranceOutcome): boolean {
  return CARD_FOUND.has(outcome);
}
