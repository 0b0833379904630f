/**
 * Two-key 3DES for BAC and 3DES secure messaging, and the ISO 9797-1 MAC
 * algorithm 3 ("retail MAC"). Single DES is only in OpenSSL 3's legacy
 * provider, so it is run as 3DES with the same key three times.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { concatBytes } from '../bytes.ts';

const BLOCK = 8;
const ZERO_IV = new Uint8Array(BLOCK);

function checkKey(key: Uint8Array): void {
  if (key.length !== 16) throw new RangeError(`a two-key 3DES key has 16 bytes, got ${key.length}`);
}

function checkBlocks(data: Uint8Array): void {
  if (data.length % BLOCK !== 0) throw new RangeError(`3DES data must be a multiple of ${BLOCK} bytes, got ${data.length}`);
}

function run(decipher: boolean, algorithm: string, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array): Uint8Array {
  const engine = decipher ? createDecipheriv(algorithm, key, iv) : createCipheriv(algorithm, key, iv);
  engine.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([engine.update(data), engine.final()]));
}

/** 3DES-CBC with K1 ‖ K2 (no padding added). */
export function des3CbcEncrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  checkKey(key);
  checkBlocks(data);
  return run(false, 'des-ede-cbc', key, iv, data);
}

export function des3CbcDecrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  checkKey(key);
  checkBlocks(data);
  return run(true, 'des-ede-cbc', key, iv, data);
}

function singleDesKey(key8: Uint8Array): Uint8Array {
  return concatBytes(key8, key8, key8);
}

/**
 * ISO 9797-1 MAC algorithm 3 with DES: CBC with Ka over every block, then
 * decrypt with Kb and encrypt with Ka. `padded` must already carry its padding.
 */
export function retailMac(key: Uint8Array, padded: Uint8Array): Uint8Array {
  checkKey(key);
  checkBlocks(padded);
  if (padded.length === 0) throw new RangeError('nothing to MAC');
  const ka = singleDesKey(key.subarray(0, 8));
  const kb = singleDesKey(key.subarray(8, 16));
  const chained = run(false, 'des-ede3-cbc', ka, ZERO_IV, padded).subarray(-BLOCK);
  const decrypted = run(true, 'des-ede3-ecb', kb, null, chained);
  return run(false, 'des-ede3-ecb', ka, null, decrypted);
}

/** Sets the least significant bit of each byte so every byte has odd parity, as DES keys must. */
export function adjustDesParity(key: Uint8Array): Uint8Array {
  return key.map((byte) => {
    let ones = 0;
    for (let bit = 1; bit < 0x100; bit <<= 1) if (byte & bit & 0xfe) ones++;
    return (byte & 0xfe) | (ones % 2 === 0 ? 1 : 0);
  });
}
