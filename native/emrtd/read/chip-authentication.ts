/**
 * Chip Authentication (ICAO 9303-11 §6.2) with ECDH: the terminal sends an
 * ephemeral public key; both sides agree on a secret with the chip's static
 * key from DG14 and restart secure messaging with keys derived from it and
 * SSC = 0. Only the genuine chip knows the static private key, so a protected
 * answer under the new keys proves the chip. AES uses MSE:Set AT + GENERAL
 * AUTHENTICATE; 3DES the older MSE:Set KAT.
 */
import { describeSw, isSuccess, sendCommand, SW, type Transmit } from '../apdu.ts';
import { encodeOidValue } from '../asn1.ts';
import { concatBytes } from '../bytes.ts';
import type { KeyCipher } from '../crypto/kdf.ts';
import { secureRandomBytes, type RandomBytes } from '../crypto/random.ts';
import { EmrtdError, isEmrtdError } from '../errors.ts';
import { standardCurve, STANDARD_CURVE_IDS, type StandardCurve } from '../pace/curves.ts';
import { decodePublicKey, encodePoint, randomScalar, xCoordinate } from '../pace/ec.ts';
import { paceSessionKeys } from '../pace/pace.ts';
import type { SessionKeys } from '../sm/session-keys.ts';
import { encodeTlv } from '../tlv.ts';
import type { AuthenticationStatus } from './active-authentication.ts';
import type { ReaderChannel } from './channel.ts';
import { EMRTD_APPLICATION_ID } from './files.ts';

export const ID_CA_ECDH = '0.4.0.127.0.7.2.2.3.2';
export const CA_ECDH_3DES_CBC_CBC = `${ID_CA_ECDH}.1`;
export const CA_ECDH_AES_CBC_CMAC_128 = `${ID_CA_ECDH}.2`;
export const CA_ECDH_AES_CBC_CMAC_192 = `${ID_CA_ECDH}.3`;
export const CA_ECDH_AES_CBC_CMAC_256 = `${ID_CA_ECDH}.4`;

const CA_CIPHERS: Readonly<Record<string, KeyCipher>> = {
  [CA_ECDH_3DES_CBC_CBC]: 'des3',
  [CA_ECDH_AES_CBC_CMAC_128]: 'aes128',
  [CA_ECDH_AES_CBC_CMAC_192]: 'aes192',
  [CA_ECDH_AES_CBC_CMAC_256]: 'aes256',
};

/** The chip's static key agreement key and protocol, as DG14 gives them (ChipAuthenticationInfo + ChipAuthenticationPublicKeyInfo). */
export interface ChipAuthenticationInput {
  /** ChipAuthenticationInfo protocol OID, e.g. 0.4.0.127.0.7.2.2.3.2.2 (CA-ECDH-AES-CBC-CMAC-128). */
  protocol: string;
  /** Standardized domain parameter ID (8–18), or give `curve`. */
  parameterId?: number;
  /** A curve name as curves.ts knows it ('brainpoolP256r1', 'NIST P-256', or the OpenSSL name 'prime256v1'). */
  curve?: string;
  /** The chip's public point, uncompressed (04 ‖ X ‖ Y). */
  publicKey: Uint8Array;
  /** Key ID, when DG14 holds more than one key; sent as 84. */
  keyId?: number;
}

export interface ChipAuthenticationOptions {
  /** Draws the terminal's ephemeral private key. */
  random?: RandomBytes;
}

export interface ChipAuthenticationResult {
  status: AuthenticationStatus;
  protocol?: string;
  reason?: string;
  sw?: number;
}

export function chipAuthenticationCipher(protocol: string): KeyCipher | undefined {
  return CA_CIPHERS[protocol];
}

export function chipAuthenticationCurve(input: Pick<ChipAuthenticationInput, 'parameterId' | 'curve'>): StandardCurve {
  if (input.parameterId !== undefined) return standardCurve(input.parameterId);
  const wanted = input.curve?.toLowerCase();
  for (const id of STANDARD_CURVE_IDS) {
    const curve = standardCurve(id);
    if (curve.name.toLowerCase() === wanted || curve.opensslName.toLowerCase() === wanted) return curve;
  }
  throw new EmrtdError('unsupported', `chip authentication on curve ${input.curve ?? '(none given)'} is not supported`);
}

function keyIdObject(keyId: number | undefined): Uint8Array {
  if (keyId === undefined) return new Uint8Array(0);
  const bytes: number[] = [];
  for (let rest = keyId; bytes.length === 0 || rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return encodeTlv(0x84, Uint8Array.from(bytes));
}

function refused(step: string, sw: number): EmrtdError {
  return new EmrtdError('status-word', `chip authentication ${step}: ${describeSw(sw)}`, { sw });
}

/**
 * The key agreement alone, sent on `transmit` (the current secure channel):
 * returns the new session keys. The caller restarts secure messaging with them.
 */
export async function performChipAuthentication(
  transmit: Transmit,
  input: ChipAuthenticationInput,
  options: ChipAuthenticationOptions = {},
): Promise<SessionKeys> {
  const cipher = chipAuthenticationCipher(input.protocol);
  if (cipher === undefined) throw new EmrtdError('unsupported', `chip authentication protocol ${input.protocol} is not supported`);
  const curve = chipAuthenticationCurve(input);
  const chipKey = decodePublicKey(curve, input.publicKey, 'the chip authentication public key');
  const privateKey = randomScalar(curve, options.random ?? secureRandomBytes);
  const ephemeral = encodePoint(curve, curve.Point.BASE.multiply(privateKey));

  if (cipher === 'des3') {
    const kat = await sendCommand(transmit, {
      cla: 0x00,
      ins: 0x22,
      p1: 0x41,
      p2: 0xa6,
      data: concatBytes(encodeTlv(0x91, ephemeral), keyIdObject(input.keyId)),
    });
    if (!isSuccess(kat.sw)) throw refused('MSE:Set KAT', kat.sw);
  } else {
    const mse = await sendCommand(transmit, {
      cla: 0x00,
      ins: 0x22,
      p1: 0x41,
      p2: 0xa4,
      data: concatBytes(encodeTlv(0x80, encodeOidValue(input.protocol)), keyIdObject(input.keyId)),
    });
    if (!isSuccess(mse.sw)) throw refused('MSE:Set AT', mse.sw);
    const ga = await sendCommand(transmit, {
      cla: 0x00,
      ins: 0x86,
      p1: 0x00,
      p2: 0x00,
      data: encodeTlv(0x7c, encodeTlv(0x80, ephemeral)),
      ne: 256,
    });
    if (!isSuccess(ga.sw)) throw refused('GENERAL AUTHENTICATE', ga.sw);
    if (ga.data.length > 0 && ga.data[0] !== 0x7c) throw new EmrtdError('tlv-malformed', 'chip authentication: the answer is not 7C');
  }
  return paceSessionKeys(cipher, xCoordinate(curve, chipKey.multiply(privateKey)));
}

const NOT_SUPPORTED_SWS = new Set<number>([SW.INS_NOT_SUPPORTED, SW.FUNCTION_NOT_SUPPORTED, SW.REFERENCED_DATA_NOT_FOUND, SW.INCORRECT_P1P2]);

/** Errors that end the read rather than the check: the card left, or the caller stopped. */
function endsTheRead(error: unknown): boolean {
  return isEmrtdError(error) && (error.kind === 'card-removed' || error.kind === 'aborted' || error.kind === 'transport');
}

/**
 * Chip authentication on a reader channel: agree on keys, switch the channel
 * to them, and confirm with a protected SELECT of the application. After a
 * 'failed' status the channel's session is gone (the chip has switched keys or
 * dropped them); after 'not-supported' and 'error' before the switch it is intact.
 */
export async function chipAuthenticate(
  channel: ReaderChannel,
  input: ChipAuthenticationInput,
  options: ChipAuthenticationOptions = {},
): Promise<ChipAuthenticationResult & { sessionIntact: boolean }> {
  const protocol = input.protocol;
  if (channel.smCipher === undefined) return { status: 'error', protocol, reason: 'chip authentication needs secure messaging', sessionIntact: true };
  let keys: SessionKeys;
  try {
    keys = await performChipAuthentication(channel.transmit, input, options);
  } catch (error) {
    if (endsTheRead(error)) throw error;
    if (isEmrtdError(error, 'unsupported')) return { status: 'not-supported', protocol, reason: error.message, sessionIntact: true };
    if (isEmrtdError(error, 'status-word') && error.sw !== undefined) {
      const status = NOT_SUPPORTED_SWS.has(error.sw) ? 'not-supported' : 'failed';
      return { status, protocol, reason: error.message, sw: error.sw, sessionIntact: !channel.lastResponseWasBare };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { status: 'error', protocol, reason, sessionIntact: false };
  }
  channel.startSecureMessaging(keys);
  try {
    const select = await sendCommand(channel.transmit, { cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: EMRTD_APPLICATION_ID });
    if (isSuccess(select.sw) && !channel.lastResponseWasBare) return { status: 'passed', protocol, sessionIntact: true };
    return { status: 'failed', protocol, reason: `no protected answer under the new keys (${describeSw(select.sw)})`, sw: select.sw, sessionIntact: false };
  } catch (error) {
    if (endsTheRead(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return { status: 'failed', protocol, reason: `the answer under the new keys does not verify: ${reason}`, sessionIntact: false };
  }
}
