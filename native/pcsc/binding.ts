/**
 * The part of a PC/SC binding this folder uses, as structural types. The device
 * host passes the real addon (`smartcard`); unit tests pass a fake. Nothing here
 * loads native code.
 */

export interface PcscBinding {
  Context: new () => PcscContext;
  SCARD_STATE_CHANGED: number;
  SCARD_STATE_UNKNOWN: number;
  SCARD_STATE_UNAVAILABLE: number;
  SCARD_STATE_PRESENT: number;
  SCARD_SHARE_SHARED: number;
  SCARD_PROTOCOL_T0: number;
  SCARD_PROTOCOL_T1: number;
  SCARD_LEAVE_CARD: number;
}

/**
 * A reader's state. Passed to waitForChange as the state the caller last saw
 * (0 means "tell me now"); returned with the state pcscd sees.
 */
export interface PcscReaderState {
  name: string;
  state: number;
  changed: boolean;
  atr: Buffer | null;
}

export interface PcscContext {
  readonly isValid: boolean;
  listReaders(): PcscReader[];
  /** Resolves with every queried reader's state on a change, [] on timeout, null when cancelled. */
  waitForChange(readers: PcscReaderState[], timeoutMs: number): Promise<PcscReaderState[] | null>;
  cancel(): void;
  close(): void;
}

export interface PcscReader {
  readonly name: string;
  readonly state: number;
  readonly atr: Uint8Array | null;
  connect(shareMode: number, protocol: number): Promise<PcscCard>;
}

export interface PcscCard {
  readonly protocol: number;
  readonly connected: boolean;
  transmit(command: Buffer, options?: { maxRecvLength?: number }): Promise<Uint8Array>;
  disconnect(disposition?: number): void;
}

/** pcsc-lite's name for "tell me when the reader list changes". */
export const PNP_NOTIFICATION = '\\\\?PnP?\\Notification';
