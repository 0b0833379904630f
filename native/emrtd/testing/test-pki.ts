/**
 * A test PKI for passive authentication: key pairs (EC keys derived from a
 * seed, so the same seed gives the same key), a CSCA and document signer
 * certificates built with pkijs and signed with node:crypto or, for ECDSA,
 * @noble/curves (RFC 6979 deterministic nonces: same key, same data, same
 * signature). Nothing here is for production keys.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, constants, X509Certificate, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import type { ECDSA } from '@noble/curves/abstract/weierstrass.js';
import { brainpoolP256r1, brainpoolP384r1, brainpoolP512r1 } from '@noble/curves/misc.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  Extension,
  PublicKeyInfo,
  RelativeDistinguishedNames,
  RSASSAPSSParams,
  Time,
} from 'pkijs';
import { ASN1, encodeOid } from '../asn1.ts';
import { bigintToBytes, bytesToBigint, concatBytes } from '../bytes.ts';
import { HASH_OIDS, type HashName } from '../lds/hash-algorithms.ts';
import { NAMED_CURVE_OIDS, OID_EC_PUBLIC_KEY } from '../lds/public-key.ts';
import { childrenOf, decodeTlv, encodeConstructed, encodeTlv } from '../tlv.ts';

export type TestCurve = 'prime256v1' | 'secp384r1' | 'secp521r1' | 'brainpoolP256r1' | 'brainpoolP384r1' | 'brainpoolP512r1';
export type TestKeySpec = { type: 'ec'; curve: TestCurve } | { type: 'rsa'; bits?: number };

export interface TestKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const NOBLE: Readonly<Record<TestCurve, ECDSA>> = {
  prime256v1: p256,
  secp384r1: p384,
  secp521r1: p521,
  brainpoolP256r1,
  brainpoolP384r1,
  brainpoolP512r1,
};

/** The noble curve of an EC key, or undefined for curves this module does not sign on. */
function nobleCurveOf(key: KeyObject): { curve: ECDSA; name: TestCurve } | undefined {
  const name = key.asymmetricKeyDetails?.namedCurve as TestCurve | undefined;
  return name !== undefined && name in NOBLE ? { curve: NOBLE[name], name } : undefined;
}

/**
 * A key pair. EC keys come from `seed` when given (same seed, same key); RSA
 * keys are always fresh (slow: generate once per test file).
 */
export function testKeyPair(spec: TestKeySpec, seed?: string): TestKeyPair {
  if (spec.type === 'rsa') return generateKeyPairSync('rsa', { modulusLength: spec.bits ?? 2048 });
  if (seed === undefined) return generateKeyPairSync('ec', { namedCurve: spec.curve });
  const curve = NOBLE[spec.curve];
  const order = curve.Point.Fn.ORDER;
  const size = curve.Point.Fn.BYTES;
  const stretched = createHash('sha512').update(`${spec.curve}:${seed}`).digest();
  const d = (bytesToBigint(concatBytes(stretched, createHash('sha512').update(stretched).digest())) % (order - 1n)) + 1n;
  const publicPoint = curve.Point.BASE.multiply(d).toBytes(false);
  const curveOid = NAMED_CURVE_OIDS[spec.curve] as string;
  // SEC 1 ECPrivateKey: { version 1, privateKey, [0] curve, [1] public point }.
  const sec1 = encodeConstructed(
    ASN1.SEQUENCE,
    encodeTlv(ASN1.INTEGER, Uint8Array.of(1)),
    encodeTlv(ASN1.OCTET_STRING, bigintToBytes(d, size)),
    encodeConstructed(0xa0, encodeOid(curveOid)),
    encodeConstructed(0xa1, encodeTlv(0x03, concatBytes(Uint8Array.of(0), publicPoint))),
  );
  const privateKey = createPrivateKey({ key: Buffer.from(sec1), format: 'der', type: 'sec1' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

function ecPrivateScalar(key: KeyObject): Uint8Array {
  const [, scalar] = childrenOf(decodeTlv(new Uint8Array(key.export({ format: 'der', type: 'sec1' }))));
  if (scalar === undefined) throw new Error('not an EC private key');
  return scalar.value;
}

export type RsaScheme = 'pkcs1' | 'pss';

/**
 * Signs `data`: ECDSA (DER) deterministically with noble where the curve is
 * known to it, RSA PKCS#1 v1.5 (deterministic) or RSA-PSS (salt = hash length, random).
 */
export function testSign(privateKey: KeyObject, hash: HashName, data: Uint8Array, rsaScheme: RsaScheme = 'pkcs1'): Uint8Array {
  if (privateKey.asymmetricKeyType === 'ec') {
    const noble = nobleCurveOf(privateKey);
    const digest = createHash(hash).update(data).digest();
    if (noble !== undefined) return noble.curve.sign(digest, ecPrivateScalar(privateKey), { prehash: false, format: 'der' });
    return new Uint8Array(nodeSign(hash, data, { key: privateKey, dsaEncoding: 'der' }));
  }
  const padding = rsaScheme === 'pss' ? constants.RSA_PKCS1_PSS_PADDING : constants.RSA_PKCS1_PADDING;
  return new Uint8Array(nodeSign(hash, data, { key: privateKey, padding, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }));
}

const ECDSA_OIDS: Record<HashName, string> = {
  sha1: '1.2.840.10045.4.1',
  sha224: '1.2.840.10045.4.3.1',
  sha256: '1.2.840.10045.4.3.2',
  sha384: '1.2.840.10045.4.3.3',
  sha512: '1.2.840.10045.4.3.4',
};
const RSA_OIDS: Record<HashName, string> = {
  sha1: '1.2.840.113549.1.1.5',
  sha224: '1.2.840.113549.1.1.14',
  sha256: '1.2.840.113549.1.1.11',
  sha384: '1.2.840.113549.1.1.12',
  sha512: '1.2.840.113549.1.1.13',
};
const HASH_LENGTHS: Record<HashName, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

/** The AlgorithmIdentifier for signatures by this key with this hash (and RSA scheme). */
export function testSignatureAlgorithm(privateKey: KeyObject, hash: HashName, rsaScheme: RsaScheme = 'pkcs1'): AlgorithmIdentifier {
  if (privateKey.asymmetricKeyType === 'ec') return new AlgorithmIdentifier({ algorithmId: ECDSA_OIDS[hash] });
  if (rsaScheme === 'pkcs1') return new AlgorithmIdentifier({ algorithmId: RSA_OIDS[hash], algorithmParams: new asn1js.Null() });
  const hashAlgorithm = new AlgorithmIdentifier({ algorithmId: HASH_OIDS[hash] });
  const params = new RSASSAPSSParams({
    hashAlgorithm,
    maskGenAlgorithm: new AlgorithmIdentifier({ algorithmId: '1.2.840.113549.1.1.8', algorithmParams: hashAlgorithm.toSchema() }),
    saltLength: HASH_LENGTHS[hash],
  });
  return new AlgorithmIdentifier({ algorithmId: '1.2.840.113549.1.1.10', algorithmParams: params.toSchema() });
}

export interface TestName {
  country: string;
  organization?: string;
  organizationalUnit?: string;
  serialNumber?: string;
  commonName: string;
}

export interface TestCertificate {
  der: Uint8Array;
  x509: X509Certificate;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface TestCertificateOptions {
  name?: TestName;
  keys?: TestKeyPair;
  /** Defaults: 2020-01-01 to 2040-01-01, so tests can pick any `now` in between. */
  notBefore?: Date;
  notAfter?: Date;
  serial?: number;
  hash?: HashName;
  rsaScheme?: RsaScheme;
}

const DEFAULT_NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const DEFAULT_NOT_AFTER = new Date('2040-01-01T00:00:00Z');

/** One attribute per RDN (pkijs would put them all in one multi-valued RDN). */
function distinguishedName(name: TestName): RelativeDistinguishedNames {
  const parts: [string, string | undefined, 'printable' | 'utf8'][] = [
    ['2.5.4.6', name.country, 'printable'],
    ['2.5.4.10', name.organization, 'utf8'],
    ['2.5.4.11', name.organizationalUnit, 'utf8'],
    ['2.5.4.5', name.serialNumber, 'printable'],
    ['2.5.4.3', name.commonName, 'utf8'],
  ];
  const attributes = parts
    .filter((part): part is [string, string, 'printable' | 'utf8'] => part[1] !== undefined)
    .map(([type, value, kind]) => new AttributeTypeAndValue({ type, value: kind === 'printable' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value }) }));
  const encoded = new asn1js.Sequence({ value: attributes.map((attribute) => new asn1js.Set({ value: [attribute.toSchema()] })) }).toBER(false);
  return RelativeDistinguishedNames.fromBER(encoded);
}

function time(date: Date): Time {
  return new Time({ type: date.getUTCFullYear() >= 2050 ? 1 : 0, value: date });
}

function keyIdentifier(publicKey: KeyObject): Uint8Array {
  const spki = PublicKeyInfo.fromBER(publicKey.export({ format: 'der', type: 'spki' }));
  return new Uint8Array(createHash('sha1').update(spki.subjectPublicKey.valueBlock.valueHexView).digest());
}

function extension(extnID: string, critical: boolean, value: asn1js.AsnType): Extension {
  return new Extension({ extnID, critical, extnValue: value.toBER(false) });
}

function buildCertificate(
  options: TestCertificateOptions & { name: TestName; keys: TestKeyPair },
  issuer: { name: TestName; privateKey: KeyObject; publicKey: KeyObject },
  ca: boolean,
): TestCertificate {
  const hash = options.hash ?? 'sha256';
  const cert = new Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ value: options.serial ?? 1 });
  cert.issuer = distinguishedName(issuer.name);
  cert.subject = distinguishedName(options.name);
  cert.notBefore = time(options.notBefore ?? DEFAULT_NOT_BEFORE);
  cert.notAfter = time(options.notAfter ?? DEFAULT_NOT_AFTER);
  cert.subjectPublicKeyInfo = PublicKeyInfo.fromBER(options.keys.publicKey.export({ format: 'der', type: 'spki' }));
  // keyUsage: keyCertSign + cRLSign for a CSCA, digitalSignature for a document signer.
  const keyUsage = ca ? new asn1js.BitString({ valueHex: Uint8Array.of(0x06), unusedBits: 1 }) : new asn1js.BitString({ valueHex: Uint8Array.of(0x80), unusedBits: 7 });
  cert.extensions = [
    extension('2.5.29.15', true, keyUsage),
    extension('2.5.29.14', false, new asn1js.OctetString({ valueHex: keyIdentifier(options.keys.publicKey) })),
    extension('2.5.29.35', false, new AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: keyIdentifier(issuer.publicKey) }) }).toSchema()),
  ];
  if (ca) cert.extensions.unshift(extension('2.5.29.19', true, new BasicConstraints({ cA: true, pathLenConstraint: 0 }).toSchema()));
  const algorithm = testSignatureAlgorithm(issuer.privateKey, hash, options.rsaScheme);
  cert.signature = algorithm;
  cert.signatureAlgorithm = algorithm;
  const tbs = new Uint8Array(cert.encodeTBS().toBER(false));
  cert.signatureValue = new asn1js.BitString({ valueHex: testSign(issuer.privateKey, hash, tbs, options.rsaScheme) });
  const der = new Uint8Array(cert.toSchema(true).toBER(false));
  return { der, x509: new X509Certificate(der), privateKey: options.keys.privateKey, publicKey: options.keys.publicKey };
}

export const TEST_CSCA_NAME: TestName = { country: 'VN', organization: 'TiepDon Test PKI', serialNumber: '001', commonName: 'CSCA Test' };
export const TEST_DS_NAME: TestName = { country: 'VN', organization: 'TiepDon Test PKI', commonName: 'Document Signer Test 0001' };

/** A self-signed CSCA (brainpoolP256r1 from a fixed seed unless keys are given). */
export function createTestCsca(options: TestCertificateOptions = {}): TestCertificate & { name: TestName } {
  const name = options.name ?? TEST_CSCA_NAME;
  const keys = options.keys ?? testKeyPair({ type: 'ec', curve: 'brainpoolP256r1' }, 'test-csca');
  const cert = buildCertificate({ ...options, name, keys }, { name, ...keys }, true);
  return { ...cert, name };
}

/** A document signer certificate issued by `csca` (P-256 from a fixed seed unless keys are given). */
export function createTestDocumentSigner(csca: TestCertificate & { name: TestName }, options: TestCertificateOptions = {}): TestCertificate & { name: TestName } {
  const name = options.name ?? TEST_DS_NAME;
  const keys = options.keys ?? testKeyPair({ type: 'ec', curve: 'prime256v1' }, 'test-document-signer');
  const cert = buildCertificate({ serial: 2, ...options, name, keys }, { name: csca.name, privateKey: csca.privateKey, publicKey: csca.publicKey }, false);
  return { ...cert, name };
}

function derInteger(value: bigint): Uint8Array {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
  return encodeTlv(ASN1.INTEGER, Uint8Array.from(Buffer.from(hex, 'hex')));
}

/**
 * The SubjectPublicKeyInfo of an EC public key with explicit curve parameters
 * (prime field, a, b, G, n, h) instead of the named-curve OID, as many chips
 * encode their DG14/DG15 keys.
 */
export function ecSpkiWithExplicitParameters(publicKey: KeyObject): Uint8Array {
  const noble = nobleCurveOf(publicKey);
  if (noble === undefined) throw new Error('explicit parameters only for the curves in TestCurve');
  const { p, a, b, n, h, Gx, Gy } = noble.curve.Point.CURVE();
  const size = noble.curve.Point.Fp.BYTES;
  const [, point] = childrenOf(decodeTlv(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }))));
  if (point === undefined) throw new Error('SubjectPublicKeyInfo without its key');
  const parameters = encodeConstructed(
    ASN1.SEQUENCE,
    derInteger(1n),
    encodeConstructed(ASN1.SEQUENCE, encodeOid('1.2.840.10045.1.1'), derInteger(p)),
    encodeConstructed(ASN1.SEQUENCE, encodeTlv(ASN1.OCTET_STRING, bigintToBytes(a, size)), encodeTlv(ASN1.OCTET_STRING, bigintToBytes(b, size))),
    encodeTlv(ASN1.OCTET_STRING, concatBytes(Uint8Array.of(4), bigintToBytes(Gx, size), bigintToBytes(Gy, size))),
    derInteger(n),
    derInteger(h),
  );
  return encodeConstructed(ASN1.SEQUENCE, encodeConstructed(ASN1.SEQUENCE, encodeOid(OID_EC_PUBLIC_KEY), parameters), point.encoded);
}
