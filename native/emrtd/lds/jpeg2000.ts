/**
 * JPEG 2000 (JP2 file or J2K codestream) to PNG for display: decoded by
 * OpenJPEG compiled to WebAssembly (@cornerstonejs/codec-openjpeg), encoded by
 * fast-png. The codec module is CommonJS and finds its .wasm beside itself, so
 * it is loaded once, lazily, through require.
 */
import { createRequire } from 'node:module';
import { encode as encodePng } from 'fast-png';
import { EmrtdError } from '../errors.ts';

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}

interface J2KDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getDecodedBuffer(): Uint8Array;
  delete?(): void;
}

interface OpenJpegModule {
  J2KDecoder: new () => J2KDecoder;
}

type OpenJpegFactory = (options: { print: () => void; printErr: () => void }) => Promise<OpenJpegModule>;

let codec: Promise<OpenJpegModule> | undefined;

function loadCodec(): Promise<OpenJpegModule> {
  if (codec === undefined) {
    const require = createRequire(import.meta.url);
    const factory = require('@cornerstonejs/codec-openjpeg/decodewasmjs') as OpenJpegFactory;
    // The codec prints progress to the console: silenced (it may also print file names).
    codec = factory({ print: () => {}, printErr: () => {} });
  }
  return codec;
}

export interface DecodedImage {
  width: number;
  height: number;
  /** 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
  channels: number;
  /** 8 or 16 bits per sample. */
  depth: 8 | 16;
  /** Interleaved samples; 16-bit samples as native-endian Uint16. */
  data: Uint8Array | Uint16Array;
}

/** Decodes JPEG 2000 to interleaved samples. */
export async function decodeJpeg2000(bytes: Uint8Array): Promise<DecodedImage> {
  const module = await loadCodec();
  const decoder = new module.J2KDecoder();
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    try {
      decoder.decode();
    } catch (cause) {
      // Emscripten throws a bare pointer number: not worth showing.
      throw new EmrtdError('lds-malformed', 'JPEG 2000 image could not be decoded', { cause: typeof cause === 'number' ? undefined : cause });
    }
    const info = decoder.getFrameInfo();
    if (info.width === 0 || info.height === 0 || info.componentCount < 1 || info.componentCount > 4) {
      throw new EmrtdError('lds-malformed', 'JPEG 2000 image could not be decoded');
    }
    const decoded = decoder.getDecodedBuffer();
    const depth = info.bitsPerSample > 8 ? 16 : 8;
    const samples = info.width * info.height * info.componentCount;
    let data: Uint8Array | Uint16Array;
    if (depth === 8) {
      data = Uint8Array.from(decoded.subarray(0, samples));
    } else {
      const copy = decoded.slice(0, samples * 2);
      data = new Uint16Array(copy.buffer, copy.byteOffset, samples);
      // Scale odd precisions (e.g. 12-bit) to the full 16-bit range PNG expects.
      if (info.bitsPerSample < 16) data = data.map((value) => value << (16 - info.bitsPerSample));
    }
    return { width: info.width, height: info.height, channels: info.componentCount, depth, data };
  } finally {
    decoder.delete?.();
  }
}

/** Converts JPEG 2000 to PNG bytes (for an <img> that cannot show JPEG 2000). */
export async function jpeg2000ToPng(bytes: Uint8Array): Promise<{ png: Uint8Array; width: number; height: number }> {
  const image = await decodeJpeg2000(bytes);
  const png = encodePng({ width: image.width, height: image.height, data: image.data, channels: image.channels, depth: image.depth });
  return { png, width: image.width, height: image.height };
}
