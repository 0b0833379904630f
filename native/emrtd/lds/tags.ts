/**
 * The LDS1 files and their outer tags (ICAO 9303-10 §4.6): EF.COM 60, EF.SOD 77,
 * DG1..DG16 61, 75, 63, 76, 65..70.
 */
import { EmrtdError } from '../errors.ts';
import { decodeFirstTlv, tagHex, type Tlv } from '../tlv.ts';

export const EF_COM_TAG = 0x60;
export const EF_SOD_TAG = 0x77;

const DATA_GROUP_TAGS: Readonly<Record<number, number>> = {
  1: 0x61,
  2: 0x75,
  3: 0x63,
  4: 0x76,
  5: 0x65,
  6: 0x66,
  7: 0x67,
  8: 0x68,
  9: 0x69,
  10: 0x6a,
  11: 0x6b,
  12: 0x6c,
  13: 0x6d,
  14: 0x6e,
  15: 0x6f,
  16: 0x70,
};

/** The outer tag of data group `dg` (1..16). */
export function dataGroupTag(dg: number): number {
  const tag = DATA_GROUP_TAGS[dg];
  if (tag === undefined) throw new RangeError(`no data group ${dg}`);
  return tag;
}

/** The data group an outer tag belongs to, or undefined. */
export function dataGroupOfTag(tag: number): number | undefined {
  for (const [dg, dgTag] of Object.entries(DATA_GROUP_TAGS)) if (dgTag === tag) return Number(dg);
  return undefined;
}

/**
 * The file's outer element, read by its TLV length so that zero padding after
 * it (cccd-chip.md §3.1) is ignored.
 */
export function decodeLdsFile(bytes: Uint8Array, tag: number, what: string): Tlv {
  const outer = decodeFirstTlv(bytes);
  if (outer.tag !== tag) {
    throw new EmrtdError('lds-malformed', `${what}: expected outer tag ${tagHex(tag)}, found ${tagHex(outer.tag)}`);
  }
  return outer;
}
