/**
 * Province codes of the 63 provinces before the 2025 merger (TT 07/2016/TT-BCA
 * PL1). A CCCD number starts with the 3-digit code of the province where the
 * birth was registered; dropping the leading 0 gives the 2-digit administrative
 * code used by BHYT card numbers and XML address fields.
 *
 * Personal ID numbers are never renumbered, so these rows stay valid for
 * decoding forever. Rows for codes assigned after the merger (NQ 202/2025/QH15)
 * can be added with their own validFrom once the official code list is confirmed.
 */
import { findEffective, isEffectiveDuringYear, type Effective } from './effective.ts';

export interface ProvinceCode extends Effective {
  /** Three digits, as in a CCCD number: "001". */
  readonly code: string;
  /** Two digits, as in BHYT card numbers and facility codes: "01". */
  readonly adminCode: string;
  readonly name: string;
}

const PRE_2025_PROVINCES: readonly (readonly [code: string, name: string])[] = [
  ['001', 'Hà Nội'],
  ['002', 'Hà Giang'],
  ['004', 'Cao Bằng'],
  ['006', 'Bắc Kạn'],
  ['008', 'Tuyên Quang'],
  ['010', 'Lào Cai'],
  ['011', 'Điện Biên'],
  ['012', 'Lai Châu'],
  ['014', 'Sơn La'],
  ['015', 'Yên Bái'],
  ['017', 'Hòa Bình'],
  ['019', 'Thái Nguyên'],
  ['020', 'Lạng Sơn'],
  ['022', 'Quảng Ninh'],
  ['024', 'Bắc Giang'],
  ['025', 'Phú Thọ'],
  ['026', 'Vĩnh Phúc'],
  ['027', 'Bắc Ninh'],
  ['030', 'Hải Dương'],
  ['031', 'Hải Phòng'],
  ['033', 'Hưng Yên'],
  ['034', 'Thái Bình'],
  ['035', 'Hà Nam'],
  ['036', 'Nam Định'],
  ['037', 'Ninh Bình'],
  ['038', 'Thanh Hóa'],
  ['040', 'Nghệ An'],
  ['042', 'Hà Tĩnh'],
  ['044', 'Quảng Bình'],
  ['045', 'Quảng Trị'],
  ['046', 'Thừa Thiên Huế'],
  ['048', 'Đà Nẵng'],
  ['049', 'Quảng Nam'],
  ['051', 'Quảng Ngãi'],
  ['052', 'Bình Định'],
  ['054', 'Phú Yên'],
  ['056', 'Khánh Hòa'],
  ['058', 'Ninh Thuận'],
  ['060', 'Bình Thuận'],
  ['062', 'Kon Tum'],
  ['064', 'Gia Lai'],
  ['066', 'Đắk Lắk'],
  ['067', 'Đắk Nông'],
  ['068', 'Lâm Đồng'],
  ['070', 'Bình Phước'],
  ['072', 'Tây Ninh'],
  ['074', 'Bình Dương'],
  ['075', 'Đồng Nai'],
  ['077', 'Bà Rịa - Vũng Tàu'],
  ['079', 'TP Hồ Chí Minh'],
  ['080', 'Long An'],
  ['082', 'Tiền Giang'],
  ['083', 'Bến Tre'],
  ['084', 'Trà Vinh'],
  ['086', 'Vĩnh Long'],
  ['087', 'Đồng Tháp'],
  ['089', 'An Giang'],
  ['091', 'Kiên Giang'],
  ['092', 'Cần Thơ'],
  ['093', 'Hậu Giang'],
  ['094', 'Sóc Trăng'],
  ['095', 'Bạc Liêu'],
  ['096', 'Cà Mau'],
];

export const PROVINCE_CODES: readonly ProvinceCode[] = PRE_2025_PROVINCES.map(([code, name]) => ({
  code,
  adminCode: code.slice(1),
  name: name.normalize('NFC'),
  validFrom: null,
  validTo: null,
}));

/**
 * The province a CCCD number's first three digits name. The birth year, when
 * known, picks the code list in force then: newborns get their number when the
 * birth is registered, and everyone born earlier was numbered before any later list.
 */
export function findBirthRegistrationProvince(
  code: string,
  birthYear?: number,
  table: readonly ProvinceCode[] = PROVINCE_CODES,
): ProvinceCode | undefined {
  return findEffective(
    table,
    (row) => row.code === code,
    (row) => birthYear === undefined || isEffectiveDuringYear(row, birthYear),
  );
}

/** The province a 2-digit administrative code names (BHYT card numbers). */
export function findProvinceByAdminCode(
  adminCode: string,
  table: readonly ProvinceCode[] = PROVINCE_CODES,
): ProvinceCode | undefined {
  return findEffective(table, (row) => row.adminCode === adminCode);
}
