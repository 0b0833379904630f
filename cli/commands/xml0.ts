/**
 * `tiepdon xml0 --visit <id>`: prints a visit's XML0 check-in record (QĐ
 * 4750/3176), or writes it into a folder under its file name. Whoever runs it
 * holds the data folder and its key, so it needs no admin PIN; the export is
 * audited like one from the app, with this computer's user.
 */
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { OWNER_ONLY_DIR_MODE, writeOwnerOnlyFileSync } from '../../db/owner-only-files.ts';
import { isAppError } from '../../domain/errors.ts';
import { Xml0IncompleteDetailSchema } from '../../domain/xml130-api.ts';
import { createApp } from '../../services/app.ts';
import { createFileLogger } from '../../services/file-log.ts';
import { defaultDataDir } from '../paths.ts';

const USAGE = `Usage: tiepdon xml0 --visit ID [--data-dir DIR] [--out-dir DIR]

Prints the visit's XML0 check-in record (UTF-8 XML, QĐ 4750 as amended by
QĐ 3176). With --out-dir, writes it there as XML0_<MA_LK>.xml and prints the
path instead. Warnings go to stderr. The facility code (settings.facility)
and the clinic's service code must be set first.

Errors are a line on stderr starting with their code (XML0_INCOMPLETE is
followed by one line per missing or wrong element); exit status 1 (2 for usage).
`;

export interface Xml0Io {
  stdout: Writable;
  stderr: Writable;
  /** Defaults to the per-user data folder (or TIEPDON_DATA_DIR). */
  dataDir?: string;
}

export async function runXml0(args: string[], io: Xml0Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        visit: { type: 'string' },
        'data-dir': { type: 'string' },
        'out-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const visitId = Number(values.visit);
  if (values.visit === undefined || !/^\d+$/.test(values.visit) || !Number.isSafeInteger(visitId) || visitId < 1) {
    io.stderr.write(`--visit takes a visit id (a whole number from 1)\n\n${USAGE}`);
    return 2;
  }
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : (io.dataDir ?? defaultDataDir());

  const app = await createApp({ dataDir, mode: 'headless', deviceHost: false, background: false, log: createFileLogger(dataDir), user: `cli:${userInfo().username}` });
  try {
    const { fileName, xml, warnings } = app.xml0.exportXml0({ visitId });
    for (const warning of warnings) io.stderr.write(`warning ${warning.code}: ${warning.message}\n`);
    if (values['out-dir'] === undefined) {
      io.stdout.write(xml);
    } else {
      const folder = resolve(values['out-dir']);
      mkdirSync(folder, { recursive: true, mode: OWNER_ONLY_DIR_MODE });
      const path = join(folder, fileName);
      writeOwnerOnlyFileSync(path, xml);
      io.stdout.write(`${path}\n`);
    }
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    io.stderr.write(`${error.code}: ${error.message}\n`);
    const detail = Xml0IncompleteDetailSchema.safeParse(error.detail);
    if (detail.success) for (const problem of detail.data.problems) io.stderr.write(`  ${problem.field ?? '-'} ${problem.code}: ${problem.message}\n`);
    return 1;
  } finally {
    await app.close();
  }
}
