/**
 * Turns a raw Transmit into one that speaks secure messaging: callers send
 * plain APDUs and get plain, MAC-verified responses. Exchanges are serialised
 * because each one advances the shared SSC.
 */
import type { Transmit } from '../apdu.ts';
import { smCipherFor, type SessionKeys, type SmCipher, type SmCipherName } from './session-keys.ts';
import { unwrapResponse, wrapCommandBytes } from './wrap.ts';

export class SecureChannel {
  readonly cipherName: SmCipherName;
  readonly #cipher: SmCipher;
  readonly #ssc: Uint8Array;
  readonly #raw: Transmit;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(keys: SessionKeys, raw: Transmit) {
    this.cipherName = keys.cipher;
    this.#cipher = smCipherFor(keys);
    this.#ssc = keys.ssc.slice();
    this.#raw = raw;
  }

  /** The current send sequence counter (a copy). */
  get ssc(): Uint8Array {
    return this.#ssc.slice();
  }

  readonly transmit: Transmit = (apdu) => {
    const result = this.#queue.then(() => this.#exchange(apdu));
    this.#queue = result.catch(() => undefined);
    return result;
  };

  async #exchange(apdu: Uint8Array): Promise<Uint8Array> {
    const wrapped = wrapCommandBytes(this.#cipher, this.#ssc, apdu);
    const response = await this.#raw(wrapped);
    return unwrapResponse(this.#cipher, this.#ssc, response);
  }
}
