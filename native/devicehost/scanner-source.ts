/**
 * Serial and HID scanners as a device source: runs the scanners the settings
 * name, lists the serial ports and HID devices the system offers, and reports
 * each scan and each change of a scanner's state. serialport and node-hid are
 * loaded on demand, so a machine without either still runs the device host.
 * Scan text is personal data: it leaves only in `onScan`, never in a log.
 */
import { createRequire } from 'node:module';
import type { HidScannerSettings, ScannerStatus, SerialPortInfo, SerialScannerSettings } from '../../domain/scan.ts';
import type { HidDeviceInfo as HidListing } from '../../domain/scan.ts';
import {
  HidScanner,
  KEYBOARD_LAYOUTS,
  selectHidScanners,
  SerialScanner,
  SerialScannerConfigSchema,
  systemTimers,
  type HidDeviceInfo,
  type HidDeviceLike,
  type HidKeyboardScan,
  type HidPosScan,
  type SerialPortFactory,
  type SerialScan,
  type Timers,
} from '../scanner/index.ts';
import type { BackoffPolicy } from '../scanner/backoff.ts';
import type { HostScan, HostScannersConfig } from './protocol.ts';

/** What the source needs of serialport. */
export interface SerialBinding {
  open: SerialPortFactory;
  list(): Promise<readonly SerialListing[]>;
}

/** serialport's PortInfo, the fields this source reads. */
export interface SerialListing {
  path: string;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  vendorId?: string | undefined;
  productId?: string | undefined;
}

/** What the source needs of node-hid. */
export interface HidBinding {
  devices(): readonly (HidDeviceInfo & { manufacturer?: string | undefined })[];
  open(path: string): HidDeviceLike;
}

export interface ScannerDevices {
  serialPorts: SerialPortInfo[];
  hidDevices: HidListing[];
  scanners: ScannerStatus[];
}

export interface ScannerSourceHandlers {
  onChange(): void;
  onScan(scan: HostScan): void;
}

type LogFn = (level: 'info' | 'warn', msg: string, fields?: Record<string, unknown>) => void;

export interface ScannerSourceOptions {
  /** Another binding than serialport (tests), or the error that kept it from loading. */
  serial?: SerialBinding | Error;
  hid?: HidBinding | Error;
  /** How often ports and HID devices are listed again (hot-plug), and absent HID scanners looked for. */
  pollMs?: number;
  backoff?: BackoffPolicy;
  timers?: Timers;
  log?: LogFn;
}

export interface ScannerSource {
  start(handlers: ScannerSourceHandlers): void;
  /** Runs exactly these scanners: changed ones restart, removed ones stop, unchanged ones keep running. */
  configure(config: HostScannersConfig): Promise<void>;
  /** Lists ports and HID devices now rather than at the next poll. */
  refresh(): Promise<void>;
  snapshot(): ScannerDevices;
  stop(): Promise<void>;
}

const DEFAULT_POLL_MS = 2_000;

interface Running {
  /** The settings it runs with, as JSON, to tell a changed entry from an unchanged one. */
  readonly key: string;
  status: ScannerStatus;
  stop(): Promise<void>;
}

interface HidEntry extends Running {
  readonly settings: HidScannerSettings;
  scanner: HidScanner | undefined;
}

export function createScannerSource(options: ScannerSourceOptions = {}): ScannerSource {
  const serial = options.serial ?? loadSerialport();
  const hid = options.hid ?? loadNodeHid();
  const timers = options.timers ?? systemTimers;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const log: LogFn = options.log ?? (() => {});

  let handlers: ScannerSourceHandlers | undefined;
  const running = new Map<string, Running>();
  let serialPorts: SerialPortInfo[] = [];
  let hidDevices: HidListing[] = [];
  let rawHidDevices: readonly HidDeviceInfo[] = [];
  let pollTimer: unknown;
  let stopped = false;
  let listing: Promise<void> | undefined;
  /** Configurations apply one after another, so the last one sent is the one that runs. */
  let configuring: Promise<void> = Promise.resolve();

  const changed = () => handlers?.onChange();
  const setStatus = (entry: Running, status: Omit<ScannerStatus, 'id'>) => {
    const next: ScannerStatus = { id: entry.status.id, ...status };
    if (JSON.stringify(next) === JSON.stringify(entry.status)) return;
    entry.status = next;
    changed();
  };

  function startSerial(settings: SerialScannerSettings): Running {
    const id = settings.id;
    const key = JSON.stringify(settings);
    if (!settings.enabled) return idle(id, key, 'serial', 'disabled');
    if (serial instanceof Error) return failed(id, key, 'serial', `serial support could not be loaded: ${serial.message}`);
    const config = SerialScannerConfigSchema.parse({
      path: settings.path,
      baudRate: settings.baudRate,
      dataBits: settings.dataBits,
      parity: settings.parity,
      stopBits: settings.stopBits,
      terminator: settings.terminator,
      encoding: settings.encoding,
      maxFrameBytes: settings.maxFrameBytes,
      ...(settings.idleGapMs === undefined ? {} : { idleGapMs: settings.idleGapMs }),
    });
    const scanner = new SerialScanner({
      config,
      openPort: serial.open,
      sourceId: id,
      timers,
      ...(options.backoff ? { backoff: options.backoff } : {}),
    });
    const entry: Running = {
      key,
      status: { id, kind: 'serial', state: 'disconnected', message: 'opening the port' },
      stop: () => scanner.stop(),
    };
    scanner.on('scan', (scan) => handlers?.onScan(fromSerial(scan)));
    scanner.on('state', (event) => {
      if (event.kind === 'connected') setStatus(entry, { kind: 'serial', state: 'connected' });
      else if (event.kind === 'disconnected') setStatus(entry, { kind: 'serial', state: 'disconnected', message: `port ${event.reason}` });
      else setStatus(entry, { kind: 'serial', state: 'disconnected', message: `reconnecting${event.cause ? `: ${event.cause}` : ''}` });
    });
    scanner.on('problem', (problem) => {
      if (problem.kind === 'frame-overflow') log('warn', 'scan longer than the frame limit dropped', { scanner: id, limit: problem.limit });
      else log('warn', 'serial port error', { scanner: id, error: problem.message });
    });
    scanner.start();
    return entry;
  }

  function startHid(settings: HidScannerSettings): Running {
    const id = settings.id;
    const key = JSON.stringify(settings);
    if (!settings.enabled) return idle(id, key, settings.mode ?? 'hid', 'disabled');
    if (hid instanceof Error) return failed(id, key, settings.mode ?? 'hid', `HID support could not be loaded: ${hid.message}`);
    const entry: HidEntry = {
      key,
      settings,
      scanner: undefined,
      status: { id, kind: settings.mode ?? 'hid', state: 'disconnected', message: 'device not found' },
      stop: async () => {
        entry.scanner?.stop();
        entry.scanner = undefined;
      },
    };
    attachHid(entry, hid);
    return entry;
  }

  /** Opens the first device that matches, when none is open. */
  function attachHid(entry: HidEntry, binding: HidBinding): void {
    if (entry.scanner?.isOpen) return;
    const { settings } = entry;
    const filter = {
      vendorId: settings.vendorId,
      ...(settings.productId === undefined ? {} : { productId: settings.productId }),
      ...(settings.mode === undefined ? {} : { mode: settings.mode }),
      ...(settings.interface === undefined ? {} : { interface: settings.interface }),
      ...(settings.serialNumber === undefined ? {} : { serialNumber: settings.serialNumber }),
    };
    const [selected] = selectHidScanners(rawHidDevices, [filter]);
    if (!selected?.device.path) return;
    let device: HidDeviceLike;
    try {
      device = binding.open(selected.device.path);
    } catch (error) {
      setStatus(entry, { kind: selected.mode, state: 'error', message: `cannot open the device: ${messageOf(error)}` });
      return;
    }
    const layout = KEYBOARD_LAYOUTS.find((candidate) => candidate.id === settings.layout);
    const scanner = new HidScanner({
      device,
      mode: selected.mode,
      sourceId: settings.id,
      timers,
      keyboard: { ...(layout ? { layout } : {}), ...(settings.idleGapMs === undefined ? {} : { idleGapMs: settings.idleGapMs }) },
    });
    entry.scanner = scanner;
    scanner.on('scan', (scan) => handlers?.onScan(fromHid(scan)));
    scanner.on('problem', (problem) => log('warn', 'HID scanner problem', { scanner: settings.id, problem: problem.kind }));
    scanner.on('closed', ({ reason, message }) => {
      if (entry.scanner === scanner) entry.scanner = undefined;
      if (reason === 'device-error') setStatus(entry, { kind: selected.mode, state: 'disconnected', message: message ?? 'device gone' });
    });
    setStatus(entry, { kind: selected.mode, state: 'connected' });
  }

  async function listDevices(): Promise<void> {
    const ports = serial instanceof Error ? [] : await serial.list().catch((error: unknown) => {
      log('warn', 'listing serial ports failed', { error: messageOf(error) });
      return [];
    });
    let devices: readonly (HidDeviceInfo & { manufacturer?: string | undefined })[] = [];
    if (!(hid instanceof Error)) {
      try {
        devices = hid.devices();
      } catch (error) {
        log('warn', 'listing HID devices failed', { error: messageOf(error) });
      }
    }
    if (stopped) return;
    const nextPorts = ports.map(toPortInfo);
    const nextHid = devices.map(toHidListing);
    rawHidDevices = devices;
    const before = JSON.stringify([serialPorts, hidDevices]);
    serialPorts = nextPorts;
    hidDevices = nextHid;
    if (!(hid instanceof Error)) {
      for (const entry of running.values()) if ('settings' in entry) attachHid(entry as HidEntry, hid);
    }
    if (JSON.stringify([serialPorts, hidDevices]) !== before) changed();
  }

  /** One listing at a time: a poll and a `devices.snapshot` call share it. */
  function refresh(): Promise<void> {
    listing ??= listDevices().finally(() => {
      listing = undefined;
    });
    return listing;
  }

  function schedulePoll(): void {
    if (stopped) return;
    pollTimer = timers.setTimeout(() => {
      void refresh().finally(schedulePoll);
    }, pollMs);
  }

  return {
    start(next) {
      handlers = next;
      void refresh();
      schedulePoll();
    },

    configure(config) {
      const applying = configuring.then(() => apply(config));
      configuring = applying.catch(() => undefined);
      return applying;
    },

    refresh,

    snapshot: () => ({ serialPorts, hidDevices, scanners: [...running.values()].map((entry) => entry.status) }),

    async stop() {
      stopped = true;
      if (pollTimer !== undefined) timers.clearTimeout(pollTimer);
      await configuring;
      const entries = [...running.values()];
      running.clear();
      await Promise.all(entries.map((entry) => entry.stop()));
    },
  };

  async function apply(config: HostScannersConfig): Promise<void> {
    if (stopped) return;
    const wanted = new Map<string, { key: string; start: () => Running }>();
    for (const settings of config.serial) wanted.set(settings.id, { key: JSON.stringify(settings), start: () => startSerial(settings) });
    for (const settings of config.hid) wanted.set(settings.id, { key: JSON.stringify(settings), start: () => startHid(settings) });
    const stopping: Promise<void>[] = [];
    for (const [id, entry] of running) {
      if (wanted.get(id)?.key === entry.key) continue;
      running.delete(id);
      stopping.push(entry.stop());
    }
    // A restarted serial scanner reopens the same port: the old one must have let go of it first.
    await Promise.all(stopping);
    for (const [id, { start }] of wanted) if (!running.has(id)) running.set(id, start());
    changed();
  }
}

function idle(id: string, key: string, kind: ScannerStatus['kind'], message: string): Running {
  return { key, status: { id, kind, state: 'disconnected', message }, stop: async () => {} };
}

function failed(id: string, key: string, kind: ScannerStatus['kind'], message: string): Running {
  return { key, status: { id, kind, state: 'error', message }, stop: async () => {} };
}

function fromSerial(scan: SerialScan): HostScan {
  return {
    scannerId: scan.sourceId,
    transport: 'serial',
    text: scan.text,
    bytesHex: toHex(scan.bytes),
    byteLength: scan.byteLength,
    receivedAt: scan.receivedAt,
    warnings: scan.warnings,
    textMayBeGarbled: scan.textMayBeGarbled,
  };
}

function fromHid(scan: HidPosScan | HidKeyboardScan): HostScan {
  const bytes = scan.transport === 'hid-pos' ? scan.bytes : new TextEncoder().encode(scan.text);
  return {
    scannerId: scan.sourceId,
    transport: scan.transport,
    text: scan.text,
    bytesHex: toHex(bytes),
    byteLength: bytes.length,
    receivedAt: scan.receivedAt,
    warnings: scan.warnings,
    textMayBeGarbled: scan.textMayBeGarbled,
  };
}

function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}

function toPortInfo(port: SerialListing): SerialPortInfo {
  return {
    path: port.path,
    ...(port.manufacturer ? { manufacturer: port.manufacturer } : {}),
    ...(port.vendorId ? { vendorId: port.vendorId.toLowerCase() } : {}),
    ...(port.productId ? { productId: port.productId.toLowerCase() } : {}),
    ...(port.serialNumber ? { serialNumber: port.serialNumber } : {}),
  };
}

function toHidListing(device: HidDeviceInfo & { manufacturer?: string | undefined }): HidListing {
  return {
    vendorId: device.vendorId,
    productId: device.productId,
    ...(device.product ? { product: device.product } : {}),
    ...(device.manufacturer ? { manufacturer: device.manufacturer } : {}),
    ...(device.usagePage === undefined ? {} : { usagePage: device.usagePage }),
    ...(device.usage === undefined ? {} : { usage: device.usage }),
    interface: device.interface,
    ...(device.path ? { path: device.path } : {}),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Loaded on demand: a missing or broken addon makes serial scanners report an error, not the host crash. */
function loadSerialport(): SerialBinding | Error {
  try {
    const { SerialPort }: typeof import('serialport') = createRequire(import.meta.url)('serialport');
    return {
      open: (openOptions) => new SerialPort(openOptions),
      list: () => SerialPort.list(),
    };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function loadNodeHid(): HidBinding | Error {
  try {
    const nodeHid: typeof import('node-hid') = createRequire(import.meta.url)('node-hid');
    return {
      devices: () =>
        nodeHid.devices().map((device) => ({
          vendorId: device.vendorId,
          productId: device.productId,
          path: device.path,
          interface: device.interface,
          usagePage: device.usagePage,
          usage: device.usage,
          product: device.product,
          manufacturer: device.manufacturer,
          serialNumber: device.serialNumber,
        })),
      open: (path) => new nodeHid.HID(path),
    };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
