/**
 * The demo card reader: a PC/SC source with one virtual reader whose card is
 * the in-process virtual CCCD. A read goes through the same host code as a
 * real reader (reader choice, PACE, secure messaging, parsing, passive
 * authentication); only the transmit function is the card's own. No pcscd,
 * no vpcd: it works on a Windows reception PC as it does here.
 */
import { AppError } from '../../../domain/errors.ts';
import { toHex } from '../../emrtd/bytes.ts';
import type { CardSession } from '../../pcsc/card-session.ts';
import type { PcscSource } from '../../devicehost/pcsc-source.ts';
import type { HostDevices } from '../../devicehost/protocol.ts';
import type { CardBehaviour } from '../card.ts';

export const DEMO_READER_NAME = 'TiepDon Demo Reader (thẻ mẫu)';

export interface DemoReader extends PcscSource {
  /** Puts a card on the reader, taking off any card already there. */
  insert(card: CardBehaviour): void;
  /** Takes the card off; a read in progress fails as CARD_REMOVED. */
  remove(): void;
  readonly card: CardBehaviour | undefined;
}

export function createDemoReader(readerName: string = DEMO_READER_NAME): DemoReader {
  let card: CardBehaviour | undefined;
  /** Which insertion a session belongs to: a session outlives its card only to fail. */
  let insertion = 0;
  let onChange: (() => void) | undefined;
  const changed = () => onChange?.();

  const snapshot = (): HostDevices => ({
    pcsc: { state: 'available' },
    readers: [{ name: readerName, cardPresent: card !== undefined, ...(card ? { atr: toHex(card.atr).toUpperCase() } : {}) }],
  });

  return {
    get card() {
      return card;
    },
    start(listener) {
      onChange = listener;
    },
    snapshot,
    async stop() {
      onChange = undefined;
    },
    insert(next) {
      if (card) card.powerOff?.();
      card = next;
      insertion += 1;
      next.reset?.();
      changed();
    },
    remove() {
      if (!card) return;
      card.powerOff?.();
      card = undefined;
      insertion += 1;
      changed();
    },
    async connect(name): Promise<CardSession> {
      if (name !== readerName) throw new AppError('READER_NOT_FOUND', `No card reader named "${name}"`);
      const connected = card;
      if (!connected) throw new AppError('CARD_ABSENT', 'No card in the reader');
      const session = insertion;
      connected.reset?.();
      let open = true;
      return {
        readerName,
        atr: toHex(connected.atr).toUpperCase(),
        async transmit(apdu) {
          if (!open) throw new AppError('CARD_READ_FAILED', 'The card session is closed');
          if (session !== insertion) throw new AppError('CARD_REMOVED', 'The card was taken off the reader during the read');
          const response = await connected.transmit(apdu);
          if (session !== insertion) throw new AppError('CARD_REMOVED', 'The card was taken off the reader during the read');
          return response;
        },
        close() {
          open = false;
        },
      };
    },
  };
}
