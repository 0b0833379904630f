/** ISO/IEC 9797-1 padding method 2: always append 80, then 00 up to the block size. */
import { EmrtdError } from '../errors.ts';

export function pad(data: Uint8Array, blockSize: number): Uint8Array {
  const out = new Uint8Array((Math.floor(data.length / blockSize) + 1) * blockSize);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

export function unpad(padded: Uint8Array, blockSize: number): Uint8Array {
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0x00 && padded.length - end < blockSize) end--;
  if (end < 0 || padded[end] !== 0x80) throw new EmrtdError('sm-malformed', 'decrypted data has no ISO 9797-1 padding');
  return padded.slice(0, end);
}
