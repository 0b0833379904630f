/**
 * A pseudo-terminal pair joined by socat: whatever is written to one end can be
 * read from the other, like a serial scanner on a cable. Pty pairs never show in
 * SerialPort.list(), so tests pass the link paths explicitly.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { makeTempDir } from './temp-dir.ts';

export interface PtyPair {
  /** Symlinks to the two ends (e.g. the app opens `a`, the fake scanner writes to `b`). */
  readonly a: string;
  readonly b: string;
  stop(): Promise<void>;
}

/** Why pty tests cannot run here, or undefined when they can. */
export function ptyRigMissing(): string | undefined {
  const found = (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, 'socat')));
  return found ? undefined : 'socat is not installed (apt-get install socat)';
}

export interface PtyPairOptions {
  timeoutMs?: number;
  /** Put the links in this existing folder (kept on stop), e.g. to bring a pair back at the same paths. */
  dir?: string;
}

export async function startPtyPair({ timeoutMs = 10_000, dir: at }: PtyPairOptions = {}): Promise<PtyPair> {
  const dir = at === undefined ? makeTempDir('tiepdon-pty-') : { path: at, [Symbol.dispose]: () => {} };
  const a = join(dir.path, 'ttyA');
  const b = join(dir.path, 'ttyB');
  // raw, echo=0: bytes pass untouched (no line discipline, no echo back to the writer).
  // -d -d prints "starting data transfer loop" once both ends and their links exist.
  const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const said: string[] = [];

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`socat was not ready within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null) => finish(new Error(`socat exited before it was ready (code ${code})`));
    function finish(error?: Error) {
      clearTimeout(timer);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    // Keep reading to the end: a full stderr pipe would block socat.
    createInterface({ input: child.stderr! }).on('line', (line) => {
      said.push(line);
      if (line.includes('starting data transfer loop')) finish();
    });
    child.once('exit', onExit);
  });

  try {
    await ready;
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    dir[Symbol.dispose]();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- socat said ---\n${said.join('\n')}`, { cause: error });
  }

  return {
    a,
    b,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      dir[Symbol.dispose]();
    },
  };
}
