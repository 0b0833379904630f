import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dayDateArb, ddMMyyyy, slashDate } from './arbitraries.ts';
import { BHYT_QR_BIRTH_DATE, CARD_YEARS, BHYT_QR_DATE, CCCD_QR_BIRTH_DATE, CCCD_QR_DATE, parseCardDate } from './date-text.ts';

describe('card dates', () => {
  it('reads the CCCD form ddMMyyyy and, defensively, dd/MM/yyyy', () => {
    assert.deepEqual(parseCardDate('23052002', CCCD_QR_DATE), { precision: 'day', year: 2002, month: 5, day: 23 });
    assert.deepEqual(parseCardDate('23/05/2002', CCCD_QR_DATE), { precision: 'day', year: 2002, month: 5, day: 23 });
    assert.deepEqual(parseCardDate(' 3/5/2002 ', CCCD_QR_DATE), { precision: 'day', year: 2002, month: 5, day: 3 });
  });

  it('rejects days that do not exist and other shapes', () => {
    for (const text of ['31022002', '29022023', '00000000', '2002-05-23', '20020523', '2305200', '', '23-05-02', '２３０５２００２']) {
      assert.equal(parseCardDate(text, CCCD_QR_DATE), null, text);
    }
    assert.deepEqual(parseCardDate('29022024', CCCD_QR_DATE), { precision: 'day', year: 2024, month: 2, day: 29 });
  });

  it('reads an unknown day or month written as 00 only where partial dates are allowed', () => {
    assert.deepEqual(parseCardDate('00081990', CCCD_QR_BIRTH_DATE), { precision: 'month', year: 1990, month: 8 });
    assert.deepEqual(parseCardDate('00001990', CCCD_QR_BIRTH_DATE), { precision: 'year', year: 1990 });
    assert.equal(parseCardDate('15001990', CCCD_QR_BIRTH_DATE), null, 'a day in an unknown month is nonsense');
    assert.equal(parseCardDate('00081990', CCCD_QR_DATE), null);
  });

  it('reads BHYT birth dates with day, month or year precision', () => {
    assert.deepEqual(parseCardDate('15/08/1990', BHYT_QR_BIRTH_DATE), { precision: 'day', year: 1990, month: 8, day: 15 });
    assert.deepEqual(parseCardDate('08/1990', BHYT_QR_BIRTH_DATE), { precision: 'month', year: 1990, month: 8 });
    assert.deepEqual(parseCardDate('1990', BHYT_QR_BIRTH_DATE), { precision: 'year', year: 1990 });
    assert.deepEqual(parseCardDate('00/00/1990', BHYT_QR_BIRTH_DATE), { precision: 'year', year: 1990 });
    assert.equal(parseCardDate('13/1990', BHYT_QR_BIRTH_DATE), null);
    assert.equal(parseCardDate('1990', BHYT_QR_DATE), null, 'validity dates are full dates');
    assert.equal(parseCardDate('15081990', BHYT_QR_DATE), null);
  });

  it('keeps to years a card can carry', () => {
    assert.equal(parseCardDate('01011799', CCCD_QR_DATE), null);
    assert.equal(parseCardDate('31122400', CCCD_QR_DATE), null);
    assert.deepEqual(parseCardDate('01011800', CCCD_QR_DATE), { precision: 'day', year: 1800, month: 1, day: 1 });
  });

  it('reads back every real day in both forms', () => {
    fc.assert(
      fc.property(dayDateArb(CARD_YEARS.min, CARD_YEARS.max), (date) => {
        assert.deepEqual(parseCardDate(ddMMyyyy(date), CCCD_QR_DATE), date);
        assert.deepEqual(parseCardDate(slashDate(date), BHYT_QR_DATE), date);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and only returns real dates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 14 }), (text) => {
        for (const options of [CCCD_QR_BIRTH_DATE, BHYT_QR_BIRTH_DATE]) {
          const date = parseCardDate(text, options);
          if (date !== null && date.precision === 'day') assert.ok(date.day >= 1 && date.day <= 31);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
