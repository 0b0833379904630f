/**
 * SubjectPublicKeyInfo to a node:crypto KeyObject. OpenSSL reads RSA, EC with
 * named or explicit parameters (explicit brainpool included) and DH keys.
 * BSI TR-03110's standardizedDomainParameters (0.4.0.127.0.7.1.2 with an
 * INTEGER parameter ID) is not known to OpenSSL: such a key is re-encoded with
 * the named curve the ID stands for.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { ASN1, decodeOid, decodeSmallInteger, encodeOid } from '../asn1.ts';
import { EmrtdError } from '../errors.ts';
import { standardCurve } from '../pace/curves.ts';
import { childrenOf, decodeTlv, encodeConstructed } from '../tlv.ts';

export const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export const OID_STANDARDIZED_DOMAIN_PARAMETERS = '0.4.0.127.0.7.1.2';

/** OpenSSL curve name → named-curve OID (RFC 5480, RFC 5639). */
export const NAMED_CURVE_OIDS: Readonly<Record<string, string>> = {
  prime192v1: '1.2.840.10045.3.1.1',
  secp224r1: '1.3.132.0.33',
  prime256v1: '1.2.840.10045.3.1.7',
  secp384r1: '1.3.132.0.34',
  secp521r1: '1.3.132.0.35',
  brainpoolP192r1: '1.3.36.3.3.2.8.1.1.3',
  brainpoolP224r1: '1.3.36.3.3.2.8.1.1.5',
  brainpoolP256r1: '1.3.36.3.3.2.8.1.1.7',
  brainpoolP320r1: '1.3.36.3.3.2.8.1.1.9',
  brainpoolP384r1: '1.3.36.3.3.2.8.1.1.11',
  brainpoolP512r1: '1.3.36.3.3.2.8.1.1.13',
};

export interface PublicKeyDescription {
  /** undefined when OpenSSL cannot read the key (an unusual DH encoding): spki is still there. */
  keyObject: KeyObject | undefined;
  algorithm: 'RSA' | 'EC' | 'DH' | 'unknown';
  /** The OpenSSL name of the curve (also for explicit parameters that match a named curve). */
  curve: string | undefined;
  /** The standardized domain parameter ID (TR-03110), when the key named one. */
  parameterId: number | undefined;
  /** RSA modulus or DH prime size. */
  bits: number | undefined;
  spki: Uint8Array;
}

function algorithmOf(key: KeyObject): PublicKeyDescription['algorithm'] {
  switch (key.asymmetricKeyType) {
    case 'rsa':
    case 'rsa-pss':
      return 'RSA';
    case 'ec':
      return 'EC';
    case 'dh':
      return 'DH';
    default:
      return 'unknown';
  }
}

/** A standardized-parameter EC key re-encoded with its named curve, or the input unchanged. */
function withNamedCurve(spki: Uint8Array): { spki: Uint8Array; parameterId: number | undefined } {
  const [algorithm, key] = childrenOf(decodeTlv(spki));
  if (algorithm === undefined || key === undefined) throw new EmrtdError('lds-malformed', 'SubjectPublicKeyInfo without its fields');
  const [oid, parameters] = childrenOf(algorithm);
  if (oid?.tag !== ASN1.OID || decodeOid(oid.value) !== OID_STANDARDIZED_DOMAIN_PARAMETERS || parameters?.tag !== ASN1.INTEGER) {
    return { spki, parameterId: undefined };
  }
  const parameterId = decodeSmallInteger(parameters.value);
  const curveOid = NAMED_CURVE_OIDS[standardCurve(parameterId).opensslName];
  if (curveOid === undefined) throw new EmrtdError('unsupported', `no named curve for domain parameter ID ${parameterId}`);
  const named = encodeConstructed(ASN1.SEQUENCE, encodeConstructed(ASN1.SEQUENCE, encodeOid(OID_EC_PUBLIC_KEY), encodeOid(curveOid)), key.encoded);
  return { spki: named, parameterId };
}

export function describePublicKey(spki: Uint8Array): PublicKeyDescription {
  const { spki: readable, parameterId } = withNamedCurve(spki);
  let keyObject: KeyObject | undefined;
  try {
    keyObject = createPublicKey({ key: Buffer.from(readable), format: 'der', type: 'spki' });
  } catch {
    keyObject = undefined;
  }
  const details = keyObject?.asymmetricKeyDetails;
  return {
    keyObject,
    algorithm: keyObject === undefined ? 'unknown' : algorithmOf(keyObject),
    curve: details?.namedCurve,
    parameterId,
    bits: details?.modulusLength ?? (keyObject?.asymmetricKeyType === 'dh' ? details?.divisorLength : undefined),
    spki,
  };
}
