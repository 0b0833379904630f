/**
 * An in-memory PC/SC service for unit tests of this folder. It follows the
 * contract the real binding was measured to keep with pcsc-lite 1.9:
 * - `new Context()` throws "PC/SC service not running" while the service is down;
 *   contexts from before a restart fail every call the same way;
 * - listReaders() gives each reader's state: PRESENT or EMPTY, and a per-reader
 *   insert/remove counter in the upper 16 bits;
 * - waitForChange() resolves at once when a queried state differs from the
 *   current one, else on the next change, with [] on timeout, null on cancel();
 *   a pending wait fails with "Communication error" when the service stops;
 *   the PnP pseudo-reader changes only when the reader list changes during a wait;
 * - transmit() to a card removed since connecting fails with "Card was removed".
 * Real behaviour is covered by test/integration/pcsc.test.ts.
 */
import { EventEmitter } from 'node:events';
import { PNP_NOTIFICATION, type PcscBinding, type PcscCard, type PcscContext, type PcscReader, type PcscReaderState } from './binding.ts';

const STATE = { CHANGED: 0x2, UNKNOWN: 0x4, UNAVAILABLE: 0x8, EMPTY: 0x10, PRESENT: 0x20 } as const;

interface FakeReader {
  events: number;
  atr: Buffer | null;
}

interface PendingWait {
  check: () => boolean;
  fail: (error: Error) => void;
}

export type FakeCardHandler = (apdu: Uint8Array) => Uint8Array;

export interface FakePcscEvents {
  /** A waitForChange call started (tests use it to know the monitor is idle). */
  wait: [];
  contextClosed: [];
}

export class FakePcsc extends EventEmitter<FakePcscEvents> {
  readonly binding: PcscBinding;
  respond: FakeCardHandler = () => Uint8Array.of(0x90, 0x00);
  #serviceUp = true;
  #generation = 0;
  #readers = new Map<string, FakeReader>();
  #waits = new Set<PendingWait>();
  #nextTransmitFailure: string | undefined;
  openContexts = 0;

  constructor({ serviceUp = true }: { serviceUp?: boolean } = {}) {
    super();
    this.#serviceUp = serviceUp;
    const openContext = () => this.#openContext();
    this.binding = {
      Context: class {
        constructor() {
          return openContext();
        }
      } as unknown as new () => PcscContext,
      SCARD_STATE_CHANGED: STATE.CHANGED,
      SCARD_STATE_UNKNOWN: STATE.UNKNOWN,
      SCARD_STATE_UNAVAILABLE: STATE.UNAVAILABLE,
      SCARD_STATE_PRESENT: STATE.PRESENT,
      SCARD_SHARE_SHARED: 2,
      SCARD_PROTOCOL_T0: 1,
      SCARD_PROTOCOL_T1: 2,
      SCARD_LEAVE_CARD: 0,
    };
  }

  startService(): void {
    this.#serviceUp = true;
  }

  stopService(): void {
    this.#serviceUp = false;
    this.#generation += 1;
    for (const wait of [...this.#waits]) wait.fail(new Error('Communication error'));
  }

  attachReader(name: string): void {
    this.#readers.set(name, { events: 0, atr: null });
    this.#changed();
  }

  detachReader(name: string): void {
    this.#readers.delete(name);
    this.#changed();
  }

  insertCard(readerName: string, atr: Uint8Array): void {
    const reader = this.#reader(readerName);
    reader.atr = Buffer.from(atr);
    reader.events += 1;
    this.#changed();
  }

  removeCard(readerName: string): void {
    const reader = this.#reader(readerName);
    reader.atr = null;
    reader.events += 1;
    this.#changed();
  }

  /** The next transmit fails with this binding message, whatever the card's state. */
  failNextTransmit(message: string): void {
    this.#nextTransmitFailure = message;
  }

  #reader(name: string): FakeReader {
    const reader = this.#readers.get(name);
    if (!reader) throw new Error(`fake: no reader ${name}`);
    return reader;
  }

  #stateOf(reader: FakeReader): number {
    return ((reader.events << 16) | (reader.atr ? STATE.PRESENT : STATE.EMPTY)) >>> 0;
  }

  #changed(): void {
    for (const wait of [...this.#waits]) wait.check();
  }

  #openContext(): PcscContext {
    if (!this.#serviceUp) throw new Error('PC/SC service not running');
    const generation = this.#generation;
    let valid = true;
    let cancelWait: (() => void) | undefined;
    const alive = () => {
      if (!valid) throw new Error('Context is not valid');
      if (generation !== this.#generation || !this.#serviceUp) throw new Error('PC/SC service not running');
    };
    this.openContexts += 1;

    const context: PcscContext = {
      get isValid() {
        return valid;
      },
      listReaders: () => {
        alive();
        return [...this.#readers.entries()].map(([name, reader]) => this.#readerHandle(name, reader, alive));
      },
      waitForChange: (queries, timeoutMs) => {
        try {
          alive();
        } catch (error) {
          return Promise.reject(error);
        }
        const unknown = queries.find((query) => query.name !== PNP_NOTIFICATION && !this.#readers.has(query.name));
        if (unknown) return Promise.reject(new Error('Unknown reader'));
        const readerCountAtStart = this.#readers.size;
        this.emit('wait');
        return new Promise<PcscReaderState[] | null>((resolve, reject) => {
          const evaluate = (): PcscReaderState[] | undefined => {
            const states = queries.map((query) => this.#answer(query, readerCountAtStart));
            return states.some((state) => state.changed) ? states : undefined;
          };
          const finish = (result: PcscReaderState[] | null | Error) => {
            clearTimeout(timer);
            this.#waits.delete(pending);
            cancelWait = undefined;
            if (result instanceof Error) reject(result);
            else resolve(result);
          };
          const pending: PendingWait = {
            check: () => {
              const states = evaluate();
              if (states) finish(states);
              return !!states;
            },
            fail: (error) => finish(error),
          };
          const timer = setTimeout(() => finish([]), timeoutMs);
          cancelWait = () => finish(null);
          this.#waits.add(pending);
          pending.check();
        });
      },
      cancel: () => {
        cancelWait?.();
      },
      close: () => {
        if (!valid) return;
        valid = false;
        cancelWait?.();
        this.openContexts -= 1;
        this.emit('contextClosed');
      },
    };
    return context;
  }

  #answer(query: PcscReaderState, readerCountAtStart: number): PcscReaderState {
    if (query.name === PNP_NOTIFICATION) {
      const changed = this.#readers.size !== readerCountAtStart;
      return { name: query.name, state: changed ? STATE.CHANGED : 0, changed, atr: null };
    }
    const reader = this.#readers.get(query.name);
    if (!reader) return { name: query.name, state: STATE.UNKNOWN | STATE.CHANGED, changed: true, atr: null };
    const state = this.#stateOf(reader);
    const changed = query.state !== state;
    return { name: query.name, state: changed ? state | STATE.CHANGED : state, changed, atr: reader.atr };
  }

  #readerHandle(name: string, reader: FakeReader, alive: () => void): PcscReader {
    const connectedEvents = reader.events;
    const failure = () => {
      const message = this.#nextTransmitFailure;
      this.#nextTransmitFailure = undefined;
      return message;
    };
    const stillInserted = () => reader.events === connectedEvents && this.#readers.has(name);
    const respond = (command: Uint8Array) => this.respond(command);
    return {
      name,
      state: this.#stateOf(reader),
      atr: reader.atr,
      async connect(): Promise<PcscCard> {
        alive();
        if (!reader.atr) throw new Error('No smart card present');
        let connected = true;
        return {
          protocol: 2,
          get connected() {
            return connected;
          },
          async transmit(command) {
            alive();
            const injected = failure();
            if (injected) throw new Error(injected);
            if (!connected) throw new Error('Invalid handle');
            if (!stillInserted()) throw new Error('Card was removed');
            return Buffer.from(respond(Uint8Array.from(command)));
          },
          disconnect() {
            connected = false;
          },
        };
      },
    };
  }
}
