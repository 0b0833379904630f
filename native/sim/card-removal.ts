/**
 * A card pulled out mid-read, around any CardBehaviour. The removal is
 * physical: the card takes itself out of its slot (the vpcd link closes), so
 * the reader sees a removal rather than a status word.
 */
import type { CardBehaviour, CardSlot } from './card.ts';

/** How a removed card "answers" when no slot can take it out (in-process use): the command fails. */
export class CardRemovedError extends Error {
  constructor() {
    super('the card was removed from the reader');
    this.name = 'CardRemovedError';
  }
}

export interface CountingCard extends CardBehaviour {
  /** Commands received so far (ATR polls and other control bytes are not commands). */
  readonly commandCount: number;
}

/**
 * Answers `afterApdus` commands, then leaves the slot on the next one, which
 * gets no answer. It fires once; a card inserted again works normally.
 * Undefined: never removed, only counted.
 */
export function withRemovalAfter(card: CardBehaviour, afterApdus: number | undefined): CountingCard {
  let count = 0;
  let fired = false;
  let out = false;
  let slot: CardSlot | undefined;
  return {
    atr: card.atr,
    get commandCount() {
      return count;
    },
    async transmit(apdu) {
      count += 1;
      if (afterApdus !== undefined && !fired && count > afterApdus) {
        fired = true;
        out = true;
        card.powerOff?.();
        slot?.eject();
      }
      // Out of the reader until inserted again (behind vpcd, nothing arrives then).
      if (out) throw new CardRemovedError();
      return card.transmit(apdu);
    },
    reset: () => card.reset?.(),
    powerOff: () => card.powerOff?.(),
    inserted(next) {
      slot = next;
      out = false;
      card.inserted?.(next);
    },
  };
}
