/**
 * A keyboard-wedge scanner types a QR code key by key. With a Vietnamese input
 * method running (Unikey, EVKey: Telex or VNI), those keys are re-read as
 * composing keys, and with a plain US layout the diacritics cannot be typed at
 * all. The name then arrives as raw composing keys ("Nguyeenx Vawn An",
 * "Nguye6n4") or with "?" in place of letters. Nothing here can restore it: the
 * clerk is asked to check the name against the card.
 */

export type GarbleSign = 'replacement' | 'vni-digits' | 'telex-doubled' | 'telex-w' | 'not-a-syllable';

/** Letters Vietnamese does not use: in a name typed by a scanner they are Telex keys (f, j, w, z) or noise. */
const FOREIGN_LETTERS = /[fjwz]/;
/** Telex doubles a vowel or d to add a hat or a bar: aa → â, ee → ê, oo → ô, dd → đ. */
const TELEX_DOUBLED = /aa|ee|oo(?!ng|c)|dd/;
/** The endings a Vietnamese syllable can have: a vowel, or c, ch, m, n, ng, nh, p, t. */
const SYLLABLE_ENDING = /(?:[aeiouy]|c|ch|m|n|ng|nh|p|t)$/;
/** A Vietnamese letter without marks, or one of its marked forms. */
const WORD = /^\p{L}+$/u;

/** Why the text looks mangled by an input method or a wrong layout, or undefined when it looks like a real name. */
export function garbleSign(text: string): GarbleSign | undefined {
  if (text.includes('?') || text.includes('\uFFFD')) return 'replacement';
  // VNI puts tones and hats on digits 1–9 typed after the letter.
  if (/\p{L}[1-9]/u.test(text)) return 'vni-digits';
  for (const word of text.normalize('NFC').toLowerCase().split(/[\s,.'-]+/)) {
    if (word === '' || !WORD.test(word)) continue;
    // A word that already has its diacritics was composed: only a stray tone key after it is suspect.
    const plain = /^[a-z]+$/.test(word);
    if (plain && TELEX_DOUBLED.test(word)) return 'telex-doubled';
    if (plain && /[aou]w/.test(word)) return 'telex-w';
    if (FOREIGN_LETTERS.test(word) && plain) return 'not-a-syllable';
    const base = foldMarks(word);
    if (/[a-z]/.test(base) && !SYLLABLE_ENDING.test(base)) return 'not-a-syllable';
  }
  return undefined;
}

export function looksGarbledByInputMethod(text: string): boolean {
  return garbleSign(text) !== undefined;
}

function foldMarks(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd');
}

/** A field of letters and spaces (digits allowed for VNI): a name, not a number, date, hex text or address. */
function isNameLike(field: string): boolean {
  const text = field.trim();
  if (!/\p{L}/u.test(text) || /^[0-9a-f]+$/i.test(text) || text.includes(',')) return false;
  return /^[\p{L}\p{M}\d\s?\uFFFD.'-]+$/u.test(text);
}

/**
 * Whether a scan typed through the keyboard looks rewritten by an input method:
 * its name-like fields (CCCD name and sex; BHYT names are hex and cannot be) are checked.
 */
export function scanLooksGarbledByInputMethod(raw: string): boolean {
  return raw
    .split('|')
    .filter(isNameLike)
    .some((field) => looksGarbledByInputMethod(field));
}
