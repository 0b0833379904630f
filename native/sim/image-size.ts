/**
 * Width and height of a face image, which DG2's image information block
 * states: from a JPEG's start-of-frame marker, a JP2 file's image header box,
 * or a JPEG 2000 codestream's SIZ marker.
 */
import { detectImageFormat } from '../emrtd/lds/image-format.ts';

export interface ImageSize {
  width: number;
  height: number;
}

const u16 = (bytes: Uint8Array, at: number) => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
const u32 = (bytes: Uint8Array, at: number) => u16(bytes, at) * 0x10000 + u16(bytes, at + 2);

/** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpegSize(bytes: Uint8Array): ImageSize | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (isStartOfFrame(marker)) return { height: u16(bytes, at + 5), width: u16(bytes, at + 7) };
    at += 2 + u16(bytes, at + 2);
  }
  return undefined;
}

function codestreamSize(bytes: Uint8Array, at: number): ImageSize | undefined {
  // SOC (FF4F), then SIZ (FF51): Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz.
  if (u16(bytes, at) !== 0xff4f || u16(bytes, at + 2) !== 0xff51) return undefined;
  const field = (n: number) => u32(bytes, at + 8 + 4 * n);
  return { width: field(0) - field(2), height: field(1) - field(3) };
}

function jp2Size(bytes: Uint8Array): ImageSize | undefined {
  const ihdr = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf('ihdr', 0, 'latin1');
  return ihdr < 0 ? undefined : { height: u32(bytes, ihdr + 4), width: u32(bytes, ihdr + 8) };
}

export function imageSize(bytes: Uint8Array): ImageSize {
  const format = detectImageFormat(bytes);
  const size = format === 'image/jpeg' ? jpegSize(bytes) : format === 'image/jp2' ? jp2Size(bytes) : format === 'image/j2k' ? codestreamSize(bytes, 0) : undefined;
  if (size === undefined || size.width <= 0 || size.height <= 0) throw new Error('the photo is not a JPEG or JPEG 2000 image whose size can be read');
  return size;
}
