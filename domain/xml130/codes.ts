/**
 * The code lists XML0 uses and how a visit at this desk maps onto them, as
 * dated data: MA_LOAI_KCB (kind of care) and MA_DOITUONG_KCB (the patient's
 * standing for the fund). Both change by decree; a new list is new rows with
 * their dates. Source: formats.md §4.4, §4.5.
 */
import type { PriorityCode, VisitType } from '../checkin/index.ts';
import { findEffective, isEffectiveOn, type Effective } from '../identity/effective.ts';

export interface CodeRow extends Effective {
  readonly code: string;
  readonly label: string;
}

/** MA_LOAI_KCB, QĐ 824/QĐ-BYT (2023); codes 10–16 from QĐ 1804/QĐ-BYT (2026; the date is not confirmed). */
export const TREATMENT_TYPES: readonly CodeRow[] = [
  { code: '01', label: 'Khám bệnh', validFrom: null, validTo: null },
  { code: '02', label: 'Điều trị ngoại trú', validFrom: null, validTo: null },
  { code: '03', label: 'Điều trị nội trú', validFrom: null, validTo: null },
  { code: '04', label: 'Điều trị nội trú ban ngày', validFrom: null, validTo: null },
  { code: '05', label: 'Điều trị ngoại trú bệnh mạn tính dài ngày liên tục trong năm, có khám bệnh và lĩnh thuốc', validFrom: null, validTo: null },
  { code: '06', label: 'Điều trị lưu tại trạm y tế xã, phòng khám đa khoa khu vực', validFrom: null, validTo: null },
  { code: '07', label: 'Nhận thuốc theo hẹn (không khám bệnh)', validFrom: null, validTo: null },
  { code: '08', label: 'Điều trị ngoại trú bệnh mạn tính dài ngày có thực hiện dịch vụ kỹ thuật và/hoặc thuốc', validFrom: null, validTo: null },
  { code: '09', label: 'Điều trị nội trú dưới 4 giờ', validFrom: null, validTo: null },
  { code: '10', label: 'Khác', validFrom: '2026-08-01', validTo: null },
  { code: '11', label: 'Khám bệnh, chữa bệnh lưu động', validFrom: '2026-08-01', validTo: null },
  { code: '12', label: 'Khám bệnh, chữa bệnh tại nhà', validFrom: '2026-08-01', validTo: null },
  { code: '13', label: 'Y học gia đình', validFrom: '2026-08-01', validTo: null },
  { code: '14', label: 'Khám bệnh, chữa bệnh từ xa', validFrom: '2026-08-01', validTo: null },
  { code: '15', label: 'Khám sức khỏe định kỳ', validFrom: '2026-08-01', validTo: null },
  { code: '16', label: 'Khám sàng lọc', validFrom: '2026-08-01', validTo: null },
];

/**
 * MA_DOITUONG_KCB, the QĐ 824 list. QĐ 3276/QĐ-BYT (2025) issues a new list whose
 * meanings and start date are not confirmed: add its rows here when they are.
 */
export const BENEFICIARY_TYPES: readonly CodeRow[] = [
  { code: '1.1', label: 'KCB tại nơi đăng ký ban đầu', validFrom: null, validTo: null },
  { code: '1.2', label: 'Thông tuyến', validFrom: null, validTo: null },
  { code: '1.3', label: 'Chuyển tuyến đúng quy định (có phiếu chuyển)', validFrom: null, validTo: null },
  { code: '1.4', label: 'Có giấy tờ công tác, tạm trú, học tập', validFrom: null, validTo: null },
  { code: '1.5', label: 'Giấy hẹn khám lại', validFrom: null, validTo: null },
  { code: '1.7', label: 'Trẻ sơ sinh', validFrom: null, validTo: null },
  { code: '1.8', label: 'Lao', validFrom: null, validTo: null },
  { code: '1.9', label: 'HIV', validFrom: null, validTo: null },
  { code: '1.10', label: 'COVID-19', validFrom: null, validTo: null },
  { code: '2', label: 'Cấp cứu', validFrom: null, validTo: null },
  { code: '3.1', label: 'Trái tuyến nội trú tuyến trung ương', validFrom: null, validTo: null },
  { code: '3.2', label: 'Tự đi nội trú tuyến tỉnh', validFrom: null, validTo: null },
  { code: '3.3', label: 'Tự đi tuyến huyện', validFrom: null, validTo: null },
  { code: '3.4', label: 'Khám trái tuyến trung ương', validFrom: null, validTo: null },
  { code: '3.5', label: 'Ngoại trú tuyến tỉnh', validFrom: null, validTo: null },
  { code: '3.6', label: 'Dân tộc thiểu số, hộ nghèo vùng khó khăn, xã đảo', validFrom: null, validTo: null },
  { code: '3.7', label: 'Khác', validFrom: null, validTo: null },
  { code: '7.1', label: 'Lĩnh thuốc theo hẹn', validFrom: null, validTo: null },
  { code: '9', label: 'Không KCB BHYT', validFrom: null, validTo: null },
];

export function isCodeInForce(rows: readonly CodeRow[], code: string, day: string): boolean {
  return rows.some((row) => row.code === code && isEffectiveOn(row, day));
}

/** What reception knows about a visit when the codes are chosen. */
export interface VisitStanding {
  readonly visitType: VisitType;
  readonly priorities: readonly PriorityCode[];
  readonly document: 'referral' | 'follow-up' | null;
  /** The card's registered facility (nơi ĐKKCB ban đầu) is this facility. */
  readonly registeredHere: boolean;
}

/** A rule applies when every condition it states holds; the first that applies gives the code. */
export interface StandingRule extends Effective {
  readonly visitTypes: readonly VisitType[];
  readonly priority?: PriorityCode;
  readonly document?: 'referral' | 'follow-up';
  readonly registeredHere?: boolean;
  readonly code: string;
}

/** Every visit at the reception desk is a consultation (khám bệnh). */
export const TREATMENT_TYPE_RULES: readonly StandingRule[] = [
  { visitTypes: ['bhyt', 'fee-paying', 'on-demand'], code: '01', validFrom: null, validTo: null },
];

/**
 * The provisional MA_DOITUONG_KCB (the final one is decided at the end of the
 * visit): fee-paying visits are 9; an insured emergency 2; a referral paper
 * 1.3; a follow-up paper 1.5; a card registered here 1.1; any other insured
 * visit 1.2 (thông tuyến), for the clerk's and the HIS's later correction.
 */
export const BENEFICIARY_RULES: readonly StandingRule[] = [
  { visitTypes: ['fee-paying', 'on-demand'], code: '9', validFrom: null, validTo: null },
  { visitTypes: ['bhyt'], priority: 'emergency', code: '2', validFrom: null, validTo: null },
  { visitTypes: ['bhyt'], document: 'referral', code: '1.3', validFrom: null, validTo: null },
  { visitTypes: ['bhyt'], document: 'follow-up', code: '1.5', validFrom: null, validTo: null },
  { visitTypes: ['bhyt'], registeredHere: true, code: '1.1', validFrom: null, validTo: null },
  { visitTypes: ['bhyt'], code: '1.2', validFrom: null, validTo: null },
];

function ruleApplies(rule: StandingRule, standing: VisitStanding): boolean {
  return (
    rule.visitTypes.includes(standing.visitType) &&
    (rule.priority === undefined || standing.priorities.includes(rule.priority)) &&
    (rule.document === undefined || rule.document === standing.document) &&
    (rule.registeredHere === undefined || rule.registeredHere === standing.registeredHere)
  );
}

/** The code of the first rule in force on the day that applies, or null when none does. */
export function codeForStanding(rules: readonly StandingRule[], standing: VisitStanding, day: string): string | null {
  const inForce = rules.filter((rule) => isEffectiveOn(rule, day));
  return inForce.find((rule) => ruleApplies(rule, standing))?.code ?? null;
}

export function codeLabel(rows: readonly CodeRow[], code: string, day: string): string | null {
  return findEffective(rows, (row) => row.code === code, (row) => isEffectiveOn(row, day))?.label ?? null;
}
