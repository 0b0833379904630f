/** The chip's half of BAC: answer GET CHALLENGE and check the terminal's EXTERNAL AUTHENTICATE. */
import { SW } from '../apdu.ts';
import { bacSessionKeys } from '../bac/bac.ts';
import type { BacKeys } from '../bac/mrz-key.ts';
import { concatBytes, constantTimeEqual } from '../bytes.ts';
import { des3CbcDecrypt, des3CbcEncrypt, retailMac } from '../crypto/des.ts';
import type { RandomBytes } from '../crypto/random.ts';
import { pad } from '../sm/padding.ts';
import type { SessionKeys } from '../sm/session-keys.ts';

export type ChipAnswer = { data: Uint8Array; sw: number; sessionKeys?: SessionKeys };

export class ChipBac {
  readonly #keys: BacKeys;
  readonly #random: RandomBytes;
  #challenge: Uint8Array | undefined;

  constructor(keys: BacKeys, random: RandomBytes) {
    this.#keys = keys;
    this.#random = random;
  }

  reset(): void {
    this.#challenge = undefined;
  }

  getChallenge(ne: number | undefined): ChipAnswer {
    if (ne !== 8) return { data: new Uint8Array(0), sw: SW.WRONG_LENGTH };
    this.#challenge = this.#random(8);
    return { data: this.#challenge.slice(), sw: SW.SUCCESS };
  }

  externalAuthenticate(data: Uint8Array): ChipAnswer {
    const rndIc = this.#challenge;
    this.#challenge = undefined;
    const refuse = { data: new Uint8Array(0), sw: SW.SECURITY_STATUS_NOT_SATISFIED };
    if (rndIc === undefined) return { data: new Uint8Array(0), sw: SW.CONDITIONS_NOT_SATISFIED };
    if (data.length !== 40) return { data: new Uint8Array(0), sw: SW.WRONG_LENGTH };
    const eIfd = data.subarray(0, 32);
    if (!constantTimeEqual(retailMac(this.#keys.kMac, pad(eIfd, 8)), data.subarray(32))) return refuse;
    const s = des3CbcDecrypt(this.#keys.kEnc, eIfd);
    if (!constantTimeEqual(s.subarray(8, 16), rndIc)) return refuse;
    const rndIfd = s.slice(0, 8);
    const kIfd = s.slice(16, 32);
    const kIc = this.#random(16);
    const eIc = des3CbcEncrypt(this.#keys.kEnc, concatBytes(rndIc, rndIfd, kIc));
    return {
      data: concatBytes(eIc, retailMac(this.#keys.kMac, pad(eIc, 8))),
      sw: SW.SUCCESS,
      sessionKeys: bacSessionKeys(kIfd, kIc, rndIc, rndIfd),
    };
  }
}
