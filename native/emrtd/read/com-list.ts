/**
 * Just enough of EF.COM to know which data groups to read: the tag list in
 * 5C (ICAO 9303-10 §4.6.1). Full parsing is the LDS layer's.
 */
import { EmrtdError } from '../errors.ts';
import { childrenOf, decodeFirstTlv, findTlv } from '../tlv.ts';

/** Data group outer tags, DG1 to DG16. */
const DATA_GROUP_TAGS: Readonly<Record<number, number>> = {
  0x61: 1,
  0x75: 2,
  0x63: 3,
  0x76: 4,
  0x65: 5,
  0x66: 6,
  0x67: 7,
  0x68: 8,
  0x69: 9,
  0x6a: 10,
  0x6b: 11,
  0x6c: 12,
  0x6d: 13,
  0x6e: 14,
  0x6f: 15,
  0x70: 16,
};

/** The data group numbers EF.COM lists, in its order. */
export function dataGroupsListed(com: Uint8Array): number[] {
  const outer = decodeFirstTlv(com);
  if (outer.tag !== 0x60) throw new EmrtdError('file-malformed', 'EF.COM does not start with tag 60');
  const list = findTlv(childrenOf(outer), 0x5c);
  if (list === undefined) throw new EmrtdError('file-malformed', 'EF.COM has no tag list (5C)');
  return [...list.value].map((tag) => DATA_GROUP_TAGS[tag]).filter((number): number is number => number !== undefined);
}
