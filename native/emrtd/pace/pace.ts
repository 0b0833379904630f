/**
 * PACE with ECDH generic mapping (ICAO 9303-11 §4.4 and §9.5): MSE:Set AT,
 * then four GENERAL AUTHENTICATE steps (encrypted nonce, mapping, key
 * agreement, mutual authentication tokens), giving secure-messaging keys.
 */
import { concatBytes, constantTimeEqual, bytesToBigint } from '../bytes.ts';
import { encodeOidValue } from '../asn1.ts';
import { isAccessDenial, isSuccess, requireSuccess, sendCommand, type Transmit } from '../apdu.ts';
import { aesCbcDecrypt } from '../crypto/aes.ts';
import { des3CbcDecrypt } from '../crypto/des.ts';
import { deriveKey, KDF_ENC, KDF_MAC, type KeyCipher } from '../crypto/kdf.ts';
import { secureRandomBytes, type RandomBytes } from '../crypto/random.ts';
import { EmrtdError } from '../errors.ts';
import type { SessionKeys } from '../sm/session-keys.ts';
import { encodeTlv } from '../tlv.ts';
import { isSupportedPaceInfo, type PaceInfo } from './card-access.ts';
import { standardCurve, type StandardCurve } from './curves.ts';
import { decodePublicKey, encodePoint, randomScalar, xCoordinate } from './ec.ts';
import { generalAuthenticate } from './general-authenticate.ts';
import { mapGenerator, sharedMappingPoint } from './mapping.ts';
import { derivePasswordKey, passwordReference, type PacePassword } from './password.ts';
import { authenticationToken, ecPublicKeyDataObject } from './token.ts';

export interface PaceOptions {
  /** Draws the terminal's mapping private key, then its key-agreement private key (see randomScalar). */
  random?: RandomBytes;
  /**
   * Send the domain parameter ID (84) in MSE:Set AT. On by default: it is
   * optional in ICAO 9303, but some chips answer 6A87 without it.
   */
  sendParameterId?: boolean;
}

export interface PaceResult {
  sessionKeys: SessionKeys;
  /** PK_DH,IC, encoded: the chip's ephemeral public key, which later protocols refer to. */
  chipEphemeralPublicKey: Uint8Array;
}

export function mseSetAtData(info: PaceInfo, password: PacePassword, sendParameterId: boolean): Uint8Array {
  const parts = [encodeTlv(0x80, encodeOidValue(info.protocol.oid)), encodeTlv(0x83, Uint8Array.of(passwordReference(password)))];
  if (sendParameterId && info.parameterId !== undefined) parts.push(encodeTlv(0x84, Uint8Array.of(info.parameterId)));
  return concatBytes(...parts);
}

export function decryptNonce(cipher: KeyCipher, kPi: Uint8Array, encryptedNonce: Uint8Array): Uint8Array {
  const blockSize = cipher === 'des3' ? 8 : 16;
  if (encryptedNonce.length === 0 || encryptedNonce.length % blockSize !== 0) {
    throw new EmrtdError('tlv-malformed', `encrypted nonce of ${encryptedNonce.length} bytes`);
  }
  return cipher === 'des3' ? des3CbcDecrypt(kPi, encryptedNonce) : aesCbcDecrypt(kPi, encryptedNonce);
}

export function paceSessionKeys(cipher: KeyCipher, sharedSecret: Uint8Array): SessionKeys {
  const des = cipher === 'des3';
  return {
    cipher: des ? 'des3' : 'aes',
    kEnc: deriveKey(sharedSecret, KDF_ENC, cipher),
    kMac: deriveKey(sharedSecret, KDF_MAC, cipher),
    ssc: new Uint8Array(des ? 8 : 16),
  };
}

async function setAuthenticationTemplate(transmit: Transmit, data: Uint8Array): Promise<void> {
  const response = await sendCommand(transmit, { cla: 0x00, ins: 0x22, p1: 0xc1, p2: 0xa4, data });
  // 63Cx reports the tries left for the password and is not a refusal, unless none are left.
  const triesLeft = response.sw >> 4 === 0x63c ? response.sw & 0x0f : undefined;
  if (isSuccess(response.sw) || (triesLeft !== undefined && triesLeft > 0)) return;
  if (isAccessDenial(response.sw)) throw new EmrtdError('auth-failed', 'the chip refuses PACE with this password', { sw: response.sw });
  requireSuccess(response, 'MSE:Set AT');
}

export async function performPace(
  transmit: Transmit,
  password: PacePassword,
  info: PaceInfo,
  options: PaceOptions = {},
): Promise<PaceResult> {
  if (!isSupportedPaceInfo(info) || info.parameterId === undefined) {
    throw new EmrtdError('unsupported', `PACE ${info.protocol.oid} with parameter ${info.parameterId ?? 'explicit'} is not supported`);
  }
  const random = options.random ?? secureRandomBytes;
  const curve: StandardCurve = standardCurve(info.parameterId);
  const { cipher, oid } = info.protocol;
  const kPi = derivePasswordKey(password, cipher);

  await setAuthenticationTemplate(transmit, mseSetAtData(info, password, options.sendParameterId ?? true));

  const step1 = await generalAuthenticate(transmit, { expect: 0x80, last: false, name: 'encrypted nonce' });
  const nonce = bytesToBigint(decryptNonce(cipher, kPi, step1.answer.value));

  const mappingKey = randomScalar(curve, random);
  const step2 = await generalAuthenticate(transmit, {
    send: { tag: 0x81, value: encodePoint(curve, curve.Point.BASE.multiply(mappingKey)) },
    expect: 0x82,
    last: false,
    name: 'mapping',
  });
  const chipMappingKey = decodePublicKey(curve, step2.answer.value, 'the chip mapping public key');
  const generator = mapGenerator(curve, nonce, sharedMappingPoint(mappingKey, chipMappingKey));

  const agreementKey = randomScalar(curve, random);
  const terminalPublicKey = encodePoint(curve, generator.multiply(agreementKey));
  const step3 = await generalAuthenticate(transmit, {
    send: { tag: 0x83, value: terminalPublicKey },
    expect: 0x84,
    last: false,
    name: 'key agreement',
  });
  const chipPublicKey = decodePublicKey(curve, step3.answer.value, 'the chip ephemeral public key');
  const chipPublicKeyBytes = encodePoint(curve, chipPublicKey);
  if (constantTimeEqual(chipPublicKeyBytes, terminalPublicKey)) {
    throw new EmrtdError('invalid-public-key', 'the chip returned the terminal ephemeral public key');
  }
  const sessionKeys = paceSessionKeys(cipher, xCoordinate(curve, chipPublicKey.multiply(agreementKey)));

  const step4 = await generalAuthenticate(transmit, {
    send: { tag: 0x85, value: authenticationToken(cipher, sessionKeys.kMac, ecPublicKeyDataObject(oid, chipPublicKeyBytes)) },
    expect: 0x86,
    last: true,
    name: 'mutual authentication',
  });
  const expectedChipToken = authenticationToken(cipher, sessionKeys.kMac, ecPublicKeyDataObject(oid, terminalPublicKey));
  if (!constantTimeEqual(step4.answer.value, expectedChipToken)) {
    throw new EmrtdError('auth-failed', 'the chip authentication token does not verify');
  }
  return { sessionKeys, chipEphemeralPublicKey: chipPublicKeyBytes };
}
