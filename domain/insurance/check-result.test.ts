import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makePartialDate } from '../identity/partial-date.ts';
import { effectiveCard, InsuranceCheckResultSchema, interpretCardCheck } from './check-result.ts';
import { decideExemption } from './exemption.ts';
import { firstAttempt, nextAttempt } from './lookup-plan.ts';
import type { CardCheckReply } from './wire.ts';

const SUBJECT = { cardCode: 'DN4010123456789', fullName: 'Nguyễn Văn An', birthDate: makePartialDate({ year: 1990, month: 8, day: 15 })! };
const ATTEMPT = firstAttempt(SUBJECT)!;
const AT = '2026-03-02T01:00:00.000Z';

const VALID: CardCheckReply = {
  maKetQua: '000',
  ghiChu: 'Thẻ còn giá trị sử dụng! Họ tên: Nguyễn Văn An …',
  maThe: 'DN4010123456789',
  hoTen: 'Nguyễn Văn An',
  ngaySinh: '15/08/1990',
  gioiTinh: 'Nam',
  diaChi: 'Số 1 Phố Huế',
  maDKBD: '01001',
  gtTheTu: '01/01/2026',
  gtTheDen: '31/12/2026',
  maKV: '',
  ngayDu5Nam: '01/01/2030',
  maSoBHXH: '0123456789',
  maTheMoi: 'DN4010123456789',
};

describe("the clerk's result", () => {
  it('a valid card: benefit level, facility, validity and the 5-year date; no name, birth date or address', () => {
    const result = interpretCardCheck({ reply: VALID, attempt: ATTEMPT, lookups: 1, exemption: null, checkedAt: AT });
    assert.deepEqual(result.card, {
      cardCode: 'DN4010123456789',
      bhxhNumber: '0123456789',
      benefitLevel: '4',
      registeredFacility: '01001',
      registeredFacilityName: null,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      fiveYearDate: '2030-01-01',
      area: null,
    });
    assert.deepEqual([result.outcome, result.action, result.covered, result.newCard, result.mismatch], ['valid', 'accept', true, null, null]);
    const text = JSON.stringify(result);
    for (const personal of ['Nguyễn', '15/08/1990', '1990-08-15', 'Phố Huế']) assert.equal(text.includes(personal), false, personal);
    assert.equal(InsuranceCheckResultSchema.safeParse(result).success, true);
  });

  it('003/004: the new card with its own facility and validity, and it is the one to use', () => {
    const reply: CardCheckReply = {
      ...VALID,
      maKetQua: '003',
      maThe: 'GD4010123456789',
      gtTheDen: '31/12/2025',
      maTheMoi: 'DN4010123456789',
      gtTheTuMoi: '01/01/2026',
      gtTheDenMoi: '31/12/2026',
      maDKBDMoi: '01013',
      tenDKBDMoi: 'Bệnh viện X',
    };
    const result = interpretCardCheck({ reply, attempt: ATTEMPT, lookups: 1, exemption: null, checkedAt: AT });
    assert.equal(result.outcome, 'new-card');
    assert.equal(result.card?.cardCode, 'GD4010123456789');
    assert.deepEqual(effectiveCard(result), {
      cardCode: 'DN4010123456789',
      bhxhNumber: '0123456789',
      benefitLevel: '4',
      registeredFacility: '01013',
      registeredFacilityName: 'Bệnh viện X',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      fiveYearDate: '2030-01-01',
      area: null,
    });
  });

  it('060/061/070: which field did not match and how it was sent', () => {
    const retry = nextAttempt(SUBJECT, [ATTEMPT], '061')!;
    const name = interpretCardCheck({ reply: { maKetQua: '061' }, attempt: retry, lookups: 2, exemption: null, checkedAt: AT });
    assert.deepEqual(name.mismatch, { field: 'name-first-letter-right', nameSent: 'without-diacritics', birthDateSent: 'as-given' });
    assert.equal(name.card, null);
    assert.equal(name.strategy, 'without-diacritics');
    const birth = interpretCardCheck({ reply: { maKetQua: '070' }, attempt: ATTEMPT, lookups: 1, exemption: null, checkedAt: AT });
    assert.equal(birth.mismatch?.field, 'birth-date');
  });

  it('by BHXH number: the 15-character code from the reply when given, the number either way', () => {
    const byNumber = { ...ATTEMPT, by: 'bhxh-number' as const, maThe: '0123456789' };
    const masked = interpretCardCheck({ reply: { ...VALID, maThe: '0123456789', maSoBHXH: null }, attempt: byNumber, lookups: 1, exemption: null, checkedAt: AT });
    assert.deepEqual([masked.card?.cardCode, masked.card?.bhxhNumber, masked.card?.benefitLevel], [null, '0123456789', null]);
  });

  it('an unknown code is kept for manual review', () => {
    const result = interpretCardCheck({ reply: { maKetQua: '777' }, attempt: ATTEMPT, lookups: 1, exemption: null, checkedAt: AT });
    assert.deepEqual([result.code, result.outcome, result.action], ['777', 'unknown', 'manual-review']);
  });

  it('exemption: five years reached and co-payments over six base salaries', () => {
    assert.deepEqual(decideExemption({ accumulatedVnd: 15_000_000, fiveYearDate: '2020-01-01', today: '2026-03-02' }), {
      status: 'exempt',
      accumulatedVnd: 15_000_000,
      thresholdVnd: 14_040_000,
    });
    assert.equal(decideExemption({ accumulatedVnd: 15_000_000, fiveYearDate: '2030-01-01', today: '2026-03-02' }).status, 'not-exempt');
    assert.equal(decideExemption({ accumulatedVnd: 1_000_000, fiveYearDate: '2020-01-01', today: '2026-03-02' }).status, 'not-exempt');
    assert.equal(decideExemption({ accumulatedVnd: null, fiveYearDate: '2020-01-01', today: '2026-03-02' }).status, 'no-data');
    assert.equal(decideExemption({ accumulatedVnd: 11_000_000, fiveYearDate: '2020-01-01', today: '2024-01-02' }).thresholdVnd, 10_800_000);
  });
});
