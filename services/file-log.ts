import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { narrowIfExists, OWNER_ONLY_FILE_MODE, ownerOnlyDir } from '../db/owner-only-files.ts';
import { createLogger, type LogLevel, type Logger } from './log.ts';
import { collapsingRepeats } from './log-repeats.ts';

/** Appends lines to <dataDir>/logs/tiepdon.log, owner-only (a log left wider by an older version is narrowed). */
export function appendToLogFile(dataDir: string): (line: string) => void {
  const file = join(ownerOnlyDir(join(dataDir, 'logs')), 'tiepdon.log');
  narrowIfExists(file);
  return (line) => appendFileSync(file, line + '\n', { mode: OWNER_ONLY_FILE_MODE });
}

/** JSON-lines log in <dataDir>/logs/tiepdon.log; warnings and errors also go to stderr, repeats counted (see log-repeats). */
export function createFileLogger(dataDir: string, level: LogLevel = 'info'): Logger {
  const append = appendToLogFile(dataDir);
  return collapsingRepeats(
    createLogger((line) => {
      append(line);
      if (/"level":"(warn|error)"/.test(line)) process.stderr.write(line + '\n');
    }, level),
  );
}
