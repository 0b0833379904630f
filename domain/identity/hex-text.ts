/**
 * The BHYT QR writes names and addresses as the hex of their UTF-8 bytes, in
 * upper or lower case; some writers put plain text instead.
 */
import { hasLetter, isChangedByCleaning, normaliseField } from './text.ts';

export type CardTextEncoding = 'hex' | 'plain' | 'undecodable-hex';

export interface CardText {
  readonly text: string;
  readonly encoding: CardTextEncoding;
  /** Hidden characters (direction marks, zero-width…) were removed from the text. */
  readonly cleaned?: true;
}

const HEX_BYTES = /^(?:[0-9A-Fa-f]{2})+$/;
const HEX_DIGITS_ONLY = /^[0-9A-Fa-f]+$/;

function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** The text the hex encodes, NFC; null unless it is whole bytes of valid UTF-8 without control characters. */
export function decodeHexUtf8(hex: string): string | null {
  if (!HEX_BYTES.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
  return hasControlCharacter(text) || text.includes('\uFEFF') ? null : text.normalize('NFC');
}

export function encodeHexUtf8(text: string, letterCase: 'upper' | 'lower' = 'upper'): string {
  let hex = '';
  for (const byte of new TextEncoder().encode(text)) hex += byte.toString(16).padStart(2, '0');
  return letterCase === 'upper' ? hex.toUpperCase() : hex;
}

/**
 * Hex with a character lost, doubled or inserted by the scanner: almost all
 * hex digits. Vietnamese words are mostly letters beyond A–F, and have spaces.
 */
function looksLikeDamagedHex(field: string): boolean {
  if (HEX_DIGITS_ONLY.test(field)) return field.length >= 4 || !hasLetter(field);
  const hexDigits = field.replace(/[^0-9A-Fa-f]/g, '').length;
  return field.length >= 8 && hexDigits >= field.length * 0.9;
}

/**
 * A text field of the BHYT QR. Hex that does not decode is kept as scanned and
 * marked; anything that is not hex at all is taken as plain text.
 */
export function readCardText(field: string): CardText {
  const decoded = decodeHexUtf8(field);
  if (decoded !== null) return cardText(decoded, 'hex');
  if (looksLikeDamagedHex(field)) return { text: field, encoding: 'undecodable-hex' };
  return cardText(field, 'plain');
}

function cardText(text: string, encoding: 'hex' | 'plain'): CardText {
  const clean = normaliseField(text);
  return isChangedByCleaning(text) ? { text: clean, encoding, cleaned: true } : { text: clean, encoding };
}
