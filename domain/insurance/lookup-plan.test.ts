import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makePartialDate } from '../identity/partial-date.ts';
import { firstAttempt, MAX_LOOKUP_ATTEMPTS, nextAttempt, type LookupAttempt, type LookupSubject } from './lookup-plan.ts';

const SUBJECT: LookupSubject = {
  cardCode: 'DN4010123456789',
  cccd: '001090012345',
  fullName: 'Nguyễn Văn An',
  birthDate: makePartialDate({ year: 1990, month: 8, day: 15 })!,
};

describe('look-up plan', () => {
  it('first look-up: the card code, name as given, full birth date', () => {
    assert.deepEqual(firstAttempt(SUBJECT), {
      strategy: 'as-given',
      by: 'card-code',
      maThe: 'DN4010123456789',
      hoTen: 'Nguyễn Văn An',
      ngaySinh: '15/08/1990',
      nameStrategy: 'as-given',
      birthDateSent: 'as-given',
    });
  });

  it('identifiers in order: card code, BHXH number, CCCD number (only where accepted)', () => {
    const { cardCode: _, ...noCard } = SUBJECT;
    assert.equal(firstAttempt({ ...noCard, bhxhNumber: '0123456789' })?.by, 'bhxh-number');
    assert.equal(firstAttempt(noCard, { cccdAccepted: true })?.maThe, '001090012345');
    assert.equal(firstAttempt(noCard, { cccdAccepted: false }), null);
    assert.equal(firstAttempt({ ...noCard, cardCode: '001090012345' }, { cccdAccepted: false }), null);
  });

  it('after 060 or 061: once more without diacritics, never twice', () => {
    for (const code of ['060', '061']) {
      const first = firstAttempt(SUBJECT)!;
      const second = nextAttempt(SUBJECT, [first], code);
      assert.equal(second?.strategy, 'without-diacritics');
      assert.equal(second?.hoTen, 'Nguyen Van An');
      assert.equal(second?.maThe, first.maThe);
      assert.equal(nextAttempt(SUBJECT, [first, second!], code), null);
    }
    assert.equal(nextAttempt({ ...SUBJECT, fullName: 'Nguyen Van An' }, [firstAttempt({ ...SUBJECT, fullName: 'Nguyen Van An' })!], '060'), null, 'nothing to drop');
  });

  it('after 070: only the year; not for a year-only date', () => {
    const first = firstAttempt(SUBJECT)!;
    const second = nextAttempt(SUBJECT, [first], '070');
    assert.deepEqual([second?.strategy, second?.ngaySinh, second?.birthDateSent], ['birth-year-only', '1990', 'year-only']);
    const yearOnly = { ...SUBJECT, birthDate: makePartialDate({ year: 1948 })! };
    assert.equal(nextAttempt(yearOnly, [firstAttempt(yearOnly)!], '070'), null);
  });

  it('after 050–053 on a card code: the BHXH number in it; on a CCCD: the known BHXH number', () => {
    for (const code of ['050', '051', '052', '053']) {
      const retry = nextAttempt(SUBJECT, [firstAttempt(SUBJECT)!], code);
      assert.deepEqual([retry?.strategy, retry?.by, retry?.maThe], ['bhxh-number', 'bhxh-number', '0123456789'], code);
    }
    const byCccd: LookupSubject = { cccd: '001090012345', fullName: 'A', birthDate: SUBJECT.birthDate };
    assert.equal(nextAttempt(byCccd, [firstAttempt(byCccd)!], '050'), null, 'no other identifier');
    const withNumber = { ...byCccd, bhxhNumber: '0123456789', cardCode: '001090012345' };
    assert.equal(nextAttempt(withNumber, [firstAttempt(withNumber)!], '050')?.maThe, '0123456789');
  });

  it('strategies combine, keep earlier fixes, stop after the limit, and are off on request', () => {
    const first = firstAttempt(SUBJECT)!;
    const tried: LookupAttempt[] = [first];
    const plain = nextAttempt(SUBJECT, tried, '061')!;
    tried.push(plain);
    const year = nextAttempt(SUBJECT, tried, '070')!;
    assert.equal(year.hoTen, 'Nguyen Van An', 'the diacritic-free name is kept');
    tried.push(year);
    const number = nextAttempt(SUBJECT, tried, '051')!;
    tried.push(number);
    assert.equal(tried.length, MAX_LOOKUP_ATTEMPTS);
    assert.equal(nextAttempt(SUBJECT, tried, '060'), null);
    assert.equal(nextAttempt(SUBJECT, [first], '060', { strategies: false }), null);
    for (const code of ['000', '010', '100', '054', '999']) assert.equal(nextAttempt(SUBJECT, [first], code), null, code);
  });
});
