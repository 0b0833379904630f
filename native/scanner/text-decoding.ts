/**
 * Turns the bytes of one scan into text: a leading BOM dropped, invalid
 * sequences reported (not thrown), the result NFC-normalised.
 */
import { TextDecoder } from 'node:util';
import { SCANNER_ENCODINGS, type ScannerEncoding } from '../../domain/scan.ts';

/**
 * The encodings are listed in domain/scan.ts. windows-1258 writes most
 * Vietnamese letters as a base letter plus a combining tone mark; NFC joins them.
 */
export { SCANNER_ENCODINGS, type ScannerEncoding } from '../../domain/scan.ts';

export interface DecodedText {
  text: string;
  /** True when the bytes were not valid in the encoding; bad sequences became U+FFFD. */
  malformed: boolean;
}

export class UnsupportedEncodingError extends Error {
  readonly code = 'UNSUPPORTED_ENCODING';
  readonly encoding: string;

  constructor(encoding: string) {
    super(`this runtime's TextDecoder does not support ${encoding}`);
    this.name = 'UnsupportedEncodingError';
    this.encoding = encoding;
  }
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** Encodings this runtime can decode (a Node built without full ICU lacks windows-1258). */
export function supportedScannerEncodings(): ScannerEncoding[] {
  return SCANNER_ENCODINGS.filter((encoding) => {
    try {
      new TextDecoder(encoding);
      return true;
    } catch {
      return false;
    }
  });
}

export class ScanTextDecoder {
  readonly encoding: ScannerEncoding;
  readonly #lenient: TextDecoder;
  readonly #strict: TextDecoder;

  constructor(encoding: ScannerEncoding = 'utf-8') {
    this.encoding = encoding;
    try {
      // ignoreBOM: the BOM is removed below for every encoding alike.
      this.#lenient = new TextDecoder(encoding, { ignoreBOM: true });
      this.#strict = new TextDecoder(encoding, { ignoreBOM: true, fatal: true });
    } catch {
      throw new UnsupportedEncodingError(encoding);
    }
  }

  decode(bytes: Uint8Array): DecodedText {
    const body = startsWithUtf8Bom(bytes) ? bytes.subarray(UTF8_BOM.length) : bytes;
    let text: string;
    let malformed = false;
    try {
      text = this.#strict.decode(body);
    } catch {
      text = this.#lenient.decode(body);
      malformed = true;
    }
    return { text: text.replace(/^\uFEFF/, '').normalize('NFC'), malformed };
  }
}

function startsWithUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}
