#!/usr/bin/env node
/** `tiepdon`: the app's command line, for IT staff and diagnostics. Data is printed as JSON. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { callOnce } from './commands/inspect.ts';
import { serve } from './commands/serve.ts';
import { start } from './commands/start.ts';
import { defaultDataDir } from './paths.ts';
import { OWNER_ONLY_UMASK } from '../db/owner-only-files.ts';

const USAGE = `Usage: tiepdon <command> [options]

Commands:
  start              open the app (Electron, or browser mode where Electron is absent)
  serve              run the services and serve the app to a browser on 127.0.0.1
  status             print the system status as JSON
  devices            print the readers, serial ports, HID devices and scanners as JSON
  qr parse [PAYLOAD] parse a scanned code and print it as JSON; no PAYLOAD: one per stdin line
  vietqr make        make a VietQR payment payload (tiepdon vietqr --help)
  vietqr parse PAYLOAD  print a VietQR payload's fields as JSON, with whether its CRC is valid
  xml0 --visit ID    print a visit's XML0 check-in record (QĐ 4750/3176)   (tiepdon xml0 --help)
  card read          read the chip ID card and print it as JSON   (tiepdon card --help)
  card trace         read the card and print each APDU with its milliseconds
  admin reset-pin    reset a forgotten admin PIN: the settings then ask IT for a new one
  sim card           put a virtual chip ID card in the virtual reader (tiepdon sim card --help)
  sim bhxh           run a simulated BHXH insurance gateway for demos (tiepdon sim bhxh --help)
  sim his            run a FHIR R4 HIS (clinics, fees, payments) for demos, optionally faulty (tiepdon sim his --help)

Options:
  --data-dir <dir>   where data, keys and logs live (default: per-user app data; env TIEPDON_DATA_DIR)
  --port <n>         serve: port on 127.0.0.1 (default: a free port)
  --open / --no-open serve: open a browser window (default: no)
  --keep-address     serve: keep the launch token across restarts (owner-only file in the data dir) and the port
                     unless taken, so an open tab reconnects by itself; start always does
  --demo             start, serve: demo mode (sample cards, simulated scanner, BHXH gateway and HIS; data in <data dir>/demo).
                     start also opens it when nothing is configured yet; --no-demo: never
  --test-automation  serve: end-to-end tests only; lets TIEPDON_TEST_* variables stand in for the clerk and shorten waits
  -h, --help         this text
`;

/** Commands with options of their own parse the rest of the line themselves. */
const NESTED: Record<string, (args: string[]) => Promise<number>> = {
  admin: async (args) => (await import('./commands/admin.ts')).runAdmin(args),
  card: async (args) => (await import('./commands/card.ts')).runCard(args),
  qr: async (args) => (await import('./commands/qr.ts')).runQr(args),
  vietqr: async (args) => (await import('./commands/vietqr.ts')).runVietQr(args),
  xml0: async (args) => (await import('./commands/xml0.ts')).runXml0(args),
  sim: async (args) => {
    const [what, ...rest] = args;
    if (what === 'bhxh') return (await import('./commands/sim-bhxh.ts')).runSimBhxh(rest);
    if (what === 'his') return (await import('./commands/sim-his.ts')).runSimHis(rest);
    if (what !== 'card') {
      process.stderr.write(`Usage: tiepdon sim card [--port 35963] [--profile FILE] [--latency-ms N]\n       tiepdon sim bhxh [--port N] [--latency-ms N] [--fault KIND]\n       tiepdon sim his [--port N] [--token T] [--fault KIND]\n`);
      return 2;
    }
    return (await import('./commands/sim-card.ts')).runSimCard(rest);
  },
};

async function main(argv: string[]): Promise<number> {
  // Files nobody here opens with a mode (the browser profile of --open, a child's own files) are the owner's only too.
  process.umask(OWNER_ONLY_UMASK);
  const nested = argv[0] === undefined ? undefined : NESTED[argv[0]];
  if (nested) return nested(argv.slice(1));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    allowNegative: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      open: { type: 'boolean', default: false },
      'keep-address': { type: 'boolean', default: false },
      demo: { type: 'boolean' },
      'test-automation': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 2;
  }
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir();
  switch (command) {
    case 'start':
      await start({ dataDir, ...(values.demo === undefined ? {} : { demo: values.demo }) });
      return 0;
    case 'serve': {
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, not ${values.port}`);
      await serve({ dataDir, port, open: values.open, keepAddress: values['keep-address'], demo: values.demo ?? false, testAutomation: values['test-automation'] });
      return 0;
    }
    case 'status':
      return callOnce('system.status', { dataDir });
    case 'devices':
      return callOnce('devices.list', { dataDir });
    default:
      process.stderr.write(`Unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`tiepdon: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
