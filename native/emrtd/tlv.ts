/**
 * BER-TLV as used by ISO 7816 and ICAO 9303: tags of up to four bytes, definite
 * lengths of up to four bytes after 81..84. Decoding never reads past the input
 * and always advances, so malformed card data ends in a 'tlv-malformed' error.
 */
import { concatBytes } from './bytes.ts';
import { EmrtdError } from './errors.ts';

export interface Tlv {
  /** The tag bytes read as one big-endian number: 0x30, 0x5F1F, 0x7F49. */
  tag: number;
  /** Bit 6 of the first tag byte: the value is itself a sequence of TLVs. */
  constructed: boolean;
  value: Uint8Array;
  /** The whole element as it was encoded (tag, length and value). */
  encoded: Uint8Array;
}

const MAX_TAG_BYTES = 4;
const MAX_LENGTH_BYTES = 4;

function malformed(message: string, offset: number): EmrtdError {
  return new EmrtdError('tlv-malformed', `${message} at offset ${offset}`, { detail: { offset } });
}

interface Cursor {
  offset: number;
}

function readTag(bytes: Uint8Array, cursor: Cursor): { tag: number; constructed: boolean } {
  const start = cursor.offset;
  const first = bytes[cursor.offset++];
  if (first === undefined) throw malformed('missing tag', start);
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    for (let i = 1; ; i++) {
      if (i >= MAX_TAG_BYTES) throw malformed('tag longer than 4 bytes', start);
      const next = bytes[cursor.offset++];
      if (next === undefined) throw malformed('truncated tag', start);
      if (i === 1 && (next & 0x7f) === 0) throw malformed('tag number with a leading zero', start);
      tag = tag * 256 + next;
      if ((next & 0x80) === 0) break;
    }
  }
  return { tag, constructed: (first & 0x20) !== 0 };
}

function readLength(bytes: Uint8Array, cursor: Cursor): number {
  const start = cursor.offset;
  const first = bytes[cursor.offset++];
  if (first === undefined) throw malformed('missing length', start);
  if (first < 0x80) return first;
  if (first === 0x80) throw malformed('indefinite length', start);
  const count = first & 0x7f;
  if (count > MAX_LENGTH_BYTES) throw malformed(`length of ${count} bytes`, start);
  let length = 0;
  for (let i = 0; i < count; i++) {
    const next = bytes[cursor.offset++];
    if (next === undefined) throw malformed('truncated length', start);
    length = length * 256 + next;
  }
  return length;
}

/** Decodes the element at `offset` and tells where the next one starts. */
export function decodeTlvAt(bytes: Uint8Array, offset = 0): { tlv: Tlv; next: number } {
  const cursor = { offset };
  const { tag, constructed } = readTag(bytes, cursor);
  const lengthOffset = cursor.offset;
  const length = readLength(bytes, cursor);
  if (length > bytes.length - cursor.offset) {
    throw malformed(`length ${length} exceeds the ${bytes.length - cursor.offset} bytes left`, lengthOffset);
  }
  const end = cursor.offset + length;
  const tlv = { tag, constructed, value: bytes.slice(cursor.offset, end), encoded: bytes.slice(offset, end) };
  return { tlv, next: end };
}

/** Decodes the first element and ignores what follows (files may be padded after their TLV). */
export function decodeFirstTlv(bytes: Uint8Array): Tlv {
  return decodeTlvAt(bytes, 0).tlv;
}

/** Decodes exactly one element: trailing bytes are an error. */
export function decodeTlv(bytes: Uint8Array): Tlv {
  const { tlv, next } = decodeTlvAt(bytes, 0);
  if (next !== bytes.length) throw malformed(`${bytes.length - next} bytes after the element`, next);
  return tlv;
}

/** Decodes a concatenation of elements that must fill `bytes` exactly. */
export function decodeTlvList(bytes: Uint8Array): Tlv[] {
  const list: Tlv[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const { tlv, next } = decodeTlvAt(bytes, offset);
    list.push(tlv);
    offset = next;
  }
  return list;
}

/** The elements inside a constructed element. */
export function childrenOf(tlv: Tlv): Tlv[] {
  if (!tlv.constructed) throw new EmrtdError('tlv-malformed', `tag ${tagHex(tlv.tag)} is primitive and has no children`);
  return decodeTlvList(tlv.value);
}

export function findTlv(list: readonly Tlv[], tag: number): Tlv | undefined {
  return list.find((tlv) => tlv.tag === tag);
}

export function requireTlv(list: readonly Tlv[], tag: number, context: string): Tlv {
  const found = findTlv(list, tag);
  if (found === undefined) throw new EmrtdError('tlv-malformed', `${context}: tag ${tagHex(tag)} missing`);
  return found;
}

export function tagHex(tag: number): string {
  const hex = tag.toString(16).toUpperCase();
  return hex.length % 2 === 0 ? hex : `0${hex}`;
}

export function encodeTag(tag: number): Uint8Array {
  if (!Number.isInteger(tag) || tag < 0 || tag > 0xffffffff) throw new RangeError(`invalid tag ${tag}`);
  const bytes: number[] = [];
  let rest = tag;
  do {
    bytes.unshift(rest % 256);
    rest = Math.floor(rest / 256);
  } while (rest > 0);
  return Uint8Array.from(bytes);
}

/** Minimal definite length: one byte below 128, else 81..84 and the length bytes. */
export function encodeLength(length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > 0xffffffff) throw new RangeError(`invalid length ${length}`);
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  return concatBytes(encodeTag(tag), encodeLength(value.length), value);
}

/** A constructed element from already encoded children. */
export function encodeConstructed(tag: number, ...children: readonly Uint8Array[]): Uint8Array {
  return encodeTlv(tag, concatBytes(...children));
}
