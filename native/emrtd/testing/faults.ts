/**
 * Misbehaviour on demand for tests (and the virtual card). Two places:
 * - ChipFaults (chip-model option `faults`) act inside the chip, so under
 *   secure messaging their status words come back protected, as a real chip's do;
 * - LineFaults wrap the line to the chip: latency, a card pulled out, a
 *   corrupted MAC, and a reader that refuses large Le itself.
 * Commands are counted from 1 over every command sent.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError } from '../../../domain/errors.ts';
import { decodeCommand, encodeResponse, SW, type Transmit } from '../apdu.ts';
import { decodeLe, parseProtectedData } from '../sm/data-objects.ts';
import { SM_CLA_BITS } from '../sm/wrap.ts';

/** Chip-model option `faults`. */
export interface ChipFaults {
  /** READ BINARY asking for more than this many bytes is refused with 6700. */
  maxLe?: number;
  /** Files (by FID) that SELECT and short-file-ID reads refuse with 6982, as DG3 behind EAC is (cccd-chip.md §1.1). */
  deniedFiles?: readonly number[];
}

export const FID_DG3 = 0x0103;

export interface LineFaults {
  /** Delay before every answer, in ms. */
  latencyMs?: number;
  /**
   * Answers this many commands, then the card is gone: the next command and
   * every later one reject with AppError CARD_REMOVED (as native/pcsc does)
   * until reinsert(). Happens once.
   */
  removeAfterApdus?: number;
  /** The response to this command has one bit of its last data byte (the end of DO8E) flipped. Bare status words are left alone. */
  wrongMacOnResponse?: number;
  /** A reader that refuses commands expecting more than this (Le, or DO97 under SM) with a bare 6700, without passing them on. */
  refuseLeAbove?: number;
}

export interface FaultyLine {
  transmit: Transmit;
  /** Commands sent so far, including refused ones. */
  readonly apdus: number;
  readonly removed: boolean;
  /** Puts the card back after a removal: the chip is power-cycled. */
  reinsert(): void;
}

export interface LineCard {
  transmit(apdu: Uint8Array): Uint8Array | Promise<Uint8Array>;
  reset?(): void;
}

function expectedLength(apdu: Uint8Array): number | undefined {
  try {
    const command = decodeCommand(apdu);
    if ((command.cla & SM_CLA_BITS) !== SM_CLA_BITS) return command.ne;
    const le = parseProtectedData(command.data).le;
    return le === undefined ? undefined : decodeLe(le);
  } catch {
    return undefined;
  }
}

export function withLineFaults(card: LineCard, faults: LineFaults = {}): FaultyLine {
  let apdus = 0;
  let removed = false;
  let removalDone = false;
  return {
    get apdus() {
      return apdus;
    },
    get removed() {
      return removed;
    },
    reinsert() {
      removed = false;
      card.reset?.();
    },
    transmit: async (apdu) => {
      apdus++;
      if (faults.latencyMs !== undefined && faults.latencyMs > 0) await sleep(faults.latencyMs);
      if (!removed && !removalDone && faults.removeAfterApdus !== undefined && apdus > faults.removeAfterApdus) {
        removed = true;
        removalDone = true;
        card.reset?.();
      }
      if (removed) throw new AppError('CARD_REMOVED', 'The card was removed from the reader');
      if (faults.refuseLeAbove !== undefined && (expectedLength(apdu) ?? 0) > faults.refuseLeAbove) {
        return encodeResponse(new Uint8Array(0), SW.WRONG_LENGTH);
      }
      const response = (await card.transmit(apdu)).slice();
      if (apdus === faults.wrongMacOnResponse && response.length > 2) response[response.length - 3] = (response[response.length - 3] as number) ^ 0x01;
      return response;
    },
  };
}
