/**
 * The scanner settings as the form edits them: every typed value kept as text,
 * so IT staff can type anything and the services say what is wrong with it.
 */
import type { TFunction } from 'i18next';
import type { ScannerSettings, ScannerSettingsInput, SerialTerminator } from '../../../domain/scan.ts';
import { isKnownRule, type FieldRule } from '../i18n/messages.ts';

export interface SerialForm {
  id: string;
  label: string;
  enabled: boolean;
  path: string;
  baudRate: string;
  dataBits: string;
  parity: 'none' | 'even' | 'odd';
  stopBits: string;
  terminator: SerialTerminator;
  idleGapMs: string;
  encoding: 'utf-8' | 'latin1' | 'windows-1258';
  maxFrameBytes: string;
}

export interface HidForm {
  id: string;
  label: string;
  enabled: boolean;
  vendorId: string;
  productId: string;
  mode: 'auto' | 'hid-pos' | 'hid-keyboard';
  interface: string;
  serialNumber: string;
  layout: 'us' | 'de';
  idleGapMs: string;
}

export interface SettingsForm {
  serial: SerialForm[];
  hid: HidForm[];
  keyboardWedge: { enabled: boolean; maxInterKeyGapMs: string; minLength: string; terminator: 'enter' | 'tab' | 'none' };
  camera: { enabled: boolean; deviceId: string };
}

export const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
const text = (n: number | undefined): string => (n === undefined ? '' : String(n));

export function newSerialForm(path = ''): SerialForm {
  return {
    id: '',
    label: '',
    enabled: true,
    path,
    baudRate: '9600',
    dataBits: '8',
    parity: 'none',
    stopBits: '1',
    terminator: 'cr',
    idleGapMs: '',
    encoding: 'utf-8',
    maxFrameBytes: '',
  };
}

export function newHidForm(vendorId = '', productId = ''): HidForm {
  return { id: '', label: '', enabled: true, vendorId, productId, mode: 'auto', interface: '', serialNumber: '', layout: 'us', idleGapMs: '' };
}

export function toForm(settings: ScannerSettings): SettingsForm {
  return {
    serial: settings.serial.map((s) => ({
      // The default id follows the path; only a chosen one is shown.
      id: s.id === `serial:${s.path}` ? '' : s.id,
      label: s.label ?? '',
      enabled: s.enabled,
      path: s.path,
      baudRate: String(s.baudRate),
      dataBits: String(s.dataBits),
      parity: s.parity,
      stopBits: String(s.stopBits),
      terminator: s.terminator,
      idleGapMs: text(s.idleGapMs),
      encoding: s.encoding,
      maxFrameBytes: String(s.maxFrameBytes),
    })),
    hid: settings.hid.map((h) => {
      const defaultId = `hid:${hex4(h.vendorId)}:${h.productId === undefined ? '*' : hex4(h.productId)}`;
      return {
        id: h.id === defaultId ? '' : h.id,
        label: h.label ?? '',
        enabled: h.enabled,
        vendorId: hex4(h.vendorId),
        productId: h.productId === undefined ? '' : hex4(h.productId),
        mode: h.mode ?? 'auto',
        interface: text(h.interface),
        serialNumber: h.serialNumber ?? '',
        layout: h.layout,
        idleGapMs: text(h.idleGapMs),
      };
    }),
    keyboardWedge: {
      enabled: settings.keyboardWedge.enabled,
      maxInterKeyGapMs: String(settings.keyboardWedge.maxInterKeyGapMs),
      minLength: String(settings.keyboardWedge.minLength),
      terminator: settings.keyboardWedge.terminator,
    },
    camera: { enabled: settings.camera.enabled, deviceId: settings.camera.deviceId ?? '' },
  };
}

/** A number as typed; a blank leaves the setting to its default. Not-a-number goes as NaN, which the services refuse by name. */
function number(value: string): number | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * What settings.scanners.set receives. The values are as typed: the services
 * check them with the contract's schema and name each one they refuse, so the
 * literal types (baud rates, bit counts) are asserted here, not checked twice.
 */
export function toInput(form: SettingsForm): ScannerSettingsInput {
  const input = {
    serial: form.serial.map((s) => ({
      ...optional('id', s.id.trim()),
      ...optional('label', s.label.trim()),
      enabled: s.enabled,
      path: s.path,
      baudRate: number(s.baudRate),
      dataBits: number(s.dataBits),
      parity: s.parity,
      stopBits: number(s.stopBits),
      terminator: s.terminator,
      ...optional('idleGapMs', number(s.idleGapMs)),
      encoding: s.encoding,
      ...optional('maxFrameBytes', number(s.maxFrameBytes)),
    })),
    hid: form.hid.map((h) => ({
      ...optional('id', h.id.trim()),
      ...optional('label', h.label.trim()),
      enabled: h.enabled,
      vendorId: h.vendorId.trim(),
      ...optional('productId', h.productId.trim()),
      ...(h.mode === 'auto' ? {} : { mode: h.mode }),
      ...optional('interface', number(h.interface)),
      ...optional('serialNumber', h.serialNumber.trim()),
      layout: h.layout,
      ...optional('idleGapMs', number(h.idleGapMs)),
    })),
    keyboardWedge: {
      enabled: form.keyboardWedge.enabled,
      ...optional('maxInterKeyGapMs', number(form.keyboardWedge.maxInterKeyGapMs)),
      ...optional('minLength', number(form.keyboardWedge.minLength)),
      terminator: form.keyboardWedge.terminator,
    },
    camera: { enabled: form.camera.enabled, ...optional('deviceId', form.camera.deviceId) },
  };
  return input as ScannerSettingsInput;
}

/** One refused setting: its path in the settings ("serial.0.idleGapMs") and the services' words. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
  /** The rule broken (zod's issue code: too_small, too_big, invalid_type…), for text in the clerk's language. */
  readonly rule?: string;
  readonly limit?: number;
  /** The kind of value the rule was about (string, number, array…). */
  readonly origin?: string;
}

/** A refused field in the reader's language, said of its kind of value: a text is too short, a number too small. */
export function fieldErrorText(t: TFunction, error: FieldError): string {
  const rule = ruleOf(error);
  return rule === undefined ? error.message : t(`settings.rules.${rule}`, { limit: error.limit ?? '' });
}

function ruleOf({ rule, origin, limit }: FieldError): FieldRule | undefined {
  if (origin === 'string' && rule === 'too_small') return limit === 1 ? 'empty' : 'too_short';
  if (origin === 'string' && rule === 'too_big') return 'too_long';
  if (origin === 'array' && rule === 'too_small') return 'too_few';
  if (origin === 'array' && rule === 'too_big') return 'too_many';
  return rule !== undefined && isKnownRule(rule) ? rule : undefined;
}

/** BAD_INPUT's detail as the API router sends it: zod issues with their paths. */
export function fieldErrorsFrom(detail: unknown): FieldError[] {
  if (!Array.isArray(detail)) return [];
  return detail.flatMap((issue: unknown) => {
    if (typeof issue !== 'object' || issue === null) return [];
    const { path, message, rule, limit, origin } = issue as { path?: unknown; message?: unknown; rule?: unknown; limit?: unknown; origin?: unknown };
    if (!Array.isArray(path) || typeof message !== 'string') return [];
    return [
      {
        path: path.map(String).join('.'),
        message,
        ...(typeof rule === 'string' ? { rule } : {}),
        ...(typeof limit === 'number' ? { limit } : {}),
        ...(typeof origin === 'string' ? { origin } : {}),
      },
    ];
  });
}
