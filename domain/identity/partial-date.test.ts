import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { partialDateArb } from './arbitraries.ts';
import {
  comparePartialDates,
  daysInMonth,
  formatPartialDate,
  isAfterDay,
  isCalendarDay,
  isLeapYear,
  isSamePartialDate,
  makePartialDate,
  parseIsoPartialDate,
} from './partial-date.ts';

/** An independent check through the proleptic Gregorian calendar of Date.UTC. */
function referenceIsCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

describe('partial dates', () => {
  it('knows leap years and month lengths', () => {
    assert.equal(isLeapYear(2000), true);
    assert.equal(isLeapYear(1900), false);
    assert.equal(isLeapYear(2024), true);
    assert.equal(daysInMonth(2023, 2), 28);
    assert.equal(daysInMonth(2024, 2), 29);
    assert.equal(daysInMonth(2024, 4), 30);
    assert.equal(daysInMonth(2024, 13), 0);
    assert.equal(daysInMonth(2024, 0), 0);
  });

  it('accepts only real calendar days', () => {
    assert.deepEqual(makePartialDate({ year: 1990, month: 8, day: 15 }), { precision: 'day', year: 1990, month: 8, day: 15 });
    assert.equal(makePartialDate({ year: 2023, month: 2, day: 29 }), null);
    assert.equal(makePartialDate({ year: 2024, month: 4, day: 31 }), null);
    assert.equal(makePartialDate({ year: 2024, month: 0 }), null);
    assert.equal(makePartialDate({ year: 0 }), null);
    assert.equal(makePartialDate({ year: 10000 }), null);
    assert.equal(makePartialDate({ year: 1990.5 }), null);
  });

  it('gives the precision the parts allow', () => {
    assert.deepEqual(makePartialDate({ year: 1990 }), { precision: 'year', year: 1990 });
    assert.deepEqual(makePartialDate({ year: 1990, month: 8 }), { precision: 'month', year: 1990, month: 8 });
    assert.equal(makePartialDate({ year: 1990, day: 15 }), null, 'a day without a month means nothing');
  });

  it('formats in ISO calendar forms and reads them back', () => {
    assert.equal(formatPartialDate({ precision: 'day', year: 1990, month: 8, day: 5 }), '1990-08-05');
    assert.equal(formatPartialDate({ precision: 'month', year: 1990, month: 8 }), '1990-08');
    assert.equal(formatPartialDate({ precision: 'year', year: 1990 }), '1990');
    assert.equal(formatPartialDate({ precision: 'year', year: 800 }), '0800');
    assert.deepEqual(parseIsoPartialDate('1990-08'), { precision: 'month', year: 1990, month: 8 });
    assert.equal(parseIsoPartialDate('1990-02-30'), null);
    assert.equal(parseIsoPartialDate('1990-8-1'), null);
    assert.equal(parseIsoPartialDate('15/08/1990'), null);
  });

  it('orders a less precise date before the days it contains', () => {
    const year = { precision: 'year', year: 1990 } as const;
    const month = { precision: 'month', year: 1990, month: 1 } as const;
    const day = { precision: 'day', year: 1990, month: 1, day: 1 } as const;
    assert.ok(comparePartialDates(year, month) < 0);
    assert.ok(comparePartialDates(month, day) < 0);
    assert.ok(comparePartialDates(day, { precision: 'year', year: 1991 }) < 0);
    assert.equal(isSamePartialDate(day, { ...day }), true);
    assert.equal(isSamePartialDate(year, month), false);
  });

  it('tells whether a date lies wholly after a day', () => {
    const today = { precision: 'day', year: 2026, month: 5, day: 10 } as const;
    assert.equal(isAfterDay({ precision: 'day', year: 2026, month: 5, day: 11 }, today), true);
    assert.equal(isAfterDay({ precision: 'day', year: 2026, month: 5, day: 10 }, today), false);
    assert.equal(isAfterDay({ precision: 'month', year: 2026, month: 5 }, today), false, 'May 2026 may be before today');
    assert.equal(isAfterDay({ precision: 'month', year: 2026, month: 6 }, today), true);
    assert.equal(isAfterDay({ precision: 'year', year: 2026 }, today), false);
    assert.equal(isAfterDay({ precision: 'year', year: 2027 }, today), true);
  });

  describe('properties', () => {
    it('agrees with the Gregorian calendar on every day', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: -1, max: 14 }), fc.integer({ min: -1, max: 33 }), (y, m, d) => {
          assert.equal(isCalendarDay(y, m, d), referenceIsCalendarDay(y, m, d));
        }),
        { numRuns: 5000 },
      );
    });

    it('reads back what it formats', () => {
      fc.assert(
        fc.property(partialDateArb(1, 9999), (date) => {
          assert.deepEqual(parseIsoPartialDate(formatPartialDate(date)), date);
        }),
        { numRuns: 2000 },
      );
    });

    it('orders like the formatted text for dates of equal precision', () => {
      fc.assert(
        fc.property(partialDateArb(1000, 9999), partialDateArb(1000, 9999), (a, b) => {
          fc.pre(a.precision === b.precision);
          const byText = formatPartialDate(a).localeCompare(formatPartialDate(b));
          assert.equal(Math.sign(comparePartialDates(a, b)), Math.sign(byText));
        }),
        { numRuns: 2000 },
      );
    });

    it('never accepts an invalid ISO-like string', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (text) => {
          const date = parseIsoPartialDate(text);
          if (date !== null) assert.equal(formatPartialDate(date), text);
        }),
        { numRuns: 2000 },
      );
    });
  });
});
