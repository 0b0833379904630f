/**
 * PACE protocol object identifiers (ICAO 9303-11 §9.2.3 / BSI TR-03110-3):
 * id-PACE = 0.4.0.127.0.7.2.2.4, then the mapping, then the cipher.
 */
import type { KeyCipher } from '../crypto/kdf.ts';

export const ID_PACE = '0.4.0.127.0.7.2.2.4';

export type PaceAgreement = 'DH' | 'ECDH';
export type PaceMapping = 'GM' | 'IM' | 'CAM';

export interface PaceProtocol {
  oid: string;
  agreement: PaceAgreement;
  mapping: PaceMapping;
  cipher: KeyCipher;
}

const MAPPINGS: Record<number, { agreement: PaceAgreement; mapping: PaceMapping }> = {
  1: { agreement: 'DH', mapping: 'GM' },
  2: { agreement: 'ECDH', mapping: 'GM' },
  3: { agreement: 'DH', mapping: 'IM' },
  4: { agreement: 'ECDH', mapping: 'IM' },
  6: { agreement: 'ECDH', mapping: 'CAM' },
};

const CIPHERS: Record<number, KeyCipher> = { 1: 'des3', 2: 'aes128', 3: 'aes192', 4: 'aes256' };

export const PACE_ECDH_GM_AES_CBC_CMAC_128 = `${ID_PACE}.2.2`;

/** The protocol an OID names, or undefined when it is not a PACE protocol OID. */
export function paceProtocol(oid: string): PaceProtocol | undefined {
  if (!oid.startsWith(`${ID_PACE}.`)) return undefined;
  const rest = oid.slice(ID_PACE.length + 1).split('.');
  if (rest.length !== 2) return undefined;
  const mapping = MAPPINGS[Number(rest[0])];
  const cipher = CIPHERS[Number(rest[1])];
  if (mapping === undefined || cipher === undefined) return undefined;
  return { oid, ...mapping, cipher };
}

export function paceProtocolOid(agreement: PaceAgreement, mapping: PaceMapping, cipher: KeyCipher): string {
  const mappingArc = Object.entries(MAPPINGS).find(([, m]) => m.agreement === agreement && m.mapping === mapping)?.[0];
  const cipherArc = Object.entries(CIPHERS).find(([, c]) => c === cipher)?.[0];
  if (mappingArc === undefined || cipherArc === undefined) throw new RangeError(`no PACE protocol ${agreement}-${mapping} with ${cipher}`);
  return `${ID_PACE}.${mappingArc}.${cipherArc}`;
}
