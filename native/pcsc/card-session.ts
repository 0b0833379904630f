/**
 * A connection to the card in one named reader, for exchanging APDUs. Failures
 * come out as AppErrors the services understand; a card pulled out mid-exchange
 * is CARD_REMOVED, so the clerk is told to put it back.
 */
import { AppError, isAppError } from '../../domain/errors.ts';
import type { PcscBinding, PcscCard, PcscContext, PcscReader } from './binding.ts';
import { describeServiceFailure, isCardGone, isServiceDown, isUnknownReader, pcscErrorMessage } from './pcsc-errors.ts';
import { toHex } from './snapshot.ts';

export interface CardSession {
  readonly readerName: string;
  /** Upper-case hex ATR as the reader reported it when we connected. */
  readonly atr: string | undefined;
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  close(): void;
}

/**
 * An extended-length response with its status word. The binding's default (258)
 * is too small for a protected RSA-2048 active-authentication answer.
 */
const MAX_RESPONSE_LENGTH = 65_538;

/** Longer than pcscd's presence poll (400 ms for polled drivers such as vpcd). */
const REMOVAL_SETTLE_MS = 1_000;

/** pcsc-lite counts insertions and removals per reader in the upper 16 bits of its state. */
const eventCount = (state: number) => state >>> 16;

export interface ConnectOptions {
  /** How long to wait for pcscd to confirm a removal after a failed command. */
  removalSettleMs?: number;
}

export async function connectCard(binding: PcscBinding, readerName: string, options: ConnectOptions = {}): Promise<CardSession> {
  let context: PcscContext;
  try {
    // A context of its own: the monitor's context is locked while it waits for changes.
    context = new binding.Context();
  } catch (error) {
    throw new AppError('PCSC_UNAVAILABLE', describeServiceFailure(error));
  }
  try {
    const reader = findReader(context, readerName);
    if (!reader) throw new AppError('READER_NOT_FOUND', `No card reader named "${readerName}"`);
    if ((reader.state & binding.SCARD_STATE_PRESENT) === 0) throw new AppError('CARD_ABSENT', 'No card in the reader');
    const card = await reader.connect(binding.SCARD_SHARE_SHARED, binding.SCARD_PROTOCOL_T0 | binding.SCARD_PROTOCOL_T1);
    return openSession(binding, context, reader, card, options.removalSettleMs ?? REMOVAL_SETTLE_MS);
  } catch (error) {
    context.close();
    throw isAppError(error) ? error : connectError(error);
  }
}

function openSession(
  binding: PcscBinding,
  context: PcscContext,
  reader: PcscReader,
  card: PcscCard,
  removalSettleMs: number,
): CardSession {
  const connectedEvents = eventCount(reader.state);
  let closed = false;

  /**
   * After an unexplained failure: is the card we connected to still there? A card
   * pulled out mid-command fails the command before pcscd's next presence poll
   * notices, so give pcscd a moment to tell (waiting off the main thread).
   */
  const sameCardStillThere = async (): Promise<boolean> => {
    const isSameCard = (state: number) =>
      (state & binding.SCARD_STATE_PRESENT) !== 0 && eventCount(state) === connectedEvents;
    try {
      const now = findReader(context, reader.name);
      if (!now || !isSameCard(now.state)) return false;
      const changes = await context.waitForChange([{ name: now.name, state: now.state, changed: false, atr: null }], removalSettleMs);
      const after = changes?.find((change) => change.name === now.name);
      return !after || isSameCard(after.state);
    } catch {
      return false;
    }
  };

  return {
    readerName: reader.name,
    atr: reader.atr && reader.atr.length > 0 ? toHex(reader.atr) : undefined,
    async transmit(apdu) {
      if (closed) throw new AppError('INTERNAL', 'The card session is closed');
      try {
        const response = Uint8Array.from(await card.transmit(Buffer.from(apdu), { maxRecvLength: MAX_RESPONSE_LENGTH }));
        if (response.length >= 2) return response;
        // A card that leaves mid-command can come back as an empty "success" (vpcd does this).
        if (!(await sameCardStillThere())) throw new AppError('CARD_REMOVED', 'The card was removed from the reader');
        throw new AppError('CARD_READ_FAILED', 'The card answered without a status word');
      } catch (error) {
        if (isAppError(error)) throw error;
        if (isCardGone(error)) throw new AppError('CARD_REMOVED', 'The card was removed from the reader');
        if (isServiceDown(error)) throw new AppError('PCSC_UNAVAILABLE', describeServiceFailure(error));
        if (!(await sameCardStillThere())) throw new AppError('CARD_REMOVED', 'The card was removed from the reader');
        throw new AppError('INTERNAL', `The card did not answer: ${pcscErrorMessage(error)}`);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      // A removal check may still be waiting on this context; the daemon or card may be gone already.
      ignoreFailure(() => context.cancel());
      ignoreFailure(() => card.disconnect(binding.SCARD_LEAVE_CARD));
      context.close();
    },
  };
}

function findReader(context: PcscContext, name: string): PcscReader | undefined {
  return context.listReaders().find((reader) => reader.name === name);
}

function connectError(error: unknown): AppError {
  if (isCardGone(error)) return new AppError('CARD_ABSENT', 'No card in the reader');
  if (isUnknownReader(error)) return new AppError('READER_NOT_FOUND', 'The card reader is no longer connected');
  if (isServiceDown(error)) return new AppError('PCSC_UNAVAILABLE', describeServiceFailure(error));
  return new AppError('INTERNAL', `Could not connect to the card: ${pcscErrorMessage(error)}`);
}

function ignoreFailure(action: () => void): void {
  try {
    action();
  } catch {
    // see the caller
  }
}
