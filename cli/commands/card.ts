/**
 * `tiepdon card read|trace`: reads the chip ID card through the same services the
 * app uses and prints JSON. The photo is summarised (format, size) unless
 * `--photo-out FILE` asks for it to be written.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeOwnerOnlyFileSync } from '../../db/owner-only-files.ts';
import { CardReadInputSchema, type CardAccessKey, type CardReadResult } from '../../domain/card.ts';
import { createApp } from '../../services/app.ts';
import { waitForHostStart } from '../../services/device-host/wait.ts';
import { createFileLogger } from '../../services/file-log.ts';
import { defaultDataDir } from '../paths.ts';

const USAGE = `Usage: tiepdon card read  [--reader NAME] KEY [--no-photo] [--photo-out FILE]
       tiepdon card trace [--reader NAME] KEY [--show-data]

KEY is one of:
  --id 12DIGITS                          the ID number (PACE with its last 6 digits, BAC as fallback)
      [--dob YYYY-MM-DD] [--issued YYYY-MM-DD]   help BAC when PACE is refused
  --can 6DIGITS                          the card access number
  --doc-number X --dob YYMMDD --doe YYMMDD   the MRZ fields (BAC, or PACE with the MRZ)

Options:
  --data-dir DIR   the app's data folder (trusted CSCA certificates are read from DIR/csca)
  --show-data      trace: print APDU data bytes too (personal data: for debugging only)
`;

const OPTIONS = {
  reader: { type: 'string' },
  id: { type: 'string' },
  can: { type: 'string' },
  'doc-number': { type: 'string' },
  dob: { type: 'string' },
  doe: { type: 'string' },
  issued: { type: 'string' },
  photo: { type: 'boolean', default: true },
  'photo-out': { type: 'string' },
  'show-data': { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowNegative: true }>>['values'];

export async function runCard(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, allowNegative: true });
  const [action] = positionals;
  if (values.help || (action !== 'read' && action !== 'trace')) {
    (values.help ? process.stdout : process.stderr).write(USAGE);
    return values.help ? 0 : 2;
  }
  const key = accessKey(values);
  if (typeof key === 'string') {
    process.stderr.write(`tiepdon card: ${key}\n\n${USAGE}`);
    return 2;
  }
  const input = CardReadInputSchema.safeParse({
    key,
    photo: action === 'read' ? values.photo : true,
    ...(values.reader ? { reader: values.reader } : {}),
  });
  if (!input.success) {
    process.stderr.write(`tiepdon card: ${input.error.issues.map((issue) => issue.message).join('; ')}\n`);
    return 2;
  }

  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir();
  const app = await createApp({ dataDir, mode: 'headless', background: false, log: createFileLogger(dataDir) });
  try {
    if (app.deviceHost) await waitForHostStart(app.deviceHost, 10_000);
    const outcome = await app.card.read(input.data, action === 'trace' ? { trace: { showData: values['show-data'] } } : {});
    if (!outcome.ok) {
      print({ error: outcome.error, ...(outcome.trace ? { trace: outcome.trace } : {}) });
      return 1;
    }
    if (action === 'trace') {
      print({ trace: outcome.trace ?? [], timing: outcome.value.timing, access: outcome.value.access });
      return 0;
    }
    if (values['photo-out'] && outcome.value.photo) writePhoto(outcome.value, resolve(values['photo-out']));
    print(summarise(outcome.value));
    return 0;
  } finally {
    await app.close();
  }
}

function accessKey(values: Values): CardAccessKey | string {
  const given = [values.id, values.can, values['doc-number']].filter((value) => value !== undefined).length;
  if (given !== 1) return 'give exactly one of --id, --can or --doc-number';
  if (values.id !== undefined) {
    return {
      kind: 'cccd-id',
      id: values.id,
      ...(values.dob ? { dateOfBirth: values.dob } : {}),
      ...(values.issued ? { dateOfIssue: values.issued } : {}),
    };
  }
  if (values.can !== undefined) return { kind: 'can', can: values.can };
  if (!values.dob || !values.doe) return '--doc-number needs --dob and --doe (YYMMDD)';
  return { kind: 'mrz', documentNumber: values['doc-number'] as string, dateOfBirth: values.dob, dateOfExpiry: values.doe };
}

/** Everything but the image bytes: a terminal is no place for a photo. */
function summarise(result: CardReadResult): unknown {
  const { photo, ...rest } = result;
  if (!photo) return rest;
  const { dataUrl, ...about } = photo;
  return { ...rest, photo: { ...about, displayFormat: dataUrl.slice(5, dataUrl.indexOf(';')) } };
}

function writePhoto(result: CardReadResult, file: string): void {
  const dataUrl = result.photo?.dataUrl ?? '';
  writeOwnerOnlyFileSync(file, Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
}

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
