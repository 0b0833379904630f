/**
 * Messages between the services (parent) and the device host (child process).
 * Both sides validate what they receive: a confused peer is a logged error, not a crash.
 */
import { z } from 'zod';
import { CardAccessInfoSchema, CardFileSchema, CardReadTimingSchema, ChipAccessKeySchema, ChipCheckStatusSchema } from '../../domain/card.ts';
import { ApiErrorSchema } from '../../domain/errors.ts';
import {
  HidDeviceInfoSchema,
  HidScannerSettingsSchema,
  ScannerStatusSchema,
  ScanTransportWarningSchema,
  SerialPortInfoSchema,
  SerialScannerSettingsSchema,
} from '../../domain/scan.ts';

export const HOST_METHODS = ['devices.snapshot', 'host.ping', 'card.read', 'scanners.configure'] as const;
export const HostMethodSchema = z.enum(HOST_METHODS);
export type HostMethod = z.infer<typeof HostMethodSchema>;

export const ParentMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('call'), id: z.number().int(), method: HostMethodSchema, params: z.unknown() }),
  z.object({ kind: z.literal('shutdown') }),
]);
export type ParentMessage = z.infer<typeof ParentMessageSchema>;

export const HostMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), pid: z.number().int() }),
  z.discriminatedUnion('ok', [
    z.object({ kind: z.literal('reply'), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
    z.object({ kind: z.literal('reply'), id: z.number().int(), ok: z.literal(false), error: ApiErrorSchema }),
  ]),
  z.object({ kind: z.literal('event'), name: z.string(), payload: z.unknown() }),
  z.object({ kind: z.literal('log'), level: z.enum(['debug', 'info', 'warn', 'error']), msg: z.string(), fields: z.record(z.string(), z.unknown()).optional() }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

/** The host-side view of a reader snapshot (the services add host state to it). */
export const HostDevicesSchema = z.object({
  pcsc: z.object({ state: z.enum(['available', 'unavailable', 'unknown']), message: z.string().optional() }),
  readers: z.array(z.object({ name: z.string(), cardPresent: z.boolean(), atr: z.string().optional() })),
  serialPorts: z.array(SerialPortInfoSchema).default([]),
  hidDevices: z.array(HidDeviceInfoSchema).default([]),
  scanners: z.array(ScannerStatusSchema).default([]),
});
/** The input side, so a source that knows only readers (PC/SC) can report its part. */
export type HostDevices = z.input<typeof HostDevicesSchema>;

/** The scanners the host runs: the serial and HID part of the scanner settings (the services keep the rest). */
export const HostScannersConfigSchema = z.object({
  serial: z.array(SerialScannerSettingsSchema),
  hid: z.array(HidScannerSettingsSchema),
});
export type HostScannersConfig = z.infer<typeof HostScannersConfigSchema>;

/** The `scan` host event: one scan as a driver framed it. `text` and `bytesHex` are personal data. */
export const HostScanSchema = z.object({
  scannerId: z.string(),
  transport: z.enum(['serial', 'hid-pos', 'hid-keyboard']),
  text: z.string(),
  /** The bytes as received (serial, HID-POS) or the UTF-8 of the text (HID keyboard), upper-case hex. */
  bytesHex: z.string().regex(/^([0-9A-F]{2})*$/),
  byteLength: z.number().int().nonnegative(),
  /** Milliseconds since the epoch when the scan was complete. */
  receivedAt: z.number(),
  warnings: z.array(ScanTransportWarningSchema),
  textMayBeGarbled: z.boolean(),
});
export type HostScan = z.infer<typeof HostScanSchema>;

export const HostCardReadParamsSchema = z.object({
  reader: z.string().min(1).optional(),
  key: ChipAccessKeySchema,
  photo: z.boolean(),
  /** Per-APDU trace in the reply; data bytes only with showData. */
  trace: z.object({ showData: z.boolean() }).optional(),
});
export type HostCardReadParams = z.infer<typeof HostCardReadParamsSchema>;

const ChipCheckSchema = z.object({ status: ChipCheckStatusSchema, detail: z.string().optional() });

export const ApduTraceSchema = z.object({
  header: z.string(),
  commandLength: z.number().int(),
  responseLength: z.number().int().optional(),
  sw: z.string().optional(),
  ms: z.number(),
  command: z.string().optional(),
  response: z.string().optional(),
  error: z.string().optional(),
});

export type HostApduTrace = z.infer<typeof ApduTraceSchema>;

/** The card's files as read (base64), and what only the card could tell: access path, AA and CA outcomes. */
export const HostCardReadSchema = z.object({
  reader: z.string(),
  atr: z.string(),
  access: CardAccessInfoSchema,
  files: z.partialRecord(CardFileSchema, z.base64()),
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  active: ChipCheckSchema,
  chip: ChipCheckSchema,
  timing: CardReadTimingSchema,
  trace: z.array(ApduTraceSchema).optional(),
});
export type HostCardRead = z.infer<typeof HostCardReadSchema>;

/**
 * A running device-host process, whatever launched it: `child_process.fork`
 * in plain Node, `utilityProcess.fork` in Electron.
 */
export interface HostProcess {
  readonly pid: number | undefined;
  send(message: ParentMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(): void;
}

export type HostLauncher = () => HostProcess;
