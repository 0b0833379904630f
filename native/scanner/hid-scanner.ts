/**
 * A HID scanner: feeds the reports of an open device (node-hid's HID in the
 * device host, a fake in tests) to the decoder for its mode and emits scans.
 * node-hid reports an unplug as an error after which the handle is dead, so
 * this ends there; the device host lists devices again and attaches anew.
 */
import { EventEmitter } from 'node:events';
import type { HidScannerMode } from './hid-filter.ts';
import { HidKeyboardDecoder, type HidKeyboardDecoderOptions, type KeyboardDecoded } from './hid-keyboard.ts';
import { HidPosDecoder, type HidPosDecoded, type HidPosDecoderOptions } from './hid-pos.ts';
import type { HidKeyboardScan, HidPosScan, ScanWarning } from './scan.ts';
import { systemTimers, type Timers } from './timers.ts';

/** The part of node-hid's HID (or HIDAsync) this driver uses. */
export interface HidDeviceLike {
  on(event: 'data', listener: (report: Uint8Array) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): unknown;
}

export type HidScannerProblem =
  | { kind: 'bad-report'; sourceId: string; problem: 'short-report' | 'bad-length' }
  | { kind: 'scan-too-long'; sourceId: string; limit: number };

export interface HidScannerEvents {
  scan: [HidPosScan | HidKeyboardScan];
  problem: [HidScannerProblem];
  /** The handle is closed; `message` is the system's reason when the device failed. */
  closed: [{ sourceId: string; reason: 'device-error' | 'stopped'; message?: string }];
}

export interface HidScannerOptions {
  device: HidDeviceLike;
  mode: HidScannerMode;
  sourceId: string;
  hidPos?: HidPosDecoderOptions;
  /** `idleGapMs` ends a keyboard-mode scan after silence, for scanners set to send no Enter or Tab. */
  keyboard?: HidKeyboardDecoderOptions & { idleGapMs?: number };
  timers?: Timers;
  now?: () => number;
}

export class HidScanner extends EventEmitter<HidScannerEvents> {
  readonly sourceId: string;
  readonly mode: HidScannerMode;
  readonly #device: HidDeviceLike;
  readonly #timers: Timers;
  readonly #now: () => number;
  readonly #pos: HidPosDecoder | undefined;
  readonly #keyboard: HidKeyboardDecoder | undefined;
  readonly #idleGapMs: number | undefined;
  #idleTimer: unknown = undefined;
  #open = true;

  constructor(options: HidScannerOptions) {
    super();
    this.sourceId = options.sourceId;
    this.mode = options.mode;
    this.#device = options.device;
    this.#timers = options.timers ?? systemTimers;
    this.#now = options.now ?? Date.now;
    if (options.mode === 'hid-pos') this.#pos = new HidPosDecoder(options.hidPos);
    else this.#keyboard = new HidKeyboardDecoder(options.keyboard);
    this.#idleGapMs = options.keyboard?.idleGapMs;
    this.#device.on('data', (report) => this.#onReport(report));
    this.#device.on('error', (error) => this.#close('device-error', error.message));
  }

  get isOpen(): boolean {
    return this.#open;
  }

  stop(): void {
    this.#close('stopped');
  }

  #onReport(report: Uint8Array): void {
    if (!this.#open) return;
    if (this.#pos) this.#onPosReport(this.#pos, report);
    if (this.#keyboard) this.#onKeyboardReport(this.#keyboard, report);
  }

  #onPosReport(decoder: HidPosDecoder, report: Uint8Array): void {
    const result = decoder.push(report);
    if (result.kind === 'scan') this.emit('scan', this.#posScan(result.scan));
    if (result.kind !== 'error') return;
    this.emit(
      'problem',
      result.problem === 'scan-too-long'
        ? { kind: 'scan-too-long', sourceId: this.sourceId, limit: decoder.maxScanBytes }
        : { kind: 'bad-report', sourceId: this.sourceId, problem: result.problem },
    );
  }

  #onKeyboardReport(decoder: HidKeyboardDecoder, report: Uint8Array): void {
    this.#cancelIdleTimer();
    for (const event of decoder.push(report)) {
      if (event.kind === 'scan') this.emit('scan', this.#keyboardScan(event.scan));
      else this.emit('problem', { kind: 'scan-too-long', sourceId: this.sourceId, limit: event.limit });
    }
    if (this.#idleGapMs !== undefined) {
      this.#idleTimer = this.#timers.setTimeout(() => {
        this.#idleTimer = undefined;
        const scan = decoder.flush();
        if (scan) this.emit('scan', this.#keyboardScan(scan));
      }, this.#idleGapMs);
    }
  }

  #posScan(decoded: HidPosDecoded): HidPosScan {
    const warnings: ScanWarning[] = [
      ...(decoded.malformed ? (['malformed-encoding'] as const) : []),
      ...(decoded.eciEscapes ? (['eci-escapes'] as const) : []),
    ];
    return {
      transport: 'hid-pos',
      text: decoded.text,
      sourceId: this.sourceId,
      receivedAt: this.#now(),
      byteLength: decoded.byteLength,
      bytes: decoded.bytes,
      aimId: decoded.aimId,
      textMayBeGarbled: warnings.length > 0,
      warnings,
    };
  }

  #keyboardScan(decoded: KeyboardDecoded): HidKeyboardScan {
    return {
      transport: 'hid-keyboard',
      text: decoded.text,
      sourceId: this.sourceId,
      receivedAt: this.#now(),
      keyPresses: decoded.keyPresses,
      layout: this.#keyboard?.layout.id ?? '',
      textMayBeGarbled: decoded.textMayBeGarbled,
      warnings: decoded.warnings,
    };
  }

  #close(reason: 'device-error' | 'stopped', message?: string): void {
    if (!this.#open) return;
    this.#open = false;
    this.#cancelIdleTimer();
    // Closing a handle whose device is gone may fail (HIDAsync rejects); it is closed either way.
    try {
      void Promise.resolve(this.#device.close()).catch(() => undefined);
    } catch {
      /* node-hid's synchronous HID throws instead */
    }
    this.emit('closed', { sourceId: this.sourceId, reason, ...(message === undefined ? {} : { message }) });
  }

  #cancelIdleTimer(): void {
    if (this.#idleTimer === undefined) return;
    this.#timers.clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }
}
