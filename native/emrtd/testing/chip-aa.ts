/**
 * The chip's half of Active Authentication: INTERNAL AUTHENTICATE signs the
 * terminal's 8-byte challenge with RSA (ISO/IEC 9796-2 scheme 1, SHA-1, the
 * common chip choice) or ECDSA (plain r ‖ s, hash by curve size).
 */
import { constants, createHash, privateEncrypt, sign, type KeyObject } from 'node:crypto';
import { SW } from '../apdu.ts';
import { bigintToBytes, bytesToBigint, concatBytes } from '../bytes.ts';
import type { RandomBytes } from '../crypto/random.ts';
import { ecFieldSize, hashForFieldSize } from '../read/active-authentication.ts';
import type { ChipAnswer } from './chip-bac.ts';

/** Chip-model option `activeAuthentication`: the private key whose public half DG15 holds. */
export interface ChipActiveAuthenticationOptions {
  privateKey: KeyObject;
}

const CHALLENGE_LENGTH = 8;

function modulusOf(privateKey: KeyObject): bigint {
  const { n } = privateKey.export({ format: 'jwk' });
  if (n === undefined) throw new TypeError('not an RSA key');
  return bytesToBigint(new Uint8Array(Buffer.from(n, 'base64url')));
}

/**
 * F = 6A ‖ M1 ‖ SHA-1(M1 ‖ M2) ‖ BC with a random M1 that fills the block, then
 * the raw RSA private operation; the smaller of s and n − s is sent, as 9796-2 allows.
 */
export function signIso9796Scheme1(privateKey: KeyObject, nonRecoverable: Uint8Array, random: RandomBytes): Uint8Array {
  const n = modulusOf(privateKey);
  const k = Math.ceil(n.toString(2).length / 8);
  const recoverable = random(k - 2 - 20);
  const digest = createHash('sha1').update(recoverable).update(nonRecoverable).digest();
  const block = concatBytes(Uint8Array.of(0x6a), recoverable, digest, Uint8Array.of(0xbc));
  const s = bytesToBigint(new Uint8Array(privateEncrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, block)));
  return bigintToBytes(s < n - s ? s : n - s, k);
}

export class ChipActiveAuthentication {
  readonly #key: KeyObject;
  readonly #random: RandomBytes;

  constructor(options: ChipActiveAuthenticationOptions, random: RandomBytes) {
    if (options.privateKey.type !== 'private') throw new TypeError('Active Authentication needs a private key');
    this.#key = options.privateKey;
    this.#random = random;
  }

  internalAuthenticate(challenge: Uint8Array): ChipAnswer {
    if (challenge.length !== CHALLENGE_LENGTH) return { data: new Uint8Array(0), sw: SW.WRONG_LENGTH };
    if (this.#key.asymmetricKeyType === 'rsa') return { data: signIso9796Scheme1(this.#key, challenge, this.#random), sw: SW.SUCCESS };
    const hash = hashForFieldSize(ecFieldSize(this.#key));
    const signature = sign(hash, challenge, { key: this.#key, dsaEncoding: 'ieee-p1363' });
    return { data: new Uint8Array(signature), sw: SW.SUCCESS };
  }
}
