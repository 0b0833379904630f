/**
 * The log file, <dataDir>/logs/tiepdon.log, rotated by size: when the next line
 * would take it past `maxBytes` it becomes tiepdon.log.1 (older ones shift to
 * .2 … .maxFiles, the oldest beyond that deleted) and a fresh file starts. Every
 * file stays owner-only. Writing never throws: a failed rotation or write is
 * reported once on stderr and logging goes on.
 * Hand-written: the rotation libraries on npm (rotating-file-stream, file-stream-rotator) are async streams, not a synchronous append.
 */
import { appendFileSync, chmodSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { narrowIfExists, OWNER_ONLY_FILE_MODE, ownerOnlyDir } from '../db/owner-only-files.ts';
import { createLogger, type LogLevel, type Logger } from './log.ts';
import { collapsingRepeats } from './log-repeats.ts';

export interface LogFileOptions {
  /** The size a log file is kept under (a single longer line still gets a file of its own). */
  maxBytes?: number;
  /** How many rotated files are kept beside the current one (.1 the newest). */
  maxFiles?: number;
}

export const LOG_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const LOG_FILE_MAX_FILES = 5;
const POSIX = process.platform !== 'win32';

/** Appends lines to <dataDir>/logs/tiepdon.log, owner-only (a log left wider by an older version is narrowed), rotated by size. */
export function appendToLogFile(dataDir: string, { maxBytes = LOG_FILE_MAX_BYTES, maxFiles = LOG_FILE_MAX_FILES }: LogFileOptions = {}): (line: string) => void {
  const file = join(ownerOnlyDir(join(dataDir, 'logs')), 'tiepdon.log');
  narrowIfExists(file);
  const reported = new Set<string>();
  const reportOnce = (what: string, error: unknown): void => {
    if (reported.has(what)) return;
    reported.add(what);
    try {
      process.stderr.write(`tiepdon: ${what} failed (${error instanceof Error ? error.message : String(error)}); logging goes on\n`);
    } catch {
      // Nowhere left to say it.
    }
  };
  /** After a failed rotation, the size the file must reach before it is tried again (not on every line). */
  let retryAbove = 0;

  const rotate = (): void => {
    removeIfExists(`${file}.${maxFiles}`);
    for (let n = maxFiles - 1; n >= 1; n--) renameIfExists(`${file}.${n}`, `${file}.${n + 1}`);
    if (maxFiles >= 1) {
      renameSync(file, `${file}.1`);
      if (POSIX) chmodSync(`${file}.1`, OWNER_ONLY_FILE_MODE);
    } else {
      unlinkSync(file);
    }
  };

  return (line) => {
    const text = line + '\n';
    const bytes = Buffer.byteLength(text);
    // Sized from the disk, not a counter: another process (the CLI beside the app) may append or rotate too.
    const size = sizeOf(file);
    if (size > 0 && size + bytes > Math.max(maxBytes, retryAbove)) {
      try {
        rotate();
        retryAbove = 0;
      } catch (error) {
        retryAbove = size + maxBytes;
        reportOnce('log rotation', error);
      }
    }
    try {
      appendFileSync(file, text, { mode: OWNER_ONLY_FILE_MODE });
    } catch (error) {
      reportOnce('writing the log', error);
    }
  };
}

/** JSON-lines log in <dataDir>/logs/tiepdon.log (rotated, see appendToLogFile); warnings and errors also go to stderr, repeats counted (see log-repeats). */
export function createFileLogger(dataDir: string, level: LogLevel = 'info', options: LogFileOptions = {}): Logger {
  const append = appendToLogFile(dataDir, options);
  return collapsingRepeats(
    createLogger((line) => {
      append(line);
      if (/"level":"(warn|error)"/.test(line)) process.stderr.write(line + '\n');
    }, level),
  );
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

function removeIfExists(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

function renameIfExists(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}
