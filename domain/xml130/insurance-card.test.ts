import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstAttempt } from '../insurance/lookup-plan.ts';
import { interpretCardCheck } from '../insurance/check-result.ts';
import type { CardCheckReply } from '../insurance/wire.ts';
import { makePartialDate } from '../identity/partial-date.ts';
import { xml0CardFromCheck } from './insurance-card.ts';

const ATTEMPT = firstAttempt({ cardCode: 'DN4010123456789', fullName: 'Nguyễn Văn An', birthDate: makePartialDate({ year: 1990, month: 8, day: 15 })! })!;
const VALID: CardCheckReply = {
  maKetQua: '000',
  ghiChu: '',
  maThe: 'DN4010123456789',
  hoTen: 'Nguyễn Văn An',
  ngaySinh: '15/08/1990',
  gioiTinh: 'Nam',
  diaChi: '',
  maDKBD: '01001',
  gtTheTu: '01/01/2026',
  gtTheDen: '31/12/2026',
  maKV: '',
  ngayDu5Nam: '',
  maSoBHXH: '0123456789',
  maTheMoi: '',
};
const check = (reply: CardCheckReply) => interpretCardCheck({ reply, attempt: ATTEMPT, lookups: 1, exemption: null, checkedAt: '2026-03-02T01:00:00.000Z' });

describe('xml0CardFromCheck', () => {
  it("takes the checked card's code, facility and validity", () => {
    assert.deepEqual(xml0CardFromCheck(check(VALID)), {
      number: 'DN4010123456789',
      registeredFacility: '01001',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
    });
  });

  it('takes the new card after 003', () => {
    const reply = { ...VALID, maKetQua: '003', maThe: 'GD4010123456789', maTheMoi: 'DN4010123456789', gtTheTuMoi: '01/01/2026', gtTheDenMoi: '31/12/2026', maDKBDMoi: '01013' };
    assert.deepEqual(xml0CardFromCheck(check(reply))?.number, 'DN4010123456789');
    assert.deepEqual(xml0CardFromCheck(check(reply))?.registeredFacility, '01013');
  });

  it('gives no card without the 15-character code, or for anything that is not a stored result', () => {
    assert.equal(xml0CardFromCheck(check({ ...VALID, maThe: '0123456789' })), null);
    assert.equal(xml0CardFromCheck(null), null);
    assert.equal(xml0CardFromCheck({ card: { cardCode: 'DN4010123456789' } }), null);
  });
});
