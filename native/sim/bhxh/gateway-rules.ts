/**
 * How the simulated gateway decides a card check: which card `maThe` names,
 * whether the name and birth date match it, and the `maKetQua` that follows.
 * Pure, so the rules are tested without a server.
 */
import { foldDiacritics, normaliseField } from '../../../domain/identity/text.ts';
import { withoutDiacritics } from '../../../domain/insurance/names.ts';
import { parseGatewayBirthDate, type CardCheckReply } from '../../../domain/insurance/wire.ts';
import { isSamePartialDate } from '../../../domain/identity/partial-date.ts';

/** One card the simulated gateway knows. Dates as the gateway writes them (dd/MM/yyyy; birth date also yyyy). */
export interface SimCard {
  /** 15 characters: group, benefit level, province, BHXH number. */
  cardCode: string;
  /** Defaults to the card code's last 10 digits. */
  bhxhNumber?: string;
  /** Found by CCCD number when the gateway accepts it. */
  cccd?: string;
  fullName: string;
  birthDate: string;
  sex?: 'Nam' | 'Nữ';
  facility: string;
  facilityName?: string;
  validFrom: string;
  validTo: string;
  fiveYearDate?: string;
  area?: string;
  /** This card was replaced by the card with this code (answers 003 or 004 with the new card's data). */
  replacedBy?: string;
  /** Forces this maKetQua whatever is asked (any code, documented or not). */
  code?: string;
  /** Co-payments this year (MCCT); absent: the exemption look-up answers 204. */
  coPaymentVnd?: number;
}

export function bhxhNumberOf(card: SimCard): string {
  return card.bhxhNumber ?? card.cardCode.slice(5);
}

export type CardMatch = { card: SimCard } | { code: '050' | '051' | '052' | '053' };

/** The card `maThe` names, or why none: 050 unknown, 051–053 the code's group, level or province is wrong. */
export function findCard(cards: readonly SimCard[], maThe: string, cccdAccepted: boolean): CardMatch {
  if (/^[A-Z]{2}[1-5]\d{12}$/.test(maThe)) {
    const exact = cards.find((card) => card.cardCode === maThe);
    if (exact) return { card: exact };
    const sameNumber = cards.find((card) => card.cardCode.slice(5) === maThe.slice(5));
    if (!sameNumber) return { code: '050' };
    if (sameNumber.cardCode.charAt(2) !== maThe.charAt(2)) return { code: '053' };
    if (sameNumber.cardCode.slice(3, 5) !== maThe.slice(3, 5)) return { code: '052' };
    return { code: '051' };
  }
  if (/^\d{10}$/.test(maThe)) {
    const current = cards.find((card) => bhxhNumberOf(card) === maThe && !card.replacedBy);
    return current ? { card: current } : { code: '050' };
  }
  if (/^\d{12}$/.test(maThe) && cccdAccepted) {
    const byCccd = cards.find((card) => card.cccd === maThe && !card.replacedBy);
    return byCccd ? { card: byCccd } : { code: '050' };
  }
  return { code: '051' };
}

/** 060 wrong name, 061 wrong name with the right first letter, or null when the name matches (with or without diacritics). */
export function nameCode(sent: string, onCard: string): '060' | '061' | null {
  const a = normaliseField(sent).toLocaleLowerCase('vi');
  const b = normaliseField(onCard).toLocaleLowerCase('vi');
  if (a === b) return null;
  const sentWithoutMarks = withoutDiacritics(a) === a;
  if (sentWithoutMarks && foldDiacritics(a) === foldDiacritics(b)) return null;
  return foldDiacritics(a).charAt(0) === foldDiacritics(b).charAt(0) ? '061' : '060';
}

/** Whether the birth date sent is the card's, in the card's own precision (a year-only card wants yyyy). */
export function birthDateMatches(sent: string, onCard: string): boolean {
  const a = parseGatewayBirthDate(sent);
  const b = parseGatewayBirthDate(onCard);
  return a !== null && b !== null && isSamePartialDate(a, b);
}

/** dd/MM/yyyy → yyyy-MM-dd for comparisons. */
function isoOf(gatewayDay: string): string {
  const [day, month, year] = gatewayDay.split('/');
  return `${year}-${month}-${day}`;
}

export interface CheckDecision {
  code: string;
  reply: CardCheckReply;
}

function cardFields(card: SimCard): Partial<CardCheckReply> {
  return {
    maThe: card.cardCode,
    hoTen: card.fullName,
    ngaySinh: card.birthDate,
    gioiTinh: card.sex ?? 'Nam',
    diaChi: '',
    maDKBD: card.facility,
    cqBHXH: 'Bảo hiểm xã hội (mô phỏng)',
    gtTheTu: card.validFrom,
    gtTheDen: card.validTo,
    maKV: card.area ?? '',
    ngayDu5Nam: card.fiveYearDate ?? '',
    maSoBHXH: bhxhNumberOf(card),
    maTheCu: '',
    maTheMoi: '',
    gtTheTuMoi: '',
    gtTheDenMoi: '',
    maDKBDMoi: '',
    tenDKBDMoi: '',
  };
}

const MESSAGES: Record<string, string> = {
  '000': 'Thẻ còn giá trị sử dụng!',
  '003': 'Thẻ cũ hết giá trị sử dụng, đã được cấp thẻ mới!',
  '004': 'Thẻ cũ còn giá trị sử dụng, đã được cấp thẻ mới!',
  '010': 'Thẻ hết giá trị sử dụng!',
  '050': 'Không có thông tin thẻ!',
  '051': 'Mã thẻ không đúng!',
  '052': 'Mã tỉnh cấp thẻ không đúng!',
  '053': 'Mã quyền lợi không đúng!',
  '054': 'CCCD của cán bộ tra cứu không có trong danh sách!',
  '055': 'Họ tên cán bộ tra cứu không khớp với CCCD!',
  '060': 'Thẻ sai họ tên!',
  '061': 'Thẻ sai họ tên (đúng ký tự đầu)!',
  '070': 'Thẻ sai ngày sinh!',
};

export function codeOnly(code: string): CardCheckReply {
  return { maKetQua: code, ghiChu: MESSAGES[code] ?? `Mã kết quả ${code}`, dsLichSuKCB2018: null, dsLichSuKT2018: null };
}

/** The gateway's answer to a well-formed check by a registered staff member. */
export function decideCheck(input: {
  cards: readonly SimCard[];
  maThe: string;
  hoTen: string;
  ngaySinh: string;
  cccdAccepted: boolean;
  today: string;
}): CheckDecision {
  const match = findCard(input.cards, input.maThe, input.cccdAccepted);
  if ('code' in match) return { code: match.code, reply: codeOnly(match.code) };
  const { card } = match;
  const withCard = (code: string, extra: Partial<CardCheckReply> = {}): CheckDecision => ({
    code,
    reply: { ...codeOnly(code), ...cardFields(card), ...extra, maKetQua: code, dsLichSuKCB2018: [], dsLichSuKT2018: [] },
  });
  if (card.code !== undefined) {
    return /^00[0-4]$/.test(card.code) || card.code === '010' ? withCard(card.code) : { code: card.code, reply: codeOnly(card.code) };
  }
  const name = nameCode(input.hoTen, card.fullName);
  if (name) return { code: name, reply: codeOnly(name) };
  if (!birthDateMatches(input.ngaySinh, card.birthDate)) return { code: '070', reply: codeOnly('070') };
  if (card.replacedBy) {
    const replacement = input.cards.find((other) => other.cardCode === card.replacedBy);
    if (replacement) {
      const oldStillValid = isoOf(card.validTo) >= input.today;
      return withCard(oldStillValid ? '004' : '003', {
        maTheCu: card.cardCode,
        maTheMoi: replacement.cardCode,
        gtTheTuMoi: replacement.validFrom,
        gtTheDenMoi: replacement.validTo,
        maDKBDMoi: replacement.facility,
        tenDKBDMoi: replacement.facilityName ?? '',
      });
    }
  }
  if (isoOf(card.validTo) < input.today) return withCard('010');
  return withCard('000', { maTheMoi: card.cardCode, gtTheTuMoi: card.validFrom, gtTheDenMoi: card.validTo, maDKBDMoi: card.facility, tenDKBDMoi: card.facilityName ?? '' });
}
