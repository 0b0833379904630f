/** Image formats by their magic bytes: what DG2 (and DG5/DG7) carry. */
export type ImageMimeType = 'image/jpeg' | 'image/jp2' | 'image/j2k';

const SIGNATURES: readonly { mime: ImageMimeType; magic: readonly number[] }[] = [
  { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { mime: 'image/jp2', magic: [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a] },
  { mime: 'image/j2k', magic: [0xff, 0x4f, 0xff, 0x51] },
];

function startsWithAt(bytes: Uint8Array, at: number, magic: readonly number[]): boolean {
  if (at + magic.length > bytes.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

/** The format the bytes start with, or undefined. */
export function detectImageFormat(bytes: Uint8Array): ImageMimeType | undefined {
  return SIGNATURES.find((signature) => startsWithAt(bytes, 0, signature.magic))?.mime;
}

/** The first offset at which an image signature starts, with its format. */
export function findImageStart(bytes: Uint8Array, from = 0): { offset: number; mime: ImageMimeType } | undefined {
  for (let at = from; at < bytes.length; at++) {
    for (const signature of SIGNATURES) if (startsWithAt(bytes, at, signature.magic)) return { offset: at, mime: signature.mime };
  }
  return undefined;
}

export function isJpeg2000(mime: string): boolean {
  return mime === 'image/jp2' || mime === 'image/j2k';
}
