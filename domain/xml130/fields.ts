/**
 * The XML0 check-in table ("Bảng chỉ tiêu dữ liệu về trạng thái KBCB") as data:
 * each element in the order the standard lists it, with its type, length,
 * whether it is required and where TiepDon takes its value from. QĐ 4750/QĐ-BYT
 * created the table and QĐ 3176/QĐ-BYT amended it; a later amendment is one more
 * edition here with its own dates, not new code.
 *
 * Source: formats.md §4.2 (dh-hos/Mo-ta-he-thong `XML130/QD4570/Table xml130.bang00*.md`).
 */
import { findEffective, isEffectiveOn, type Effective } from '../identity/effective.ts';

export const XML0_FIELD_NAMES = [
  'MA_LK',
  'STT',
  'MA_BN',
  'HO_TEN',
  'SO_CCCD',
  'NGAY_SINH',
  'GIOI_TINH',
  'MA_THE_BHYT',
  'MA_DKBD',
  'GT_THE_TU',
  'GT_THE_DEN',
  'MA_DOITUONG_KCB',
  'NGAY_VAO',
  'NGAY_VAO_NOI_TRU',
  'LY_DO_VNT',
  'MA_LY_DO_VNT',
  'MA_LOAI_KCB',
  'MA_CSKCB',
  'MA_DICH_VU',
  'TEN_DICH_VU',
  'MA_THUOC',
  'TEN_THUOC',
  'MA_VAT_TU',
  'TEN_VAT_TU',
  'NGAY_YL',
  'DU_PHONG',
] as const;
export type Xml0FieldName = (typeof XML0_FIELD_NAMES)[number];

/** "V" is text (varchar), "N" a number written with digits only. */
export type FieldType = 'V' | 'N';

/** When an element must have a value. */
export type FieldRequirement =
  | { readonly kind: 'always' }
  | { readonly kind: 'optional' }
  /** Required once another element has a value (LY_DO_VNT once NGAY_VAO_NOI_TRU is set). */
  | { readonly kind: 'with'; readonly field: Xml0FieldName }
  /** Required unless one of these has a value (MA_DICH_VU unless the first cost is a drug or a material). */
  | { readonly kind: 'unless-any'; readonly fields: readonly Xml0FieldName[] };

/**
 * The shape a value must have, beyond its type and length:
 * - text: any text (NFC, no control characters)
 * - code: letters, digits and . _ - (no spaces)
 * - count: a positive integer
 * - datetime: yyyyMMddHHmm, a real date and time
 * - birth-datetime: yyyyMMddHHmm where an unknown month/day is 00 and an unknown time 0000
 * - date: yyyyMMdd, a real date
 * - personal-id: 9 or 12 digits, a passport (1 capital + 7 digits) or an e-ID account code
 * - sex: 1 Nam, 2 Nữ, 3 chưa xác định
 * - bhyt-card: the 15-character card code
 * - facility: a 5-character facility code (2-digit province + 3 letters or digits)
 * - treatment-type / beneficiary: a code of the MA_LOAI_KCB / MA_DOITUONG_KCB list in force
 */
export type FieldFormat =
  | 'text'
  | 'code'
  | 'count'
  | 'datetime'
  | 'birth-datetime'
  | 'date'
  | 'personal-id'
  | 'sex'
  | 'bhyt-card'
  | 'facility'
  | 'treatment-type'
  | 'beneficiary';

export interface Xml0FieldSpec {
  /** Position in the record, from 1, as the standard numbers it. */
  readonly order: number;
  readonly name: Xml0FieldName;
  readonly type: FieldType;
  /** Maximum length in characters; null where the standard sets none ("V"). */
  readonly maxLength: number | null;
  readonly required: FieldRequirement;
  readonly format: FieldFormat;
  /** Free text is written in <![CDATA[…]]>, as the standard's samples do. */
  readonly cdata: boolean;
  /** Where TiepDon takes the value from ("empty" when reception never has one). */
  readonly source: string;
  /** What the standard says about the value, in short. */
  readonly note: string;
}

export interface Xml0Edition extends Effective {
  readonly id: string;
  readonly decision: string;
  readonly root: string;
  readonly list: string;
  readonly item: string;
  readonly fields: readonly Xml0FieldSpec[];
}

const always = { kind: 'always' } as const;
const optional = { kind: 'optional' } as const;

/**
 * QĐ 4750 as amended by QĐ 3176 (in force from 01/01/2025). The 4750 table as
 * first issued (01/07/2024–31/12/2024) is not kept: which elements 3176 added
 * is not confirmed element by element, and no visit recorded here predates it.
 */
export const XML0_QD3176: Xml0Edition = {
  id: 'qd4750-qd3176',
  decision: 'QĐ 4750/QĐ-BYT, sửa đổi bởi QĐ 3176/QĐ-BYT',
  validFrom: '2025-01-01',
  validTo: null,
  root: 'CHI_TIEU_TRANG_THAI_KCB',
  list: 'DSACH_TRANG_THAI_KCB',
  item: 'TRANG_THAI_KCB',
  fields: [
    { order: 1, name: 'MA_LK', type: 'V', maxLength: 100, required: always, format: 'code', cdata: false, source: 'visit link key', note: 'Mã liên kết: unique per visit, links XML1…XML15' },
    { order: 2, name: 'STT', type: 'N', maxLength: 10, required: always, format: 'count', cdata: false, source: 'position in the file', note: '1…n within one submission' },
    { order: 3, name: 'MA_BN', type: 'V', maxLength: 100, required: always, format: 'code', cdata: false, source: 'patient code', note: "Facility's patient ID" },
    { order: 4, name: 'HO_TEN', type: 'V', maxLength: 255, required: always, format: 'text', cdata: true, source: 'patient.fullName', note: "Newborn without card: a parent's, guardian's or the facility's name" },
    { order: 5, name: 'SO_CCCD', type: 'V', maxLength: 15, required: optional, format: 'personal-id', cdata: false, source: 'patient.cccd, else the first old ID number', note: '9 or 12 digits, a passport, or the e-ID account code' },
    { order: 6, name: 'NGAY_SINH', type: 'V', maxLength: 12, required: always, format: 'birth-datetime', cdata: false, source: 'patient.birthDate (+ birth time for newborns)', note: 'yyyyMMddHHmm; unknown month/day 00, unknown time 0000; newborn ≤ 28 days: full date and time' },
    { order: 7, name: 'GIOI_TINH', type: 'N', maxLength: 1, required: always, format: 'sex', cdata: false, source: 'patient.sex', note: '1 Nam, 2 Nữ, 3 chưa xác định' },
    { order: 8, name: 'MA_THE_BHYT', type: 'V', maxLength: 50, required: optional, format: 'bhyt-card', cdata: false, source: 'insurance card number', note: '15-character code; empty when not BHYT' },
    { order: 9, name: 'MA_DKBD', type: 'V', maxLength: 50, required: optional, format: 'facility', cdata: false, source: 'insurance card registered facility', note: '5 characters; a temporary card: province + 000' },
    { order: 10, name: 'GT_THE_TU', type: 'V', maxLength: 50, required: optional, format: 'date', cdata: false, source: 'insurance card valid from', note: 'yyyyMMdd' },
    { order: 11, name: 'GT_THE_DEN', type: 'V', maxLength: 50, required: optional, format: 'date', cdata: false, source: 'insurance card valid to', note: 'yyyyMMdd; empty when open-ended' },
    { order: 12, name: 'MA_DOITUONG_KCB', type: 'V', maxLength: 4, required: always, format: 'beneficiary', cdata: false, source: 'visit type, priorities, papers and card (provisional)', note: 'Provisional at check-in; final at the end of the visit' },
    { order: 13, name: 'NGAY_VAO', type: 'V', maxLength: 12, required: always, format: 'datetime', cdata: false, source: 'visit check-in time', note: 'yyyyMMddHHmm' },
    { order: 14, name: 'NGAY_VAO_NOI_TRU', type: 'V', maxLength: 12, required: optional, format: 'datetime', cdata: false, source: 'empty', note: 'Admission order time, not before NGAY_VAO' },
    { order: 15, name: 'LY_DO_VNT', type: 'V', maxLength: null, required: { kind: 'with', field: 'NGAY_VAO_NOI_TRU' }, format: 'text', cdata: true, source: 'empty', note: 'Reason for admission; required with NGAY_VAO_NOI_TRU' },
    { order: 16, name: 'MA_LY_DO_VNT', type: 'V', maxLength: 5, required: optional, format: 'code', cdata: false, source: 'empty', note: 'Code list not yet issued' },
    { order: 17, name: 'MA_LOAI_KCB', type: 'V', maxLength: 2, required: always, format: 'treatment-type', cdata: false, source: 'visit type', note: '"01" khám bệnh …' },
    { order: 18, name: 'MA_CSKCB', type: 'V', maxLength: 5, required: always, format: 'facility', cdata: false, source: 'facility setting', note: 'This facility' },
    { order: 19, name: 'MA_DICH_VU', type: 'V', maxLength: 50, required: { kind: 'unless-any', fields: ['MA_THUOC', 'MA_VAT_TU'] }, format: 'code', cdata: false, source: "clinic's service code", note: 'DMDC code of the first service (the consultation)' },
    { order: 20, name: 'TEN_DICH_VU', type: 'V', maxLength: 1024, required: optional, format: 'text', cdata: true, source: "clinic's service name", note: '' },
    { order: 21, name: 'MA_THUOC', type: 'V', maxLength: 255, required: optional, format: 'code', cdata: false, source: 'empty', note: 'When the first cost is a drug' },
    { order: 22, name: 'TEN_THUOC', type: 'V', maxLength: 1024, required: optional, format: 'text', cdata: true, source: 'empty', note: '' },
    { order: 23, name: 'MA_VAT_TU', type: 'V', maxLength: 255, required: optional, format: 'code', cdata: false, source: 'empty', note: 'When the first cost is a material' },
    { order: 24, name: 'TEN_VAT_TU', type: 'V', maxLength: 1024, required: optional, format: 'text', cdata: true, source: 'empty', note: '' },
    { order: 25, name: 'NGAY_YL', type: 'V', maxLength: 12, required: always, format: 'datetime', cdata: false, source: 'visit check-in time (the consultation is ordered with the queue number)', note: 'Order time yyyyMMddHHmm' },
    { order: 26, name: 'DU_PHONG', type: 'V', maxLength: null, required: optional, format: 'text', cdata: false, source: 'empty', note: 'Reserved' },
  ],
};

export const XML0_EDITIONS: readonly Xml0Edition[] = [XML0_QD3176];

/** The edition in force on the day (yyyy-MM-dd); the one that started last wins. */
export function xml0EditionOn(day: string, editions: readonly Xml0Edition[] = XML0_EDITIONS): Xml0Edition | null {
  return findEffective(editions, () => true, (edition) => isEffectiveOn(edition, day)) ?? null;
}
