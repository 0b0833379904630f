/**
 * One input box receives whatever the 2D scanner reads: a CCCD QR, a BHYT QR,
 * a VietQR payment code, or something else. This tells them apart by shape
 * and hands each to its parser.
 */
import { isBhytCardNumber, isSocialInsuranceNumber } from './bhyt-card-number.ts';
import { parseBhytQr, type BhytQr } from './bhyt-qr.ts';
import { isCccdNumber } from './cccd-number.ts';
import { parseCccdQr, type CccdQr } from './cccd-qr.ts';
import type { ParseResult } from './issues.ts';
import type { PartialDate } from './partial-date.ts';
import { MAX_SCAN_LENGTH, splitScans } from './text.ts';

export type ScanKind = 'cccd' | 'bhyt' | 'vietqr' | 'unknown';

export type UnknownScanReason =
  | 'empty'
  | 'too-long'
  | 'several-scans'
  | 'vneid-app-code'
  | 'covid-personal-qr'
  | 'other-payment-qr'
  | 'unrecognised';

export type ScanDetection =
  | { readonly kind: 'cccd' | 'bhyt' | 'vietqr'; readonly text: string }
  | { readonly kind: 'unknown'; readonly reason: UnknownScanReason; readonly message: string };

/** EMVCo merchant-presented QR: payload format indicator "01" as the first data object. */
const EMVCO_PREFIX = '000201';
/** NAPAS's application identifier inside the merchant account template (ID 38). */
const NAPAS_GUID = /A000000727/i;

/**
 * Codes that are not documents but get scanned at the desk. No public
 * specification exists for the VNeID app code, so its signature is a guess
 * (the app's name, or an opaque signed token); refine as real codes are seen.
 */
const NOT_A_DOCUMENT: readonly { reason: UnknownScanReason; test: (text: string) => boolean; message: string }[] = [
  {
    reason: 'vneid-app-code',
    test: (text) => /vneid/i.test(text) || /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/.test(text),
    message:
      'This looks like a code from the VNeID app, which cannot be read here. Scan the QR on the CCCD or BHYT card itself, or type the number.',
  },
  {
    reason: 'covid-personal-qr',
    test: (text) => /^[\d*]{9,12}-[^|]+-\d{4}\/\d{1,2}\/\d{1,2}-[01]-/.test(text),
    message: 'This is an old COVID-19 personal QR code. Scan the QR on the CCCD or BHYT card instead.',
  },
];

const MESSAGES: Readonly<Record<'empty' | 'too-long' | 'several-scans' | 'other-payment-qr' | 'unrecognised', string>> = {
  empty: 'Nothing was scanned.',
  'too-long': 'The scan is too long to be one code. Scan one code at a time.',
  'several-scans': 'Several codes were read at once. Scan one code at a time.',
  'other-payment-qr': 'This is a payment QR code that is not VietQR.',
  unrecognised:
    'This code is not a CCCD, BHYT or VietQR code. Scan the QR on the CCCD or BHYT card itself, or type the number.',
};

function unknown(reason: keyof typeof MESSAGES): ScanDetection {
  return { kind: 'unknown', reason, message: MESSAGES[reason] };
}

function looksLikeBhyt(fields: readonly string[]): boolean {
  const first = (fields[0] ?? '').replace(/\s/g, '').toUpperCase();
  return fields.length >= 3 && (isBhytCardNumber(first) || isSocialInsuranceNumber(first));
}

/** Five or more fields, one of them a 12-digit ID number: the 2021 CCCD layout or another order. */
function looksLikeCccd(fields: readonly string[]): boolean {
  return fields.length >= 5 && fields.some((field) => isCccdNumber(field));
}

export function detectScanKind(raw: string): ScanDetection {
  if (typeof raw !== 'string') return unknown('unrecognised');
  if (raw.length > MAX_SCAN_LENGTH) return unknown('too-long');
  const scans = splitScans(raw);
  const text = scans[0];
  if (text === undefined) return unknown('empty');
  if (scans.length > 1) return unknown('several-scans');
  if (text.startsWith(EMVCO_PREFIX)) {
    return NAPAS_GUID.test(text) ? { kind: 'vietqr', text } : unknown('other-payment-qr');
  }
  const fields = text.split('|').map((field) => field.trim());
  if (looksLikeBhyt(fields)) return { kind: 'bhyt', text };
  if (looksLikeCccd(fields)) return { kind: 'cccd', text };
  const signature = NOT_A_DOCUMENT.find((s) => s.test(text));
  if (signature) return { kind: 'unknown', reason: signature.reason, message: signature.message };
  return unknown('unrecognised');
}

export type ScanReading =
  | { readonly kind: 'cccd'; readonly result: ParseResult<CccdQr> }
  | { readonly kind: 'bhyt'; readonly result: ParseResult<BhytQr> }
  /** The payment parser lives in domain/payment; this hands over the cleaned text. */
  | { readonly kind: 'vietqr'; readonly text: string }
  | { readonly kind: 'unknown'; readonly reason: UnknownScanReason; readonly message: string };

/** Detects the kind of one scan and parses identity documents. Split pasted batches with splitScans first. */
export function readScan(raw: string, options: { readonly today?: PartialDate } = {}): ScanReading {
  const detected = detectScanKind(raw);
  // The parsers read the scan as it came, so that they can flag the fields their cleaning changed.
  switch (detected.kind) {
    case 'cccd':
      return { kind: 'cccd', result: parseCccdQr(raw, options) };
    case 'bhyt':
      return { kind: 'bhyt', result: parseBhytQr(raw, options) };
    case 'vietqr':
      return { kind: 'vietqr', text: detected.text };
    case 'unknown':
      return detected;
  }
}
