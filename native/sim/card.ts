/**
 * What a virtual card is to the rig: an ATR and an APDU handler. The default card
 * (default-card.ts) is minimal; a full virtual passport plugs in the same way.
 */

export interface CardBehaviour {
  /** Answer To Reset, sent whenever vpcd asks for it (that is also how it polls for presence). */
  readonly atr: Uint8Array;
  /** Answers one C-APDU with response data followed by SW1 SW2. */
  transmit(apdu: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** Power-on and warm reset: forget selections, sessions and secure messaging keys. */
  reset?(): void;
  powerOff?(): void;
  /** Called on each insertion with the slot the card sits in, so the card can take itself out. */
  inserted?(slot: CardSlot): void;
}

/** What a hand can do to a card in a reader. */
export interface CardSlot {
  /**
   * Pulls the card out now, as a hand does: the link to the reader closes, and
   * the command being answered gets no answer.
   */
  eject(): void;
}

/**
 * Where the card's process finds its behaviour: a module (absolute path or file URL)
 * exporting a factory that takes JSON options. Cards cross a process boundary,
 * so they are named, not passed.
 */
export interface CardSpec {
  module: string;
  export?: string;
  options?: unknown;
}

export type CardFactory = (options: unknown) => CardBehaviour | Promise<CardBehaviour>;

export async function loadCard(spec: CardSpec): Promise<CardBehaviour> {
  const loaded = (await import(spec.module)) as Record<string, unknown>;
  const name = spec.export ?? 'createCard';
  const factory = loaded[name];
  if (typeof factory !== 'function') throw new Error(`${spec.module} has no card factory named ${name}`);
  return (factory as CardFactory)(spec.options);
}
