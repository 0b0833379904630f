/**
 * Cleaning of scanned and typed text before it is parsed. Scanners add framing
 * (BOM, CR/LF suffixes, NUL padding) and some deliver decomposed Vietnamese
 * (NFD) text; everything downstream sees NFC text without that noise.
 */

/** A QR code holds at most 7,089 characters; anything much longer is not one scan. */
export const MAX_SCAN_LENGTH = 8192;

/**
 * Characters no name or address contains and no clerk can see: C0/C1 controls,
 * format characters (bidi marks, embeddings, overrides and isolates, zero-width
 * characters, U+061C, U+180E, U+FEFF…), the rest of U+2060–U+206F and other
 * default-ignorable code points, lone surrogates and noncharacters. They make
 * the HIS refuse a record, tickets print garbage and a name slip past search
 * and the duplicate check, or reorder how a name is shown.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\p{Noncharacter_Code_Point}\u2060-\u206F]/gu;
/** Terminal control sequences (ESC [ … m): their printable tail is as much garbage as the ESC. */
// eslint-disable-next-line no-control-regex -- finding control sequences is the point
const CONTROL_SEQUENCE = /\u001B\[[0-9;]*[A-Za-z]/g;
/** Controls that separate words; they become spaces rather than vanish. */
const WORD_SEPARATING_CONTROLS = /[\t\n\v\f\r]/g;
const LINE_OR_TAB = new Set(['\t', '\n', '\r']);

const HAS_HIDDEN = new RegExp(HIDDEN.source, 'u');
const FRAMING_CHARACTER = new RegExp(`^(?:${HIDDEN.source}|\\s)$`, 'u');

/** Drops hidden characters (see HIDDEN), BOMs and NUL padding included; keeps tabs and line breaks. */
export function removeInvisibleCharacters(text: string): string {
  return text.replace(HIDDEN, (char) => (LINE_OR_TAB.has(char) ? char : ''));
}

/**
 * One scan as a single NFC line: invisible characters removed, line breaks and
 * tabs inside it turned into spaces, surrounding whitespace trimmed.
 */
export function cleanScanText(raw: string): string {
  return removeInvisibleCharacters(raw)
    .normalize('NFC')
    .replace(/[\r\n\t]+/g, ' ')
    .trim();
}

export const ONE_SCAN_EXPECTED = 'one scan at a time (several lines were read)';

/** Several scans pasted or typed one after another, one per line. */
export function splitScans(raw: string): string[] {
  return removeInvisibleCharacters(raw)
    .split(/\r\n|\r|\n/)
    .map(cleanScanText)
    .filter((scan) => scan.length > 0);
}

/**
 * Scans one per line with only the scanner's framing removed (BOM, NUL padding,
 * surrounding whitespace): hidden characters inside a scan are kept, so that a
 * parser can tell which fields its cleaning changed.
 */
export function splitScanLines(raw: string): string[] {
  return raw
    .split(/\r\n|\r|\n/)
    .map(trimFraming)
    .filter((line) => line.length > 0);
}

function trimFraming(line: string): string {
  const chars = [...line];
  let start = 0;
  let end = chars.length;
  while (start < end && FRAMING_CHARACTER.test(chars[start] ?? '')) start++;
  while (end > start && FRAMING_CHARACTER.test(chars[end - 1] ?? '')) end--;
  return chars.slice(start, end).join('');
}

/**
 * A free-text field (name, address, relation…) as stored and compared: hidden
 * characters removed, NFC, trimmed, inner runs of whitespace collapsed to one
 * space. The one cleaning shared by the scan parsers and the API schemas.
 */
export function normaliseField(text: string): string {
  return text
    .replace(CONTROL_SEQUENCE, '')
    .replace(WORD_SEPARATING_CONTROLS, ' ')
    .replace(HIDDEN, '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether normaliseField removes more than whitespace and NFC differences: the scan held hidden characters. */
export function isChangedByCleaning(text: string): boolean {
  return HAS_HIDDEN.test(text.replace(WORD_SEPARATING_CONTROLS, ' '));
}

/** Lower case without diacritics ("Nữ" → "nu", "Đ" → "d"), for tolerant comparison only. */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/**
 * Keyboard-wedge scanners under the wrong keyboard layout or an input method
 * turn Vietnamese letters into "?" or U+FFFD; the clerk must check such text.
 */
export function looksGarbled(text: string): boolean {
  return text.includes('?') || text.includes('\uFFFD');
}

export function hasLetter(text: string): boolean {
  return /\p{L}/u.test(text);
}

export function hasDigit(text: string): boolean {
  return /\d/.test(text);
}
