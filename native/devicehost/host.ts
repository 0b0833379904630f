/**
 * The device host's message loop: answers calls from the services and streams
 * device changes. Owns every device source; knows nothing of how it was started.
 */
import { AppError, isAppError } from '../../domain/errors.ts';
import { createCardReading, type ChipReader } from './card-reading.ts';
import type { PcscSource } from './pcsc-source.ts';
import {
  HostCardReadParamsSchema,
  HostScannersConfigSchema,
  ParentMessageSchema,
  type HostDevices,
  type HostMethod,
} from './protocol.ts';
import type { ParentPort } from './parent-port.ts';
import type { ScannerSource } from './scanner-source.ts';

export interface DeviceHostOptions {
  port: ParentPort;
  sources: { pcsc: PcscSource; scanners?: ScannerSource };
  readChip: ChipReader;
  exit: (code: number) => void;
}

export function runDeviceHost({ port, sources, readChip, exit }: DeviceHostOptions): void {
  const snapshot = (): HostDevices => ({ ...sources.pcsc.snapshot(), ...sources.scanners?.snapshot() });
  const emitDevices = () => port.post({ kind: 'event', name: 'devices.changed', payload: snapshot() });
  const readCard = createCardReading({
    snapshot,
    connect: (reader) => sources.pcsc.connect(reader),
    readChip,
    onProgress: (progress) => port.post({ kind: 'event', name: 'card.progress', payload: progress }),
  });

  const handlers: Record<HostMethod, (params: unknown) => unknown> = {
    'devices.snapshot': async () => {
      await sources.scanners?.refresh();
      return snapshot();
    },
    'scanners.configure': async (params) => {
      if (!sources.scanners) throw new AppError('DEVICES_UNAVAILABLE', 'This device host runs no scanners');
      await sources.scanners.configure(HostScannersConfigSchema.parse(params));
      return snapshot();
    },
    'host.ping': () => ({ pid: process.pid }),
    'card.read': (params) => readCard(HostCardReadParamsSchema.parse(params)),
  };

  port.onMessage(async (raw) => {
    const parsed = ParentMessageSchema.safeParse(raw);
    if (!parsed.success) {
      port.post({ kind: 'log', level: 'warn', msg: 'device host dropped a malformed message' });
      return;
    }
    const message = parsed.data;
    if (message.kind === 'shutdown') {
      await Promise.all([sources.pcsc.stop(), sources.scanners?.stop()].map((stopping) => stopping?.catch(() => undefined)));
      exit(0);
      return;
    }
    try {
      const value = await handlers[message.method](message.params);
      port.post({ kind: 'reply', id: message.id, ok: true, value });
    } catch (error) {
      const apiError = isAppError(error)
        ? error.toApiError()
        : new AppError('INTERNAL', error instanceof Error ? error.message : String(error)).toApiError();
      port.post({ kind: 'reply', id: message.id, ok: false, error: apiError });
    }
  });

  // Ready first: a source may report its devices synchronously on start.
  port.post({ kind: 'ready', pid: process.pid });
  sources.pcsc.start(emitDevices);
  sources.scanners?.start({
    onChange: emitDevices,
    onScan: (scan) => port.post({ kind: 'event', name: 'scan', payload: scan }),
  });
  emitDevices();
}
