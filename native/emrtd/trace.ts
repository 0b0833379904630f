/**
 * Per-APDU tracing. Wrap the raw transmit to see the wire, or a secure
 * channel's transmit to see plaintext headers and status words. Data bytes
 * carry personal data (and, on the wire, cryptograms), so they are left out
 * unless `showData` is set for debugging.
 */
import type { Transmit } from './apdu.ts';
import { headerHex, swHex } from './apdu.ts';
import { toHex } from './bytes.ts';

export interface ApduTrace {
  /** CLA INS P1 P2, e.g. "0C B0 00 00". */
  header: string;
  /** Length of the whole command APDU. */
  commandLength: number;
  /** Response data length, without SW1 SW2; undefined when the transmit failed. */
  responseLength: number | undefined;
  /** e.g. "9000"; undefined when the transmit failed or the response had no status word. */
  sw: string | undefined;
  ms: number;
  /** Whole command APDU in hex, only with showData. */
  command?: string;
  /** Whole response APDU in hex, only with showData. */
  response?: string;
  /** Message of the error the transmit threw. */
  error?: string;
}

export interface TraceOptions {
  onApdu: (trace: ApduTrace) => void;
  showData?: boolean;
  /** Milliseconds clock; performance.now by default. */
  now?: () => number;
}

export function traceTransmit(transmit: Transmit, options: TraceOptions): Transmit {
  const now = options.now ?? (() => performance.now());
  return async (apdu) => {
    const started = now();
    const base = { header: headerHex(apdu), commandLength: apdu.length };
    const withCommand = options.showData ? { command: toHex(apdu) } : {};
    try {
      const response = await transmit(apdu);
      const n = response.length;
      const hasSw = n >= 2;
      options.onApdu({
        ...base,
        responseLength: hasSw ? n - 2 : undefined,
        sw: hasSw ? swHex(((response[n - 2] as number) << 8) | (response[n - 1] as number)) : undefined,
        ms: now() - started,
        ...withCommand,
        ...(options.showData ? { response: toHex(response) } : {}),
      });
      return response;
    } catch (error) {
      options.onApdu({
        ...base,
        responseLength: undefined,
        sw: undefined,
        ms: now() - started,
        ...withCommand,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  };
}
