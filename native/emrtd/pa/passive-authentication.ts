/**
 * Passive authentication (ICAO 9303-11 §5.1, cccd-chip.md §6): the data
 * groups read match the hashes in EF.SOD, EF.SOD is signed by its document
 * signer, and the document signer certificate (DSC) chains to a CSCA in the
 * store, with every validity window checked at `now`. Every outcome is
 * reported with the part that failed; nothing is "ok" by default.
 *
 * status: 'valid'         every check passed and the DSC chains to a CSCA;
 *         'chain-unknown' hashes and signature are sound but no CSCA in the store issued the DSC;
 *         'invalid'       something does not verify, is malformed, expired or missing
 *                         (an EF.SOD that is there but empty included: checks.sod 'empty');
 *         'not-checked'   there is no EF.SOD to check against.
 */
import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { Certificate } from 'pkijs';
import { bytesEqual } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import { hashNameOfOid, type HashName } from '../lds/hash-algorithms.ts';
import { OID_LDS_SECURITY_OBJECT, OID_LDS_SECURITY_OBJECT_ALT, parseSod, type Sod, type SodSignerInfo } from '../lds/sod.ts';
import { decodeFirstTlv } from '../tlv.ts';
import type { CscaStore } from './csca-store.ts';
import { verifySignature, type SignatureCheck } from './signature.ts';

export type PassiveAuthenticationStatus = 'valid' | 'invalid' | 'chain-unknown' | 'not-checked';
export type DataGroupHashStatus = 'ok' | 'mismatch' | 'missing-in-sod' | 'not-read';
export type SodCheck = 'ok' | 'missing' | 'empty' | 'malformed' | 'unsupported-hash';
export type AttributeCheck = 'ok' | 'mismatch' | 'missing' | 'not-checked';
export type SignerSignatureCheck = SignatureCheck | 'no-signer-certificate' | 'not-checked';
export type CertificateCheck =
  | 'ok'
  | 'no-matching-csca'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  | 'csca-expired'
  | 'csca-not-yet-valid'
  | 'missing'
  | 'not-checked';

export interface DataGroupHashCheck {
  dg: number;
  status: DataGroupHashStatus;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  validFrom: Date;
  validTo: Date;
  fingerprint256: string;
}

export interface PassiveAuthenticationResult {
  status: PassiveAuthenticationStatus;
  checks: {
    sod: SodCheck;
    dataGroupHashes: DataGroupHashCheck[];
    /** content-type signed attribute = the LDS security object OID. */
    contentType: AttributeCheck;
    /** message-digest signed attribute = hash(eContent). */
    messageDigest: AttributeCheck;
    signature: SignerSignatureCheck;
    signerCertificate: CertificateCheck;
  };
  hashAlgorithm: HashName | undefined;
  signatureAlgorithm: string | undefined;
  signer: CertificateSummary | undefined;
  csca: CertificateSummary | undefined;
  /** What failed, in words, for logs and support (no personal data: only DG numbers and certificate names). */
  reason: string;
}

export interface PassiveAuthenticationInput {
  /** EF.SOD as read (tag 77 …), empty when the chip's file holds nothing; undefined when it could not be read. */
  sod: Uint8Array | undefined;
  /** The data groups read, by number, as read (outer tag included). */
  dataGroups: ReadonlyMap<number, Uint8Array> | Readonly<Record<number, Uint8Array>>;
  cscaStore: CscaStore;
  /** The time at which validity windows are checked. */
  now: Date;
}

function entriesOf(groups: PassiveAuthenticationInput['dataGroups']): [number, Uint8Array][] {
  return groups instanceof Map ? [...groups.entries()] : Object.entries(groups).map(([dg, bytes]) => [Number(dg), bytes as Uint8Array]);
}

function summary(cert: X509Certificate): CertificateSummary {
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    serialNumber: cert.serialNumber,
    validFrom: cert.validFromDate,
    validTo: cert.validToDate,
    fingerprint256: cert.fingerprint256,
  };
}

const digest = (hash: HashName, data: Uint8Array) => new Uint8Array(createHash(hash).update(data).digest());

/** Hashes the file as far as its TLV goes, and whole if that differs and fails (a file read with its padding). */
function dataGroupMatches(hash: HashName, bytes: Uint8Array, expected: Uint8Array): boolean {
  let tlv: Uint8Array | undefined;
  try {
    tlv = decodeFirstTlv(bytes).encoded;
  } catch {
    tlv = undefined;
  }
  if (tlv !== undefined && bytesEqual(digest(hash, tlv), expected)) return true;
  return tlv?.length !== bytes.length && bytesEqual(digest(hash, bytes), expected);
}

function checkDataGroups(sod: Sod, hash: HashName, groups: [number, Uint8Array][]): DataGroupHashCheck[] {
  const read = new Map(groups);
  const numbers = [...new Set([...sod.securityObject.dataGroupHashes.keys(), ...read.keys()])].sort((a, b) => a - b);
  return numbers.map((dg) => {
    const expected = sod.securityObject.dataGroupHashes.get(dg);
    const bytes = read.get(dg);
    if (bytes === undefined) return { dg, status: 'not-read' };
    if (expected === undefined) return { dg, status: 'missing-in-sod' };
    return { dg, status: dataGroupMatches(hash, bytes, expected) ? 'ok' : 'mismatch' };
  });
}

function serialOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex').replace(/^(00)+(?=.)/, '').toUpperCase();
}

/** The embedded certificate the SignerInfo names (issuer and serial, or subject key identifier). */
function findSignerCertificate(sod: Sod, signer: SodSignerInfo): X509Certificate | undefined {
  for (const der of sod.certificates) {
    try {
      if (namesSigner(der, signer)) return new X509Certificate(der);
    } catch {
      // A certificate pkijs or OpenSSL cannot read is not the signer's.
    }
  }
  return undefined;
}

function namesSigner(der: Uint8Array, signer: SodSignerInfo): boolean {
  const parsed = Certificate.fromBER(der);
  const sid = signer.sid;
  if (sid.kind === 'issuer-and-serial') {
    const issuer = new Uint8Array(parsed.issuer.toSchema().toBER());
    return bytesEqual(issuer, sid.issuer) && serialOf(parsed.serialNumber.valueBlock.valueHexView) === serialOf(sid.serialNumber);
  }
  const ski = parsed.extensions?.find((extension) => extension.extnID === '2.5.29.14');
  const value = ski === undefined ? undefined : asn1js.fromBER(ski.extnValue.getValue()).result;
  return value instanceof asn1js.OctetString && bytesEqual(new Uint8Array(value.valueBlock.valueHexView), sid.keyIdentifier);
}

/** The DSC's key; undefined when OpenSSL cannot decode it (a damaged certificate). */
function signerPublicKey(dsc: X509Certificate): KeyObject | undefined {
  try {
    return dsc.publicKey;
  } catch {
    return undefined;
  }
}

function validityAt(cert: X509Certificate, now: Date): 'ok' | 'expired' | 'not-yet-valid' {
  if (now.getTime() < cert.validFromDate.getTime()) return 'not-yet-valid';
  if (now.getTime() > cert.validToDate.getTime()) return 'expired';
  return 'ok';
}

/** DSC against the store: the issuers whose signature verifies, then the validity windows. */
function checkChain(dsc: X509Certificate, store: CscaStore, now: Date): { check: CertificateCheck; csca: X509Certificate | undefined } {
  let candidates: X509Certificate[];
  try {
    candidates = store.issuersOf(dsc);
  } catch {
    candidates = [];
  }
  if (candidates.length === 0) return { check: 'no-matching-csca', csca: undefined };
  const csca = candidates.find((candidate) => {
    try {
      return dsc.verify(candidate.publicKey);
    } catch {
      return false;
    }
  });
  if (csca === undefined) return { check: 'bad-signature', csca: undefined };
  const dscValidity = validityAt(dsc, now);
  if (dscValidity !== 'ok') return { check: dscValidity, csca };
  const cscaValidity = validityAt(csca, now);
  if (cscaValidity !== 'ok') return { check: cscaValidity === 'expired' ? 'csca-expired' : 'csca-not-yet-valid', csca };
  return { check: 'ok', csca };
}

const CERTIFICATE_REASONS: Record<Exclude<CertificateCheck, 'ok' | 'not-checked'>, string> = {
  'no-matching-csca': 'no CSCA in the trust store issued the document signer certificate',
  'bad-signature': 'the document signer certificate is not signed by the CSCA whose name it carries',
  expired: 'the document signer certificate has expired',
  'not-yet-valid': 'the document signer certificate is not yet valid',
  'csca-expired': 'the CSCA certificate has expired',
  'csca-not-yet-valid': 'the CSCA certificate is not yet valid',
  missing: 'EF.SOD holds no document signer certificate',
};

function notChecked(sod: SodCheck, reason: string, groups: [number, Uint8Array][]): PassiveAuthenticationResult {
  return {
    status: sod === 'missing' ? 'not-checked' : 'invalid',
    checks: {
      sod,
      dataGroupHashes: groups.map(([dg]) => ({ dg, status: 'missing-in-sod' as const })).sort((a, b) => a.dg - b.dg),
      contentType: 'not-checked',
      messageDigest: 'not-checked',
      signature: 'not-checked',
      signerCertificate: 'not-checked',
    },
    hashAlgorithm: undefined,
    signatureAlgorithm: undefined,
    signer: undefined,
    csca: undefined,
    reason,
  };
}

export function passiveAuthentication(input: PassiveAuthenticationInput): PassiveAuthenticationResult {
  const groups = entriesOf(input.dataGroups);
  if (input.sod === undefined) return notChecked('missing', 'EF.SOD was not read: the data cannot be authenticated', groups);
  // A genuine chip always carries a signed EF.SOD: an empty one is a fault, not an absence.
  if (input.sod.length === 0) return notChecked('empty', 'EF.SOD is empty: the data cannot be authenticated', groups);
  let sod: Sod;
  try {
    sod = parseSod(input.sod);
  } catch (error) {
    if (!isEmrtdError(error)) throw error;
    return notChecked('malformed', `EF.SOD is malformed: ${error.message}`, groups);
  }
  const hash = sod.securityObject.hashName;
  if (hash === undefined) return notChecked('unsupported-hash', `EF.SOD names an unsupported hash algorithm ${sod.securityObject.hashAlgorithm}`, groups);

  const failures: string[] = [];
  const dataGroupHashes = checkDataGroups(sod, hash, groups);
  const mismatched = dataGroupHashes.filter((c) => c.status === 'mismatch').map((c) => `DG${c.dg}`);
  const unlisted = dataGroupHashes.filter((c) => c.status === 'missing-in-sod').map((c) => `DG${c.dg}`);
  if (mismatched.length > 0) failures.push(`hash mismatch for ${mismatched.join(', ')}`);
  if (unlisted.length > 0) failures.push(`${unlisted.join(', ')} not covered by EF.SOD`);

  // ICAO 9303-10 §4.6.2: exactly one SignerInfo.
  const signer = sod.signerInfos[0] as SodSignerInfo;
  if (sod.signerInfos.length > 1) failures.push('EF.SOD has more than one SignerInfo');

  const contentType: AttributeCheck =
    signer.contentType === undefined
      ? 'missing'
      : signer.contentType === sod.eContentType && (signer.contentType === OID_LDS_SECURITY_OBJECT || signer.contentType === OID_LDS_SECURITY_OBJECT_ALT)
        ? 'ok'
        : 'mismatch';
  if (contentType !== 'ok') failures.push(`content-type attribute ${contentType}`);

  const signerHash = hashNameOfOid(signer.digestAlgorithm);
  let messageDigest: AttributeCheck;
  if (signer.messageDigest === undefined) messageDigest = 'missing';
  else if (signerHash === undefined) messageDigest = 'not-checked';
  else messageDigest = bytesEqual(digest(signerHash, sod.eContent), signer.messageDigest) ? 'ok' : 'mismatch';
  if (messageDigest !== 'ok') failures.push(signerHash === undefined ? `unsupported signer digest algorithm ${signer.digestAlgorithm}` : `message-digest attribute ${messageDigest}`);

  const dsc = findSignerCertificate(sod, signer);
  let signature: SignerSignatureCheck;
  if (dsc === undefined) signature = 'no-signer-certificate';
  else if (signer.signedAttributes === undefined) signature = 'failed';
  else {
    const key = signerPublicKey(dsc);
    signature =
      key === undefined
        ? 'failed'
        : verifySignature(
            { oid: signer.signatureAlgorithm, parameters: signer.signatureAlgorithmParameters, digestAlgorithm: signer.digestAlgorithm },
            signer.signedAttributes,
            signer.signature,
            key,
          );
  }
  if (signer.signedAttributes === undefined) failures.push('EF.SOD has no signed attributes');
  else if (signature === 'failed') failures.push('the EF.SOD signature does not verify');
  else if (signature === 'unsupported') failures.push(`unsupported signature algorithm ${signer.signatureAlgorithm}`);

  let signerCertificate: CertificateCheck = 'missing';
  let csca: X509Certificate | undefined;
  if (dsc !== undefined) ({ check: signerCertificate, csca } = checkChain(dsc, input.cscaStore, input.now));
  if (signerCertificate !== 'ok' && signerCertificate !== 'no-matching-csca' && signerCertificate !== 'not-checked') {
    failures.push(CERTIFICATE_REASONS[signerCertificate]);
  }

  let status: PassiveAuthenticationStatus;
  let reason: string;
  if (failures.length > 0) {
    status = 'invalid';
    reason = failures.join('; ');
  } else if (signerCertificate === 'no-matching-csca') {
    status = 'chain-unknown';
    reason = `data and signature verify, but ${CERTIFICATE_REASONS['no-matching-csca']} (${dsc?.issuer.replace(/\n/g, ', ')})`;
  } else {
    status = 'valid';
    reason = 'data group hashes, EF.SOD signature and certificate chain verify';
  }
  return {
    status,
    checks: { sod: 'ok', dataGroupHashes, contentType, messageDigest, signature, signerCertificate },
    hashAlgorithm: hash,
    signatureAlgorithm: signer.signatureAlgorithm,
    signer: dsc === undefined ? undefined : summary(dsc),
    csca: csca === undefined ? undefined : summary(csca),
    reason,
  };
}
