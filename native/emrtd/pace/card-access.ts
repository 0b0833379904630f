/**
 * EF.CardAccess: a SET of SecurityInfo (ICAO 9303-11 §9.2). PACEInfo is
 * SEQUENCE { protocol OID, version INTEGER, parameterId INTEGER OPTIONAL }.
 * The other infos (TA, CA, domain parameters) are kept undecoded.
 */
import { ASN1, decodeOid, decodeSmallInteger, expectTag } from '../asn1.ts';
import { fromHex } from '../bytes.ts';
import { EmrtdError } from '../errors.ts';
import { childrenOf, decodeFirstTlv } from '../tlv.ts';
import { STANDARD_CURVE_IDS } from './curves.ts';
import { paceProtocol, type PaceProtocol } from './protocols.ts';

export interface PaceInfo {
  protocol: PaceProtocol;
  version: number;
  /** A standardized domain parameter ID; absent when the chip uses its own (PACEDomainParameterInfo). */
  parameterId: number | undefined;
}

export interface SecurityInfo {
  protocol: string;
  /** The whole SecurityInfo SEQUENCE as encoded. */
  encoded: Uint8Array;
}

export interface CardAccess {
  paceInfos: PaceInfo[];
  securityInfos: SecurityInfo[];
}

/**
 * The EF.CardAccess content that Vietnamese apps hard-code for CCCD (TA v1,
 * CA-ECDH-AES-CBC-CMAC-128 v1, PACE-ECDH-GM-AES-CBC-CMAC-128 v2 on
 * brainpoolP256r1): a fallback for when the file cannot be read. cccd-chip.md §1.3.
 */
export const CCCD_CARD_ACCESS = fromHex(
  '3134300d060804007f0007020202020101300f060a04007f000702020302020201013012060a04007f0007020204020202010202010d',
);

export function parseCardAccess(content: Uint8Array): CardAccess {
  // The file may be longer than its TLV (padding): read by the TLV length.
  const set = expectTag(decodeFirstTlv(content), ASN1.SET, 'EF.CardAccess');
  const result: CardAccess = { paceInfos: [], securityInfos: [] };
  for (const info of childrenOf(set)) {
    const fields = childrenOf(expectTag(info, ASN1.SEQUENCE, 'SecurityInfo'));
    const [protocolField, required, optional] = fields;
    if (protocolField === undefined || required === undefined) throw new EmrtdError('tlv-malformed', 'SecurityInfo without required data');
    const protocol = decodeOid(expectTag(protocolField, ASN1.OID, 'SecurityInfo protocol').value);
    result.securityInfos.push({ protocol, encoded: info.encoded });
    const pace = paceProtocol(protocol);
    if (pace === undefined) continue;
    if (fields.length > 3) throw new EmrtdError('tlv-malformed', 'PACEInfo with extra fields');
    result.paceInfos.push({
      protocol: pace,
      version: decodeSmallInteger(expectTag(required, ASN1.INTEGER, 'PACEInfo version').value),
      parameterId: optional === undefined ? undefined : decodeSmallInteger(expectTag(optional, ASN1.INTEGER, 'PACEInfo parameterId').value),
    });
  }
  return result;
}

/** Whether this stack can run the PACE that an info describes. */
export function isSupportedPaceInfo(info: PaceInfo): boolean {
  return (
    info.version === 2 &&
    info.protocol.agreement === 'ECDH' &&
    info.protocol.mapping === 'GM' &&
    info.parameterId !== undefined &&
    STANDARD_CURVE_IDS.includes(info.parameterId)
  );
}

/** The first PACEInfo this stack supports, in the chip's order. */
export function choosePaceInfo(infos: readonly PaceInfo[]): PaceInfo {
  const chosen = infos.find(isSupportedPaceInfo);
  if (chosen === undefined) {
    const offered = infos.map((info) => `${info.protocol.oid} (parameter ${info.parameterId ?? 'explicit'})`).join(', ') || 'none';
    throw new EmrtdError('unsupported', `no supported PACE protocol in EF.CardAccess; offered: ${offered}`);
  }
  return chosen;
}
