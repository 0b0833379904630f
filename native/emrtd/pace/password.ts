/**
 * PACE passwords (ICAO 9303-11 §9.5.2): the MRZ (reference 01) hashed with
 * SHA-1, or the CAN (reference 02) as ASCII; K_π = KDF(K, 3).
 */
import { asciiBytes } from '../bytes.ts';
import { deriveKey, KDF_PI, sha1, type KeyCipher } from '../crypto/kdf.ts';
import { EmrtdError } from '../errors.ts';
import { mrzInformation, type MrzKey } from '../bac/mrz-key.ts';

export type PacePassword = { kind: 'can'; can: string } | ({ kind: 'mrz' } & MrzKey);

export const PASSWORD_REFERENCE = { mrz: 0x01, can: 0x02 } as const;

export function passwordReference(password: PacePassword): number {
  return PASSWORD_REFERENCE[password.kind];
}

/** K, the password as PACE uses it before key derivation. */
export function passwordBytes(password: PacePassword): Uint8Array {
  if (password.kind === 'mrz') return sha1(asciiBytes(mrzInformation(password)));
  if (!/^\d{6}$/.test(password.can)) throw new EmrtdError('invalid-input', 'the card access number must have 6 digits');
  return asciiBytes(password.can);
}

export function derivePasswordKey(password: PacePassword, cipher: KeyCipher): Uint8Array {
  return deriveKey(passwordBytes(password), KDF_PI, cipher);
}
