/**
 * A local calendar date that may be known only to the month or the year, as
 * birth dates often are. No time and no time zone: the day printed on a card is
 * the day, and nothing here goes through `Date`.
 */

export type DatePrecision = 'day' | 'month' | 'year';

export type PartialDate =
  | { readonly precision: 'day'; readonly year: number; readonly month: number; readonly day: number }
  | { readonly precision: 'month'; readonly year: number; readonly month: number }
  | { readonly precision: 'year'; readonly year: number };

export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in the month, or 0 when the month is not 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) return 0;
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

export function isValidYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

export function isCalendarDay(year: number, month: number, day: number): boolean {
  return isValidYear(year) && Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The date with the precision its parts allow, or null when the parts are not
 * a real calendar date (31 April, 29 February 2023) or a day is given without a month.
 */
export function makePartialDate(parts: { year: number; month?: number; day?: number }): PartialDate | null {
  const { year, month, day } = parts;
  if (!isValidYear(year)) return null;
  if (month === undefined) return day === undefined ? { precision: 'year', year } : null;
  if (daysInMonth(year, month) === 0) return null;
  if (day === undefined) return { precision: 'month', year, month };
  return isCalendarDay(year, month, day) ? { precision: 'day', year, month, day } : null;
}

export function dayDate(year: number, month: number, day: number): PartialDate | null {
  return makePartialDate({ year, month, day });
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** ISO 8601 calendar forms: "1990", "1990-08" or "1990-08-15". */
export function formatPartialDate(date: PartialDate): string {
  const year = pad(date.year, 4);
  switch (date.precision) {
    case 'year':
      return year;
    case 'month':
      return `${year}-${pad(date.month, 2)}`;
    case 'day':
      return `${year}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
  }
}

/** The inverse of formatPartialDate; null for anything else. */
export function parseIsoPartialDate(text: string): PartialDate | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
  if (!match) return null;
  const [, year, month, day] = match;
  return makePartialDate({
    year: Number(year),
    month: month === undefined ? undefined : Number(month),
    day: day === undefined ? undefined : Number(day),
  });
}

/**
 * Orders by the first day each date could be: a year-only date sorts before
 * any day in that year. Negative, zero or positive, like Array.prototype.sort wants.
 */
export function comparePartialDates(a: PartialDate, b: PartialDate): number {
  const first = (date: PartialDate): [number, number, number] => [
    date.year,
    date.precision === 'year' ? 0 : date.month,
    date.precision === 'day' ? date.day : 0,
  ];
  const [ay, am, ad] = first(a);
  const [by, bm, bd] = first(b);
  return ay - by || am - bm || ad - bd;
}

export function isSamePartialDate(a: PartialDate, b: PartialDate): boolean {
  return a.precision === b.precision && comparePartialDates(a, b) === 0;
}

/** Whether the date certainly lies after the given day (a partial date only when all of it does). */
export function isAfterDay(date: PartialDate, today: PartialDate): boolean {
  const first: PartialDate =
    date.precision === 'day'
      ? date
      : date.precision === 'month'
        ? { precision: 'day', year: date.year, month: date.month, day: 1 }
        : { precision: 'day', year: date.year, month: 1, day: 1 };
  return comparePartialDates(first, today) > 0;
}
