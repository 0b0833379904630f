/**
 * AES-CMAC (NIST SP 800-38B, RFC 4493). node:crypto offers no CMAC, so it is
 * built here on node:crypto's AES.
 */
import { AES_BLOCK, aesCbcEncrypt, aesEcbEncrypt } from './aes.ts';

/** Doubling in GF(2^128): shift left one bit, and fold the carry back with 0x87. */
function double(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(AES_BLOCK);
  for (let i = 0; i < AES_BLOCK; i++) {
    out[i] = (((block[i] as number) << 1) | ((block[i + 1] ?? 0) >> 7)) & 0xff;
  }
  if (((block[0] as number) & 0x80) !== 0) out[AES_BLOCK - 1] = (out[AES_BLOCK - 1] as number) ^ 0x87;
  return out;
}

export function aesCmac(key: Uint8Array, message: Uint8Array): Uint8Array {
  const k1 = double(aesEcbEncrypt(key, new Uint8Array(AES_BLOCK)));
  const k2 = double(k1);
  const complete = message.length > 0 && message.length % AES_BLOCK === 0;
  const blocks = complete ? message.length / AES_BLOCK : Math.floor(message.length / AES_BLOCK) + 1;
  const input = new Uint8Array(blocks * AES_BLOCK);
  input.set(message);
  if (!complete) input[message.length] = 0x80;
  const subkey = complete ? k1 : k2;
  const last = (blocks - 1) * AES_BLOCK;
  for (let i = 0; i < AES_BLOCK; i++) input[last + i] = (input[last + i] as number) ^ (subkey[i] as number);
  return aesCbcEncrypt(key, input).slice(-AES_BLOCK);
}
