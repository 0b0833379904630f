/**
 * Time at the reception desk is Vietnam local time (UTC+7, no daylight saving).
 * Instants travel as ISO 8601 text with an offset; calendar days as "yyyy-MM-dd".
 * The day of a visit, the queue day and the time on the ticket all come from here,
 * never from the clock zone of the machine that runs the code.
 */
import { z } from 'zod';
import { isCalendarDay } from '../identity/index.ts';

/** Minutes east of UTC. Vietnam has kept UTC+7 without daylight saving since 1975. */
export const VIETNAM_UTC_OFFSET_MINUTES = 420;

const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * 60_000;

/** A calendar day in Vietnam, "yyyy-MM-dd": what codes lists' validFrom/validTo compare against. */
export type LocalDay = string;

/** A point in time: ISO 8601 with "Z" or an explicit offset ("2026-03-01T08:15:00+07:00"). */
export type Instant = string;

const LOCAL_DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

export interface DayParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The parts of a "yyyy-MM-dd" day, or null when it is not a real calendar day. */
export function parseLocalDay(text: string): DayParts | null {
  const match = typeof text === 'string' ? LOCAL_DAY_PATTERN.exec(text) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isCalendarDay(year, month, day) ? { year, month, day } : null;
}

export function formatLocalDay(parts: DayParts): LocalDay {
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

export const LocalDaySchema = z.string().refine((text) => parseLocalDay(text) !== null, 'a calendar day yyyy-MM-dd');

export const InstantSchema = z
  .string()
  .refine((text) => INSTANT_PATTERN.test(text) && Number.isFinite(Date.parse(text)), 'an ISO 8601 time with an offset');

/** Milliseconds since the epoch, or null for anything that is not an instant. */
export function toEpochMs(instant: Instant | number | Date): number | null {
  if (typeof instant === 'number') return Number.isFinite(instant) ? instant : null;
  if (instant instanceof Date) {
    const ms = instant.getTime();
    return Number.isFinite(ms) ? ms : null;
  }
  if (typeof instant !== 'string' || !INSTANT_PATTERN.test(instant)) return null;
  const ms = Date.parse(instant);
  return Number.isFinite(ms) ? ms : null;
}

/** An instant as the canonical UTC text the visit model stores. */
export function toInstant(when: Instant | number | Date): Instant | null {
  const ms = toEpochMs(when);
  if (ms === null) return null;
  const date = new Date(ms);
  return Number.isFinite(date.getTime()) ? date.toISOString() : null;
}

export interface VietnamDateTime extends DayParts {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** Wall-clock time in Vietnam at the instant, or null for an invalid instant. */
export function vietnamDateTime(instant: Instant | number | Date): VietnamDateTime | null {
  const ms = toEpochMs(instant);
  if (ms === null) return null;
  const shifted = new Date(ms + OFFSET_MS);
  if (!Number.isFinite(shifted.getTime())) return null;
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

/** The Vietnam calendar day of the instant: 23:59 and 00:01 local are different days. */
export function vietnamDay(instant: Instant | number | Date): LocalDay | null {
  const local = vietnamDateTime(instant);
  return local === null || local.year < 1 || local.year > 9999 ? null : formatLocalDay(local);
}

/** "dd/MM/yyyy HH:mm" in Vietnam time, as printed on tickets. */
export function formatVietnamDateTime(instant: Instant | number | Date): string | null {
  const local = vietnamDateTime(instant);
  if (local === null || local.year < 1 || local.year > 9999) return null;
  return `${pad(local.day, 2)}/${pad(local.month, 2)}/${pad(local.year, 4)} ${pad(local.hour, 2)}:${pad(local.minute, 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
