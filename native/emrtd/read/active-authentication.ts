/**
 * Active Authentication (ICAO 9303-11 §6.1): the chip signs a fresh 8-byte
 * challenge with the private key whose public half is in DG15, which a copied
 * chip cannot do. RSA signatures use ISO/IEC 9796-2 scheme 1; ECDSA ones are
 * plain r ‖ s, hashed as DG14's ActiveAuthenticationInfo says.
 */
import { createPublicKey, verify as verifySignature, type KeyObject } from 'node:crypto';
import { describeSw, isSuccess, sendCommand, SW, type Transmit } from '../apdu.ts';
import { secureRandomBytes, type RandomBytes } from '../crypto/random.ts';
import { childrenOf, decodeFirstTlv } from '../tlv.ts';
import { verifyIso9796Scheme1 } from './iso9796-2.ts';

export type AuthenticationStatus = 'passed' | 'failed' | 'not-supported' | 'error';

export interface ActiveAuthenticationInput {
  /** DG15's public key (node:crypto from its SubjectPublicKeyInfo): RSA or EC. */
  publicKey: KeyObject;
  /** DG14 ActiveAuthenticationInfo signatureAlgorithm (ecdsa-plain-SHA…); for ECDSA only. By key size when absent. */
  signatureAlgorithm?: string;
}

export interface ActiveAuthenticationOptions {
  random?: RandomBytes;
}

export interface ActiveAuthenticationResult {
  status: AuthenticationStatus;
  /** e.g. 'RSA ISO9796-2 sha1', 'ECDSA sha256'. */
  algorithm?: string;
  reason?: string;
  sw?: number;
}

const CHALLENGE_LENGTH = 8;
const ECDSA_PLAIN = '0.4.0.127.0.7.1.1.4.1';

/**
 * Signature algorithm OIDs an ActiveAuthenticationInfo may name: BSI TR-03111
 * ecdsa-plain-* as ICAO 9303-11 specifies, and the X9.62 ecdsa-with-* some
 * issuers put there instead. The signature itself is plain r ‖ s either way.
 */
export const ECDSA_PLAIN_HASHES: Readonly<Record<string, string>> = {
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  [`${ECDSA_PLAIN}.1`]: 'sha1',
  [`${ECDSA_PLAIN}.2`]: 'sha224',
  [`${ECDSA_PLAIN}.3`]: 'sha256',
  [`${ECDSA_PLAIN}.4`]: 'sha384',
  [`${ECDSA_PLAIN}.5`]: 'sha512',
  [`${ECDSA_PLAIN}.6`]: 'ripemd160',
};

/**
 * Bytes in one coordinate of an EC key, from the point in its
 * SubjectPublicKeyInfo (JWK export does not know the brainpool curves).
 */
export function ecFieldSize(key: KeyObject): number {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const spki = decodeFirstTlv(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })));
  const bitString = childrenOf(spki)[1];
  // BIT STRING: an unused-bits byte, then 04 ‖ X ‖ Y.
  if (bitString === undefined || bitString.value[1] !== 0x04) throw new TypeError('not an uncompressed EC public key');
  return (bitString.value.length - 2) / 2;
}

/** The hash that matches the curve size, the usual choice when DG14 does not name one. */
export function hashForFieldSize(fieldSize: number): string {
  if (fieldSize <= 20) return 'sha1';
  if (fieldSize <= 28) return 'sha224';
  if (fieldSize <= 32) return 'sha256';
  if (fieldSize <= 48) return 'sha384';
  return 'sha512';
}

/** Checks the chip's answer to `challenge`; pure, for tests and re-verification. */
export function verifyActiveAuthentication(
  input: ActiveAuthenticationInput,
  challenge: Uint8Array,
  signature: Uint8Array,
): ActiveAuthenticationResult {
  const type = input.publicKey.asymmetricKeyType;
  if (type === 'rsa') {
    const check = verifyIso9796Scheme1(input.publicKey, challenge, signature);
    if (!check.ok) return { status: 'failed', algorithm: 'RSA ISO9796-2', reason: check.reason };
    return { status: 'passed', algorithm: `RSA ISO9796-2 ${check.hash}` };
  }
  if (type === 'ec') {
    const fieldSize = ecFieldSize(input.publicKey);
    const named = input.signatureAlgorithm === undefined ? undefined : ECDSA_PLAIN_HASHES[input.signatureAlgorithm];
    if (input.signatureAlgorithm !== undefined && named === undefined) {
      return { status: 'not-supported', reason: `signature algorithm ${input.signatureAlgorithm} is not ECDSA with a plain signature` };
    }
    const hash = named ?? hashForFieldSize(fieldSize);
    const algorithm = `ECDSA ${hash}`;
    if (signature.length !== 2 * fieldSize) return { status: 'failed', algorithm, reason: `a signature of ${signature.length} bytes` };
    const ok = verifySignature(hash, challenge, { key: input.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    return ok ? { status: 'passed', algorithm } : { status: 'failed', algorithm, reason: 'the signature does not verify' };
  }
  return { status: 'not-supported', reason: `${type ?? 'unknown'} keys are not used for Active Authentication` };
}

function signatureLength(key: KeyObject): number {
  if (key.asymmetricKeyType === 'rsa') return Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 2048) / 8);
  return 2 * ecFieldSize(key);
}

/**
 * Runs INTERNAL AUTHENTICATE on the channel (plain or secure messaging). The
 * chip's refusals become a status; a lost card or a broken secure channel is
 * thrown, since the read cannot go on.
 */
export async function performActiveAuthentication(
  transmit: Transmit,
  input: ActiveAuthenticationInput,
  options: ActiveAuthenticationOptions = {},
): Promise<ActiveAuthenticationResult> {
  const type = input.publicKey.asymmetricKeyType;
  if (type !== 'rsa' && type !== 'ec') {
    return { status: 'not-supported', reason: `${type ?? 'unknown'} keys are not used for Active Authentication` };
  }
  const challenge = (options.random ?? secureRandomBytes)(CHALLENGE_LENGTH);
  const expected = signatureLength(input.publicKey);
  const response = await sendCommand(transmit, { cla: 0x00, ins: 0x88, p1: 0x00, p2: 0x00, data: challenge, ne: expected > 256 ? 65536 : 256 });
  if (response.sw === SW.INS_NOT_SUPPORTED || response.sw === SW.FUNCTION_NOT_SUPPORTED) {
    return { status: 'not-supported', reason: `the chip does not run INTERNAL AUTHENTICATE (${describeSw(response.sw)})`, sw: response.sw };
  }
  if (!isSuccess(response.sw)) return { status: 'error', reason: `INTERNAL AUTHENTICATE: ${describeSw(response.sw)}`, sw: response.sw };
  if (response.data.length === 0) return { status: 'error', reason: 'INTERNAL AUTHENTICATE returned no signature' };
  return verifyActiveAuthentication(input, challenge, response.data);
}
