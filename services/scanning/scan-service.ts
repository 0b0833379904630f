/**
 * Every scan, whatever its source, becomes one `scan` event here: parsed,
 * broadcast, offered to a waiting test scan, and, for a CCCD, remembered
 * briefly so the next chip read needs no typing. Scan text is personal data:
 * the log gets the kind and the source, never the text.
 */
import { randomUUID } from 'node:crypto';
import type { ChipAccessKey } from '../../domain/card.ts';
import { AppError } from '../../domain/errors.ts';
import { formatPartialDate, type PartialDate } from '../../domain/identity/index.ts';
import type { RendererScanSource, ScanEvent, ScanSource, ScanTestResult, ScanTransportWarning } from '../../domain/scan.ts';
import { HostScanSchema } from '../../native/devicehost/protocol.ts';
import type { EventBus } from '../event-bus.ts';
import type { Logger } from '../log.ts';
import { readScanText, vietnamToday } from './read-scan-text.ts';

/** Long enough to put the card on the reader after scanning its QR, short enough not to open the next patient's card. */
export const LAST_CCCD_TTL_MS = 3 * 60_000;

export interface ScanServiceOptions {
  events: EventBus;
  log: Logger;
  /** Whether a scanner id names a configured scanner (renderer sources always do). */
  knownScanner: (id: string) => boolean;
  /** Why scans may not reach the desk now (nobody signed in), if so: they are announced as refused, without their text. */
  refusal?: () => AppError | undefined;
  now?: () => Date;
  newId?: () => string;
  lastCccdTtlMs?: number;
}

export interface ScanService {
  /** A `scan` event from the device host; malformed payloads are dropped with a warning. */
  fromHost(payload: unknown): ScanEvent | undefined;
  submit(input: { source: RendererScanSource; raw: string; warnings?: readonly ScanTransportWarning[] | undefined }): ScanEvent;
  /** The next scan from `scannerId`, with its bytes; TIMEOUT when none comes in time. */
  test(input: { scannerId: string; timeoutMs: number }): Promise<ScanTestResult>;
  /** The key to the chip of the CCCD scanned last, while it is fresh. */
  lastCccdKey(): Extract<ChipAccessKey, { kind: 'cccd-id' }> | undefined;
  /** The ID number of the CCCD scanned last, while it is fresh. */
  lastCccdId(): string | undefined;
  close(): void;
}

interface Waiter {
  scannerId: string;
  resolve(result: ScanTestResult): void;
  reject(error: AppError): void;
}

export function createScanService(options: ScanServiceOptions): ScanService {
  const { events, log } = options;
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const ttl = options.lastCccdTtlMs ?? LAST_CCCD_TTL_MS;
  const waiters = new Set<Waiter>();
  const timers = new Set<NodeJS.Timeout>();
  let lastCccd: { key: Extract<ChipAccessKey, { kind: 'cccd-id' }>; at: number } | undefined;

  function accept(
    raw: string,
    source: ScanSource,
    receivedAt: Date,
    transportWarnings: readonly ScanTransportWarning[],
    bytes: { hex: string; length: number },
  ): ScanEvent | AppError {
    const reading = readScanText(raw, { today: vietnamToday(receivedAt), transportWarnings });
    const event: ScanEvent = { id: newId(), source, raw, receivedAt: receivedAt.toISOString(), ...reading };
    const refusal = options.refusal?.();
    log.info('scan', {
      source: source.kind,
      ...(source.scannerId ? { scanner: source.scannerId } : {}),
      kind: event.kind,
      ...(event.error ? { error: event.error.code } : {}),
      needsConfirmation: event.needsConfirmation,
      chars: raw.length,
      ...(refusal ? { refused: refusal.code } : {}),
    });
    if (refusal) events.emit('scan.refused', { id: event.id, source: source.kind, code: refusal.code });
    else {
      if (event.kind === 'cccd' && event.parsed) remember(event.parsed, receivedAt);
      events.emit('scan', event);
    }
    const scannerId = source.scannerId ?? source.kind;
    for (const waiter of waiters) {
      if (waiter.scannerId !== scannerId) continue;
      waiters.delete(waiter);
      // IT's test scan (behind the admin PIN) is answered whoever is signed in at the desk.
      waiter.resolve({ event, rawHex: bytes.hex, byteLength: bytes.length });
    }
    return refusal ?? event;
  }

  function remember(parsed: { idNumber: string; dateOfBirth: PartialDate; issueDate: PartialDate }, at: Date): void {
    const day = (date: PartialDate) => (date.precision === 'day' ? formatPartialDate(date) : undefined);
    const dateOfBirth = day(parsed.dateOfBirth);
    const dateOfIssue = day(parsed.issueDate);
    lastCccd = {
      key: {
        kind: 'cccd-id',
        id: parsed.idNumber,
        ...(dateOfBirth ? { dateOfBirth } : {}),
        ...(dateOfIssue ? { dateOfIssue } : {}),
      },
      at: at.getTime(),
    };
  }

  function freshCccd() {
    if (lastCccd && now().getTime() - lastCccd.at <= ttl) return lastCccd.key;
    lastCccd = undefined;
    return undefined;
  }

  return {
    fromHost(payload) {
      const parsed = HostScanSchema.safeParse(payload);
      if (!parsed.success) {
        log.warn('device host sent a malformed scan');
        return undefined;
      }
      const scan = parsed.data;
      const accepted = accept(
        scan.text,
        { kind: scan.transport, scannerId: scan.scannerId },
        new Date(scan.receivedAt),
        scan.warnings,
        { hex: scan.bytesHex, length: scan.byteLength },
      );
      return accepted instanceof AppError ? undefined : accepted;
    },

    submit({ source, raw, warnings = [] }) {
      const bytes = Buffer.from(raw, 'utf8');
      const accepted = accept(raw, { kind: source, scannerId: source }, now(), warnings, { hex: bytes.toString('hex').toUpperCase(), length: bytes.length });
      if (accepted instanceof AppError) throw accepted;
      return accepted;
    },

    test({ scannerId, timeoutMs }) {
      if (!options.knownScanner(scannerId)) {
        return Promise.reject(new AppError('BAD_INPUT', `No scanner with id "${scannerId}" is configured`));
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          waiters.delete(waiter);
          reject(new AppError('TIMEOUT', `No scan from ${scannerId} within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
        timers.add(timer);
        const settle = () => {
          clearTimeout(timer);
          timers.delete(timer);
        };
        const waiter: Waiter = {
          scannerId,
          resolve: (result) => {
            settle();
            resolve(result);
          },
          reject: (error) => {
            settle();
            reject(error);
          },
        };
        waiters.add(waiter);
      });
    },

    lastCccdKey: freshCccd,
    lastCccdId: () => freshCccd()?.id,

    close() {
      for (const waiter of waiters) waiter.reject(new AppError('INTERNAL', 'The app is closing'));
      waiters.clear();
      lastCccd = undefined;
    },
  };
}
