/**
 * Values as QĐ 130-family files write them: dates as digits (yyyyMMdd,
 * yyyyMMddHHmm, Vietnam local time), partial birth dates with 00 for what is
 * unknown, and text cleaned to what XML 1.0 can carry.
 */
import { vietnamDateTime, type Instant, type LocalDay } from '../checkin/index.ts';
import { isCalendarDay, type PartialDate } from '../identity/index.ts';

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** yyyyMMddHHmm in Vietnam time, or null for an invalid instant or a year outside 1–9999. */
export function xmlDateTime(instant: Instant): string | null {
  const local = vietnamDateTime(instant);
  if (local === null || local.year < 1 || local.year > 9999) return null;
  return `${pad(local.year, 4)}${pad(local.month, 2)}${pad(local.day, 2)}${pad(local.hour, 2)}${pad(local.minute, 2)}`;
}

/** yyyy-MM-dd → yyyyMMdd; null for anything that is not a calendar day. */
export function xmlDate(day: LocalDay): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match || !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) return null;
  return `${match[1]}${match[2]}${match[3]}`;
}

/** A time of day "HH:mm". */
export interface TimeOfDay {
  readonly hour: number;
  readonly minute: number;
}

/**
 * NGAY_SINH: yyyy + (MM or 00) + (dd or 00) + (HHmm or 0000). A time is only
 * written with a full date (newborns).
 */
export function xmlBirthDateTime(date: PartialDate, time: TimeOfDay | null = null): string {
  const year = pad(date.year, 4);
  if (date.precision === 'year') return `${year}00000000`;
  if (date.precision === 'month') return `${year}${pad(date.month, 2)}000000`;
  const clock = time === null ? '0000' : `${pad(time.hour, 2)}${pad(time.minute, 2)}`;
  return `${year}${pad(date.month, 2)}${pad(date.day, 2)}${clock}`;
}

/** Whether yyyyMMddHHmm is a real date and time. */
export function isXmlDateTime(text: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  return isCalendarDay(year, month, day) && hour <= 23 && minute <= 59;
}

/** Whether yyyyMMdd is a real date. */
export function isXmlDate(text: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return match !== null && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Whether a NGAY_SINH value is well formed: unknown parts are 00 from the first unknown one on. */
export function isXmlBirthDateTime(text: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const clock = match[4]!;
  if (year < 1) return false;
  if (month === 0) return day === 0 && clock === '0000';
  if (day === 0) return month <= 12 && clock === '0000';
  return isXmlDateTime(`${match[1]}${match[2]}${match[3]}${clock}`);
}

/**
 * Whether XML 1.0 can carry the code point: not C0 controls other than tab and
 * line breaks, not a lone surrogate, not U+FFFE/U+FFFF.
 */
function isXmlCodePoint(code: number): boolean {
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code !== 0xfffe && code !== 0xffff;
}

/** Invisible characters with no place in a name or a label: C1 controls, zero-width and direction marks. */
function isInvisible(code: number): boolean {
  return (
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    code === 0xfeff
  );
}

export interface CleanText {
  readonly text: string;
  /** Characters were removed (beyond NFC and whitespace): worth a warning, the value may read differently. */
  readonly removed: boolean;
}

/** NFC, characters XML cannot carry and invisible ones removed, runs of whitespace made one space, trimmed. */
export function cleanXmlText(raw: string): CleanText {
  let kept = '';
  let removed = false;
  // Iterating a string by code point yields a lone surrogate on its own, so it is caught here.
  for (const char of raw.normalize('NFC')) {
    const code = char.codePointAt(0) ?? 0;
    if (isXmlCodePoint(code) && !isInvisible(code)) kept += char;
    else removed = true;
  }
  // Again NFC: a removed character may have stood between a letter and its diacritic.
  return { text: kept.normalize('NFC').replace(/\s+/g, ' ').trim(), removed };
}

/** Whether the text holds only characters XML 1.0 allows. */
export function isXmlSafe(text: string): boolean {
  for (const char of text) if (!isXmlCodePoint(char.codePointAt(0) ?? 0)) return false;
  return true;
}

/** Length as the standard counts it: characters (code points), not UTF-16 units or bytes. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}
