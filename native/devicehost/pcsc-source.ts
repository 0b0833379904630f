/**
 * PC/SC readers as a device source: the real `smartcard` addon behind the
 * native/pcsc monitor. Loaded only inside the device-host process.
 */
import { createRequire } from 'node:module';
import { AppError } from '../../domain/errors.ts';
import { connectCard, ReaderMonitor, type CardSession, type PcscBinding, type RetryPolicy } from '../pcsc/index.ts';
import type { DeviceSource } from './device-source.ts';
import type { HostDevices } from './protocol.ts';

export interface PcscSource extends DeviceSource {
  /** Opens the card in `readerName` for APDU exchange (card reading comes in a later protocol method). */
  connect(readerName: string): Promise<CardSession>;
}

export interface PcscSourceOptions {
  retry?: RetryPolicy;
  log?: (level: 'info' | 'warn', msg: string, fields?: Record<string, unknown>) => void;
  /** Another binding than the `smartcard` addon (tests). */
  binding?: PcscBinding;
}

export function createPcscSource(options: PcscSourceOptions = {}): PcscSource {
  const binding = options.binding ?? loadSmartcard();
  if (binding instanceof Error) return unavailableSource(`PC/SC support could not be loaded: ${binding.message}`);
  const monitor = new ReaderMonitor({
    binding,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    start: (onChange) => monitor.start(() => onChange()),
    snapshot: (): HostDevices => monitor.snapshot(),
    stop: () => monitor.stop(),
    connect: (readerName) => connectCard(binding, readerName),
  };
}

/**
 * Loaded on demand so that a machine without the PC/SC library (libpcsclite) still gets
 * a running device host that says what is wrong, instead of one that crashes on import.
 */
function loadSmartcard(): PcscBinding | Error {
  try {
    const smartcard: typeof import('smartcard') = createRequire(import.meta.url)('smartcard');
    return smartcard;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function unavailableSource(message: string): PcscSource {
  const snapshot: HostDevices = { pcsc: { state: 'unavailable', message }, readers: [] };
  return {
    start: () => {},
    snapshot: () => snapshot,
    stop: async () => {},
    connect: async () => {
      throw new AppError('PCSC_UNAVAILABLE', message);
    },
  };
}
