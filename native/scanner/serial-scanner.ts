/**
 * A serial scanner: opens the port, frames what it sends into scans, and
 * keeps trying to reopen it when it is unplugged or missing at start.
 * The port comes from an injected factory (serialport's SerialPort in the
 * device host, a fake in tests), so this module loads no native code.
 */
import { EventEmitter } from 'node:events';
import { DEFAULT_BACKOFF, reconnectDelay, type BackoffPolicy } from './backoff.ts';
import { FrameOverflowError, ScanFramer, type Frame } from './framing.ts';
import type { SerialScan } from './scan.ts';
import { toSerialOpenOptions, type SerialOpenOptions, type SerialScannerConfig } from './serial-config.ts';
import { systemTimers, type Timers } from './timers.ts';

/** The part of serialport's SerialPort this driver uses. */
export interface SerialPortLike {
  readonly isOpen: boolean;
  open(callback: (error: Error | null) => void): void;
  close(callback?: (error: Error | null) => void): void;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  /** serialport passes an error with `disconnected: true` when the device went away. */
  on(event: 'close', listener: (error?: Error | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export type SerialPortFactory = (options: SerialOpenOptions) => SerialPortLike;

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'stopped';

export type DisconnectReason = 'unplugged' | 'closed' | 'port-error' | 'stopped';

export type ScannerStateEvent =
  | { kind: 'connected'; sourceId: string }
  | { kind: 'disconnected'; sourceId: string; reason: DisconnectReason }
  /** `cause` is the operating system's message for the failed open, when there was one. */
  | { kind: 'reconnecting'; sourceId: string; attempt: number; delayMs: number; cause?: string };

/** Something went wrong that the clerk or IT may need to know; never carries scanned text. */
export type ScannerProblem =
  | { kind: 'frame-overflow'; sourceId: string; limit: number }
  | { kind: 'port-error'; sourceId: string; message: string };

export interface SerialScannerEvents {
  scan: [SerialScan];
  state: [ScannerStateEvent];
  problem: [ScannerProblem];
}

export interface SerialScannerOptions {
  config: SerialScannerConfig;
  openPort: SerialPortFactory;
  /** Defaults to `serial:<path>`. */
  sourceId?: string;
  backoff?: BackoffPolicy;
  timers?: Timers;
  now?: () => number;
}

export class SerialScanner extends EventEmitter<SerialScannerEvents> {
  readonly sourceId: string;
  readonly #config: SerialScannerConfig;
  readonly #openPort: SerialPortFactory;
  readonly #backoff: BackoffPolicy;
  readonly #timers: Timers;
  readonly #now: () => number;
  readonly #framer: ScanFramer;
  #state: ConnectionState = 'idle';
  /** The port of the current attempt; events from any other port are stale. */
  #port: SerialPortLike | undefined;
  #failedAttempts = 0;
  #retryTimer: unknown = undefined;

  constructor(options: SerialScannerOptions) {
    super();
    this.#config = options.config;
    this.#openPort = options.openPort;
    this.sourceId = options.sourceId ?? `serial:${options.config.path}`;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#timers = options.timers ?? systemTimers;
    this.#now = options.now ?? Date.now;
    this.#framer = new ScanFramer(
      {
        terminator: options.config.terminator,
        idleGapMs: options.config.idleGapMs,
        maxFrameBytes: options.config.maxFrameBytes,
        encoding: options.config.encoding,
        timers: this.#timers,
      },
      { onFrame: (frame) => this.#emitScan(frame), onError: (error) => this.#emitOverflow(error) },
    );
  }

  get state(): ConnectionState {
    return this.#state;
  }

  start(): void {
    if (this.#state !== 'idle') return;
    this.#attempt();
  }

  /** Closes the port and stops reconnecting. Resolves once the port is closed. */
  async stop(): Promise<void> {
    if (this.#state === 'stopped') return;
    const wasConnected = this.#state === 'connected';
    const port = this.#port;
    this.#state = 'stopped';
    this.#port = undefined;
    this.#cancelRetry();
    this.#framer.reset();
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    if (wasConnected) this.emit('state', { kind: 'disconnected', sourceId: this.sourceId, reason: 'stopped' });
  }

  #attempt(): void {
    this.#retryTimer = undefined;
    this.#state = 'connecting';
    let port: SerialPortLike;
    try {
      port = this.#openPort(toSerialOpenOptions(this.#config));
    } catch (error) {
      this.#scheduleRetry(error);
      return;
    }
    this.#port = port;
    port.on('data', (chunk) => {
      if (this.#port === port) this.#framer.push(chunk);
    });
    port.on('close', (error) => {
      const unplugged = typeof error === 'object' && error !== null && 'disconnected' in error && error.disconnected === true;
      this.#lose(port, unplugged ? 'unplugged' : 'closed');
    });
    port.on('error', (error) => {
      if (this.#port !== port) return;
      this.emit('problem', { kind: 'port-error', sourceId: this.sourceId, message: error.message });
      if (!port.isOpen && this.#state === 'connected') this.#lose(port, 'port-error');
    });
    port.open((error) => {
      if (this.#port !== port) {
        // Stopped while opening: do not leave the port open behind us.
        if (!error && port.isOpen) port.close();
        return;
      }
      if (error) {
        this.#port = undefined;
        this.#scheduleRetry(error);
        return;
      }
      this.#state = 'connected';
      this.#failedAttempts = 0;
      this.emit('state', { kind: 'connected', sourceId: this.sourceId });
    });
  }

  #lose(port: SerialPortLike, reason: DisconnectReason): void {
    if (this.#port !== port) return;
    this.#port = undefined;
    // A scan cut off by the unplug is incomplete; it must not be glued to the next one.
    this.#framer.reset();
    this.emit('state', { kind: 'disconnected', sourceId: this.sourceId, reason });
    this.#scheduleRetry(undefined);
  }

  #scheduleRetry(cause: unknown): void {
    if (this.#state === 'stopped') return;
    this.#failedAttempts += 1;
    const delayMs = reconnectDelay(this.#failedAttempts, this.#backoff);
    this.#state = 'reconnecting';
    this.emit('state', {
      kind: 'reconnecting',
      sourceId: this.sourceId,
      attempt: this.#failedAttempts,
      delayMs,
      ...(cause instanceof Error ? { cause: cause.message } : {}),
    });
    this.#retryTimer = this.#timers.setTimeout(() => this.#attempt(), delayMs);
  }

  #cancelRetry(): void {
    if (this.#retryTimer === undefined) return;
    this.#timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  #emitScan(frame: Frame): void {
    this.emit('scan', {
      transport: 'serial',
      text: frame.text,
      sourceId: this.sourceId,
      receivedAt: this.#now(),
      byteLength: frame.byteLength,
      bytes: frame.bytes,
      endedBy: frame.endedBy,
      textMayBeGarbled: frame.malformed,
      warnings: frame.malformed ? ['malformed-encoding'] : [],
    });
  }

  #emitOverflow(error: FrameOverflowError): void {
    this.emit('problem', { kind: 'frame-overflow', sourceId: this.sourceId, limit: error.limit });
  }
}
