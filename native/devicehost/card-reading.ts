/**
 * `card.read` inside the device host: picks the reader, keeps one read per reader
 * at a time, connects, runs the chip read with tracing and progress, and always
 * lets go of the card.
 */
import type { CardProgress } from '../../domain/card.ts';
import { AppError } from '../../domain/errors.ts';
import type { ApduTrace } from '../emrtd/trace.ts';
import { traceTransmit } from '../emrtd/trace.ts';
import type { CardSession } from '../pcsc/card-session.ts';
import type { HostCardRead, HostCardReadParams, HostDevices } from './protocol.ts';

export type ChipReadOutcome = Omit<HostCardRead, 'reader' | 'atr' | 'trace'>;

export interface ChipReadRequest {
  transmit: (apdu: Uint8Array) => Promise<Uint8Array>;
  params: HostCardReadParams;
  onProgress: (progress: Omit<CardProgress, 'reader'>) => void;
}

export type ChipReader = (request: ChipReadRequest) => Promise<ChipReadOutcome>;

export interface CardReadingOptions {
  snapshot: () => HostDevices;
  connect: (readerName: string) => Promise<CardSession>;
  readChip: ChipReader;
  onProgress: (progress: CardProgress) => void;
}

export function createCardReading(options: CardReadingOptions): (params: HostCardReadParams) => Promise<HostCardRead> {
  const busy = new Set<string>();

  return async (params) => {
    const reader = chooseReader(options.snapshot(), params.reader);
    if (busy.has(reader)) throw new AppError('CARD_BUSY', `A card is already being read on "${reader}"`);
    busy.add(reader);
    const trace: ApduTrace[] = [];
    const progress = (step: Omit<CardProgress, 'reader'>) => options.onProgress({ reader, ...step });
    try {
      progress({ step: 'connecting' });
      const session = await options.connect(reader);
      try {
        const transmit = params.trace
          ? traceTransmit((apdu) => session.transmit(apdu), { onApdu: (line) => trace.push(line), showData: params.trace.showData })
          : (apdu: Uint8Array) => session.transmit(apdu);
        const outcome = await options.readChip({ transmit, params, onProgress: progress }).catch((error: unknown) => {
          // The ATR tells IT staff what kind of card the clerk put in.
          if (error instanceof AppError && error.code === 'CARD_UNSUPPORTED') {
            throw new AppError('CARD_UNSUPPORTED', `${error.message} (ATR ${session.atr ?? 'unknown'})`, error.detail);
          }
          throw error;
        });
        return { reader, atr: session.atr ?? '', ...outcome, ...(params.trace ? { trace } : {}) };
      } finally {
        session.close();
      }
    } catch (error) {
      if (params.trace && error instanceof AppError) throw new AppError(error.code, error.message, { trace });
      throw error;
    } finally {
      busy.delete(reader);
    }
  };
}

/** The named reader, or else the only reader holding a card. */
function chooseReader(devices: HostDevices, wanted: string | undefined): string {
  if (devices.pcsc.state === 'unavailable') throw new AppError('PCSC_UNAVAILABLE', devices.pcsc.message ?? 'PC/SC is not available');
  if (wanted !== undefined) {
    const reader = devices.readers.find((r) => r.name === wanted);
    if (!reader) throw new AppError('READER_NOT_FOUND', `No card reader named "${wanted}"`);
    if (!reader.cardPresent) throw new AppError('CARD_ABSENT', 'No card in the reader');
    return reader.name;
  }
  if (devices.readers.length === 0) throw new AppError('READER_NOT_FOUND', 'No card reader is connected');
  const withCard = devices.readers.filter((r) => r.cardPresent);
  if (withCard.length === 0) throw new AppError('CARD_ABSENT', 'No card in any reader');
  if (withCard.length > 1) throw new AppError('BAD_INPUT', 'Cards are present in several readers: name the reader');
  return (withCard[0] as { name: string }).name;
}
