/**
 * CMS/X.509 signature verification by algorithm OID. node:crypto (OpenSSL) is
 * used for every algorithm: it verifies on brainpool curves and keys with
 * explicit parameters, which WebCrypto does not support, so one path serves all.
 */
import { constants, verify, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { RSASSAPSSParams } from 'pkijs';
import { hashNameOfOid, type HashName } from '../lds/hash-algorithms.ts';

export type SignatureCheck = 'ok' | 'failed' | 'unsupported';

const ECDSA: Readonly<Record<string, HashName>> = {
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

const RSA_PKCS1: Readonly<Record<string, HashName>> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};

export const OID_RSASSA_PSS = '1.2.840.113549.1.1.10';
const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_MGF1 = '1.2.840.113549.1.1.8';

export interface SignatureAlgorithm {
  /** The signature algorithm OID. */
  oid: string;
  /** Its parameters as DER (needed for RSASSA-PSS). */
  parameters?: Uint8Array | undefined;
  /** The SignerInfo digest algorithm: the hash for bare rsaEncryption / id-ecPublicKey. */
  digestAlgorithm?: string | undefined;
}

type Plan = { kind: 'ecdsa'; hash: HashName } | { kind: 'pkcs1'; hash: HashName } | { kind: 'pss'; hash: HashName; saltLength: number };

function pssPlan(parameters: Uint8Array | undefined): Plan | undefined {
  if (parameters === undefined) return { kind: 'pss', hash: 'sha1', saltLength: 20 };
  const parsed = asn1js.fromBER(parameters);
  if (parsed.offset === -1) return undefined;
  const params = new RSASSAPSSParams({ schema: parsed.result });
  const hash = hashNameOfOid(params.hashAlgorithm.algorithmId);
  if (hash === undefined || params.maskGenAlgorithm.algorithmId !== OID_MGF1) return undefined;
  // OpenSSL uses the signature hash for MGF1: a different MGF1 hash is not supported.
  const mgfParams = params.maskGenAlgorithm.algorithmParams as asn1js.Sequence | undefined;
  const mgfOid = mgfParams?.valueBlock?.value?.[0];
  const mgfHash = mgfOid instanceof asn1js.ObjectIdentifier ? hashNameOfOid(mgfOid.valueBlock.toString()) : 'sha1';
  if (mgfHash !== hash) return undefined;
  return { kind: 'pss', hash, saltLength: params.saltLength };
}

function plan(algorithm: SignatureAlgorithm): Plan | undefined {
  const ecdsa = ECDSA[algorithm.oid];
  if (ecdsa !== undefined) return { kind: 'ecdsa', hash: ecdsa };
  const pkcs1 = RSA_PKCS1[algorithm.oid];
  if (pkcs1 !== undefined) return { kind: 'pkcs1', hash: pkcs1 };
  if (algorithm.oid === OID_RSASSA_PSS) {
    try {
      return pssPlan(algorithm.parameters);
    } catch {
      return undefined;
    }
  }
  // Some signers name only the key type; the hash is then the digest algorithm.
  const digest = algorithm.digestAlgorithm === undefined ? undefined : hashNameOfOid(algorithm.digestAlgorithm);
  if (digest === undefined) return undefined;
  if (algorithm.oid === OID_RSA_ENCRYPTION) return { kind: 'pkcs1', hash: digest };
  if (algorithm.oid === OID_EC_PUBLIC_KEY) return { kind: 'ecdsa', hash: digest };
  return undefined;
}

export function verifySignature(algorithm: SignatureAlgorithm, data: Uint8Array, signature: Uint8Array, key: KeyObject): SignatureCheck {
  const chosen = plan(algorithm);
  if (chosen === undefined) return 'unsupported';
  try {
    let ok: boolean;
    if (chosen.kind === 'ecdsa') ok = verify(chosen.hash, data, { key, dsaEncoding: 'der' }, signature);
    else if (chosen.kind === 'pkcs1') ok = verify(chosen.hash, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
    else ok = verify(chosen.hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: chosen.saltLength }, signature);
    return ok ? 'ok' : 'failed';
  } catch {
    // A key of the wrong type for the algorithm, or a signature that is not even DER.
    return 'failed';
  }
}

/** The hash a signature algorithm uses, for reporting. */
export function signatureHash(algorithm: SignatureAlgorithm): HashName | undefined {
  return plan(algorithm)?.hash;
}
