/**
 * The PACE authentication token (ICAO 9303-11 §9.5.4 step 4): a MAC with
 * KS_mac over the other side's ephemeral public key, wrapped in a public key
 * data object 7F49 { 06 protocol OID, 86 point }.
 */
import { encodeOid } from '../asn1.ts';
import { aesCmac } from '../crypto/cmac.ts';
import { retailMac } from '../crypto/des.ts';
import type { KeyCipher } from '../crypto/kdf.ts';
import { pad } from '../sm/padding.ts';
import { encodeConstructed, encodeTlv } from '../tlv.ts';

export const TOKEN_LENGTH = 8;

export function ecPublicKeyDataObject(protocolOid: string, encodedPoint: Uint8Array): Uint8Array {
  return encodeConstructed(0x7f49, encodeOid(protocolOid), encodeTlv(0x86, encodedPoint));
}

export function authenticationToken(cipher: KeyCipher, ksMac: Uint8Array, publicKeyDataObject: Uint8Array): Uint8Array {
  if (cipher === 'des3') return retailMac(ksMac, pad(publicKeyDataObject, 8));
  return aesCmac(ksMac, publicKeyDataObject).slice(0, TOKEN_LENGTH);
}
