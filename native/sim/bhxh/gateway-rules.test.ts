import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { birthDateMatches, decideCheck, findCard, nameCode, type SimCard } from './gateway-rules.ts';

const CARD: SimCard = {
  cardCode: 'DN4010123456789',
  cccd: '001090012345',
  fullName: 'Nguyễn Văn An',
  birthDate: '15/08/1990',
  facility: '01001',
  validFrom: '01/01/2026',
  validTo: '31/12/2026',
};

describe('simulated gateway rules', () => {
  it('finds a card by code, BHXH number or CCCD; a wrong group, level or province is 051, 053 or 052', () => {
    assert.deepEqual(findCard([CARD], 'DN4010123456789', true), { card: CARD });
    assert.deepEqual(findCard([CARD], '0123456789', true), { card: CARD });
    assert.deepEqual(findCard([CARD], '001090012345', true), { card: CARD });
    assert.deepEqual(findCard([CARD], '001090012345', false), { code: '051' });
    assert.deepEqual(findCard([CARD], 'HX4010123456789', true), { code: '051' });
    assert.deepEqual(findCard([CARD], 'DN3010123456789', true), { code: '053' });
    assert.deepEqual(findCard([CARD], 'DN4790123456789', true), { code: '052' });
    assert.deepEqual(findCard([CARD], 'DN4019999999999', true), { code: '050' });
  });

  it('names match with diacritics or without any; a wrong accent is 061 (first letter right) or 060', () => {
    assert.equal(nameCode('NGUYỄN VĂN AN', 'Nguyễn Văn An'), null);
    assert.equal(nameCode('Nguyen Van An', 'Nguyễn Văn An'), null);
    assert.equal(nameCode('Nguyên Văn An', 'Nguyễn Văn An'), '061');
    assert.equal(nameCode('Trần Văn An', 'Nguyễn Văn An'), '060');
  });

  it('birth dates must match in the card’s own precision', () => {
    assert.equal(birthDateMatches('15/08/1990', '15/08/1990'), true);
    assert.equal(birthDateMatches('1990', '15/08/1990'), false);
    assert.equal(birthDateMatches('01/01/1948', '1948'), false);
    assert.equal(birthDateMatches('1948', '1948'), true);
  });

  it('decides 000, 010, 003/004 with the new card, and forced codes', () => {
    const ask = (cards: SimCard[], maThe: string, today = '2026-03-02') =>
      decideCheck({ cards, maThe, hoTen: 'Nguyễn Văn An', ngaySinh: '15/08/1990', cccdAccepted: true, today }).reply;
    assert.equal(ask([CARD], CARD.cardCode).maKetQua, '000');
    assert.equal(ask([CARD], CARD.cardCode, '2027-01-01').maKetQua, '010');
    const old = { ...CARD, cardCode: 'GD4010123456789', replacedBy: 'DN4010123456789' };
    const replaced = ask([old, CARD], old.cardCode);
    assert.deepEqual([replaced.maKetQua, replaced.maTheMoi, replaced.gtTheDenMoi], ['004', 'DN4010123456789', '31/12/2026']);
    assert.equal(ask([{ ...old, validTo: '31/12/2025' }, CARD], old.cardCode).maKetQua, '003');
    assert.equal(ask([{ ...CARD, code: '123' }], CARD.cardCode).maKetQua, '123');
  });
});
