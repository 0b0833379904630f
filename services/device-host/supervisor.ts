/**
 * Keeps the device host alive: starts it, restarts it with backoff when it dies,
 * forwards its events, and answers calls made while it is down with a typed error.
 */
import { EventEmitter } from 'node:events';
import type { DeviceHostState } from '../../domain/api.ts';
import { AppError } from '../../domain/errors.ts';
import {
  HostDevicesSchema,
  HostMessageSchema,
  type HostDevices,
  type HostLauncher,
  type HostMethod,
  type HostProcess,
} from '../../native/devicehost/protocol.ts';
import type { Logger } from '../log.ts';

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** A host that stayed up this long is healthy again: the next crash restarts it at once. */
  stableAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 250, maxMs: 15_000, factor: 2, stableAfterMs: 30_000 };

/** Delay before restart number `failures` in a row; 0 after a host that had been stable. */
export function backoffDelay({ initialMs, maxMs, factor }: BackoffPolicy, failures: number): number {
  return failures === 0 ? 0 : Math.min(maxMs, initialMs * factor ** (failures - 1));
}

export interface SupervisorOptions {
  launch: HostLauncher;
  log: Logger;
  backoff?: BackoffPolicy;
  callTimeoutMs?: number;
  firstStartTimeoutMs?: number;
}

interface PendingCall {
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  timer: NodeJS.Timeout;
}

export interface SupervisorEvents {
  state: [DeviceHostState];
  devices: [HostDevices];
  /** Any other event the host streams (card progress…), checked by whoever listens. */
  hostEvent: [name: string, payload: unknown];
}

export interface CallOptions {
  /** Longer than the default for calls that talk to a card. */
  timeoutMs?: number;
}

export class DeviceHostSupervisor extends EventEmitter<SupervisorEvents> {
  #state: DeviceHostState = 'stopped';
  #restarts = 0;
  #lastExit: string | undefined;
  #process: HostProcess | undefined;
  #pid: number | undefined;
  #nextCallId = 1;
  #pending = new Map<number, PendingCall>();
  #consecutiveFailures = 0;
  #startedAt = 0;
  #restartTimer: NodeJS.Timeout | undefined;
  #stopping = false;
  #readyWaiters: Array<() => void> = [];
  readonly #options: Required<SupervisorOptions>;

  constructor(options: SupervisorOptions) {
    super();
    this.#options = {
      backoff: DEFAULT_BACKOFF,
      callTimeoutMs: 10_000,
      firstStartTimeoutMs: 10_000,
      ...options,
    };
  }

  get state(): DeviceHostState {
    return this.#state;
  }

  get restarts(): number {
    return this.#restarts;
  }

  get lastExit(): string | undefined {
    return this.#lastExit;
  }

  /** The pid of the running host, for diagnostics and for tests that kill it. */
  get pid(): number | undefined {
    return this.#pid;
  }

  start(): void {
    this.#stopping = false;
    this.#spawn();
  }

  async call(method: HostMethod, params: unknown = {}, options: CallOptions = {}): Promise<unknown> {
    if (this.#state === 'starting' && this.#restarts === 0) await this.#waitForFirstStart();
    const child = this.#process;
    if (this.#state !== 'running' || !child) {
      throw new AppError('DEVICES_RESTARTING', 'The device host is restarting; try again in a moment');
    }
    const id = this.#nextCallId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new AppError('TIMEOUT', `The device host did not answer ${method} in time`));
      }, options.timeoutMs ?? this.#options.callTimeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      child.send({ kind: 'call', id, method, params });
    });
  }

  async stop(graceMs = 3_000): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    const child = this.#process;
    if (!child) {
      this.#setState('stopped');
      return;
    }
    await new Promise<void>((resolve) => {
      const killTimer = setTimeout(() => child.kill(), graceMs);
      child.onExit(() => {
        clearTimeout(killTimer);
        resolve();
      });
      try {
        child.send({ kind: 'shutdown' });
      } catch {
        child.kill();
      }
    });
  }

  #waitForFirstStart(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.#options.firstStartTimeoutMs);
      this.#readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #spawn(): void {
    this.#setState(this.#restarts === 0 ? 'starting' : 'restarting');
    let child: HostProcess;
    try {
      child = this.#options.launch();
    } catch (error) {
      this.#onExit(`launch failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.#process = child;
    this.#startedAt = Date.now();
    child.onMessage((raw) => this.#onMessage(child, raw));
    child.onExit((code, signal) => {
      if (this.#process !== child) return;
      this.#process = undefined;
      this.#pid = undefined;
      this.#onExit(signal ? `signal ${signal}` : `exit code ${code}`);
    });
  }

  #onMessage(child: HostProcess, raw: unknown): void {
    if (this.#process !== child) return;
    const parsed = HostMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.#options.log.warn('device host sent a malformed message');
      return;
    }
    const message = parsed.data;
    switch (message.kind) {
      case 'ready':
        this.#pid = message.pid;
        this.#setState('running');
        for (const wake of this.#readyWaiters.splice(0)) wake();
        return;
      case 'reply': {
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        this.#pending.delete(message.id);
        clearTimeout(pending.timer);
        if (message.ok) pending.resolve(message.value);
        else pending.reject(new AppError(message.error.code, message.error.message, message.error.detail));
        return;
      }
      case 'event': {
        if (message.name !== 'devices.changed') {
          this.emit('hostEvent', message.name, message.payload);
          return;
        }
        const devices = HostDevicesSchema.safeParse(message.payload);
        if (devices.success) this.emit('devices', devices.data);
        return;
      }
      case 'log':
        this.#options.log[message.level](message.msg, { source: 'devicehost', ...message.fields });
        return;
    }
  }

  #onExit(reason: string): void {
    this.#lastExit = reason;
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(new AppError('DEVICES_RESTARTING', 'The device host stopped while answering; try again'));
      this.#pending.delete(id);
    }
    if (this.#stopping) {
      this.#setState('stopped');
      return;
    }
    const policy = this.#options.backoff;
    const wasStable = this.#startedAt > 0 && Date.now() - this.#startedAt >= policy.stableAfterMs;
    this.#consecutiveFailures = wasStable ? 0 : this.#consecutiveFailures + 1;
    const delay = backoffDelay(policy, this.#consecutiveFailures);
    this.#restarts += 1;
    this.#options.log.warn('device host exited; restarting', { reason, delayMs: delay, restarts: this.#restarts });
    this.#setState('restarting');
    this.#restartTimer = setTimeout(() => this.#spawn(), delay);
  }

  #setState(state: DeviceHostState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('state', state);
  }
}
