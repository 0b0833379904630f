/** Entry point of the device-host process: the only place native device addons are loaded. */
import { readChip } from './chip-read.ts';
import { runDeviceHost } from './host.ts';
import { connectToParent } from './parent-port.ts';
import { createPcscSource } from './pcsc-source.ts';
import { createScannerSource } from './scanner-source.ts';

const port = connectToParent();
process.on('uncaughtException', (error) => {
  port.post({ kind: 'log', level: 'error', msg: 'device host crashed', fields: { error: error.message } });
  process.exit(70);
});

const log = (level: 'info' | 'warn', msg: string, fields?: Record<string, unknown>) =>
  port.post({ kind: 'log', level, msg, ...(fields ? { fields } : {}) });

runDeviceHost({
  port,
  sources: { pcsc: createPcscSource(), scanners: createScannerSource({ log }) },
  readChip,
  exit: (code) => process.exit(code),
});
