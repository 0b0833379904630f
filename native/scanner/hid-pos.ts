/**
 * Decodes the input reports of a scanner in HID-POS mode (usage page 0x8C,
 * Bar Code Scanner) into scans. One barcode may span several reports; their
 * data is joined until a report without the "continued" flag.
 *
 * Layout implemented: the 64-byte Scanned Data report of Honeywell-engine scanners (report ID 2, length, 3-byte AIM symbology identifier, 56 data bytes, vendor code ID, reserved, byte 63 bit 0 = continued), as given in the Access-IS LSR116/ATR110 product manuals, appendix "HID reports"; it carries the page's Symbology Identifier 1–3 (0xFB–0xFD), Decoded Data (0xFE) and Decoded Data Continued (0xFF) usages.
 */
import { ScanTextDecoder, type ScannerEncoding } from './text-decoding.ts';

/** Where each field sits in a report, with the report ID at byte 0 as node-hid delivers it. */
export interface HidPosReportLayout {
  reportId: number;
  lengthOffset: number;
  aimIdOffset: number;
  dataOffset: number;
  dataCapacity: number;
  vendorCodeOffset: number;
  continuedOffset: number;
  continuedMask: number;
}

export const SCANNED_DATA_REPORT_64: HidPosReportLayout = {
  reportId: 0x02,
  lengthOffset: 1,
  aimIdOffset: 2,
  dataOffset: 5,
  dataCapacity: 56,
  vendorCodeOffset: 61,
  continuedOffset: 63,
  continuedMask: 0x01,
};

/** AIM symbology identifiers (ISO/IEC 15424): the letter after `]`. */
export const AIM_SYMBOLOGIES: Readonly<Record<string, string>> = {
  A: 'code39',
  C: 'code128',
  E: 'ean-upc',
  F: 'codabar',
  G: 'code93',
  I: 'itf',
  L: 'pdf417',
  Q: 'qr',
  X: 'other',
  d: 'datamatrix',
  e: 'gs1-databar',
  z: 'aztec',
};

/** AIM modifiers meaning "ECI protocol implemented": the data then carries `\nnnnnn` escapes. */
const ECI_MODIFIERS: Readonly<Record<string, string>> = { Q: '246', d: '456' };

export const DEFAULT_MAX_SCAN_BYTES = 8192;

export interface HidPosDecoded {
  text: string;
  byteLength: number;
  bytes: Uint8Array;
  /** e.g. `]Q1`; null when the scanner sent zeros there. */
  aimId: string | null;
  /** From AIM_SYMBOLOGIES, `unknown` when the identifier is missing or not listed. */
  symbology: string;
  /** The scanner maker's own symbology code (Honeywell: `s` for QR), null when zero. */
  vendorCode: string | null;
  reportCount: number;
  malformed: boolean;
  eciEscapes: boolean;
}

export type HidPosReportProblem =
  | 'short-report'
  /** The length byte says more than the report can hold. */
  | 'bad-length'
  /** The barcode grew past maxScanBytes; reports are dropped until its last one. */
  | 'scan-too-long';

export type HidPosPushResult =
  | { kind: 'scan'; scan: HidPosDecoded }
  | { kind: 'partial'; reportCount: number }
  /** Another report of the device (status, trigger…), or an empty one. */
  | { kind: 'ignored' }
  | { kind: 'error'; problem: HidPosReportProblem };

export interface HidPosDecoderOptions {
  layout?: HidPosReportLayout;
  encoding?: ScannerEncoding;
  maxScanBytes?: number;
}

export class HidPosDecoder {
  readonly #layout: HidPosReportLayout;
  readonly #decoder: ScanTextDecoder;
  readonly maxScanBytes: number;
  readonly #minReportLength: number;
  #parts: Uint8Array[] = [];
  #byteLength = 0;
  #aimId: string | null = null;
  #vendorCode: string | null = null;
  #discarding = false;

  constructor(options: HidPosDecoderOptions = {}) {
    this.#layout = options.layout ?? SCANNED_DATA_REPORT_64;
    this.#decoder = new ScanTextDecoder(options.encoding ?? 'utf-8');
    this.maxScanBytes = options.maxScanBytes ?? DEFAULT_MAX_SCAN_BYTES;
    const layout = this.#layout;
    this.#minReportLength =
      Math.max(layout.lengthOffset, layout.aimIdOffset + 2, layout.dataOffset + layout.dataCapacity - 1, layout.vendorCodeOffset, layout.continuedOffset) + 1;
  }

  push(report: Uint8Array): HidPosPushResult {
    const layout = this.#layout;
    if (report[0] !== layout.reportId) return { kind: 'ignored' };
    if (report.length < this.#minReportLength) {
      this.reset();
      return { kind: 'error', problem: 'short-report' };
    }
    const length = report[layout.lengthOffset] ?? 0;
    if (length > layout.dataCapacity) {
      this.reset();
      return { kind: 'error', problem: 'bad-length' };
    }
    const continued = ((report[layout.continuedOffset] ?? 0) & layout.continuedMask) !== 0;

    if (this.#discarding) {
      if (!continued) this.reset();
      return { kind: 'ignored' };
    }
    if (this.#byteLength + length > this.maxScanBytes) {
      this.reset();
      this.#discarding = continued;
      return { kind: 'error', problem: 'scan-too-long' };
    }
    if (this.#parts.length === 0) {
      this.#aimId = readAimId(report, layout.aimIdOffset);
      this.#vendorCode = readVendorCode(report[layout.vendorCodeOffset] ?? 0);
    }
    this.#parts.push(report.slice(layout.dataOffset, layout.dataOffset + length));
    this.#byteLength += length;

    if (continued) return { kind: 'partial', reportCount: this.#parts.length };
    if (this.#byteLength === 0) {
      this.reset();
      return { kind: 'ignored' };
    }
    const scan = this.#finish();
    this.reset();
    return { kind: 'scan', scan };
  }

  /** Forgets a barcode in progress, e.g. when the device goes away. */
  reset(): void {
    this.#parts = [];
    this.#byteLength = 0;
    this.#aimId = null;
    this.#vendorCode = null;
    this.#discarding = false;
  }

  #finish(): HidPosDecoded {
    const bytes = new Uint8Array(this.#byteLength);
    let offset = 0;
    for (const part of this.#parts) {
      bytes.set(part, offset);
      offset += part.length;
    }
    const { text, malformed } = this.#decoder.decode(bytes);
    const aimId = this.#aimId;
    const letter = aimId?.[1] ?? '';
    return {
      text,
      byteLength: bytes.length,
      bytes,
      aimId,
      symbology: AIM_SYMBOLOGIES[letter] ?? 'unknown',
      vendorCode: this.#vendorCode,
      reportCount: this.#parts.length,
      malformed,
      eciEscapes: aimId !== null && (ECI_MODIFIERS[letter]?.includes(aimId[2] ?? '') ?? false),
    };
  }
}

function readAimId(report: Uint8Array, offset: number): string | null {
  const bytes = report.subarray(offset, offset + 3);
  const printable = bytes.every((byte) => byte >= 0x21 && byte <= 0x7e);
  return bytes[0] === 0x5d && printable ? String.fromCharCode(...bytes) : null;
}

function readVendorCode(byte: number): string | null {
  return byte >= 0x21 && byte <= 0x7e ? String.fromCharCode(byte) : null;
}
