/**
 * Scans in the API contract.
 *
 * Every source delivers the same `scan` event (ScanEvent): serial and HID
 * scanners through the device host, the keyboard wedge and the camera from the
 * renderer through `scan.submit`. The services parse every scan (scan-kind
 * detection, then the CCCD, BHYT or VietQR parser) and broadcast the event;
 * `scan.submit` also returns it. An event's `kind` says which parser ran;
 * `parsed` holds its typed result, or `error` says why there is none. For
 * `unknown` scans `error.code` is the detection reason (`vneid-app-code`,
 * `unrecognised`, ...) and `error.message` tells the clerk what to do.
 * `needsConfirmation` is set when the parser or the transport doubts the text
 * (heuristic layout, garbled diacritics); the clerk must then check each field.
 * `warnings` lists codes: transport warnings (ScanTransportWarning) and the
 * parser's warning codes (the full warnings are in `parsed.warnings`).
 *
 * The scan text is personal data: it travels in events and answers only,
 * never in logs.
 *
 * Scanner settings (ScannerSettings) are stored by the services and pushed to
 * the device host; `settings.scanners.set` validates them and applies them
 * without restart. Scanner ids: serial and HID scanners have the id of their
 * settings entry (by default `serial:<path>` and `hid:<vendor>:<product>` in
 * hex); the renderer sources are `keyboard-wedge` and `camera`. `scan.test`
 * waits for the next scan of one scanner and returns it with its bytes in hex.
 */
import { z } from 'zod';
import { IDENTITY_ERROR_CODES, MAX_SCAN_LENGTH, type BhytQr, type CccdQr, type UnknownScanReason } from './identity/index.ts';
import { VIETQR_ERROR_CODES, type VietQr } from './payment/index.ts';

// ── Sources ─────────────────────────────────────────────────────────────────

export const SCAN_SOURCE_KINDS = ['serial', 'hid-pos', 'hid-keyboard', 'keyboard-wedge', 'camera'] as const;
export const ScanSourceKindSchema = z.enum(SCAN_SOURCE_KINDS);
export type ScanSourceKind = z.infer<typeof ScanSourceKindSchema>;

/** The sources that live in the renderer and hand their text to `scan.submit`. */
export const RendererScanSourceSchema = z.enum(['keyboard-wedge', 'camera']);
export type RendererScanSource = z.infer<typeof RendererScanSourceSchema>;

export const ScanSourceSchema = z.object({
  kind: ScanSourceKindSchema,
  /** The configured scanner (device-host sources); renderer sources use their kind as id. */
  scannerId: z.string().optional(),
});
export type ScanSource = z.infer<typeof ScanSourceSchema>;

/** What the transport noticed about the text, before any parsing. */
export const SCAN_TRANSPORT_WARNINGS = [
  /** Bytes invalid in the configured encoding; they became U+FFFD. */
  'malformed-encoding',
  /** HID keyboard mode: the layout cannot type Vietnamese letters, so diacritics may be missing. */
  'layout-cannot-type-vietnamese',
  /** HID keyboard mode: keys outside the layout were pressed and skipped. */
  'unmapped-keys',
  /** HID-POS: the QR uses ECI, so the text carries AIM escape sequences. */
  'eci-escapes',
  /** Keyboard wedge: a Vietnamese input method (Telex, VNI) seems to have rewritten the keys. */
  'ime-garbled',
] as const;
export const ScanTransportWarningSchema = z.enum(SCAN_TRANSPORT_WARNINGS);
export type ScanTransportWarning = z.infer<typeof ScanTransportWarningSchema>;

// ── The scan event ──────────────────────────────────────────────────────────

export const SCAN_KINDS = ['cccd', 'bhyt', 'vietqr', 'unknown'] as const;
export const ScanKindSchema = z.enum(SCAN_KINDS);

export const UNKNOWN_SCAN_REASONS = [
  'empty',
  'too-long',
  'several-scans',
  'vneid-app-code',
  'covid-personal-qr',
  'other-payment-qr',
  'unrecognised',
] as const satisfies readonly UnknownScanReason[];
// Fails to compile when scan-kind.ts gains a reason this list lacks.
const allUnknownReasons: Exclude<UnknownScanReason, (typeof UNKNOWN_SCAN_REASONS)[number]> extends never ? true : false = true;
void allUnknownReasons;

/** Identity parser codes (EMPTY_INPUT, FIELD_INVALID...), VietQR parser codes (CRC_MISMATCH...), or an unknown scan's reason. */
export const SCAN_ERROR_CODES = [...IDENTITY_ERROR_CODES, ...VIETQR_ERROR_CODES, ...UNKNOWN_SCAN_REASONS] as const;
export const ScanErrorCodeSchema = z.enum(SCAN_ERROR_CODES);
export type ScanErrorCode = z.infer<typeof ScanErrorCodeSchema>;

export const ScanErrorSchema = z.object({
  code: ScanErrorCodeSchema,
  /** English, for logs and IT staff; holds no personal data. The renderer words its own text from code and field. */
  message: z.string(),
  /** The result field concerned (identity field name, or the dotted VietQR field). */
  field: z.string().optional(),
  /** What the field should have been. */
  expected: z.string().optional(),
});
export type ScanError = z.infer<typeof ScanErrorSchema>;

/**
 * The parsers' results are checked only for their shape's anchor here: full
 * zod schemas would duplicate domain/identity and domain/payment field by
 * field, and the services build them with those very parsers. The types come
 * from the parsers.
 */
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const CccdQrSchema = z.custom<CccdQr>((v) => isRecord(v) && typeof v['idNumber'] === 'string' && typeof v['fullName'] === 'string');
const BhytQrSchema = z.custom<BhytQr>((v) => isRecord(v) && typeof v['socialInsuranceNumber'] === 'string' && typeof v['fullName'] === 'string');
const VietQrSchema = z.custom<VietQr>((v) => isRecord(v) && typeof v['bankBin'] === 'string' && typeof v['account'] === 'string');

const ScanBaseSchema = z.object({
  id: z.string().min(1),
  source: ScanSourceSchema,
  /** The text as the source delivered it (NFC-normalised by the source). Personal data. */
  raw: z.string(),
  error: ScanErrorSchema.optional(),
  needsConfirmation: z.boolean(),
  warnings: z.array(z.string()),
  receivedAt: z.iso.datetime({ offset: true }),
});

/** One scan from any source, parsed. Narrow on `kind` to get the type of `parsed`. */
export const ScanEventSchema = z.discriminatedUnion('kind', [
  ScanBaseSchema.extend({ kind: z.literal('cccd'), parsed: CccdQrSchema.optional() }),
  ScanBaseSchema.extend({ kind: z.literal('bhyt'), parsed: BhytQrSchema.optional() }),
  ScanBaseSchema.extend({ kind: z.literal('vietqr'), parsed: VietQrSchema.optional() }),
  ScanBaseSchema.extend({ kind: z.literal('unknown') }),
]);
export type ScanEvent = z.infer<typeof ScanEventSchema>;
export type ScanEventKind = ScanEvent['kind'];

/** Longer than any QR code holds; detection still reports `too-long` for text between MAX_SCAN_LENGTH and this. */
export const MAX_SUBMITTED_SCAN_LENGTH = 2 * MAX_SCAN_LENGTH;

export const ScanSubmitInputSchema = z
  .object({
    source: RendererScanSourceSchema,
    raw: z.string().max(MAX_SUBMITTED_SCAN_LENGTH),
    /** What the renderer source noticed, e.g. `ime-garbled`; any of them asks the clerk to confirm. */
    warnings: z.array(ScanTransportWarningSchema).max(SCAN_TRANSPORT_WARNINGS.length).optional(),
  })
  .strict();
export type ScanSubmitInput = z.input<typeof ScanSubmitInputSchema>;

export const ScanTestInputSchema = z
  .object({
    scannerId: z.string().min(1).max(200),
    /** How long to wait for the scan. */
    timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  })
  .strict();
export type ScanTestInput = z.input<typeof ScanTestInputSchema>;

export const ScanTestResultSchema = z.object({
  event: ScanEventSchema,
  /** The scan's bytes as received, upper-case hex, terminator excluded: serial and HID-POS as sent; keyboard sources as UTF-8 of the text. */
  rawHex: z.string().regex(/^([0-9A-F]{2})*$/),
  byteLength: z.number().int().nonnegative(),
});
export type ScanTestResult = z.infer<typeof ScanTestResultSchema>;

// ── Scanner settings ────────────────────────────────────────────────────────

export const COMMON_BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400] as const;
export const SERIAL_TERMINATORS = ['cr', 'lf', 'crlf', 'none'] as const;
export type SerialTerminator = (typeof SERIAL_TERMINATORS)[number];
/**
 * Encodings a scanner may be set to. `latin1` decodes as windows-1252, as the
 * WHATWG Encoding Standard defines that label.
 */
export const SCANNER_ENCODINGS = ['utf-8', 'latin1', 'windows-1258'] as const;
export type ScannerEncoding = (typeof SCANNER_ENCODINGS)[number];
/** A QR code holds at most 7089 digits; anything longer is noise or a stuck device. */
export const DEFAULT_MAX_FRAME_BYTES = 8192;
/** Used when the terminator is `none` and no gap is given; 9600 baud sends a byte about every 1 ms. */
export const DEFAULT_IDLE_GAP_MS = 100;

/**
 * The port settings of one serial scanner (USB-CDC or RS-232). Defaults match
 * what scanners ship with: 9600 baud, 8N1, CR after each scan.
 */
export const SerialPortSettingsSchema = z
  .object({
    /** `/dev/ttyACM0`, `/dev/ttyUSB0`, `COM3`... */
    path: z.string().trim().min(1),
    baudRate: z.literal(COMMON_BAUD_RATES).default(9600),
    dataBits: z.literal([7, 8]).default(8),
    parity: z.enum(['none', 'even', 'odd']).default('none'),
    stopBits: z.literal([1, 2]).default(1),
    terminator: z.enum(SERIAL_TERMINATORS).default('cr'),
    /** Silence that ends a scan: needed without a terminator (DEFAULT_IDLE_GAP_MS then), optional with one. */
    idleGapMs: z.number().int().min(10).max(5000).optional(),
    encoding: z.enum(SCANNER_ENCODINGS).default('utf-8'),
    maxFrameBytes: z.number().int().min(64).max(65536).default(DEFAULT_MAX_FRAME_BYTES),
  })
  .strict();

const ScannerIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/\\-]{0,127}$/, 'letters, digits and . _ : / \\ - (up to 128)');
const ScannerLabelSchema = z.string().trim().max(80);

export const SerialScannerSettingsSchema = SerialPortSettingsSchema.extend({
  /** Defaults to `serial:<path>`. */
  id: ScannerIdSchema.optional(),
  /** What IT staff call it ("Quầy 2"). */
  label: ScannerLabelSchema.optional(),
  enabled: z.boolean().default(true),
})
  .strict()
  .transform((s) => ({ ...s, id: s.id ?? `serial:${s.path}` }));
export type SerialScannerSettings = z.output<typeof SerialScannerSettingsSchema>;

/** A USB ID as a number or as hex (`0c2e`, `0x0C2E`). */
export const UsbIdSchema = z.union([
  z.number().int().min(0).max(0xffff),
  z
    .string()
    .regex(/^(0x)?[0-9a-f]{1,4}$/i, 'a USB ID as 1-4 hex digits')
    .transform((hex) => parseInt(hex.replace(/^0x/i, ''), 16)),
]);

export const HID_KEYBOARD_LAYOUTS = ['us', 'de'] as const;
export const HidScannerModeSchema = z.enum(['hid-pos', 'hid-keyboard']);

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export const HidScannerSettingsSchema = z
  .object({
    /** Defaults to `hid:<vendor>:<product>` in 4-digit hex (`hid:0c2e:*` without a product). */
    id: ScannerIdSchema.optional(),
    label: ScannerLabelSchema.optional(),
    enabled: z.boolean().default(true),
    vendorId: UsbIdSchema,
    productId: UsbIdSchema.optional(),
    /** For platforms that do not report the usage page, or to pick one interface of a composite device. */
    mode: HidScannerModeSchema.optional(),
    interface: z.number().int().min(0).max(255).optional(),
    serialNumber: z.string().min(1).optional(),
    /** Keyboard mode: the layout the scanner is set to type in. */
    layout: z.enum(HID_KEYBOARD_LAYOUTS).default('us'),
    /** Keyboard mode: silence that ends a scan, for scanners set to send no Enter or Tab. */
    idleGapMs: z.number().int().min(10).max(5000).optional(),
  })
  .strict()
  .transform((s) => ({ ...s, id: s.id ?? `hid:${hex4(s.vendorId)}:${s.productId === undefined ? '*' : hex4(s.productId)}` }));
export type HidScannerSettings = z.output<typeof HidScannerSettingsSchema>;

/** The renderer's global capture of scanner bursts typed as keys. */
export const KeyboardWedgeSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** A burst is keys at most this far apart; people type slower. */
    maxInterKeyGapMs: z.number().int().min(5).max(200).default(35),
    /** Shorter bursts are left to the focused field. */
    minLength: z.number().int().min(2).max(1000).default(10),
    /** What the scanner sends after a scan; `none` ends a burst at the first longer gap. */
    terminator: z.enum(['enter', 'tab', 'none']).default('enter'),
  })
  .strict();
export type KeyboardWedgeSettings = z.output<typeof KeyboardWedgeSettingsSchema>;

export const CameraScannerSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** The browser's MediaDeviceInfo.deviceId of the chosen webcam; the default camera when absent. */
    deviceId: z.string().max(512).optional(),
  })
  .strict();
export type CameraScannerSettings = z.output<typeof CameraScannerSettingsSchema>;

export const ScannerSettingsSchema = z
  .object({
    serial: z.array(SerialScannerSettingsSchema).max(16).default([]),
    hid: z.array(HidScannerSettingsSchema).max(16).default([]),
    keyboardWedge: KeyboardWedgeSettingsSchema.default(KeyboardWedgeSettingsSchema.parse({})),
    camera: CameraScannerSettingsSchema.default(CameraScannerSettingsSchema.parse({})),
  })
  .strict()
  .superRefine((settings, ctx) => {
    const seen = new Set<string>(['keyboard-wedge', 'camera']);
    const check = (list: 'serial' | 'hid', index: number, id: string) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: [list, index, 'id'], message: `scanner id "${id}" is used twice`, params: { rule: 'duplicate' } });
      seen.add(id);
    };
    settings.serial.forEach((s, i) => check('serial', i, s.id));
    settings.hid.forEach((s, i) => check('hid', i, s.id));
    const paths = new Set<string>();
    settings.serial.forEach((s, i) => {
      if (paths.has(s.path)) ctx.addIssue({ code: 'custom', path: ['serial', i, 'path'], message: `port ${s.path} is configured twice`, params: { rule: 'duplicate' } });
      paths.add(s.path);
    });
  });
export type ScannerSettingsInput = z.input<typeof ScannerSettingsSchema>;
export type ScannerSettings = z.output<typeof ScannerSettingsSchema>;
export const DEFAULT_SCANNER_SETTINGS: ScannerSettings = ScannerSettingsSchema.parse({});

// ── What the device host sees ───────────────────────────────────────────────

export const SerialPortInfoSchema = z.object({
  path: z.string(),
  manufacturer: z.string().optional(),
  /** USB IDs as 4-digit lower-case hex, as the system reports them. */
  vendorId: z.string().optional(),
  productId: z.string().optional(),
  serialNumber: z.string().optional(),
});
export type SerialPortInfo = z.infer<typeof SerialPortInfoSchema>;

export const HidDeviceInfoSchema = z.object({
  vendorId: z.number().int(),
  productId: z.number().int(),
  product: z.string().optional(),
  manufacturer: z.string().optional(),
  usagePage: z.number().int().optional(),
  usage: z.number().int().optional(),
  interface: z.number().int().optional(),
  path: z.string().optional(),
});
export type HidDeviceInfo = z.infer<typeof HidDeviceInfoSchema>;

export const ScannerStatusSchema = z.object({
  id: z.string(),
  /** `hid` while a HID scanner's device (and so its mode) is not found yet. */
  kind: z.enum(['serial', 'hid-pos', 'hid-keyboard', 'hid']),
  state: z.enum(['connected', 'disconnected', 'error']),
  /** Why it is not connected, in English for IT staff (the system's message where there is one). */
  message: z.string().optional(),
});
export type ScannerStatus = z.infer<typeof ScannerStatusSchema>;
