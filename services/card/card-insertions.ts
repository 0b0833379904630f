import type { CardInserted } from '../../domain/card.ts';
import type { HostDevices } from '../../native/devicehost/protocol.ts';

/** Readers that hold a card now and did not before (a new reader arriving with a card counts). */
export function cardInsertions(before: HostDevices, after: HostDevices): CardInserted[] {
  const hadCard = new Set(before.readers.filter((reader) => reader.cardPresent && reader.atr !== undefined).map((reader) => reader.name));
  return after.readers
    .filter((reader) => reader.cardPresent && reader.atr !== undefined && !hadCard.has(reader.name))
    .map((reader) => ({ reader: reader.name, atr: reader.atr as string }));
}
