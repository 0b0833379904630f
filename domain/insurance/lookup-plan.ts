/**
 * Which look-up to send, and what to try next after a refusal. Every retry
 * strategy fixes one common input mistake:
 * - `without-diacritics`: after 060/061, the name again without marks (a wrong or missing accent);
 * - `birth-year-only`: after 070, only the year (cards of people whose day and month are unknown);
 * - `bhxh-number`: after 050–053 on a card code or a CCCD, the 10-digit BHXH number
 *   (a mistyped group, level or province, or a CCCD the gateway does not know).
 * The client counts which strategy the successful look-up used.
 */
import type { PartialDate } from '../identity/partial-date.ts';
import { gatewayName, hasDiacritics, type NameStrategy } from './names.ts';
import { cardCodeKind, formatGatewayBirthDate, GATEWAY_WIRE, type CardCodeKind } from './wire.ts';

export const LOOKUP_STRATEGIES = ['as-given', 'without-diacritics', 'birth-year-only', 'bhxh-number'] as const;
export type LookupStrategy = (typeof LOOKUP_STRATEGIES)[number];

/** Who is looked up: the card identifiers known, the name and the birth date. */
export interface LookupSubject {
  /** The 15-character card code, if known. */
  cardCode?: string | undefined;
  bhxhNumber?: string | undefined;
  cccd?: string | undefined;
  fullName: string;
  birthDate: PartialDate;
}

export interface LookupAttempt {
  strategy: LookupStrategy;
  by: CardCodeKind;
  maThe: string;
  hoTen: string;
  ngaySinh: string;
  nameStrategy: NameStrategy;
  birthDateSent: 'as-given' | 'year-only';
}

export interface LookupPlanOptions {
  /** Whether the gateway takes the CCCD number as `maThe`. */
  cccdAccepted?: boolean;
  /** False sends one look-up and never adjusts it (for comparison). */
  strategies?: boolean;
}

export const MAX_LOOKUP_ATTEMPTS = 4;

const NAME_CODES = new Set(['060', '061']);
const BIRTH_DATE_CODE = '070';
const CARD_CODE_CODES = new Set(['050', '051', '052', '053']);

function bhxhNumberOf(subject: LookupSubject): string | undefined {
  if (subject.bhxhNumber) return subject.bhxhNumber;
  if (subject.cardCode && cardCodeKind(subject.cardCode) === 'card-code') return subject.cardCode.slice(5);
  return undefined;
}

/** The identifiers to try, best first: the card code, the BHXH number, the CCCD number. */
function identifiers(subject: LookupSubject, cccdAccepted: boolean): { by: CardCodeKind; maThe: string }[] {
  const list: { by: CardCodeKind; maThe: string }[] = [];
  if (subject.cardCode) {
    const kind = cardCodeKind(subject.cardCode);
    if (kind && (kind !== 'cccd' || cccdAccepted)) list.push({ by: kind, maThe: subject.cardCode });
  }
  if (subject.bhxhNumber) list.push({ by: 'bhxh-number', maThe: subject.bhxhNumber });
  if (subject.cccd && cccdAccepted) list.push({ by: 'cccd', maThe: subject.cccd });
  return list.filter((item, index) => list.findIndex((other) => other.maThe === item.maThe) === index);
}

export function firstAttempt(subject: LookupSubject, options: LookupPlanOptions = {}): LookupAttempt | null {
  const id = identifiers(subject, options.cccdAccepted ?? GATEWAY_WIRE.cccdAsCardCode)[0];
  if (!id) return null;
  return {
    strategy: 'as-given',
    ...id,
    hoTen: gatewayName(subject.fullName, 'as-given'),
    ngaySinh: formatGatewayBirthDate(subject.birthDate),
    nameStrategy: 'as-given',
    birthDateSent: 'as-given',
  };
}

/** The next look-up after `last` was answered with `code`, or null when no strategy applies. */
export function nextAttempt(subject: LookupSubject, tried: readonly LookupAttempt[], code: string, options: LookupPlanOptions = {}): LookupAttempt | null {
  if (options.strategies === false) return null;
  const last = tried.at(-1);
  if (!last || tried.length >= MAX_LOOKUP_ATTEMPTS) return null;
  const used = (strategy: LookupStrategy) => tried.some((attempt) => attempt.strategy === strategy);

  if (NAME_CODES.has(code) && last.nameStrategy === 'as-given' && hasDiacritics(subject.fullName) && !used('without-diacritics')) {
    return { ...last, strategy: 'without-diacritics', hoTen: gatewayName(subject.fullName, 'without-diacritics'), nameStrategy: 'without-diacritics' };
  }
  if (code === BIRTH_DATE_CODE && subject.birthDate.precision !== 'year' && !used('birth-year-only')) {
    return { ...last, strategy: 'birth-year-only', ngaySinh: String(subject.birthDate.year).padStart(4, '0'), birthDateSent: 'year-only' };
  }
  if (CARD_CODE_CODES.has(code) && last.by !== 'bhxh-number' && !used('bhxh-number')) {
    const bhxhNumber = bhxhNumberOf(subject);
    if (bhxhNumber && bhxhNumber !== last.maThe) return { ...last, strategy: 'bhxh-number', by: 'bhxh-number', maThe: bhxhNumber };
  }
  return null;
}
