/**
 * Dates as cards print them: the CCCD QR writes ddMMyyyy, the BHYT QR dd/MM/yyyy
 * (birth dates also MM/yyyy or yyyy). A day or month of "00" means "not known".
 */
import { makePartialDate, type PartialDate } from './partial-date.ts';

export type CardDateFormat = 'ddMMyyyy' | 'dd/MM/yyyy' | 'MM/yyyy' | 'yyyy';

interface FormatRule {
  readonly pattern: RegExp;
  readonly parts: (match: RegExpExecArray) => { year: string; month?: string; day?: string };
}

const FORMAT_RULES: Readonly<Record<CardDateFormat, FormatRule>> = {
  ddMMyyyy: {
    pattern: /^(\d{2})(\d{2})(\d{4})$/,
    parts: (m) => ({ day: m[1], month: m[2], year: m[3] ?? '' }),
  },
  // Separators other than "/" and one-digit day or month are tolerated: people type them.
  'dd/MM/yyyy': {
    pattern: /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/,
    parts: (m) => ({ day: m[1], month: m[2], year: m[3] ?? '' }),
  },
  'MM/yyyy': {
    pattern: /^(\d{1,2})[/.-](\d{4})$/,
    parts: (m) => ({ month: m[1], year: m[2] ?? '' }),
  },
  yyyy: {
    pattern: /^(\d{4})$/,
    parts: (m) => ({ year: m[1] ?? '' }),
  },
};

/**
 * Years a card can carry. Narrower than the calendar so that a yyyyMMdd string
 * such as "20020523" is not read as 20 February 523.
 */
export const CARD_YEARS = { min: 1800, max: 2399 } as const;

export interface CardDateOptions {
  /** Formats to try, in order. */
  readonly formats: readonly CardDateFormat[];
  /** Whether a date known only to the month or year is acceptable (birth dates). */
  readonly allowPartial: boolean;
}

function fromParts(parts: { year: string; month?: string; day?: string }): PartialDate | null {
  const year = Number(parts.year);
  let month = parts.month === undefined ? undefined : Number(parts.month);
  let day = parts.day === undefined ? undefined : Number(parts.day);
  if (day === 0) day = undefined;
  if (month === 0) {
    if (day !== undefined) return null;
    month = undefined;
  }
  return makePartialDate({ year, month, day });
}

/** A real calendar date in one of the formats, or null. */
export function parseCardDate(text: string, options: CardDateOptions): PartialDate | null {
  const trimmed = text.trim();
  for (const format of options.formats) {
    const rule = FORMAT_RULES[format];
    const match = rule.pattern.exec(trimmed);
    if (!match) continue;
    const date = fromParts(rule.parts(match));
    if (date === null || date.year < CARD_YEARS.min || date.year > CARD_YEARS.max) return null;
    if (date.precision !== 'day' && !options.allowPartial) return null;
    return date;
  }
  return null;
}

export const CCCD_QR_DATE: CardDateOptions = { formats: ['ddMMyyyy', 'dd/MM/yyyy'], allowPartial: false };
export const CCCD_QR_BIRTH_DATE: CardDateOptions = { formats: ['ddMMyyyy', 'dd/MM/yyyy'], allowPartial: true };
export const BHYT_QR_DATE: CardDateOptions = { formats: ['dd/MM/yyyy'], allowPartial: false };
export const BHYT_QR_BIRTH_DATE: CardDateOptions = {
  formats: ['dd/MM/yyyy', 'MM/yyyy', 'yyyy'],
  allowPartial: true,
};
