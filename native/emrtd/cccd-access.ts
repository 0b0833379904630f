/**
 * Access keys for the Vietnamese chip ID card (CCCD, and the 2024 "thẻ căn
 * cước") from what the clerk has: the 12-digit ID, the date of birth, and
 * maybe the issue date. See research cccd-chip.md §2.
 */
import { EmrtdError } from './errors.ts';
import type { MrzKey } from './bac/mrz-key.ts';

/** 2021: CCCD under the 2014 law; 2024: identity card under the 2023 law (in force 1 July 2024). */
export type CardGeneration = '2021' | '2024';

/** Ages at which the card must be renewed. */
export const RENEWAL_AGES: Record<CardGeneration, readonly number[]> = {
  '2021': [25, 40, 60],
  '2024': [14, 25, 40, 60],
};

/** A card issued less than this many years before a renewal age stays valid until the next one. */
const GRACE_YEARS = 2;

function requireId(id: string): string {
  const trimmed = id.trim();
  // Only the length is checked: since July 2024 the law guarantees twelve digits and nothing about the prefix.
  if (!/^\d{12}$/.test(trimmed)) throw new EmrtdError('invalid-input', 'the ID number must have 12 digits');
  return trimmed;
}

/** The MRZ document number: the ID without its 3-digit province prefix. */
export function cccdDocumentNumber(id: string): string {
  return requireId(id).slice(3);
}

/** The card access number for PACE: the last 6 digits of the ID (the card prints no separate CAN). */
export function cccdCan(id: string): string {
  return requireId(id).slice(6);
}

interface CalendarDate {
  year: number;
  /** "MM-DD", kept as text so that 29 February carries over unchanged. */
  monthDay: string;
}

function parseIsoDate(value: string, what: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (match === null || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new EmrtdError('invalid-input', `${what} must be YYYY-MM-DD`);
  }
  return { year: Number(match[1]), monthDay: `${match[2]}-${match[3]}` };
}

function isoText(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${date.monthDay}`;
}

function plusYears(date: CalendarDate, years: number): CalendarDate {
  return { year: date.year + years, monthDay: date.monthDay };
}

function toYymmdd(date: CalendarDate): string {
  return `${String(date.year % 100).padStart(2, '0')}${date.monthDay.replace('-', '')}`;
}

/** Today's calendar date in Vietnam (UTC+7). */
function todayInVietnam(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

export interface ExpiryCandidateInput {
  /** YYYY-MM-DD: the full year is needed to count ages. */
  dateOfBirth: string;
  /** YYYY-MM-DD, when known (printed on the card). */
  issueDate?: string;
  /** Unknown: both sets of renewal ages are tried. */
  generation?: CardGeneration;
  /** YYYY-MM-DD; today in Vietnam by default. */
  today?: string;
  /** At most this many candidates (default: all, which is at most four). */
  limit?: number;
}

/**
 * Candidate MRZ dates of expiry (YYMMDD), most likely first. The MRZ date of
 * expiry is the date of birth with a renewal age added to the year. With the
 * issue date, the age that applies comes first; the others follow, ordered by
 * how likely a card in use today has them: the next renewal age, the one after
 * when today falls within the grace years before the next (a card renewed
 * early), then past ones, latest first (expired cards).
 * A card issued after the last renewal age has no expiry, and what its MRZ
 * carries then is not known, so it yields no candidate of its own.
 */
export function cccdExpiryCandidates(input: ExpiryCandidateInput): string[] {
  const birth = parseIsoDate(input.dateOfBirth, 'date of birth');
  const today = isoText(parseIsoDate(input.today ?? todayInVietnam(), 'today'));
  const ages = input.generation === undefined ? RENEWAL_AGES['2024'] : RENEWAL_AGES[input.generation];
  const expiryAt = (age: number) => isoText(plusYears(birth, age));

  const ordered: number[] = [];
  if (input.issueDate !== undefined) {
    const issued = isoText(parseIsoDate(input.issueDate, 'issue date'));
    const due = ages.find((age) => issued < expiryAt(age - GRACE_YEARS));
    if (due !== undefined) ordered.push(due);
  }

  const nextIndex = ages.findIndex((age) => expiryAt(age) > today);
  const next = nextIndex === -1 ? undefined : ages[nextIndex];
  const afterNext = nextIndex === -1 ? undefined : ages[nextIndex + 1];
  const past = (nextIndex === -1 ? [...ages] : ages.slice(0, nextIndex)).reverse();
  const withinGrace = next !== undefined && today >= expiryAt(next - GRACE_YEARS);
  // Before the grace years of the next renewal age, no card valid past it can have been issued yet.
  const byLikelihood = withinGrace ? [next, afterNext, ...past] : [next, ...past];
  for (const age of byLikelihood) if (age !== undefined && !ordered.includes(age)) ordered.push(age);

  return ordered.slice(0, input.limit ?? ordered.length).map((age) => toYymmdd(plusYears(birth, age)));
}

/** BAC keys to try for a CCCD, most likely first: one when the expiry is known, else one per candidate expiry. */
export function cccdBacKeys(id: string, input: ExpiryCandidateInput & { dateOfExpiry?: string }): MrzKey[] {
  const documentNumber = cccdDocumentNumber(id);
  const dateOfBirth = toYymmdd(parseIsoDate(input.dateOfBirth, 'date of birth'));
  const expiries =
    input.dateOfExpiry !== undefined ? [toYymmdd(parseIsoDate(input.dateOfExpiry, 'date of expiry'))] : cccdExpiryCandidates(input);
  return expiries.map((dateOfExpiry) => ({ documentNumber, dateOfBirth, dateOfExpiry }));
}
