/** DG1 (ICAO 9303-10 §4.7.1): 61 { 5F1F MRZ }. */
import { requireTlv, childrenOf } from '../tlv.ts';
import { parseMrz, type Mrz } from './mrz.ts';
import { dataGroupTag, decodeLdsFile } from './tags.ts';

export type Dg1 = Mrz;

export function parseDg1(bytes: Uint8Array): Dg1 {
  const outer = decodeLdsFile(bytes, dataGroupTag(1), 'DG1');
  const mrz = requireTlv(childrenOf(outer), 0x5f1f, 'DG1 MRZ');
  return parseMrz(Buffer.from(mrz.value).toString('latin1'));
}
