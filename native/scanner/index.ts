/**
 * Scanners: serial (USB-CDC, RS-232) and HID (HID-POS and keyboard mode).
 * Everything here is given its ports and devices; only the device host
 * loads serialport and node-hid and passes them in.
 */
export type { HidKeyboardScan, HidPosScan, Scan, ScanWarning, SerialScan } from './scan.ts';

export { SCANNER_ENCODINGS, ScanTextDecoder, supportedScannerEncodings, UnsupportedEncodingError } from './text-decoding.ts';
export type { DecodedText, ScannerEncoding } from './text-decoding.ts';
export { systemTimers } from './timers.ts';
export type { Timers } from './timers.ts';

export { DEFAULT_MAX_FRAME_BYTES, FrameOverflowError, ScanFramer, TERMINATORS } from './framing.ts';
export type { Frame, FramerHandlers, FramerOptions, Terminator } from './framing.ts';
export { COMMON_BAUD_RATES, DEFAULT_IDLE_GAP_MS, SerialScannerConfigSchema, toSerialOpenOptions } from './serial-config.ts';
export type { SerialOpenOptions, SerialScannerConfig, SerialScannerConfigInput } from './serial-config.ts';
export { DEFAULT_BACKOFF, reconnectDelay } from './backoff.ts';
export type { BackoffPolicy } from './backoff.ts';
export { SerialScanner } from './serial-scanner.ts';
export type {
  ConnectionState,
  DisconnectReason,
  ScannerProblem,
  ScannerStateEvent,
  SerialPortFactory,
  SerialPortLike,
  SerialScannerEvents,
  SerialScannerOptions,
} from './serial-scanner.ts';

export { AIM_SYMBOLOGIES, DEFAULT_MAX_SCAN_BYTES, HidPosDecoder, SCANNED_DATA_REPORT_64 } from './hid-pos.ts';
export type { HidPosDecoded, HidPosDecoderOptions, HidPosPushResult, HidPosReportLayout, HidPosReportProblem } from './hid-pos.ts';
export { GERMAN_LAYOUT, KEYBOARD_LAYOUTS, layoutCanTypeVietnamese, US_LAYOUT } from './keyboard-layouts.ts';
export type { KeyboardLayout, KeyRow } from './keyboard-layouts.ts';
export { DEFAULT_MAX_SCAN_CHARS, HidKeyboardDecoder } from './hid-keyboard.ts';
export type { HidKeyboardDecoderOptions, HidKeyboardEvent, KeyboardDecoded, KeyboardTerminator } from './hid-keyboard.ts';
export { HID_POS_USAGE_PAGE, HidScannerFilterSchema, hidScannerMode, matchesHidFilter, selectHidScanners } from './hid-filter.ts';
export type { HidDeviceInfo, HidScannerFilter, HidScannerFilterInput, HidScannerMode, SelectedHidScanner } from './hid-filter.ts';
export { HidScanner } from './hid-scanner.ts';
export type { HidDeviceLike, HidScannerEvents, HidScannerOptions, HidScannerProblem } from './hid-scanner.ts';
