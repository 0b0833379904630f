/** The few DER value types the security infos need: OBJECT IDENTIFIER and small INTEGERs. */
import { EmrtdError } from './errors.ts';
import { encodeTlv, type Tlv } from './tlv.ts';

export const ASN1 = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  OID: 0x06,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

function malformed(message: string): EmrtdError {
  return new EmrtdError('tlv-malformed', message);
}

export function decodeOid(value: Uint8Array): string {
  if (value.length === 0) throw malformed('empty OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let arc = 0;
  let started = false;
  for (const byte of value) {
    if (!started && byte === 0x80) throw malformed('OBJECT IDENTIFIER arc with a leading zero');
    started = true;
    arc = arc * 128 + (byte & 0x7f);
    if (arc > Number.MAX_SAFE_INTEGER / 128) throw malformed('OBJECT IDENTIFIER arc too large');
    if ((byte & 0x80) === 0) {
      arcs.push(arc);
      arc = 0;
      started = false;
    }
  }
  if (started) throw malformed('truncated OBJECT IDENTIFIER');
  const first = arcs[0] as number;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

export function encodeOidValue(oid: string): Uint8Array {
  const arcs = oid.split('.').map((part) => {
    if (!/^\d+$/.test(part)) throw new RangeError(`invalid OID ${oid}`);
    return Number(part);
  });
  if (arcs.length < 2) throw new RangeError(`invalid OID ${oid}`);
  const [a, b, ...rest] = arcs as [number, number, ...number[]];
  const out: number[] = [];
  for (const arc of [a * 40 + b, ...rest]) {
    const chunk: number[] = [arc % 128];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) chunk.unshift(0x80 | (value % 128));
    out.push(...chunk);
  }
  return Uint8Array.from(out);
}

export function encodeOid(oid: string): Uint8Array {
  return encodeTlv(ASN1.OID, encodeOidValue(oid));
}

/** A non-negative INTEGER small enough for a JavaScript number (versions, parameter IDs). */
export function decodeSmallInteger(value: Uint8Array): number {
  if (value.length === 0) throw malformed('empty INTEGER');
  if (value.length > 6) throw malformed(`INTEGER of ${value.length} bytes where a small number was expected`);
  if (((value[0] as number) & 0x80) !== 0) throw malformed('negative INTEGER where a small number was expected');
  return value.reduce((sum, byte) => sum * 256 + byte, 0);
}

export function expectTag(tlv: Tlv, tag: number, what: string): Tlv {
  if (tlv.tag !== tag) {
    throw malformed(`${what}: expected tag ${tag.toString(16).toUpperCase()}, found ${tlv.tag.toString(16).toUpperCase()}`);
  }
  return tlv;
}
