/**
 * Basic Access Control (ICAO 9303-11 §4.3): GET CHALLENGE, then EXTERNAL
 * AUTHENTICATE with the terminal's cryptogram, then session keys from both
 * key halves and the SSC from both nonces.
 */
import { isAccessDenial, requireSuccess, sendCommand, SW, type Transmit } from '../apdu.ts';
import { concatBytes, constantTimeEqual, xorBytes } from '../bytes.ts';
import { des3CbcDecrypt, des3CbcEncrypt, retailMac } from '../crypto/des.ts';
import { deriveKey, KDF_ENC, KDF_MAC } from '../crypto/kdf.ts';
import { secureRandomBytes, type RandomBytes } from '../crypto/random.ts';
import { EmrtdError } from '../errors.ts';
import { pad } from '../sm/padding.ts';
import type { SessionKeys } from '../sm/session-keys.ts';
import type { BacKeys } from './mrz-key.ts';

export interface BacOptions {
  /** Draws RND.IFD (8 bytes) and then K.IFD (16 bytes). */
  random?: RandomBytes;
}

const NONCE_LENGTH = 8;
const KEY_LENGTH = 16;
const CRYPTOGRAM_LENGTH = 32;
const MAC_LENGTH = 8;

export async function getChallenge(transmit: Transmit): Promise<Uint8Array> {
  const response = await sendCommand(transmit, { cla: 0x00, ins: 0x84, p1: 0x00, p2: 0x00, ne: NONCE_LENGTH });
  const challenge = requireSuccess(response, 'GET CHALLENGE');
  if (challenge.length !== NONCE_LENGTH) throw new EmrtdError('apdu-malformed', `GET CHALLENGE returned ${challenge.length} bytes`);
  return challenge;
}

/** BAC session keys derived from K.IFD ⊕ K.IC, and SSC = RND.IC[4..7] ‖ RND.IFD[4..7]. */
export function bacSessionKeys(kIfd: Uint8Array, kIc: Uint8Array, rndIc: Uint8Array, rndIfd: Uint8Array): SessionKeys {
  const seed = xorBytes(kIfd, kIc);
  return {
    cipher: 'des3',
    kEnc: deriveKey(seed, KDF_ENC, 'des3'),
    kMac: deriveKey(seed, KDF_MAC, 'des3'),
    ssc: concatBytes(rndIc.subarray(4, 8), rndIfd.subarray(4, 8)),
  };
}

export async function performBac(transmit: Transmit, keys: Pick<BacKeys, 'kEnc' | 'kMac'>, options: BacOptions = {}): Promise<SessionKeys> {
  const random = options.random ?? secureRandomBytes;
  const rndIc = await getChallenge(transmit);
  const rndIfd = random(NONCE_LENGTH);
  const kIfd = random(KEY_LENGTH);
  const eIfd = des3CbcEncrypt(keys.kEnc, concatBytes(rndIfd, rndIc, kIfd));
  const mIfd = retailMac(keys.kMac, pad(eIfd, 8));

  const response = await sendCommand(transmit, {
    cla: 0x00,
    ins: 0x82,
    p1: 0x00,
    p2: 0x00,
    data: concatBytes(eIfd, mIfd),
    ne: CRYPTOGRAM_LENGTH + MAC_LENGTH,
  });
  if (response.sw === SW.CONDITIONS_NOT_SATISFIED || isAccessDenial(response.sw)) {
    throw new EmrtdError('auth-failed', 'the chip rejected the BAC key (check the document number and dates)', { sw: response.sw });
  }
  const answer = requireSuccess(response, 'EXTERNAL AUTHENTICATE');
  if (answer.length !== CRYPTOGRAM_LENGTH + MAC_LENGTH) {
    throw new EmrtdError('auth-failed', `EXTERNAL AUTHENTICATE returned ${answer.length} bytes`);
  }
  const eIc = answer.subarray(0, CRYPTOGRAM_LENGTH);
  if (!constantTimeEqual(retailMac(keys.kMac, pad(eIc, 8)), answer.subarray(CRYPTOGRAM_LENGTH))) {
    throw new EmrtdError('auth-failed', 'the chip cryptogram MAC does not verify');
  }
  const r = des3CbcDecrypt(keys.kEnc, eIc);
  // The chip must echo both nonces; a reply to someone else's challenge is refused.
  if (!constantTimeEqual(r.subarray(0, 8), rndIc) || !constantTimeEqual(r.subarray(8, 16), rndIfd)) {
    throw new EmrtdError('auth-failed', 'the chip did not return our nonces');
  }
  return bacSessionKeys(kIfd, r.subarray(16, 32), rndIc, rndIfd);
}
