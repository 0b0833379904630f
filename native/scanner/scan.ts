/**
 * What every scanner path delivers: the scanned text and where and how it
 * arrived. Plain data, so it can cross the device host's message port.
 * The text is personal data: never log it.
 */

export type ScanWarning =
  /** Bytes invalid in the configured encoding; they became U+FFFD. */
  | 'malformed-encoding'
  /** Keyboard mode: the layout cannot type Vietnamese letters, so diacritics may be missing. */
  | 'layout-cannot-type-vietnamese'
  /** Keyboard mode: keys outside the layout (or shortcuts) were pressed and skipped. */
  | 'unmapped-keys'
  /** HID-POS: the QR uses ECI, so the text carries AIM escape sequences (`\000026`). */
  | 'eci-escapes';

interface ScanBase {
  text: string;
  /** The configured scanner this came from, e.g. `serial:/dev/ttyACM0`. */
  sourceId: string;
  /** Milliseconds since the epoch, when the scan was complete. */
  receivedAt: number;
  /** Set when `warnings` holds anything that may have changed the text. */
  textMayBeGarbled: boolean;
  warnings: ScanWarning[];
}

export interface SerialScan extends ScanBase {
  transport: 'serial';
  byteLength: number;
  /** The scan as received, terminator excluded. Personal data, like the text. */
  bytes: Uint8Array;
  endedBy: 'terminator' | 'idle-gap';
}

export interface HidPosScan extends ScanBase {
  transport: 'hid-pos';
  byteLength: number;
  /** The barcode data of all reports joined. Personal data, like the text. */
  bytes: Uint8Array;
  /** AIM symbology identifier, e.g. `]Q1` for a QR code; null when the scanner sent none. */
  aimId: string | null;
}

export interface HidKeyboardScan extends ScanBase {
  transport: 'hid-keyboard';
  /** Keys that produced characters. */
  keyPresses: number;
  layout: string;
}

export type Scan = SerialScan | HidPosScan | HidKeyboardScan;
