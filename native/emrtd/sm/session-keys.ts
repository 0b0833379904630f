/**
 * Session keys and the block cipher behind secure messaging: 3DES after BAC
 * (or PACE-3DES), AES after PACE. The two differ in block size, IV and MAC.
 */
import { aesCbcDecrypt, aesCbcEncrypt, aesEcbEncrypt } from '../crypto/aes.ts';
import { aesCmac } from '../crypto/cmac.ts';
import { des3CbcDecrypt, des3CbcEncrypt, retailMac } from '../crypto/des.ts';

export type SmCipherName = 'des3' | 'aes';

export interface SessionKeys {
  readonly cipher: SmCipherName;
  /** KS_enc: 16 bytes for 3DES, 16/24/32 for AES. */
  readonly kEnc: Uint8Array;
  readonly kMac: Uint8Array;
  /** Send sequence counter to start from: 8 bytes for 3DES, 16 for AES. */
  readonly ssc: Uint8Array;
}

export interface SmCipher {
  readonly blockSize: 8 | 16;
  /** Encrypts padded data; the IV depends on the current SSC for AES. */
  encrypt(ssc: Uint8Array, padded: Uint8Array): Uint8Array;
  decrypt(ssc: Uint8Array, cryptogram: Uint8Array): Uint8Array;
  /** The 8-byte MAC of already padded input (which starts with the SSC). */
  mac(padded: Uint8Array): Uint8Array;
}

export const MAC_LENGTH = 8;

export function smCipherFor(keys: SessionKeys): SmCipher {
  if (keys.cipher === 'des3') {
    if (keys.kEnc.length !== 16 || keys.kMac.length !== 16 || keys.ssc.length !== 8) {
      throw new RangeError('3DES secure messaging needs 16-byte keys and an 8-byte SSC');
    }
    return {
      blockSize: 8,
      encrypt: (_ssc, padded) => des3CbcEncrypt(keys.kEnc, padded),
      decrypt: (_ssc, cryptogram) => des3CbcDecrypt(keys.kEnc, cryptogram),
      mac: (padded) => retailMac(keys.kMac, padded),
    };
  }
  if (keys.kEnc.length !== keys.kMac.length || keys.ssc.length !== 16) {
    throw new RangeError('AES secure messaging needs keys of one length and a 16-byte SSC');
  }
  const iv = (ssc: Uint8Array) => aesEcbEncrypt(keys.kEnc, ssc);
  return {
    blockSize: 16,
    encrypt: (ssc, padded) => aesCbcEncrypt(keys.kEnc, padded, iv(ssc)),
    decrypt: (ssc, cryptogram) => aesCbcDecrypt(keys.kEnc, cryptogram, iv(ssc)),
    mac: (padded) => aesCmac(keys.kMac, padded).slice(0, MAC_LENGTH),
  };
}
