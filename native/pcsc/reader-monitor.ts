/**
 * Watches PC/SC readers and cards and keeps a snapshot of them: which readers are
 * attached, which hold a card, and the card's ATR. Calls onChange whenever the
 * snapshot changes. When pcscd is missing or goes away, the snapshot says so and
 * the monitor keeps trying to reconnect with backoff; it never throws at its caller.
 *
 * It waits with the binding's asynchronous waitForChange (a libuv worker thread)
 * on a context of its own: pcsc-lite holds a context's lock while it waits, and
 * a blocking call on the main thread would stall the whole device host.
 */
import { PNP_NOTIFICATION, type PcscBinding, type PcscContext, type PcscReaderState } from './binding.ts';
import { describeServiceFailure, pcscErrorMessage } from './pcsc-errors.ts';
import { sameSnapshot, toHex, type PcscSnapshot, type ReaderSnapshot } from './snapshot.ts';

export interface RetryPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const DEFAULT_RETRY: RetryPolicy = { initialMs: 250, maxMs: 5_000, factor: 2 };

/** The wait before attempt `failures + 1`, given `failures` failed attempts in a row. */
export function retryDelayMs(policy: RetryPolicy, failures: number): number {
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** failures);
}

export type MonitorLog = (level: 'info' | 'warn', msg: string, fields?: Record<string, unknown>) => void;

export interface ReaderMonitorOptions {
  binding: PcscBinding;
  retry?: RetryPolicy;
  /**
   * How long one wait may last before the monitor re-reads the reader list anyway.
   * pcsc-lite 1.9 only reports reader attach/detach that happens during a wait.
   */
  refreshMs?: number;
  log?: MonitorLog;
}

export const NO_READER_MESSAGE = 'No card reader is connected';
const STARTING: PcscSnapshot = { pcsc: { state: 'unknown', message: 'Not started' }, readers: [] };

interface KnownReader {
  name: string;
  state: number;
  atr: Uint8Array | null;
}

export class ReaderMonitor {
  readonly #binding: PcscBinding;
  readonly #retry: RetryPolicy;
  readonly #refreshMs: number;
  readonly #log: MonitorLog;
  #snapshot: PcscSnapshot = STARTING;
  #onChange: (snapshot: PcscSnapshot) => void = () => {};
  #running: Promise<void> | undefined;
  #stopping = false;
  #context: PcscContext | undefined;
  #wakeFromBackoff: (() => void) | undefined;
  #failures = 0;

  constructor(options: ReaderMonitorOptions) {
    this.#binding = options.binding;
    this.#retry = options.retry ?? DEFAULT_RETRY;
    this.#refreshMs = options.refreshMs ?? 10_000;
    this.#log = options.log ?? (() => {});
  }

  start(onChange: (snapshot: PcscSnapshot) => void): void {
    if (this.#running) return;
    this.#onChange = onChange;
    this.#stopping = false;
    this.#running = this.#run();
  }

  snapshot(): PcscSnapshot {
    return this.#snapshot;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wakeFromBackoff?.();
    try {
      this.#context?.cancel();
    } catch {
      // A context whose daemon died cannot be cancelled; its wait fails by itself.
    }
    await this.#running;
    this.#running = undefined;
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      let context: PcscContext;
      try {
        context = new this.#binding.Context();
      } catch (error) {
        await this.#fail(error);
        continue;
      }
      this.#context = context;
      const outcome = await this.#watch(context).then(
        () => ({ failed: false as const }),
        (error: unknown) => ({ failed: true as const, error }),
      );
      this.#context = undefined;
      closeQuietly(context);
      if (outcome.failed && !this.#stopping) await this.#fail(outcome.error);
    }
  }

  /** Follows one context until it is cancelled (returns) or fails (throws). */
  async #watch(context: PcscContext): Promise<void> {
    let readers = listReaders(context);
    this.#publishReaders(readers);
    while (!this.#stopping) {
      const queries: PcscReaderState[] = [
        ...readers.map((reader) => lastSeen(reader.name, reader.state & ~this.#binding.SCARD_STATE_CHANGED)),
        lastSeen(PNP_NOTIFICATION, 0),
      ];
      const changes = await context.waitForChange(queries, this.#refreshMs);
      if (changes === null || this.#stopping) return;
      this.#failures = 0;
      readers = this.#readerListChanged(changes) ? listReaders(context) : applyChanges(readers, changes);
      this.#publishReaders(readers);
    }
  }

  #readerListChanged(changes: PcscReaderState[]): boolean {
    if (changes.length === 0) return true; // a timed-out wait: re-read the list in case a change slipped between waits
    return changes.some(
      (change) =>
        (change.name === PNP_NOTIFICATION && change.changed) || (change.state & this.#binding.SCARD_STATE_UNKNOWN) !== 0,
    );
  }

  #publishReaders(readers: KnownReader[]): void {
    const snapshot: PcscSnapshot = {
      pcsc: readers.length === 0 ? { state: 'available', message: NO_READER_MESSAGE } : { state: 'available' },
      readers: readers.map((reader) => this.#describeReader(reader)),
    };
    if (this.#snapshot.pcsc.state !== 'available') this.#log('info', 'PC/SC available', { readers: readers.length });
    this.#publish(snapshot);
  }

  #describeReader(reader: KnownReader): ReaderSnapshot {
    const { SCARD_STATE_PRESENT, SCARD_STATE_UNAVAILABLE } = this.#binding;
    const cardPresent = (reader.state & SCARD_STATE_PRESENT) !== 0 && (reader.state & SCARD_STATE_UNAVAILABLE) === 0;
    return cardPresent && reader.atr && reader.atr.length > 0
      ? { name: reader.name, cardPresent, atr: toHex(reader.atr) }
      : { name: reader.name, cardPresent };
  }

  async #fail(error: unknown): Promise<void> {
    const delayMs = retryDelayMs(this.#retry, this.#failures);
    this.#failures += 1;
    const message = describeServiceFailure(error);
    if (this.#snapshot.pcsc.message !== message) {
      this.#log('warn', 'PC/SC unavailable; retrying', { error: pcscErrorMessage(error), delayMs });
    }
    this.#publish({ pcsc: { state: 'unavailable', message }, readers: [] });
    await this.#backoff(delayMs);
  }

  #backoff(delayMs: number): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#wakeFromBackoff = undefined;
        resolve();
      };
      const timer = setTimeout(wake, delayMs);
      this.#wakeFromBackoff = wake;
    });
  }

  #publish(snapshot: PcscSnapshot): void {
    if (this.#stopping || sameSnapshot(snapshot, this.#snapshot)) return;
    this.#snapshot = snapshot;
    try {
      this.#onChange(snapshot);
    } catch (error) {
      // A listener's failure is its own; the monitor keeps watching.
      this.#log('warn', 'reader change listener failed', { error: pcscErrorMessage(error) });
    }
  }
}

function lastSeen(name: string, state: number): PcscReaderState {
  return { name, state, changed: false, atr: null };
}

function listReaders(context: PcscContext): KnownReader[] {
  return context.listReaders().map((reader) => ({ name: reader.name, state: reader.state, atr: reader.atr }));
}

function applyChanges(readers: KnownReader[], changes: PcscReaderState[]): KnownReader[] {
  return readers.map((reader) => {
    const change = changes.find((candidate) => candidate.name === reader.name);
    return change ? { name: reader.name, state: change.state, atr: change.atr } : reader;
  });
}

function closeQuietly(context: PcscContext): void {
  try {
    context.close();
  } catch {
    // Already gone with its daemon.
  }
}
