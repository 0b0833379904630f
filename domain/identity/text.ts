/**
 * Cleaning of scanned and typed text before it is parsed. Scanners add framing
 * (BOM, CR/LF suffixes, NUL padding) and some deliver decomposed Vietnamese
 * (NFD) text; everything downstream sees NFC text without that noise.
 */

/** A QR code holds at most 7,089 characters; anything much longer is not one scan. */
export const MAX_SCAN_LENGTH = 8192;

const ZERO_WIDTH = new Set([0xfeff, 0x200b, 0x200c, 0x200d, 0x2060]);

function isDroppedCodePoint(code: number): boolean {
  const isControl = code < 0x20 || (code >= 0x7f && code <= 0x9f);
  const isLineOrTab = code === 0x09 || code === 0x0a || code === 0x0d;
  return (isControl && !isLineOrTab) || ZERO_WIDTH.has(code);
}

/** Drops NUL and other control characters, BOMs and zero-width characters; keeps tabs and line breaks. */
export function removeInvisibleCharacters(text: string): string {
  let out = '';
  for (const char of text) {
    if (!isDroppedCodePoint(char.codePointAt(0) ?? 0)) out += char;
  }
  return out;
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

/** A field value: NFC, trimmed, inner runs of whitespace collapsed to one space. */
export function normaliseField(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
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
