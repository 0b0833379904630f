/**
 * The reader's line to the chip: plain until an access protocol gives session
 * keys, then secure messaging, and new keys again after chip authentication.
 * It also tells whether the last response under secure messaging was a bare
 * status word: chips answer SM errors that way and drop their session keys.
 */
import type { Transmit } from '../apdu.ts';
import { SecureChannel } from '../sm/secure-channel.ts';
import type { SessionKeys, SmCipherName } from '../sm/session-keys.ts';

export class ReaderChannel {
  readonly #raw: Transmit;
  readonly #observed: Transmit;
  #secure: SecureChannel | undefined;
  #lastBare = false;

  constructor(raw: Transmit) {
    this.#raw = raw;
    this.#observed = async (apdu) => {
      const response = await raw(apdu);
      this.#lastBare = response.length === 2;
      return response;
    };
  }

  /** Sends through secure messaging when it is on, as plain APDUs otherwise. */
  readonly transmit: Transmit = (apdu) => {
    const secure = this.#secure;
    if (secure === undefined) return this.#raw(apdu);
    return secure.transmit(apdu);
  };

  /** 'des3' or 'aes' under secure messaging; undefined while plain. */
  get smCipher(): SmCipherName | undefined {
    return this.#secure?.cipherName;
  }

  /** Starts (or restarts, after chip authentication) secure messaging with these keys and their SSC. */
  startSecureMessaging(keys: SessionKeys): void {
    this.#lastBare = false;
    this.#secure = new SecureChannel(keys, this.#observed);
  }

  endSecureMessaging(): void {
    this.#secure = undefined;
  }

  /** Under secure messaging: the last response carried no data objects, only SW1 SW2. */
  get lastResponseWasBare(): boolean {
    return this.#secure !== undefined && this.#lastBare;
  }
}
