/** DG15, the Active Authentication public key (ICAO 9303-10 §4.7.15): 6F { SubjectPublicKeyInfo }. */
import { EmrtdError } from '../errors.ts';
import { childrenOf } from '../tlv.ts';
import { describePublicKey, type PublicKeyDescription } from './public-key.ts';
import { dataGroupTag, decodeLdsFile } from './tags.ts';

export type Dg15 = PublicKeyDescription;

export function parseDg15(bytes: Uint8Array): Dg15 {
  const [spki] = childrenOf(decodeLdsFile(bytes, dataGroupTag(15), 'DG15'));
  if (spki === undefined || spki.tag !== 0x30) throw new EmrtdError('lds-malformed', 'DG15: no SubjectPublicKeyInfo');
  const key = describePublicKey(spki.encoded);
  if (key.keyObject === undefined || (key.algorithm !== 'RSA' && key.algorithm !== 'EC')) {
    throw new EmrtdError('unsupported', 'DG15: the Active Authentication key is neither RSA nor EC');
  }
  return key;
}
