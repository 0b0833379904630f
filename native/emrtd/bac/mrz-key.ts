/**
 * The MRZ-derived document basic access key (ICAO 9303-11 §9.7.2):
 * MRZ_information = document number ‖ check digit ‖ date of birth ‖ check digit
 * ‖ date of expiry ‖ check digit, and K_seed = SHA-1(MRZ_information)[0..15].
 */
import { asciiBytes } from '../bytes.ts';
import { EmrtdError } from '../errors.ts';
import { deriveKey, KDF_ENC, KDF_MAC, sha1 } from '../crypto/kdf.ts';

export interface MrzKey {
  /** As printed in the MRZ, without fillers: letters, digits, '<' allowed. */
  documentNumber: string;
  /** YYMMDD */
  dateOfBirth: string;
  /** YYMMDD */
  dateOfExpiry: string;
}

export interface BacKeys {
  kSeed: Uint8Array;
  kEnc: Uint8Array;
  kMac: Uint8Array;
}

const WEIGHTS = [7, 3, 1] as const;

function characterValue(char: string): number {
  if (char >= '0' && char <= '9') return char.charCodeAt(0) - 48;
  if (char >= 'A' && char <= 'Z') return char.charCodeAt(0) - 55;
  if (char === '<') return 0;
  throw new EmrtdError('invalid-input', 'a character that cannot appear in a machine readable zone');
}

/** ICAO 9303-3 §4.9 check digit: weights 7, 3, 1 repeating, sum modulo 10. */
export function mrzCheckDigit(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += characterValue(field[i] as string) * (WEIGHTS[i % 3] as number);
  return sum % 10;
}

function checkDate(value: string, what: string): string {
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (!/^\d{6}$/.test(value) || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new EmrtdError('invalid-input', `${what} must be YYMMDD`);
  }
  return value;
}

/**
 * Shorter document numbers are filled with '<' to nine characters; a longer
 * one (TD1 with the rest in the optional data) is used whole. A CCCD's is the
 * 12-digit ID without its first three digits (cccdDocumentNumber), never the whole ID.
 */
export function mrzInformation(key: MrzKey): string {
  const documentNumber = key.documentNumber.toUpperCase();
  if (documentNumber.length === 0 || !/^[0-9A-Z<]+$/.test(documentNumber)) {
    throw new EmrtdError('invalid-input', 'the document number must be MRZ text (digits, A-Z, <)');
  }
  const fields = [documentNumber.padEnd(9, '<'), checkDate(key.dateOfBirth, 'date of birth'), checkDate(key.dateOfExpiry, 'date of expiry')];
  return fields.map((field) => `${field}${mrzCheckDigit(field)}`).join('');
}

export function bacKeySeed(key: MrzKey): Uint8Array {
  return sha1(asciiBytes(mrzInformation(key))).slice(0, 16);
}

export function deriveBacKeys(key: MrzKey): BacKeys {
  const kSeed = bacKeySeed(key);
  return { kSeed, kEnc: deriveKey(kSeed, KDF_ENC, 'des3'), kMac: deriveKey(kSeed, KDF_MAC, 'des3') };
}
