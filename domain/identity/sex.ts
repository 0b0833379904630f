import { foldDiacritics } from './text.ts';

export type Sex = 'male' | 'female';

/** The words the CCCD QR uses, exactly. */
const CCCD_SEX_WORDS: ReadonlyMap<string, Sex> = new Map([
  ['Nam', 'male'],
  ['Nữ', 'female'],
]);

/** Tolerated spellings, compared without case or diacritics. */
const FOLDED_SEX_WORDS: ReadonlyMap<string, Sex> = new Map([
  ['nam', 'male'],
  ['nu', 'female'],
]);

/**
 * "Nam" / "Nữ" as printed on the CCCD. Other cases and lost diacritics ("NỮ",
 * "Nu") are accepted and reported as not exact.
 */
export function parseSexWord(text: string): { sex: Sex; exact: boolean } | null {
  const trimmed = text.normalize('NFC').trim();
  const exact = CCCD_SEX_WORDS.get(trimmed);
  if (exact !== undefined) return { sex: exact, exact: true };
  const folded = FOLDED_SEX_WORDS.get(foldDiacritics(trimmed));
  return folded === undefined ? null : { sex: folded, exact: false };
}

/** The BHYT QR writes 1 for male and 2 for female. */
const BHYT_SEX_CODES: ReadonlyMap<string, Sex> = new Map([
  ['1', 'male'],
  ['2', 'female'],
]);

export function parseBhytSexCode(text: string): Sex | null {
  return BHYT_SEX_CODES.get(text.trim()) ?? null;
}
