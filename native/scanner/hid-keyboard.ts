/**
 * Decodes the reports of a scanner in keyboard mode (8-byte boot keyboard
 * report: modifier bits, a reserved byte, up to six pressed usage IDs) into
 * the text it types. A report lists every key held down, so a key counts once
 * when it first appears, however many reports keep it held (held keys and
 * rollover), and Enter or Tab ends the scan.
 *
 * A scanner types through a keyboard layout, and no common layout has the
 * Vietnamese letters: what it does with them (skip them, substitute, type
 * Alt+keypad codes) depends on the scanner. Scans from a layout that cannot
 * type Vietnamese are therefore flagged as possibly garbled.
 */
import { layoutCanTypeVietnamese, US_LAYOUT, type KeyboardLayout, type KeyRow } from './keyboard-layouts.ts';
import type { ScanWarning } from './scan.ts';

const LEFT_CTRL = 0x01;
const LEFT_SHIFT = 0x02;
const LEFT_ALT = 0x04;
const LEFT_GUI = 0x08;
const RIGHT_CTRL = 0x10;
const RIGHT_SHIFT = 0x20;
const RIGHT_ALT = 0x40;
const RIGHT_GUI = 0x80;

const USAGE_ENTER = 0x28;
const USAGE_TAB = 0x2b;
const USAGE_CAPS_LOCK = 0x39;
const USAGE_KEYPAD_ENTER = 0x58;
/** ErrorRollOver, POSTFail, ErrorUndefined: the keyboard could not tell which keys are down. */
const USAGE_ERRORS = new Set([0x01, 0x02, 0x03]);
const isModifierUsage = (usage: number) => usage >= 0xe0 && usage <= 0xe7;

const BOOT_REPORT_LENGTH = 8;
export const DEFAULT_MAX_SCAN_CHARS = 8192;

export type KeyboardTerminator = 'enter' | 'tab';

export interface HidKeyboardDecoderOptions {
  layout?: KeyboardLayout;
  /** Keys that end a scan; the other one is typed as `\n` or `\t`. Default: both. */
  terminators?: readonly KeyboardTerminator[];
  /** Set when the device numbers its reports, so each starts with this ID. */
  reportId?: number;
  /** Caps Lock state the scanner starts with. */
  capsLock?: boolean;
  maxScanChars?: number;
}

export interface KeyboardDecoded {
  text: string;
  endedBy: KeyboardTerminator | 'flush';
  /** Keys that produced characters. */
  keyPresses: number;
  /** Keys the layout has no character for, and shortcuts (Ctrl, Alt, GUI + key); they were skipped. */
  unmappedKeys: number;
  textMayBeGarbled: boolean;
  warnings: ScanWarning[];
}

export type HidKeyboardEvent =
  | { kind: 'scan'; scan: KeyboardDecoded }
  /** The scan passed maxScanChars before a terminator and was dropped. */
  | { kind: 'overflow'; limit: number };

export class HidKeyboardDecoder {
  readonly layout: KeyboardLayout;
  readonly #keys: ReadonlyMap<number, KeyRow>;
  readonly #terminators: ReadonlySet<KeyboardTerminator>;
  readonly #reportId: number | undefined;
  readonly #initialCapsLock: boolean;
  readonly #maxScanChars: number;
  readonly #layoutWarning: ScanWarning[];
  #held = new Set<number>();
  #capsLock: boolean;
  #text = '';
  #pendingDeadKey: string | undefined;
  #keyPresses = 0;
  #unmappedKeys = 0;
  #discarding = false;
  #ignoredReports = 0;

  constructor(options: HidKeyboardDecoderOptions = {}) {
    this.layout = options.layout ?? US_LAYOUT;
    this.#keys = new Map(this.layout.keys.map((row) => [row[0], row]));
    this.#terminators = new Set(options.terminators ?? ['enter', 'tab']);
    this.#reportId = options.reportId;
    this.#initialCapsLock = options.capsLock ?? false;
    this.#capsLock = this.#initialCapsLock;
    this.#maxScanChars = options.maxScanChars ?? DEFAULT_MAX_SCAN_CHARS;
    this.#layoutWarning = layoutCanTypeVietnamese(this.layout) ? [] : ['layout-cannot-type-vietnamese'];
  }

  /** Reports that were too short, had another report ID, or signalled a rollover error. */
  get ignoredReports(): number {
    return this.#ignoredReports;
  }

  push(report: Uint8Array): HidKeyboardEvent[] {
    const body = this.#body(report);
    if (body === undefined) {
      this.#ignoredReports += 1;
      return [];
    }
    const modifiers = body[0] ?? 0;
    const down = [...body.subarray(2, BOOT_REPORT_LENGTH)].filter((usage) => usage !== 0);
    // In a phantom state the key list is meaningless; keep what was held before.
    if (down.some((usage) => USAGE_ERRORS.has(usage))) {
      this.#ignoredReports += 1;
      return [];
    }
    const pressed = down.filter((usage, index) => !this.#held.has(usage) && down.indexOf(usage) === index);
    this.#held = new Set(down);
    const events: HidKeyboardEvent[] = [];
    for (const usage of pressed) {
      const event = this.#press(usage, modifiers);
      if (event) events.push(event);
    }
    return events;
  }

  /** Ends the scan in progress without a terminator (after an idle gap, say); null if there is none. */
  flush(): KeyboardDecoded | null {
    return this.#finish('flush');
  }

  /** Forgets everything, e.g. when the device goes away. */
  reset(): void {
    this.#held = new Set();
    this.#capsLock = this.#initialCapsLock;
    this.#clearScan();
  }

  #body(report: Uint8Array): Uint8Array | undefined {
    let body = report;
    if (this.#reportId !== undefined) {
      if (report[0] !== this.#reportId) return undefined;
      body = report.subarray(1);
    }
    return body.length >= BOOT_REPORT_LENGTH ? body : undefined;
  }

  #press(usage: number, modifiers: number): HidKeyboardEvent | undefined {
    if (isModifierUsage(usage)) return undefined;
    if (usage === USAGE_CAPS_LOCK) {
      this.#capsLock = !this.#capsLock;
      return undefined;
    }
    const terminator = usage === USAGE_TAB ? 'tab' : usage === USAGE_ENTER || usage === USAGE_KEYPAD_ENTER ? 'enter' : undefined;
    if (terminator !== undefined) {
      if (this.#terminators.has(terminator)) {
        const scan = this.#finish(terminator);
        return scan ? { kind: 'scan', scan } : undefined;
      }
      return this.#type(terminator === 'tab' ? '\t' : '\n');
    }
    const char = this.#character(usage, modifiers);
    if (char === undefined) {
      this.#unmappedKeys += 1;
      return undefined;
    }
    return this.#type(char);
  }

  #character(usage: number, modifiers: number): string | undefined {
    const row = this.#keys.get(usage);
    if (row === undefined) return undefined;
    const ctrl = (modifiers & (LEFT_CTRL | RIGHT_CTRL)) !== 0;
    const leftAlt = (modifiers & LEFT_ALT) !== 0;
    // Windows treats Ctrl+Alt as AltGr, and some scanners send it that way.
    const altGr = (modifiers & RIGHT_ALT) !== 0 || (ctrl && leftAlt);
    if (altGr) return row[3];
    if (ctrl || leftAlt || (modifiers & (LEFT_GUI | RIGHT_GUI)) !== 0) return undefined;
    const [, base, shifted] = row;
    const capsApplies = base !== shifted && base.toUpperCase() === shifted;
    const shift = (modifiers & (LEFT_SHIFT | RIGHT_SHIFT)) !== 0;
    return shift !== (this.#capsLock && capsApplies) ? shifted : base;
  }

  #type(char: string): HidKeyboardEvent | undefined {
    const mark = this.layout.deadKeys?.[char];
    if (mark !== undefined) {
      const previous = this.#pendingDeadKey;
      this.#pendingDeadKey = char;
      return previous === undefined ? undefined : this.#append(previous);
    }
    const deadKey = this.#pendingDeadKey;
    if (deadKey === undefined) return this.#append(char);
    this.#pendingDeadKey = undefined;
    if (char === ' ') return this.#append(deadKey);
    const composed = (char + this.layout.deadKeys![deadKey]).normalize('NFC');
    return this.#append(composed.length === 1 ? composed : deadKey + char);
  }

  #append(chars: string): HidKeyboardEvent | undefined {
    if (this.#discarding) return undefined;
    if (this.#text.length + chars.length > this.#maxScanChars) {
      this.#text = '';
      this.#discarding = true;
      return { kind: 'overflow', limit: this.#maxScanChars };
    }
    this.#text += chars;
    this.#keyPresses += 1;
    return undefined;
  }

  #finish(endedBy: KeyboardDecoded['endedBy']): KeyboardDecoded | null {
    if (this.#pendingDeadKey !== undefined) {
      const deadKey = this.#pendingDeadKey;
      this.#pendingDeadKey = undefined;
      this.#append(deadKey);
    }
    const discarded = this.#discarding;
    const text = this.#text.normalize('NFC');
    const keyPresses = this.#keyPresses;
    const unmappedKeys = this.#unmappedKeys;
    this.#clearScan();
    if (discarded || text === '') return null;
    const warnings: ScanWarning[] = [...this.#layoutWarning, ...(unmappedKeys > 0 ? (['unmapped-keys'] as const) : [])];
    return { text, endedBy, keyPresses, unmappedKeys, textMayBeGarbled: warnings.length > 0, warnings };
  }

  #clearScan(): void {
    this.#text = '';
    this.#pendingDeadKey = undefined;
    this.#keyPresses = 0;
    this.#unmappedKeys = 0;
    this.#discarding = false;
  }
}
