/**
 * Runs a virtual card in its own process and drives it: insert (dial vpcd),
 * remove (hang up), stop. A card blocked by its parent's event loop would stop
 * answering vpcd's ATR poll and stall pcscd, hence the separate process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { CardSpec } from './card.ts';
import { CardReportSchema, type CardCommand, type CardProcessConfig } from './card-process-protocol.ts';

const CARD_PROCESS_ENTRY = fileURLToPath(new URL('./card-process.ts', import.meta.url));

export const DEFAULT_CARD: CardSpec = { module: new URL('./default-card.ts', import.meta.url).href, export: 'createCard' };

export interface VirtualCardOptions {
  /** vpcd's port for the slot the card goes into (35963 is slot 0 in Debian's config). */
  port: number;
  host?: string;
  card?: CardSpec;
  /** How long starting, inserting and removing may take before they fail. */
  commandTimeoutMs?: number;
}

export interface VirtualCardEvents {
  /** vpcd closed the link itself (pcscd stopped): the card is out. */
  dropped: [];
  /** The card took itself out (a removal fault): pcscd sees a removal. */
  ejected: [];
}

export async function startVirtualCard(options: VirtualCardOptions): Promise<VirtualCard> {
  const config: CardProcessConfig = { port: options.port, host: options.host ?? '127.0.0.1', card: options.card ?? DEFAULT_CARD };
  const child = fork(CARD_PROCESS_ENTRY, [JSON.stringify(config)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'json',
  });
  const card = new VirtualCard(child, options.commandTimeoutMs ?? 10_000);
  await card.ready;
  return card;
}

export class VirtualCard extends EventEmitter<VirtualCardEvents> {
  readonly ready: Promise<void>;
  readonly #child: ChildProcess;
  readonly #timeoutMs: number;
  readonly #exited: Promise<void>;
  readonly #pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #inserted = false;

  constructor(child: ChildProcess, timeoutMs: number) {
    super();
    this.#child = child;
    this.#timeoutMs = timeoutMs;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.ready = this.#waitUntilReady();
    child.on('message', (raw) => this.#onReport(raw));
    void this.#exited.then(() => {
      for (const waiter of this.#pending.values()) waiter.reject(new Error('the virtual card process exited'));
      this.#pending.clear();
      this.#inserted = false;
    });
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  get inserted(): boolean {
    return this.#inserted;
  }

  /** Resolves once the card is connected to vpcd; pcscd notices a few hundred ms later. */
  async insert(): Promise<void> {
    await this.#command('insert');
    this.#inserted = true;
  }

  /** Resolves once the link is closed; wait for the reader's removal event before inserting again. */
  async remove(): Promise<void> {
    await this.#command('remove');
    this.#inserted = false;
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const killTimer = setTimeout(() => this.#child.kill('SIGKILL'), this.#timeoutMs);
    this.#send({ kind: 'stop' });
    await this.#exited;
    clearTimeout(killTimer);
  }

  #onReport(raw: unknown): void {
    const parsed = CardReportSchema.safeParse(raw);
    if (!parsed.success) return;
    const report = parsed.data;
    if (report.kind === 'dropped' || report.kind === 'ejected') {
      this.#inserted = false;
      this.emit(report.kind);
    } else if (report.kind === 'done') {
      const waiter = this.#pending.get(report.id);
      this.#pending.delete(report.id);
      if (report.error) waiter?.reject(new Error(report.error));
      else waiter?.resolve();
    }
  }

  #command(kind: 'insert' | 'remove'): Promise<void> {
    const id = this.#nextId++;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`the virtual card did not ${kind} within ${this.#timeoutMs} ms`));
      }, this.#timeoutMs);
      this.#pending.set(id, {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.#send({ kind, id });
    });
  }

  #send(message: CardCommand): void {
    if (this.#child.connected) this.#child.send(message);
  }

  #waitUntilReady(): Promise<void> {
    const child = this.#child;
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        cleanup();
        child.kill('SIGKILL');
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new Error(`the virtual card process was not ready within ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
      const onMessage = (raw: unknown) => {
        const parsed = CardReportSchema.safeParse(raw);
        if (!parsed.success) return;
        if (parsed.data.kind === 'ready') {
          cleanup();
          resolve();
        } else if (parsed.data.kind === 'failed') {
          fail(new Error(`the virtual card could not start: ${parsed.data.message}`));
        }
      };
      const onExit = (code: number | null) => fail(new Error(`the virtual card process exited early (code ${code})`));
      const cleanup = () => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }
}
