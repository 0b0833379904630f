/** The ICAO 9303-11 key derivation function: a hash of the shared secret and a 32-bit counter. */
import { createHash } from 'node:crypto';
import { concatBytes } from '../bytes.ts';
import { adjustDesParity } from './des.ts';

export const KDF_ENC = 1;
export const KDF_MAC = 2;
/** Derives K_π, the key that encrypts the PACE nonce, from the password. */
export const KDF_PI = 3;

export type KeyCipher = 'des3' | 'aes128' | 'aes192' | 'aes256';

export function keyLength(cipher: KeyCipher): number {
  return cipher === 'des3' || cipher === 'aes128' ? 16 : cipher === 'aes192' ? 24 : 32;
}

export function deriveKey(secret: Uint8Array, counter: number, cipher: KeyCipher): Uint8Array {
  const counterBytes = Uint8Array.of(counter >>> 24, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff);
  const hash = cipher === 'aes192' || cipher === 'aes256' ? 'sha256' : 'sha1';
  const digest = new Uint8Array(createHash(hash).update(concatBytes(secret, counterBytes)).digest());
  const key = digest.slice(0, keyLength(cipher));
  return cipher === 'des3' ? adjustDesParity(key) : key;
}

export function sha1(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha1').update(data).digest());
}
