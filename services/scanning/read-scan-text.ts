/**
 * One scan's text read as far as the domain parsers go: which kind it is, the
 * typed result or the typed error, and whether the clerk must confirm it.
 * The same reading backs the `scan` event and `tiepdon qr parse`.
 */
import { dayDate, readScan, type IdentityParseError, type IdentityWarning, type PartialDate } from '../../domain/identity/index.ts';
import { parseVietQr } from '../../domain/payment/index.ts';
import type { ScanError, ScanEvent, ScanTransportWarning } from '../../domain/scan.ts';

/** A ScanEvent without where and when it was scanned. */
export type ScanReading = DistributiveOmit<ScanEvent, 'id' | 'source' | 'raw' | 'receivedAt'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface ReadScanOptions {
  /** Today in Vietnam, for "date in the future" warnings. */
  today?: PartialDate;
  /** What the transport noticed; any of them asks the clerk to confirm. */
  transportWarnings?: readonly ScanTransportWarning[];
}

export function readScanText(raw: string, options: ReadScanOptions = {}): ScanReading {
  const transport: string[] = [...(options.transportWarnings ?? [])];
  const reading = readScan(raw, options.today ? { today: options.today } : {});
  switch (reading.kind) {
    case 'cccd': {
      if (!reading.result.ok) return { kind: 'cccd', ...identityError(reading.result.error, transport) };
      const parsed = reading.result.value;
      return { kind: 'cccd', parsed, ...identityDoubts(parsed, transport) };
    }
    case 'bhyt': {
      if (!reading.result.ok) return { kind: 'bhyt', ...identityError(reading.result.error, transport) };
      const parsed = reading.result.value;
      return { kind: 'bhyt', parsed, ...identityDoubts(parsed, transport) };
    }
    case 'vietqr': {
      const result = parseVietQr(reading.text);
      if (!result.ok) {
        const { code, message, field, expected } = result.error;
        const error: ScanError = { code, message, field, expected };
        return { kind: 'vietqr', error, needsConfirmation: false, warnings: transport };
      }
      return { kind: 'vietqr', parsed: result.value, needsConfirmation: transport.length > 0, warnings: transport };
    }
    case 'unknown':
      return { kind: 'unknown', error: { code: reading.reason, message: reading.message }, needsConfirmation: false, warnings: transport };
  }
}

function identityError(error: IdentityParseError, transport: string[]): Pick<ScanReading, 'error' | 'needsConfirmation' | 'warnings'> {
  const { code, message, field, expected } = error;
  return { error: { code, message, field, expected }, needsConfirmation: false, warnings: transport };
}

function identityDoubts(
  parsed: { needsConfirmation: boolean; warnings: readonly IdentityWarning[] },
  transport: string[],
): Pick<ScanReading, 'needsConfirmation' | 'warnings'> {
  return { needsConfirmation: parsed.needsConfirmation || transport.length > 0, warnings: [...transport, ...parsed.warnings.map((w) => w.code)] };
}

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar day in Vietnam (UTC+7, no daylight saving) at `now`. */
export function vietnamToday(now: Date): PartialDate {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  return dayDate(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()) as PartialDate;
}
