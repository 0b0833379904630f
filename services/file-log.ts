import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, type LogLevel, type Logger } from './log.ts';
import { collapsingRepeats } from './log-repeats.ts';

/** JSON-lines log in <dataDir>/logs/tiepdon.log; warnings and errors also go to stderr, repeats counted (see log-repeats). */
export function createFileLogger(dataDir: string, level: LogLevel = 'info'): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, 'tiepdon.log');
  return collapsingRepeats(
    createLogger((line) => {
      appendFileSync(file, line + '\n', { mode: 0o600 });
      if (/"level":"(warn|error)"/.test(line)) process.stderr.write(line + '\n');
    }, level),
  );
}
