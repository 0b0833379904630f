/**
 * The transmit a read runs on: counts APDUs, stops at once when the caller's
 * abort signal fires, and turns transport failures into typed errors (a card
 * pulled out is 'card-removed', whatever layer noticed it first).
 */
import { isAppError } from '../../../domain/errors.ts';
import type { Transmit } from '../apdu.ts';
import { EmrtdError, isEmrtdError } from '../errors.ts';

export interface GuardedTransmit {
  transmit: Transmit;
  /** Commands handed to the card so far. */
  readonly apdus: number;
}

export function abortError(signal: AbortSignal): EmrtdError {
  const reason: unknown = signal.reason;
  const code = isAppError(reason) ? reason.code : undefined;
  return new EmrtdError('aborted', 'the read was stopped', { ...(code !== undefined && { code }), cause: reason });
}

export function transportError(error: unknown): EmrtdError {
  if (isEmrtdError(error)) return error;
  if (isAppError(error) && error.code === 'CARD_REMOVED') return new EmrtdError('card-removed', 'the card was removed', { cause: error });
  if (isAppError(error)) return new EmrtdError('transport', error.message, { code: error.code, cause: error });
  return new EmrtdError('transport', error instanceof Error ? error.message : 'the card exchange failed', { cause: error });
}

export function guardTransmit(transmit: Transmit, signal?: AbortSignal): GuardedTransmit {
  let apdus = 0;
  const aborted = signal === undefined ? undefined : abortPromise(signal);
  return {
    get apdus() {
      return apdus;
    },
    transmit: async (apdu) => {
      if (signal?.aborted) throw abortError(signal);
      apdus++;
      try {
        const pending = transmit(apdu);
        return await (aborted === undefined ? pending : Promise.race([pending, aborted]));
      } catch (error) {
        throw transportError(error);
      }
    },
  };
}

/** Rejects when the signal fires; never settles otherwise. */
function abortPromise(signal: AbortSignal): Promise<never> {
  const promise = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(abortError(signal)), { once: true });
  });
  // Nobody may be racing it when it fires: keep that from being an unhandled rejection.
  promise.catch(() => undefined);
  return promise;
}
