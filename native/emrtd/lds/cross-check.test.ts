import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildDg1, buildDg13, composeCccdMrz, composeTd1Mrz, type Dg13Fields } from '../testing/lds-builders.ts';
import { crossCheckDg1Dg13, foldVietnameseName } from './cross-check.ts';
import { parseDg1 } from './dg1.ts';
import { parseDg13 } from './dg13.ts';

const HOLDER = { idNumber: '001099012345', dateOfBirth: '990201', sex: 'M' as const, dateOfExpiry: '240201', fullName: 'Nguyễn Văn Đức' };
const DG13: Dg13Fields = { idNumber: '001099012345', fullName: 'Nguyễn Văn Đức', dateOfBirth: '01/02/1999', sex: 'Nam', dateOfExpiry: '01/02/2024' };

const check = (mrz: string, fields: Dg13Fields) => crossCheckDg1Dg13(parseDg1(buildDg1(mrz)), parseDg13(buildDg13(fields)));

describe('DG1 against DG13', () => {
  it('folds Vietnamese names to MRZ letters', () => {
    assert.equal(foldVietnameseName('Nguyễn Văn Đức'), 'NGUYEN VAN DUC');
    assert.equal(foldVietnameseName('  Trần   Thị-Hồng '), 'TRAN THI HONG');
  });

  it('finds nothing when they agree', () => {
    assert.deepEqual(check(composeCccdMrz(HOLDER), DG13), []);
  });

  it('names each field that disagrees', () => {
    const warnings = check(composeCccdMrz({ ...HOLDER, idNumber: '001099012346', sex: 'F', dateOfBirth: '990202', fullName: 'Nguyen Van Duc Anh' }), {
      ...DG13,
      dateOfExpiry: '01/02/2025',
    });
    assert.deepEqual(
      warnings.map((w) => w.field),
      ['documentNumber', 'idNumber', 'name', 'dateOfBirth', 'sex', 'dateOfExpiry'],
    );
    assert.deepEqual(warnings[4], { field: 'sex', dg1: 'F', dg13: 'Nam' });
  });

  it('checks the ID check digit in the optional data and accepts a truncated MRZ name', () => {
    const long = 'Nguyễn Thị Phương Thảo Nguyên Khánh';
    const mrz = composeTd1Mrz({
      documentCode: 'ID',
      issuingState: 'VNM',
      documentNumber: '099012345',
      optionalData: '001099012345<<7',
      dateOfBirth: '990201',
      sex: 'F',
      dateOfExpiry: '240201',
      primaryIdentifier: 'NGUYEN',
      secondaryIdentifier: 'THI PHUONG THAO NGUYEN KHANH',
    });
    const warnings = check(mrz, { ...DG13, fullName: long, sex: 'Nữ' });
    assert.deepEqual(warnings, [{ field: 'idNumberCheckDigit', dg1: '7', dg13: '0' }]);
  });

  it('skips what DG13 does not hold as a date', () => {
    assert.deepEqual(check(composeCccdMrz(HOLDER), { ...DG13, dateOfExpiry: 'Không thời hạn' }), []);
  });
});
