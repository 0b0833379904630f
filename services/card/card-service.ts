/**
 * Reading the chip ID card, as the app sees it: the device host talks to the
 * card and returns its files; this service parses and verifies them, announces
 * the outcome as card.result, and keeps personal data out of the log.
 */
import type { CardReadResult } from '../../domain/card.ts';
import { AppError, isAppError, type ApiError } from '../../domain/errors.ts';
import type { CardAccessKey, CardReadInputSchema, ChipAccessKey } from '../../domain/card.ts';
import { HostCardReadSchema, type HostApduTrace as ApduTrace, type HostCardRead } from '../../native/devicehost/protocol.ts';
import type { DeviceHostSupervisor } from '../device-host/supervisor.ts';
import type { EventBus } from '../event-bus.ts';
import type { Logger } from '../log.ts';
import { buildCardResult } from './card-result.ts';
import type { TrustStore } from './trust-store.ts';
import type { z } from 'zod';

type CardReadRequest = z.output<typeof CardReadInputSchema>;

export type CardReadOutcome = ({ ok: true; value: CardReadResult } | { ok: false; error: ApiError }) & { trace?: ApduTrace[] };

export interface CardReadOptions {
  trace?: { showData: boolean };
}

export interface CardService {
  read(input: CardReadRequest, options?: CardReadOptions): Promise<CardReadOutcome>;
}

export interface CardServiceOptions {
  deviceHost: DeviceHostSupervisor | undefined;
  events: EventBus;
  log: Logger;
  trustStore: () => TrustStore;
  /** What `{ kind: 'last-scan' }` stands for: the chip key of the CCCD whose QR was scanned last, if fresh. */
  lastScannedKey?: () => ChipAccessKey | undefined;
  now?: () => Date;
}

/** A full read with a 20 KB photo at a slow reader takes seconds; a stuck card must still end. */
const READ_TIMEOUT_MS = 60_000;

export function createCardService(options: CardServiceOptions): CardService {
  const { deviceHost, events, log } = options;
  const now = options.now ?? (() => new Date());

  async function readFromHost(input: CardReadRequest, trace: CardReadOptions['trace']): Promise<HostCardRead> {
    if (!deviceHost) throw new AppError('DEVICES_UNAVAILABLE', 'This app runs without a device host');
    const raw = await deviceHost.call(
      'card.read',
      { key: chipKey(input.key), photo: input.photo, ...(input.reader ? { reader: input.reader } : {}), ...(trace ? { trace } : {}) },
      { timeoutMs: READ_TIMEOUT_MS },
    );
    const parsed = HostCardReadSchema.safeParse(raw);
    if (!parsed.success) throw new AppError('BAD_OUTPUT', 'The device host answered card.read outside its protocol');
    return parsed.data;
  }

  /** The host knows only chip keys: `last-scan` is resolved here. */
  function chipKey(key: CardAccessKey): ChipAccessKey {
    if (key.kind !== 'last-scan') return key;
    const scanned = options.lastScannedKey?.();
    if (!scanned) throw new AppError('BAD_INPUT', 'No CCCD was scanned in the last few minutes: scan the QR on the card again, or type the ID number');
    return scanned;
  }

  return {
    async read(input, readOptions = {}) {
      const started = performance.now();
      let hostRead: HostCardRead | undefined;
      try {
        hostRead = await readFromHost(input, readOptions.trace);
        const result = await buildCardResult(hostRead, { trustStore: options.trustStore(), now: now() });
        log.info('card read', {
          reader: result.reader,
          access: result.access.protocol,
          passive: result.verification.passive.status,
          active: result.verification.active.status,
          chip: result.verification.chip.status,
          warnings: result.warnings.map((warning) => warning.code),
          apdus: result.timing.apdus,
          ms: Math.round(performance.now() - started),
        });
        events.emit('card.result', { reader: result.reader, ok: true, result });
        return { ok: true, value: result, ...(hostRead.trace ? { trace: hostRead.trace } : {}) };
      } catch (error) {
        const apiError = toApiError(error);
        const trace = hostRead?.trace ?? traceFrom(apiError);
        log.warn('card read failed', { code: apiError.code, reason: apiError.message, ms: Math.round(performance.now() - started) });
        events.emit('card.result', { reader: input.reader ?? hostRead?.reader ?? '', ok: false, error: withoutDetail(apiError) });
        return { ok: false, error: withoutDetail(apiError), ...(trace ? { trace } : {}) };
      }
    },
  };
}

function toApiError(error: unknown): ApiError {
  if (isAppError(error)) return error.toApiError();
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

function withoutDetail({ code, message }: ApiError): ApiError {
  return { code, message };
}

/** The host attaches the APDUs of a failed traced read to its error. */
function traceFrom(error: ApiError): ApduTrace[] | undefined {
  const detail = error.detail as { trace?: unknown } | undefined;
  return Array.isArray(detail?.trace) ? (detail.trace as ApduTrace[]) : undefined;
}
