/** Fakes of the Electron objects the main-process modules receive, for tests in plain Node. */
import { EventEmitter } from 'node:events';
import { createLogger, type Logger } from '../../services/log.ts';
import { APP_ENTRY_URL, APP_ORIGIN } from './app-origin.ts';
import type { SenderFrame } from './sender-check.ts';

export interface LogRecord {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export function recordingLogger(): { log: Logger; records: LogRecord[] } {
  const records: LogRecord[] = [];
  const log = createLogger((line) => records.push(JSON.parse(line) as LogRecord), 'debug');
  return { log, records };
}

let nextId = 1;

export class FakeFrame implements SenderFrame {
  parent: FakeFrame | null;
  origin: string;
  url: string;
  detached = false;
  destroyed = false;

  constructor(url: string, origin: string, parent: FakeFrame | null = null) {
    this.url = url;
    this.origin = origin;
    this.parent = parent;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  mainFrame: FakeFrame;
  readonly sent: unknown[][] = [];
  destroyed = false;

  constructor(url = APP_ENTRY_URL, origin = APP_ORIGIN) {
    super();
    this.mainFrame = new FakeFrame(url, origin);
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}
