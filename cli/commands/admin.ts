/**
 * `tiepdon admin reset-pin`: for a forgotten admin PIN. Run on the reception PC
 * itself, with its data folder; the next opening of the settings asks IT to set
 * a new PIN. (The desktop app's data is opened by the desktop app: start it
 * once with --reset-admin-pin.)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../services/app.ts';
import { appendToLogFile } from '../../services/file-log.ts';
import { createLogger } from '../../services/log.ts';
import { defaultDataDir } from '../paths.ts';

const USAGE = `Usage: tiepdon admin reset-pin [--data-dir <dir>]

Forgets the admin PIN and any lockout; the next opening of the settings (F10) asks for a new PIN.
`;

export interface AdminIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export async function runAdmin(args: string[], io: AdminIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'reset-pin') {
    io.stderr.write(USAGE);
    return 2;
  }
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir();
  const app = await createApp({ dataDir, mode: 'headless', deviceHost: false, background: false, log: fileOnlyLogger(dataDir) });
  try {
    const database = app.status().database;
    if (!database.ready) {
      io.stderr.write(`The PIN cannot be reset: ${database.error ?? 'the database is not ready'}\n`);
      return 1;
    }
    app.admin.resetPin();
    io.stdout.write(JSON.stringify({ pinSet: false }) + '\n');
    return 0;
  } finally {
    await app.close();
  }
}

/** The reset is recorded in the app's log file (not on the terminal, which gets one line). */
function fileOnlyLogger(dataDir: string) {
  return createLogger(appendToLogFile(dataDir)).child({ process: 'cli' });
}
