/**
 * pcscd with vpcd's virtual readers for a test run.
 * Policy: a pcscd that already answers on its socket is reused and left running; otherwise
 * we start `pcscd -f` with the system's reader config and stop it on teardown (one pcscd at a time).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { vpcdNoDelayLibrary } from './vpcd-nodelay.ts';

const PCSCD_SOCKET = '/run/pcscd/pcscd.comm';
const VPCD_CONFIG = '/etc/reader.conf.d/vpcd';
const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
/** vpcd always offers two slots: the configured port and the next one. */
const VPCD_SLOTS = 2;

export interface VpcdSlot {
  /** The PC/SC reader name pcscd gives this slot. */
  readerName: string;
  /** Where the virtual card dials in. */
  port: number;
}

export interface Pcscd {
  /** False when we reused a pcscd that was already running. */
  readonly owned: boolean;
  readonly slots: VpcdSlot[];
  /** The last lines pcscd printed (only for one we started), for failure messages. */
  recentOutput(): string;
  stop(): Promise<void>;
}

/** Why PC/SC tests cannot run here, or undefined when they can. */
export function pcscRigMissing(): string | undefined {
  if (!findExecutable('pcscd')) return 'pcscd is not installed (apt-get install pcscd)';
  if (!existsSync(VPCD_DRIVER) || !existsSync(VPCD_CONFIG)) return 'vpcd is not installed (apt-get install vsmartcard-vpcd)';
  return undefined;
}

/** True when some pcscd already answers on the system socket. */
export function isPcscdRunning(): Promise<boolean> {
  return socketAnswers(PCSCD_SOCKET);
}

export async function startPcscd({ timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<Pcscd> {
  const slots = readVpcdSlots();
  if (await isPcscdRunning()) {
    return { owned: false, slots, recentOutput: () => '', stop: async () => {} };
  }
  const pcscd = findExecutable('pcscd');
  if (!pcscd) throw new Error('pcscd is not installed');
  // -f: stay in the foreground and log to stdout; -i: info level, which includes "daemon ready".
  const preload = vpcdNoDelayLibrary();
  const child = spawn(pcscd, ['-f', '-i'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: preload ? { ...process.env, LD_PRELOAD: preload } : process.env,
  });
  const output = watchOutput(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForLine(child, output, /daemon ready/, timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- pcscd said ---\n${output.recent()}`, { cause: error });
  }
  return {
    owned: true,
    slots,
    recentOutput: output.recent,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const killTimer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killTimer);
    },
  };
}

/** Reader names and ports from vpcd's config: `FRIENDLYNAME "Virtual PCD"`, `DEVICENAME /dev/null:0x8C7B`. */
export function parseVpcdConfig(text: string): VpcdSlot[] {
  const friendlyName = /^\s*FRIENDLYNAME\s+"([^"]+)"/m.exec(text)?.[1];
  const portText = /^\s*DEVICENAME\s+\S*:(0x[0-9a-f]+|\d+)\s*$/im.exec(text)?.[1];
  if (!friendlyName || !portText) throw new Error('vpcd config has no FRIENDLYNAME or DEVICENAME port');
  const port = Number(portText);
  return Array.from({ length: VPCD_SLOTS }, (_, slot) => ({
    readerName: `${friendlyName} 00 ${String(slot).padStart(2, '0')}`,
    port: port + slot,
  }));
}

function readVpcdSlots(): VpcdSlot[] {
  return parseVpcdConfig(readFileSync(VPCD_CONFIG, 'utf8'));
}

function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  return dirs.map((dir) => join(dir, name)).find((file) => existsSync(file));
}

function socketAnswers(path: string): Promise<boolean> {
  if (!existsSync(path)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

interface OutputWatch {
  lines: EventEmitter<{ line: [string] }>;
  recent(): string;
}

/** Drains pcscd's output (a full pipe would block it) and keeps the tail for diagnostics. */
function watchOutput(child: ChildProcess, max = 40): OutputWatch {
  const lines = new EventEmitter<{ line: [string] }>();
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > max) tail.shift();
      lines.emit('line', line);
    });
  }
  return { lines, recent: () => tail.join('\n') };
}

function waitForLine(child: ChildProcess, output: OutputWatch, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`pcscd was not ready within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null) => finish(new Error(`pcscd exited before it was ready (code ${code})`));
    const onLine = (line: string) => {
      if (pattern.test(line)) finish();
    };
    function finish(error?: Error) {
      clearTimeout(timer);
      output.lines.off('line', onLine);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    output.lines.on('line', onLine);
    child.once('exit', onExit);
  });
}
