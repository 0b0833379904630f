/**
 * DG14, SecurityInfos (ICAO 9303-11 §9.2): 6E { SET OF SecurityInfo }, the
 * same SET as EF.CardAccess, so PACEInfos are read by pace/card-access.ts and
 * this module decodes the other infos it lists.
 */
import { ASN1, decodeOid, decodeSmallInteger, expectTag } from '../asn1.ts';
import { EmrtdError } from '../errors.ts';
import { parseCardAccess, type PaceInfo, type SecurityInfo } from '../pace/card-access.ts';
import { childrenOf, decodeTlv, type Tlv } from '../tlv.ts';
import { describePublicKey, type PublicKeyDescription } from './public-key.ts';
import { dataGroupTag, decodeLdsFile } from './tags.ts';

export const ID_PK_DH = '0.4.0.127.0.7.2.2.1.1';
export const ID_PK_ECDH = '0.4.0.127.0.7.2.2.1.2';
export const ID_TA = '0.4.0.127.0.7.2.2.2';
export const ID_CA = '0.4.0.127.0.7.2.2.3';
export const ID_AA = '2.23.136.1.1.5';

export interface ChipAuthenticationInfo {
  /** id-CA-DH-* or id-CA-ECDH-* with its cipher, e.g. 0.4.0.127.0.7.2.2.3.2.2 (ECDH, AES-128). */
  protocol: string;
  agreement: 'DH' | 'ECDH' | undefined;
  version: number;
  keyId: number | undefined;
}

export interface ChipAuthenticationPublicKeyInfo {
  protocol: string;
  agreement: 'DH' | 'ECDH';
  publicKey: PublicKeyDescription;
  keyId: number | undefined;
}

export interface ActiveAuthenticationInfo {
  version: number;
  /** The ECDSA signature algorithm AA uses (e.g. ecdsa-with-SHA256); absent for RSA AA. */
  signatureAlgorithm: string | undefined;
}

export interface TerminalAuthenticationInfo {
  version: number;
}

export interface Dg14 {
  paceInfos: PaceInfo[];
  chipAuthenticationInfos: ChipAuthenticationInfo[];
  chipAuthenticationPublicKeys: ChipAuthenticationPublicKeyInfo[];
  activeAuthenticationInfo: ActiveAuthenticationInfo | undefined;
  terminalAuthenticationInfos: TerminalAuthenticationInfo[];
  /** Every SecurityInfo as encoded, including ones not decoded here (domain parameters, CardInfo…). */
  securityInfos: SecurityInfo[];
}

const optionalInteger = (tlv: Tlv | undefined, what: string) =>
  tlv === undefined ? undefined : decodeSmallInteger(expectTag(tlv, ASN1.INTEGER, what).value);

function agreementOf(protocol: string, base: string): 'DH' | 'ECDH' | undefined {
  const arc = protocol.slice(base.length + 1).split('.')[0];
  return arc === '1' ? 'DH' : arc === '2' ? 'ECDH' : undefined;
}

function decodeInfo(result: Dg14, info: SecurityInfo): void {
  const [, required, optional] = childrenOf(decodeTlv(info.encoded));
  if (required === undefined) throw new EmrtdError('lds-malformed', 'DG14: SecurityInfo without required data');
  const protocol = info.protocol;
  if (protocol === ID_PK_DH || protocol === ID_PK_ECDH) {
    result.chipAuthenticationPublicKeys.push({
      protocol,
      agreement: protocol === ID_PK_DH ? 'DH' : 'ECDH',
      publicKey: describePublicKey(expectTag(required, ASN1.SEQUENCE, 'ChipAuthenticationPublicKeyInfo key').encoded),
      keyId: optionalInteger(optional, 'ChipAuthenticationPublicKeyInfo keyId'),
    });
  } else if (protocol.startsWith(`${ID_CA}.`)) {
    result.chipAuthenticationInfos.push({
      protocol,
      agreement: agreementOf(protocol, ID_CA),
      version: decodeSmallInteger(expectTag(required, ASN1.INTEGER, 'ChipAuthenticationInfo version').value),
      keyId: optionalInteger(optional, 'ChipAuthenticationInfo keyId'),
    });
  } else if (protocol === ID_AA) {
    result.activeAuthenticationInfo = {
      version: decodeSmallInteger(expectTag(required, ASN1.INTEGER, 'ActiveAuthenticationInfo version').value),
      signatureAlgorithm: optional === undefined ? undefined : decodeOid(expectTag(optional, ASN1.OID, 'ActiveAuthenticationInfo signatureAlgorithm').value),
    };
  } else if (protocol === ID_TA) {
    result.terminalAuthenticationInfos.push({
      version: decodeSmallInteger(expectTag(required, ASN1.INTEGER, 'TerminalAuthenticationInfo version').value),
    });
  }
}

export function parseDg14(bytes: Uint8Array): Dg14 {
  const outer = decodeLdsFile(bytes, dataGroupTag(14), 'DG14');
  const access = parseCardAccess(outer.value);
  const result: Dg14 = {
    paceInfos: access.paceInfos,
    chipAuthenticationInfos: [],
    chipAuthenticationPublicKeys: [],
    activeAuthenticationInfo: undefined,
    terminalAuthenticationInfos: [],
    securityInfos: access.securityInfos,
  };
  for (const info of access.securityInfos) decodeInfo(result, info);
  return result;
}
