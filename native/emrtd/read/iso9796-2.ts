/**
 * ISO/IEC 9796-2 digital signature scheme 1 with partial message recovery,
 * the RSA format of Active Authentication (ICAO 9303-11 §6.1). node:crypto has
 * no 9796-2 (only PKCS#1 v1.5 and PSS), so it supplies the raw RSA operation
 * and the recovered block is checked here.
 */
import { constants, createHash, publicDecrypt, type KeyObject } from 'node:crypto';
import { bigintToBytes, bytesToBigint, concatBytes, constantTimeEqual } from '../bytes.ts';

export type Iso9796Verification = { ok: true; hash: string } | { ok: false; reason: string };

/** The hash identifiers of ISO/IEC 10118-3 used in the two-byte trailer xx CC. */
const TRAILER_HASHES: Record<number, string> = {
  0x31: 'ripemd160',
  0x33: 'sha1',
  0x34: 'sha256',
  0x35: 'sha512',
  0x36: 'sha384',
  0x38: 'sha224',
};

const IMPLICIT_SHA1 = 0xbc;
const EXPLICIT_TRAILER = 0xcc;

function modulusOf(publicKey: KeyObject): bigint {
  const { n } = publicKey.export({ format: 'jwk' });
  if (n === undefined) throw new TypeError('not an RSA key');
  return bytesToBigint(new Uint8Array(Buffer.from(n, 'base64url')));
}

/** Checks signature over M1 ‖ M2, where M1 is recovered from the signature and M2 (the challenge) is given. */
export function verifyIso9796Scheme1(publicKey: KeyObject, nonRecoverable: Uint8Array, signature: Uint8Array): Iso9796Verification {
  const n = modulusOf(publicKey);
  const k = Math.ceil(n.toString(2).length / 8);
  if (signature.length > k || bytesToBigint(signature) >= n) return { ok: false, reason: 'the signature is not below the modulus' };
  const padded = concatBytes(new Uint8Array(k - signature.length), signature);
  let block: Uint8Array = new Uint8Array(publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, padded));
  // The signer may send min(s, n - s); then the block comes out as n - F.
  if (((block[k - 1] as number) & 0x0f) !== 0x0c) block = bigintToBytes(n - bytesToBigint(block), k);
  if (((block[k - 1] as number) & 0x0f) !== 0x0c) return { ok: false, reason: 'the recovered block has no 9796-2 trailer' };
  const head = block[0] as number;
  if ((head & 0xc0) !== 0x40) return { ok: false, reason: 'the recovered block has no 9796-2 header' };
  if ((head & 0x20) === 0) return { ok: false, reason: 'the signature claims total message recovery' };

  const last = block[k - 1] as number;
  const hash = last === IMPLICIT_SHA1 ? 'sha1' : last === EXPLICIT_TRAILER ? TRAILER_HASHES[block[k - 2] as number] : undefined;
  if (hash === undefined) return { ok: false, reason: 'the trailer names no known hash' };
  const trailerLength = last === IMPLICIT_SHA1 ? 1 : 2;

  // Padding nibbles B…B end with an A nibble; the recoverable message M1 starts after it.
  const marker = block.findIndex((byte) => (byte & 0x0f) === 0x0a);
  const badPadding = marker === -1 || (marker > 0 && (head & 0x0f) !== 0x0b) || block.subarray(1, marker).some((byte) => byte !== 0xbb);
  if (badPadding) return { ok: false, reason: 'bad 9796-2 padding' };
  const hashLength = createHash(hash).digest().length;
  const hashStart = k - trailerLength - hashLength;
  if (hashStart < marker + 1) return { ok: false, reason: 'the recovered block is too short' };
  const recovered = block.subarray(marker + 1, hashStart);
  const expected = new Uint8Array(createHash(hash).update(recovered).update(nonRecoverable).digest());
  if (!constantTimeEqual(expected, block.subarray(hashStart, k - trailerLength))) return { ok: false, reason: 'the message hash does not match' };
  return { ok: true, hash };
}
