/**
 * EF.COM (ICAO 9303-10 §4.6.1): 60 { 5F01 LDS version "aabb", 5F36 Unicode
 * version "aabbcc", 5C tag list }.
 */
import { EmrtdError } from '../errors.ts';
import { childrenOf, findTlv, requireTlv } from '../tlv.ts';
import { dataGroupOfTag, decodeLdsFile, EF_COM_TAG } from './tags.ts';

export interface EfCom {
  /** "1.7" from "0107"; undefined when the file leaves it out. */
  ldsVersion: string | undefined;
  /** "4.0.0" from "040000". */
  unicodeVersion: string | undefined;
  /** The data groups the tag list names, in its order. */
  dataGroups: number[];
  /** Tags in the list that name no data group, kept for diagnostics. */
  unknownTags: number[];
}

function digits(value: Uint8Array, groups: number, what: string): string {
  const text = Buffer.from(value).toString('latin1');
  if (text.length !== groups * 2 || !/^\d+$/.test(text)) throw new EmrtdError('lds-malformed', `EF.COM: ${what} is not ${groups * 2} digits`);
  const parts: number[] = [];
  for (let i = 0; i < groups; i++) parts.push(Number(text.slice(i * 2, i * 2 + 2)));
  return parts.join('.');
}

export function parseEfCom(bytes: Uint8Array): EfCom {
  const children = childrenOf(decodeLdsFile(bytes, EF_COM_TAG, 'EF.COM'));
  const lds = findTlv(children, 0x5f01);
  const unicode = findTlv(children, 0x5f36);
  const list = requireTlv(children, 0x5c, 'EF.COM tag list');
  const dataGroups: number[] = [];
  const unknownTags: number[] = [];
  // Each listed tag is one byte (61, 75, ...): the DG outer tags are all single-byte.
  for (const tag of list.value) {
    const dg = dataGroupOfTag(tag);
    if (dg === undefined) unknownTags.push(tag);
    else if (!dataGroups.includes(dg)) dataGroups.push(dg);
  }
  return {
    ldsVersion: lds === undefined ? undefined : digits(lds.value, 2, 'LDS version'),
    unicodeVersion: unicode === undefined ? undefined : digits(unicode.value, 3, 'Unicode version'),
    dataGroups,
    unknownTags,
  };
}
