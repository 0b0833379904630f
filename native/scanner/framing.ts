/**
 * Cuts the byte stream of a serial scanner into scans. A scan ends at the
 * configured terminator, or, with no terminator, after a gap of silence.
 * Serial drivers deliver arbitrary chunks, so a terminator, or a multi-byte
 * character, may be split between two chunks.
 */
import { DEFAULT_MAX_FRAME_BYTES, type SerialTerminator } from '../../domain/scan.ts';
import { ScanTextDecoder, type ScannerEncoding } from './text-decoding.ts';
import { systemTimers, type Timers } from './timers.ts';

export { DEFAULT_MAX_FRAME_BYTES, SERIAL_TERMINATORS as TERMINATORS } from '../../domain/scan.ts';
export type Terminator = SerialTerminator;

const CR = 0x0d;
const LF = 0x0a;

export interface FramerOptions {
  /**
   * `cr` also swallows an LF right after the CR, and `lf` drops a CR right
   * before the LF, so a scanner set to CRLF works with either. `crlf` needs
   * both; a lone CR or LF is then data.
   */
  terminator: Terminator;
  /** Required with `none`; with a terminator, a silent partial scan is emitted after this gap. */
  idleGapMs?: number;
  maxFrameBytes?: number;
  encoding?: ScannerEncoding;
  timers?: Timers;
}

export interface Frame {
  text: string;
  /** Bytes of the scan as received, without the terminator. */
  byteLength: number;
  /** Those bytes (a copy): the settings panel's test scan shows them. */
  bytes: Uint8Array;
  endedBy: 'terminator' | 'idle-gap';
  /** The bytes were not valid in the configured encoding; see text-decoding.ts. */
  malformed: boolean;
}

export class FrameOverflowError extends Error {
  readonly code = 'FRAME_OVERFLOW';
  readonly limit: number;

  constructor(limit: number) {
    super(`scan longer than ${limit} bytes was dropped; waiting for the next terminator`);
    this.name = 'FrameOverflowError';
    this.limit = limit;
  }
}

export interface FramerHandlers {
  onFrame(frame: Frame): void;
  onError(error: FrameOverflowError): void;
}

export class ScanFramer {
  readonly #terminator: Terminator;
  readonly #idleGapMs: number | undefined;
  readonly #decoder: ScanTextDecoder;
  readonly #timers: Timers;
  readonly #handlers: FramerHandlers;
  readonly #buffer: Uint8Array;
  #length = 0;
  /** After an overflow: bytes are dropped until the next terminator or idle gap. */
  #discarding = false;
  /** `crlf`: a CR seen, waiting to learn whether an LF follows. */
  #pendingCr = false;
  /** `cr`: the last frame ended at a CR, so an LF now is its second half. */
  #swallowLf = false;
  #idleTimer: unknown = undefined;

  constructor(options: FramerOptions, handlers: FramerHandlers) {
    if (options.terminator === 'none' && !(options.idleGapMs !== undefined && options.idleGapMs > 0)) {
      throw new RangeError('a framer without a terminator needs a positive idleGapMs');
    }
    const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    if (!Number.isInteger(maxFrameBytes) || maxFrameBytes < 1) {
      throw new RangeError('maxFrameBytes must be a positive integer');
    }
    this.#terminator = options.terminator;
    this.#idleGapMs = options.idleGapMs;
    this.#decoder = new ScanTextDecoder(options.encoding ?? 'utf-8');
    this.#timers = options.timers ?? systemTimers;
    this.#handlers = handlers;
    this.#buffer = new Uint8Array(maxFrameBytes);
  }

  push(chunk: Uint8Array): void {
    this.#cancelIdleTimer();
    for (const byte of chunk) this.#take(byte);
    if (this.#idleGapMs !== undefined && this.#hasPartial()) {
      this.#idleTimer = this.#timers.setTimeout(() => this.#onIdle(), this.#idleGapMs);
    }
  }

  /** Drops a partial scan, e.g. when the port closes mid-scan. */
  reset(): void {
    this.#cancelIdleTimer();
    this.#length = 0;
    this.#discarding = false;
    this.#pendingCr = false;
    this.#swallowLf = false;
  }

  /** Bytes of a scan still waiting for its end. */
  get pendingBytes(): number {
    return this.#length + (this.#pendingCr ? 1 : 0);
  }

  #take(byte: number): void {
    switch (this.#terminator) {
      case 'cr': {
        const swallow = this.#swallowLf && byte === LF;
        this.#swallowLf = false;
        if (swallow) return;
        if (byte === CR) {
          this.#endFrame('terminator');
          this.#swallowLf = true;
          return;
        }
        this.#append(byte);
        return;
      }
      case 'lf':
        if (byte === LF) {
          if (this.#length > 0 && this.#buffer[this.#length - 1] === CR) this.#length -= 1;
          this.#endFrame('terminator');
          return;
        }
        this.#append(byte);
        return;
      case 'crlf':
        if (this.#pendingCr) {
          this.#pendingCr = false;
          if (byte === LF) {
            this.#endFrame('terminator');
            return;
          }
          this.#append(CR);
        }
        if (byte === CR) {
          this.#pendingCr = true;
          return;
        }
        this.#append(byte);
        return;
      case 'none':
        this.#append(byte);
        return;
    }
  }

  #append(byte: number): void {
    if (this.#discarding) return;
    if (this.#length === this.#buffer.length) {
      this.#length = 0;
      this.#discarding = true;
      this.#handlers.onError(new FrameOverflowError(this.#buffer.length));
      return;
    }
    this.#buffer[this.#length] = byte;
    this.#length += 1;
  }

  #endFrame(endedBy: Frame['endedBy']): void {
    const length = this.#length;
    const discarded = this.#discarding;
    this.#length = 0;
    this.#discarding = false;
    // Back-to-back terminators and the tail of an overflowed scan are not scans.
    if (discarded || length === 0) return;
    const bytes = this.#buffer.slice(0, length);
    const { text, malformed } = this.#decoder.decode(bytes);
    this.#handlers.onFrame({ text, byteLength: length, bytes, endedBy, malformed });
  }

  #hasPartial(): boolean {
    return this.#length > 0 || this.#discarding || this.#pendingCr;
  }

  #onIdle(): void {
    this.#idleTimer = undefined;
    // A lone CR at the end of a burst is a terminator the scanner was set to, not data.
    this.#pendingCr = false;
    this.#endFrame('idle-gap');
  }

  #cancelIdleTimer(): void {
    if (this.#idleTimer === undefined) return;
    this.#timers.clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }
}
