/**
 * What demo mode puts in a trainee's hands: four fictitious chip ID cards
 * (each with the BHYT card the simulated BHXH gateway knows for it) and the
 * codes its virtual scanner can "scan". Names, numbers and addresses are made
 * up; the photo is the sample silhouette. Each card is consistent with itself:
 * the ID number's province, century and sex digits match the holder.
 */
import { encodeHexUtf8 } from '../../../domain/identity/hex-text.ts';
import { encodeVietQr } from '../../../domain/payment/encode.ts';
import type { SimCard } from '../bhxh/gateway-rules.ts';
import { CccdProfileSchema, type CccdProfile } from '../cccd-profile.ts';

export const DEMO_SAMPLE_KINDS = ['returning-insured', 'new-patient', 'child', 'elderly'] as const;
export type DemoSampleKind = (typeof DEMO_SAMPLE_KINDS)[number];

export interface DemoSampleCard {
  /** Stable id the demo menu names the card by. */
  readonly id: string;
  readonly kind: DemoSampleKind;
  readonly profile: CccdProfile;
  /** The BHYT card the simulated gateway answers for this person. */
  readonly insurance: SimCard;
  /** Already in the demo database, as after an earlier visit. */
  readonly registered: boolean;
}

const YEAR = new Date().getUTCFullYear();
const validFrom = `01/01/${YEAR}`;
const validTo = `31/12/${YEAR}`;
/** The child is 3 this year, whatever year the demo runs in: the ID number codes the birth year. */
const CHILD_BIRTH_YEAR = YEAR - 3;
const DEMO_FACILITY = { facility: '01013', facilityName: 'Bệnh viện Mô phỏng TiếpĐón' };

const gatewayDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

function card(
  id: string,
  kind: DemoSampleKind,
  registered: boolean,
  profile: Parameters<typeof CccdProfileSchema.parse>[0],
  insurance: { cardCode: string; fiveYearDate?: string },
): DemoSampleCard {
  const parsed = CccdProfileSchema.parse(profile);
  return {
    id,
    kind,
    registered,
    profile: parsed,
    insurance: {
      cardCode: insurance.cardCode,
      cccd: parsed.idNumber,
      fullName: parsed.fullName,
      birthDate: gatewayDate(parsed.dateOfBirth),
      sex: parsed.sex === 'male' ? 'Nam' : 'Nữ',
      ...DEMO_FACILITY,
      validFrom,
      validTo,
      ...(insurance.fiveYearDate ? { fiveYearDate: insurance.fiveYearDate } : {}),
    },
  };
}

export const DEMO_CARDS: readonly DemoSampleCard[] = [
  card(
    'tran-thi-hoa',
    'returning-insured',
    true,
    {
      // 001 Hà Nội, 1 = woman born in the 1900s, 85 = 1985.
      idNumber: '001185004321',
      fullName: 'Trần Thị Hoa',
      dateOfBirth: '1985-07-12',
      sex: 'female',
      placeOfOrigin: 'Xã Mô Phỏng, Huyện Thử Nghiệm, Hà Nội',
      placeOfResidence: 'Số 8 Ngõ 12 Phố Mẫu, Phường Thử Nghiệm, Quận Ba Đình, Hà Nội',
      dateOfIssue: '2021-05-10',
      dateOfExpiry: '2045-07-12',
      oldIdNumber: '012345679',
    },
    { cardCode: 'DN4010185004321', fiveYearDate: '01/01/2016' },
  ),
  card(
    'le-van-minh',
    'new-patient',
    false,
    {
      // 079 Hồ Chí Minh, 0 = man born in the 1900s, 92 = 1992.
      idNumber: '079092007788',
      fullName: 'Lê Văn Minh',
      dateOfBirth: '1992-11-03',
      sex: 'male',
      placeOfOrigin: 'Phường Mẫu, Quận 3, Thành phố Hồ Chí Minh',
      placeOfResidence: 'Số 45 Đường Thử Nghiệm, Phường Mô Phỏng, Quận 3, Thành phố Hồ Chí Minh',
      dateOfIssue: '2021-08-20',
      dateOfExpiry: '2032-11-03',
    },
    { cardCode: 'GD4790092007788' },
  ),
  card(
    'pham-gia-bao',
    'child',
    false,
    {
      // 001 Hà Nội, 2 = boy born in the 2000s, then his birth year; a 2024 card, valid until he turns 14.
      idNumber: `0012${String(CHILD_BIRTH_YEAR).slice(2)}000999`,
      fullName: 'Phạm Gia Bảo',
      dateOfBirth: `${CHILD_BIRTH_YEAR}-05-20`,
      sex: 'male',
      placeOfOrigin: 'Phường Mô Phỏng, Quận Cầu Giấy, Hà Nội',
      placeOfResidence: 'Số 3 Ngõ 7 Phố Mẫu, Phường Mô Phỏng, Quận Cầu Giấy, Hà Nội',
      dateOfIssue: `${YEAR - 1}-08-01`,
      dateOfExpiry: `${CHILD_BIRTH_YEAR + 14}-05-20`,
      fatherName: 'Phạm Văn Hùng',
      motherName: 'Đỗ Thị Mai',
      generation: '2024',
    },
    { cardCode: 'TE1010122000999' },
  ),
  card(
    'nguyen-thi-lan',
    'elderly',
    false,
    {
      // 001 Hà Nội, 1 = woman born in the 1900s, 40 = 1940; issued after 58, so no expiry.
      idNumber: '001140000555',
      fullName: 'Nguyễn Thị Lan',
      dateOfBirth: '1940-02-10',
      sex: 'female',
      placeOfOrigin: 'Xã Mẫu Sơn, Huyện Thử Nghiệm, Hà Nội',
      placeOfResidence: 'Số 21 Phố Mô Phỏng, Phường Thử Nghiệm, Quận Hoàn Kiếm, Hà Nội',
      dateOfIssue: '2021-03-02',
      dateOfExpiry: null,
      oldIdNumber: '011223344',
    },
    { cardCode: 'HT3010140000555', fiveYearDate: '01/01/2005' },
  ),
];

export function demoCard(id: string): DemoSampleCard | undefined {
  return DEMO_CARDS.find((sample) => sample.id === id);
}

export const DEMO_CODE_KINDS = ['cccd', 'bhyt', 'vietqr', 'unknown'] as const;
export type DemoCodeKind = (typeof DEMO_CODE_KINDS)[number];

export interface DemoSampleCode {
  readonly id: string;
  readonly kind: DemoCodeKind;
  /** The text a scanner sends for it. */
  readonly text: string;
  /** The sample card it is printed on, if any. */
  readonly cardId?: string;
  /** Listed in the menu's scan section (a card's own QR is also offered on the card). */
  readonly inScanMenu: boolean;
}

/** The bank account the demo's VietQR codes (and the fee step) pay into: a made-up account at Vietcombank's BIN. */
export const DEMO_BANK = { bankBin: '970436', accountNumber: '0011001234567', accountName: 'BENH VIEN MO PHONG TIEPDON' } as const;

const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;

/** The QR on the back of a chip ID card (2021 layout): number|old number|name|birth|sex|address|issue date. */
export function cccdQrOf(profile: CccdProfile): string {
  return [
    profile.idNumber,
    profile.oldIdNumber ?? '',
    profile.fullName,
    ddmmyyyy(profile.dateOfBirth),
    profile.sex === 'male' ? 'Nam' : 'Nữ',
    profile.placeOfResidence,
    ddmmyyyy(profile.dateOfIssue),
  ].join('|');
}

/** The QR on a paper BHYT card, 2015 layout: name and address in UTF-8 hex. */
export function bhytQrOf(sample: DemoSampleCard): string {
  const { insurance, profile } = sample;
  return [
    insurance.cardCode,
    encodeHexUtf8(profile.fullName),
    insurance.birthDate,
    profile.sex === 'male' ? '1' : '2',
    encodeHexUtf8(profile.placeOfResidence),
    `${insurance.facility.slice(0, 2)} - ${insurance.facility.slice(2)}`,
    insurance.validFrom,
    insurance.validTo,
    insurance.validFrom,
    `${insurance.facility.slice(0, 2)}${insurance.cardCode.slice(3)}`,
    '-',
    '4',
    insurance.fiveYearDate ?? '-',
    '0000000000000000-0000',
    '$',
  ].join('|');
}

function vietQr(): string {
  const made = encodeVietQr({ bankBin: DEMO_BANK.bankBin, account: DEMO_BANK.accountNumber, amount: 50_600, purpose: 'TD DEMO' });
  if (!made.ok) throw new Error(`the demo VietQR cannot be made: ${made.error.message}`);
  return made.value;
}

const [returning] = DEMO_CARDS as [DemoSampleCard];

export const DEMO_CODES: readonly DemoSampleCode[] = [
  ...DEMO_CARDS.map((sample) => ({
    id: `cccd-${sample.id}`,
    kind: 'cccd' as const,
    text: cccdQrOf(sample.profile),
    cardId: sample.id,
    inScanMenu: sample.kind === 'new-patient',
  })),
  { id: `bhyt-${returning.id}`, kind: 'bhyt', text: bhytQrOf(returning), cardId: returning.id, inScanMenu: true },
  { id: 'vietqr-transfer', kind: 'vietqr', text: vietQr(), inScanMenu: true },
  { id: 'unknown-code', kind: 'unknown', text: 'https://example.invalid/khong-phai-ma-benh-vien', inScanMenu: true },
];

export function demoCode(id: string): DemoSampleCode | undefined {
  return DEMO_CODES.find((code) => code.id === id);
}
