/**
 * EF.SOD (ICAO 9303-10 §4.6.2): 77 { ContentInfo { SignedData } } whose
 * encapsulated content is the LDSSecurityObject:
 *   SEQUENCE { version INTEGER, hashAlgorithm AlgorithmIdentifier,
 *              dataGroupHashValues SEQUENCE OF SEQUENCE { dataGroupNumber INTEGER, dataGroupHashValue OCTET STRING },
 *              ldsVersionInfo SEQUENCE { ldsVersion PrintableString, unicodeVersion PrintableString } OPTIONAL }
 * CMS is decoded by pkijs; embedded certificates are kept as their original
 * bytes (re-encoding could change what the issuer signed).
 */
import * as asn1js from 'asn1js';
import { ContentInfo, IssuerAndSerialNumber, SignedData, type SignerInfo } from 'pkijs';
import { EmrtdError } from '../errors.ts';
import { hashNameOfOid, type HashName } from './hash-algorithms.ts';
import { decodeLdsFile, EF_SOD_TAG } from './tags.ts';

export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
export const OID_LDS_SECURITY_OBJECT = '2.23.136.1.1.1';
/** Seen in some French and Belgian documents. */
export const OID_LDS_SECURITY_OBJECT_ALT = '1.3.27.1.1.1';
export const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
export const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
export const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';

export interface LdsSecurityObject {
  version: number;
  hashAlgorithm: string;
  /** The node:crypto name of hashAlgorithm, when it is one ICAO allows. */
  hashName: HashName | undefined;
  /** DG number → hash as stored. */
  dataGroupHashes: Map<number, Uint8Array>;
  ldsVersion: string | undefined;
  unicodeVersion: string | undefined;
}

export type SignerIdentifier =
  | { kind: 'issuer-and-serial'; issuer: Uint8Array; serialNumber: Uint8Array }
  | { kind: 'subject-key-identifier'; keyIdentifier: Uint8Array };

export interface SodSignerInfo {
  sid: SignerIdentifier;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  /** The signature algorithm's parameters as DER (RSASSA-PSS), when present. */
  signatureAlgorithmParameters: Uint8Array | undefined;
  /** The signed attributes as DER with the SET tag (31), the bytes the signature covers; undefined when absent. */
  signedAttributes: Uint8Array | undefined;
  /** Attribute values: content-type OID, message digest, signing time. */
  contentType: string | undefined;
  messageDigest: Uint8Array | undefined;
  signingTime: Date | undefined;
  signature: Uint8Array;
}

export interface Sod {
  eContentType: string;
  /** The LDSSecurityObject as encoded (what messageDigest is computed over). */
  eContent: Uint8Array;
  securityObject: LdsSecurityObject;
  /** Embedded certificates (normally the document signer's), as encoded. */
  certificates: Uint8Array[];
  signerInfos: SodSignerInfo[];
}

function malformed(message: string, cause?: unknown): EmrtdError {
  return new EmrtdError('lds-malformed', `EF.SOD: ${message}`, cause === undefined ? {} : { cause });
}

const view = (buffer: ArrayBuffer | Uint8Array): Uint8Array => (buffer instanceof Uint8Array ? Uint8Array.from(buffer) : new Uint8Array(buffer.slice(0)));

function berOf(bytes: Uint8Array, what: string): asn1js.AsnType {
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(bytes);
  } catch (cause) {
    throw malformed(`${what} is not BER`, cause);
  }
  if (parsed.offset === -1 || parsed.result.error) throw malformed(`${what} is not BER: ${parsed.result.error}`);
  return parsed.result;
}

/** The bytes of an OCTET STRING, joining the pieces of a constructed (BER) one. */
function octets(value: asn1js.OctetString): Uint8Array {
  if (!value.idBlock.isConstructed) return view(value.valueBlock.valueHexView);
  const parts = value.valueBlock.value.map((part) => octets(part as asn1js.OctetString));
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

function smallInteger(value: unknown, what: string): number {
  if (!(value instanceof asn1js.Integer)) throw malformed(`${what} is not an INTEGER`);
  const number = value.valueBlock.valueDec;
  if (!Number.isSafeInteger(number) || number < 0) throw malformed(`${what} is out of range`);
  return number;
}

function printable(value: unknown): string | undefined {
  return value instanceof asn1js.PrintableString || value instanceof asn1js.Utf8String ? value.valueBlock.value : undefined;
}

export function parseLdsSecurityObject(bytes: Uint8Array): LdsSecurityObject {
  const root = berOf(bytes, 'LDSSecurityObject');
  if (!(root instanceof asn1js.Sequence)) throw malformed('LDSSecurityObject is not a SEQUENCE');
  const [version, algorithm, hashes, versionInfo] = root.valueBlock.value;
  if (!(algorithm instanceof asn1js.Sequence) || !(hashes instanceof asn1js.Sequence)) throw malformed('LDSSecurityObject fields missing');
  const [algorithmOid] = algorithm.valueBlock.value;
  if (!(algorithmOid instanceof asn1js.ObjectIdentifier)) throw malformed('hashAlgorithm without an OID');
  const hashAlgorithm = algorithmOid.valueBlock.toString();
  const dataGroupHashes = new Map<number, Uint8Array>();
  for (const entry of hashes.valueBlock.value) {
    const [number, hash] = entry instanceof asn1js.Sequence ? entry.valueBlock.value : [];
    if (!(hash instanceof asn1js.OctetString)) throw malformed('a DataGroupHash without its hash');
    const dg = smallInteger(number, 'dataGroupNumber');
    if (dataGroupHashes.has(dg)) throw malformed(`data group ${dg} listed twice`);
    dataGroupHashes.set(dg, octets(hash));
  }
  let ldsVersion: string | undefined;
  let unicodeVersion: string | undefined;
  if (versionInfo instanceof asn1js.Sequence) {
    const [lds, unicode] = versionInfo.valueBlock.value;
    ldsVersion = printable(lds);
    unicodeVersion = printable(unicode);
  }
  return {
    version: smallInteger(version, 'LDSSecurityObject version'),
    hashAlgorithm,
    hashName: hashNameOfOid(hashAlgorithm),
    dataGroupHashes,
    ldsVersion,
    unicodeVersion,
  };
}

function signerIdentifier(signer: SignerInfo): SignerIdentifier {
  if (signer.sid instanceof IssuerAndSerialNumber) {
    return {
      kind: 'issuer-and-serial',
      issuer: view(signer.sid.issuer.toSchema().toBER()),
      serialNumber: view(signer.sid.serialNumber.valueBlock.valueHexView),
    };
  }
  const sid = signer.sid as asn1js.Constructed | asn1js.Primitive;
  // [0] SubjectKeyIdentifier, implicitly tagged: the value is the key identifier.
  const keyIdentifier = sid instanceof asn1js.Constructed ? (sid.valueBlock.value[0] as asn1js.OctetString | undefined)?.valueBlock.valueHexView : sid.valueBlock.valueHexView;
  if (keyIdentifier === undefined) throw malformed('signer identifier not understood');
  return { kind: 'subject-key-identifier', keyIdentifier: view(keyIdentifier) };
}

function attributeValue(signer: SignerInfo, type: string): unknown {
  const attribute = signer.signedAttrs?.attributes.find((a) => a.type === type);
  return attribute?.values[0];
}

function signerInfoOf(signer: SignerInfo): SodSignerInfo {
  let signedAttributes: Uint8Array | undefined;
  if (signer.signedAttrs !== undefined && signer.signedAttrs.encodedValue.byteLength > 0) {
    signedAttributes = view(signer.signedAttrs.encodedValue);
    // Signed over as a SET OF, not as the [0] IMPLICIT it is stored as (RFC 5652 §5.4).
    signedAttributes[0] = 0x31;
  }
  const contentType = attributeValue(signer, OID_CONTENT_TYPE);
  const digest = attributeValue(signer, OID_MESSAGE_DIGEST);
  const time = attributeValue(signer, OID_SIGNING_TIME);
  const parameters = signer.signatureAlgorithm.algorithmParams as asn1js.AsnType | undefined;
  return {
    sid: signerIdentifier(signer),
    digestAlgorithm: signer.digestAlgorithm.algorithmId,
    signatureAlgorithm: signer.signatureAlgorithm.algorithmId,
    signatureAlgorithmParameters:
      parameters === undefined || parameters instanceof asn1js.Null ? undefined : view(parameters.toBER()),
    signedAttributes,
    contentType: contentType instanceof asn1js.ObjectIdentifier ? contentType.valueBlock.toString() : undefined,
    messageDigest: digest instanceof asn1js.OctetString ? octets(digest) : undefined,
    signingTime: time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime ? time.toDate() : undefined,
    signature: view(signer.signature.valueBlock.valueHexView),
  };
}

/** The original encodings of the certificates in SignedData's [0] field. */
function embeddedCertificates(signedData: asn1js.AsnType): Uint8Array[] {
  if (!(signedData instanceof asn1js.Sequence)) return [];
  const field = signedData.valueBlock.value.find((item) => item.idBlock.tagClass === 3 && item.idBlock.tagNumber === 0);
  if (!(field instanceof asn1js.Constructed)) return [];
  return field.valueBlock.value.filter((item) => item instanceof asn1js.Sequence).map((item) => view(item.valueBeforeDecodeView));
}

export function parseSod(bytes: Uint8Array): Sod {
  const outer = decodeLdsFile(bytes, EF_SOD_TAG, 'EF.SOD');
  try {
    return parseSignedData(outer.value);
  } catch (cause) {
    // asn1js and pkijs throw plain Errors (bad times, OIDs, lengths) on malformed input.
    if (cause instanceof EmrtdError) throw cause;
    throw malformed('not a CMS SignedData this reader understands', cause);
  }
}

function parseSignedData(bytes: Uint8Array): Sod {
  const root = berOf(bytes, 'ContentInfo');
  const contentInfo = new ContentInfo({ schema: root });
  if (contentInfo.contentType !== OID_SIGNED_DATA) throw malformed(`content type ${contentInfo.contentType} is not SignedData`);
  const signedData = new SignedData({ schema: contentInfo.content });
  const encap = signedData.encapContentInfo;
  const eContentType = encap.eContentType;
  if (eContentType !== OID_LDS_SECURITY_OBJECT && eContentType !== OID_LDS_SECURITY_OBJECT_ALT) {
    throw malformed(`encapsulated content type ${eContentType} is not an LDS security object`);
  }
  if (encap.eContent === undefined) throw malformed('no encapsulated content');
  const eContent = octets(encap.eContent);
  if (signedData.signerInfos.length === 0) throw malformed('no SignerInfo');
  return {
    eContentType,
    eContent,
    securityObject: parseLdsSecurityObject(eContent),
    certificates: embeddedCertificates(contentInfo.content),
    signerInfos: signedData.signerInfos.map(signerInfoOf),
  };
}
