/**
 * BHYT code lists: beneficiary groups (mã đối tượng, the first two letters of
 * the card number) and benefit levels (mức hưởng, the third character).
 *
 * The group list follows the QĐ 1351/QĐ-BHXH-era table; meanings are short and
 * must be checked against the current BHXH list before they are shown to
 * patients. The usual level of each group is for sanity checks only: the digit
 * printed on the card, or returned by the BHXH gateway, is authoritative.
 * Luật 51/2024 may change groups and levels: add rows with validFrom rather
 * than editing these.
 */
import { findEffective, isEffectiveOn, type Effective } from './effective.ts';

/** Kept as text: from 2026 the XML benefit field widens and may carry more than one digit. */
export type BenefitLevel = '1' | '2' | '3' | '4' | '5';

export const BENEFIT_LEVEL_VALUES: readonly BenefitLevel[] = ['1', '2', '3', '4', '5'];

export function isBenefitLevel(text: string): text is BenefitLevel {
  return (BENEFIT_LEVEL_VALUES as readonly string[]).includes(text);
}

export interface BenefitLevelRow extends Effective {
  readonly level: BenefitLevel;
  readonly description: string;
}

export const BENEFIT_LEVELS: readonly BenefitLevelRow[] = [
  { level: '1', description: '100% of in-scope costs, no cap on high-tech services; transport covered', validFrom: null, validTo: null },
  { level: '2', description: '100% of in-scope costs, capped for high-tech services', validFrom: null, validTo: null },
  { level: '3', description: '95% of in-scope costs', validFrom: null, validTo: null },
  { level: '4', description: '80% of in-scope costs', validFrom: null, validTo: null },
  { level: '5', description: '100% including some out-of-scope costs; transport covered', validFrom: null, validTo: null },
];

export interface BhytGroup extends Effective {
  readonly code: string;
  readonly description: string;
  /** The level the group usually has; null when not established. */
  readonly usualBenefitLevel: BenefitLevel | null;
}

const GROUPS: readonly (readonly [code: string, level: BenefitLevel | null, description: string])[] = [
  ['DN', '4', 'người lao động trong doanh nghiệp'],
  ['HX', '4', 'người lao động trong hợp tác xã'],
  ['CH', '4', 'người lao động trong cơ quan nhà nước, đơn vị sự nghiệp'],
  ['NN', '4', 'người lao động trong tổ chức nước ngoài, quốc tế tại Việt Nam'],
  ['TK', '4', 'người lao động trong tổ chức khác'],
  ['HC', '4', 'cán bộ, công chức'],
  ['XK', '4', 'cán bộ xã không chuyên trách'],
  ['HT', '3', 'người hưởng lương hưu'],
  ['TB', '4', 'người hưởng trợ cấp BHXH hằng tháng do tai nạn lao động, bệnh nghề nghiệp'],
  ['NO', '4', 'người nghỉ ốm dài ngày'],
  ['CT', '4', 'người hưởng trợ cấp hằng tháng'],
  ['XB', '4', 'cán bộ xã hưởng trợ cấp BHXH'],
  ['TN', '4', 'người hưởng trợ cấp thất nghiệp'],
  ['CS', '4', 'người hưởng trợ cấp hằng tháng khác'],
  ['QN', '5', 'quân nhân'],
  ['CA', '5', 'công an'],
  ['CY', '5', 'cơ yếu'],
  ['XN', '4', 'cán bộ xã hưởng trợ cấp từ ngân sách nhà nước'],
  ['MS', '4', 'người mất sức lao động'],
  ['CC', '1', 'người có công với cách mạng'],
  ['CK', '2', 'người có công khác'],
  ['CB', '2', 'cựu chiến binh'],
  ['KC', '2', 'người tham gia kháng chiến'],
  ['HD', '4', 'đại biểu Hội đồng nhân dân'],
  ['TE', '1', 'trẻ em dưới 6 tuổi'],
  ['BT', '2', 'người thuộc diện bảo trợ xã hội'],
  ['HN', '2', 'người thuộc hộ nghèo'],
  ['DT', '2', 'người dân tộc thiểu số sống ở vùng khó khăn'],
  ['DK', '2', 'người sống ở vùng đặc biệt khó khăn'],
  ['XD', '2', 'người sống ở xã đảo, huyện đảo'],
  ['TS', '2', 'thân nhân liệt sĩ'],
  ['TC', '3', 'thân nhân người có công'],
  ['TQ', '4', 'thân nhân quân nhân'],
  ['TV', null, 'chưa xác định'],
  ['TA', '4', 'thân nhân công an'],
  ['TY', '4', 'thân nhân cơ yếu'],
  ['HG', '4', 'người hiến bộ phận cơ thể'],
  ['LS', '4', 'lưu học sinh nước ngoài'],
  ['PV', '4', 'người phục vụ người có công'],
  ['CN', '3', 'người thuộc hộ cận nghèo'],
  ['HS', '4', 'học sinh'],
  ['SV', '4', 'sinh viên'],
  ['GB', '4', 'hộ nông, lâm, ngư nghiệp có mức sống trung bình'],
  ['GD', '4', 'người tham gia theo hộ gia đình'],
];

export const BHYT_GROUPS: readonly BhytGroup[] = GROUPS.map(([code, usualBenefitLevel, description]) => ({
  code,
  usualBenefitLevel,
  description: description.normalize('NFC'),
  validFrom: null,
  validTo: null,
}));

/** The group row for a code, as of an ISO day when given. */
export function findBhytGroup(
  code: string,
  onIsoDay?: string,
  table: readonly BhytGroup[] = BHYT_GROUPS,
): BhytGroup | undefined {
  return findEffective(
    table,
    (row) => row.code === code,
    (row) => onIsoDay === undefined || isEffectiveOn(row, onIsoDay),
  );
}
