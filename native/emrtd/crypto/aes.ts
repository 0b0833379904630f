/** AES in CBC and ECB mode without padding (secure messaging pads by ISO 9797-1 method 2 itself). */
import { createCipheriv, createDecipheriv } from 'node:crypto';

export const AES_BLOCK = 16;
const ZERO_IV = new Uint8Array(AES_BLOCK);

function algorithm(key: Uint8Array, mode: 'cbc' | 'ecb'): string {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new RangeError(`an AES key has 16, 24 or 32 bytes, got ${key.length}`);
  }
  return `aes-${key.length * 8}-${mode}`;
}

function run(decipher: boolean, name: string, key: Uint8Array, iv: Uint8Array | null, data: Uint8Array): Uint8Array {
  if (data.length % AES_BLOCK !== 0) throw new RangeError(`AES data must be a multiple of ${AES_BLOCK} bytes, got ${data.length}`);
  const engine = decipher ? createDecipheriv(name, key, iv) : createCipheriv(name, key, iv);
  engine.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([engine.update(data), engine.final()]));
}

export function aesCbcEncrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  return run(false, algorithm(key, 'cbc'), key, iv, data);
}

export function aesCbcDecrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = ZERO_IV): Uint8Array {
  return run(true, algorithm(key, 'cbc'), key, iv, data);
}

export function aesEcbEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
  return run(false, algorithm(key, 'ecb'), key, null, data);
}
