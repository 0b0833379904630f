/** Deterministic stand-ins for tests: randomness that replays given bytes, and transmits that replay or record. */
import type { Transmit } from '../apdu.ts';
import { bytesEqual, toHex } from '../bytes.ts';
import type { RandomBytes } from '../crypto/random.ts';

/** Returns the given chunks in order; asking for a different length or for more is a test bug. */
export function scriptedRandom(...chunks: readonly Uint8Array[]): RandomBytes {
  const queue = [...chunks];
  return (length) => {
    const next = queue.shift();
    if (next === undefined) throw new Error(`scripted random exhausted (asked for ${length} bytes)`);
    if (next.length !== length) throw new Error(`scripted random has ${next.length} bytes where ${length} were asked for`);
    return next.slice();
  };
}

export interface Exchange {
  command: Uint8Array;
  response: Uint8Array;
}

export interface ScriptedTransmit {
  transmit: Transmit;
  /** Exchanges not yet played. */
  remaining(): number;
}

/** A card that expects exactly these commands, in order, and answers each with the given response. */
export function scriptedTransmit(exchanges: readonly Exchange[]): ScriptedTransmit {
  let index = 0;
  return {
    transmit: async (apdu) => {
      const expected = exchanges[index];
      if (expected === undefined) throw new Error(`unexpected command ${toHex(apdu)} after the script ended`);
      if (!bytesEqual(apdu, expected.command)) {
        throw new Error(`command ${index}: expected ${toHex(expected.command)}, got ${toHex(apdu)}`);
      }
      index++;
      return expected.response.slice();
    },
    remaining: () => exchanges.length - index,
  };
}

/** Passes every exchange through and keeps a copy. */
export function recordingTransmit(inner: Transmit): { transmit: Transmit; log: Exchange[] } {
  const log: Exchange[] = [];
  return {
    log,
    transmit: async (apdu) => {
      const response = await inner(apdu);
      log.push({ command: apdu.slice(), response: response.slice() });
      return response;
    },
  };
}

/** A synchronous card (APDU in, APDU out) as a Transmit. */
export function transmitTo(card: { transmit(apdu: Uint8Array): Uint8Array }): Transmit {
  return async (apdu) => card.transmit(apdu);
}
