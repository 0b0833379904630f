/**
 * Fictitious cards for the demo and tests: one that is valid, one replaced by
 * a new card, one expired, and one per other result code (forced). Names and
 * numbers are made up; birth dates as the gateway writes them.
 */
import { RESULT_CODES } from '../../../domain/insurance/result-codes.ts';
import type { SimCard } from './gateway-rules.ts';

const YEAR = new Date().getUTCFullYear();
const validFrom = `01/01/${YEAR}`;
const validTo = `31/12/${YEAR}`;

export const DEMO_VALID_CARD: SimCard = {
  cardCode: 'DN4010123456789',
  cccd: '001090012345',
  fullName: 'Nguyễn Văn An',
  birthDate: '15/08/1990',
  sex: 'Nam',
  facility: '01001',
  facilityName: 'Bệnh viện mô phỏng',
  validFrom,
  validTo,
  fiveYearDate: '01/01/2015',
  coPaymentVnd: 15_000_000,
};

export const DEMO_YEAR_ONLY_CARD: SimCard = {
  cardCode: 'HT3790123400001',
  fullName: 'Lê Thị Bảy',
  birthDate: '1948',
  sex: 'Nữ',
  facility: '79032',
  validFrom,
  validTo,
  fiveYearDate: '01/01/2010',
};

export const DEMO_OLD_CARD: SimCard = {
  cardCode: 'GD4010987654321',
  fullName: 'Phạm Quốc Đạt',
  birthDate: '02/03/1985',
  facility: '01001',
  validFrom: `01/01/${YEAR - 1}`,
  validTo: `31/12/${YEAR - 1}`,
  replacedBy: 'DN4010987654321',
};

export const DEMO_NEW_CARD: SimCard = { ...DEMO_OLD_CARD, cardCode: 'DN4010987654321', validFrom, validTo, facility: '01013', replacedBy: undefined };

export const DEMO_EXPIRED_CARD: SimCard = {
  cardCode: 'HS4011111100000',
  fullName: 'Vũ Minh Khang',
  birthDate: '20/10/2008',
  facility: '01001',
  validFrom: `01/01/${YEAR - 2}`,
  validTo: `31/12/${YEAR - 2}`,
};

/** A card per documented code that is not produced from the data itself, numbered 0123400CCC. */
export function forcedCodeCards(): SimCard[] {
  const natural = new Set(['000', '003', '004', '010', '050', '051', '052', '053', '054', '055', '060', '061', '070', '401']);
  return RESULT_CODES.filter((row) => !natural.has(row.code)).map((row) => ({
    cardCode: `DN401234500${row.code.padStart(4, '0')}`,
    fullName: 'Đỗ Thị Mô Phỏng',
    birthDate: '01/02/1970',
    facility: '01001',
    validFrom,
    validTo,
    code: row.code,
  }));
}

export function demoCards(): SimCard[] {
  return [DEMO_VALID_CARD, DEMO_YEAR_ONLY_CARD, DEMO_OLD_CARD, DEMO_NEW_CARD, DEMO_EXPIRED_CARD, ...forcedCodeCards()];
}
