/**
 * Builders for LDS1 files with synthetic content: EF.COM, DG1 (TD1 with
 * correct check digits), DG2, DG13, DG14, DG15 and EF.SOD signed by a given
 * document signer. Used by unit tests and by the virtual chip. Same inputs
 * (and keys) give the same bytes; only RSA-PSS signatures carry a random salt.
 */
import { createHash, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  AlgorithmIdentifier,
  Attribute,
  Certificate,
  ContentInfo,
  EncapsulatedContentInfo,
  IssuerAndSerialNumber,
  SignedAndUnsignedAttributes,
  SignedData,
  SignerInfo,
} from 'pkijs';
import { ASN1, encodeOid } from '../asn1.ts';
import { mrzCheckDigit } from '../bac/mrz-key.ts';
import { asciiBytes, concatBytes } from '../bytes.ts';
import { foldVietnameseName } from '../lds/cross-check.ts';
import { DG13_ENCODING_UTF8 } from '../lds/dg13.ts';
import { ID_AA, ID_CA, ID_PK_ECDH, ID_TA } from '../lds/dg14.ts';
import { HASH_OIDS, type HashName } from '../lds/hash-algorithms.ts';
import { detectImageFormat } from '../lds/image-format.ts';
import { OID_CONTENT_TYPE, OID_LDS_SECURITY_OBJECT, OID_MESSAGE_DIGEST, OID_SIGNED_DATA, OID_SIGNING_TIME } from '../lds/sod.ts';
import { dataGroupTag, EF_COM_TAG, EF_SOD_TAG } from '../lds/tags.ts';
import { PACE_ECDH_GM_AES_CBC_CMAC_128 } from '../pace/protocols.ts';
import { encodeConstructed, encodeTlv } from '../tlv.ts';
import { testSign, testSignatureAlgorithm, type RsaScheme } from './test-pki.ts';

// ── EF.COM ──────────────────────────────────────────────────────────────────

/** EF.COM listing the data groups; LDS 1.7 and Unicode 4.0.0 by default. */
export function buildEfCom(dataGroups: readonly number[], ldsVersion = '0107', unicodeVersion = '040000'): Uint8Array {
  return encodeConstructed(
    EF_COM_TAG,
    encodeTlv(0x5f01, asciiBytes(ldsVersion)),
    encodeTlv(0x5f36, asciiBytes(unicodeVersion)),
    encodeTlv(0x5c, Uint8Array.from(dataGroups.map(dataGroupTag))),
  );
}

// ── DG1 ─────────────────────────────────────────────────────────────────────

export interface Td1Fields {
  documentCode?: string;
  issuingState?: string;
  /** Up to 9 characters, or longer (the rest goes to the optional data, ICAO long-number rule). */
  documentNumber: string;
  /** Line 1 optional data (after any document-number overflow). */
  optionalData?: string;
  /** YYMMDD */
  dateOfBirth: string;
  sex: 'M' | 'F' | '<';
  /** YYMMDD */
  dateOfExpiry: string;
  nationality?: string;
  optionalData2?: string;
  primaryIdentifier: string;
  secondaryIdentifier?: string;
}

const mrzText = (text: string) => foldVietnameseName(text).replace(/ /g, '<');

function field(text: string, width: number): string {
  if (text.length > width) throw new RangeError(`MRZ field "${text}" is longer than ${width}`);
  return text.padEnd(width, '<');
}

/** A TD1 zone (90 characters, no separators) with every check digit computed. */
export function composeTd1Mrz(fields: Td1Fields): string {
  const number = fields.documentNumber;
  let numberField: string;
  let optional: string;
  if (number.length <= 9) {
    numberField = field(number, 9) + String(mrzCheckDigit(field(number, 9)));
    optional = fields.optionalData ?? '';
  } else {
    numberField = `${number.slice(0, 9)}<`;
    optional = `${number.slice(9)}${mrzCheckDigit(number)}<${fields.optionalData ?? ''}`;
  }
  const line1 = field(fields.documentCode ?? 'I<', 2) + field(fields.issuingState ?? 'VNM', 3) + numberField + field(optional, 15);
  const dob = fields.dateOfBirth + String(mrzCheckDigit(fields.dateOfBirth));
  const doe = fields.dateOfExpiry + String(mrzCheckDigit(fields.dateOfExpiry));
  const line2Head = dob + fields.sex + doe + field(fields.nationality ?? 'VNM', 3) + field(fields.optionalData2 ?? '', 11);
  const composite = line1.slice(5, 30) + line2Head.slice(0, 7) + line2Head.slice(8, 15) + line2Head.slice(18, 29);
  const line2 = line2Head + String(mrzCheckDigit(composite));
  const name = `${mrzText(fields.primaryIdentifier)}<<${mrzText(fields.secondaryIdentifier ?? '')}`;
  const line3 = field(name.slice(0, 30), 30);
  return line1 + line2 + line3;
}

export interface CccdMrzFields {
  /** The 12-digit ID. */
  idNumber: string;
  /** YYMMDD */
  dateOfBirth: string;
  sex: 'M' | 'F';
  /** YYMMDD */
  dateOfExpiry: string;
  /** With or without diacritics: "Nguyễn Văn A"; the first word is the surname. */
  fullName: string;
}

/**
 * The MRZ of a Vietnamese chip ID card (cccd-chip.md §2.2): "IDVNM", the last
 * nine digits of the ID as document number, the whole ID and its check digit in
 * the optional data.
 */
export function composeCccdMrz(fields: CccdMrzFields): string {
  const [surname = '', ...given] = foldVietnameseName(fields.fullName).split(' ');
  return composeTd1Mrz({
    documentCode: 'ID',
    issuingState: 'VNM',
    documentNumber: fields.idNumber.slice(-9),
    optionalData: `${fields.idNumber}<<${mrzCheckDigit(fields.idNumber)}`,
    dateOfBirth: fields.dateOfBirth,
    sex: fields.sex,
    dateOfExpiry: fields.dateOfExpiry,
    nationality: 'VNM',
    primaryIdentifier: surname,
    secondaryIdentifier: given.join(' '),
  });
}

/** DG1 around a zone given without separators (TD1, TD2 or TD3). */
export function buildDg1(mrz: string): Uint8Array {
  return encodeConstructed(dataGroupTag(1), encodeTlv(0x5f1f, asciiBytes(mrz)));
}

// ── DG2 ─────────────────────────────────────────────────────────────────────

export interface FaceImageInput {
  image: Uint8Array;
  width: number;
  height: number;
  /** 0 JPEG, 1 JPEG 2000; from the image's magic bytes when not given. */
  imageDataType?: number;
}

const u16 = (value: number) => Uint8Array.of((value >> 8) & 0xff, value & 0xff);
const u32 = (value: number) => Uint8Array.of((value >>> 24) & 0xff, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff);

/** An ISO/IEC 19794-5:2005 facial record with one face and no feature points. */
export function buildFacialRecord(face: FaceImageInput): Uint8Array {
  const mime = detectImageFormat(face.image);
  const dataType = face.imageDataType ?? (mime === 'image/jpeg' ? 0 : 1);
  const imageInfo = concatBytes(Uint8Array.of(1, dataType), u16(face.width), u16(face.height), Uint8Array.of(1, 2), u16(0), u16(0));
  const faceLength = 20 + imageInfo.length + face.image.length;
  // Facial information: length, no feature points, gender/eyes/hair/mask/expression/pose unspecified.
  const facialInfo = concatBytes(u32(faceLength), new Uint8Array(16));
  const body = concatBytes(facialInfo, imageInfo, face.image);
  return concatBytes(asciiBytes('FAC\x00010\x00'), u32(14 + body.length), u16(1), body);
}

/** DG2 with one face: 75 { 7F61 { 02 01, 7F60 { A1 header, 5F2E record } } }. */
export function buildDg2(face: FaceImageInput): Uint8Array {
  // Biometric header template: ICAO header version, biometric type face (2), subtype none, format owner/type ISO/IEC JTC1 SC37 face.
  const header = encodeConstructed(0xa1, encodeTlv(0x80, Uint8Array.of(1, 1)), encodeTlv(0x81, Uint8Array.of(2)), encodeTlv(0x87, u16(0x0101)), encodeTlv(0x88, u16(0x0008)));
  const instance = encodeConstructed(0x7f60, header, encodeTlv(0x5f2e, buildFacialRecord(face)));
  return encodeConstructed(dataGroupTag(2), encodeConstructed(0x7f61, encodeTlv(ASN1.INTEGER, Uint8Array.of(1)), instance));
}

// ── DG13 ────────────────────────────────────────────────────────────────────

/** Values as the card prints them: dates "dd/MM/yyyy", sex "Nam"/"Nữ". */
export interface Dg13Fields {
  idNumber?: string;
  fullName?: string;
  dateOfBirth?: string;
  sex?: string;
  nationality?: string;
  ethnicity?: string;
  religion?: string;
  placeOfOrigin?: string;
  placeOfResidence?: string;
  identifyingMarks?: string;
  dateOfIssue?: string;
  dateOfExpiry?: string;
  fatherName?: string;
  motherName?: string;
  /** undefined gives an empty field 14, as on real cards of unmarried holders. */
  spouseName?: string;
  oldIdNumber?: string;
  field16?: string;
  /** Further fields with their value elements already encoded. */
  extraFields?: readonly { field: number; value: Uint8Array }[];
}

export interface Dg13Options {
  /** 'per-person' (one SEQUENCE per parent, as on real cards) or 'one-sequence' (both names in one SEQUENCE). */
  parentsLayout?: 'per-person' | 'one-sequence';
  /** Zero bytes after the TLV, as chips that pad the file. */
  padding?: number;
  /** Omit field 14 entirely instead of leaving it empty. */
  omitEmptySpouse?: boolean;
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** PrintableString where the text allows it (as cards store numbers and dates), UTF8String otherwise. */
export function encodeDg13String(text: string): Uint8Array {
  return PRINTABLE.test(text) && /\d/.test(text) ? encodeTlv(0x13, asciiBytes(text)) : encodeTlv(0x0c, new TextEncoder().encode(text.normalize('NFC')));
}

const dg13Field = (number: number, ...values: Uint8Array[]) => encodeConstructed(ASN1.SEQUENCE, encodeTlv(ASN1.INTEGER, Uint8Array.of(number)), ...values);

export function buildDg13(fields: Dg13Fields, options: Dg13Options = {}): Uint8Array {
  const simple: [number, string | undefined][] = [
    [1, fields.idNumber],
    [2, fields.fullName],
    [3, fields.dateOfBirth],
    [4, fields.sex],
    [5, fields.nationality],
    [6, fields.ethnicity],
    [7, fields.religion],
    [8, fields.placeOfOrigin],
    [9, fields.placeOfResidence],
    [10, fields.identifyingMarks],
    [11, fields.dateOfIssue],
    [12, fields.dateOfExpiry],
  ];
  const entries: [number, Uint8Array][] = simple.filter((entry): entry is [number, string] => entry[1] !== undefined).map(([n, text]) => [n, dg13Field(n, encodeDg13String(text))]);
  const parents = [fields.fatherName, fields.motherName];
  if (parents.some((name) => name !== undefined)) {
    const strings = parents.map((name) => (name === undefined ? undefined : encodeDg13String(name)));
    const value =
      options.parentsLayout === 'one-sequence'
        ? [encodeConstructed(ASN1.SEQUENCE, ...strings.filter((s): s is Uint8Array => s !== undefined))]
        : strings.map((s) => encodeConstructed(ASN1.SEQUENCE, ...(s === undefined ? [] : [s])));
    entries.push([13, dg13Field(13, ...value)]);
  }
  if (fields.spouseName !== undefined) entries.push([14, dg13Field(14, encodeConstructed(ASN1.SEQUENCE, encodeDg13String(fields.spouseName)))]);
  else if (!options.omitEmptySpouse) entries.push([14, dg13Field(14)]);
  if (fields.oldIdNumber !== undefined) entries.push([15, dg13Field(15, encodeDg13String(fields.oldIdNumber))]);
  if (fields.field16 !== undefined) entries.push([16, dg13Field(16, encodeDg13String(fields.field16))]);
  for (const extra of fields.extraFields ?? []) entries.push([extra.field, dg13Field(extra.field, extra.value)]);
  entries.sort((a, b) => a[0] - b[0]);
  const body = encodeConstructed(
    ASN1.SEQUENCE,
    encodeTlv(ASN1.INTEGER, Uint8Array.of(1)),
    encodeOid(DG13_ENCODING_UTF8),
    encodeConstructed(ASN1.SET, ...entries.map(([, encoded]) => encoded)),
  );
  return concatBytes(encodeTlv(dataGroupTag(13), body), new Uint8Array(options.padding ?? 0));
}

// ── DG14 and DG15 ───────────────────────────────────────────────────────────

export interface Dg14Options {
  /** The Chip Authentication key; its SPKI is used as exported unless `chipAuthenticationSpki` is given. */
  chipAuthenticationKey?: KeyObject;
  /** A ready SubjectPublicKeyInfo (e.g. with explicit parameters, see ecSpkiWithExplicitParameters). */
  chipAuthenticationSpki?: Uint8Array;
  /** id-CA-ECDH-AES-CBC-CMAC-128 by default. */
  chipAuthenticationProtocol?: string;
  keyId?: number;
  /** PACEInfo parameter ID (13 = brainpoolP256r1, the CCCD's); null for no PACEInfo. */
  paceParameterId?: number | null;
  terminalAuthentication?: boolean;
  /** Adds an ActiveAuthenticationInfo naming this ECDSA algorithm (e.g. 0.4.0.127.0.7.1.1.4.1.2 ecdsa-plain-SHA256 or 1.2.840.10045.4.3.2). */
  activeAuthenticationAlgorithm?: string;
}

const integer = (value: number) => encodeTlv(ASN1.INTEGER, value < 0x80 ? Uint8Array.of(value) : Uint8Array.of(0, value));

/** DG14 in the CCCD's order: TA, CA, PACE, then the CA public key (and AA info if asked). */
export function buildDg14(options: Dg14Options = {}): Uint8Array {
  const infos: Uint8Array[] = [];
  if (options.terminalAuthentication ?? true) infos.push(encodeConstructed(ASN1.SEQUENCE, encodeOid(ID_TA), integer(1)));
  const keyId = options.keyId === undefined ? [] : [integer(options.keyId)];
  infos.push(encodeConstructed(ASN1.SEQUENCE, encodeOid(options.chipAuthenticationProtocol ?? `${ID_CA}.2.2`), integer(1), ...keyId));
  const paceId = options.paceParameterId === undefined ? 13 : options.paceParameterId;
  if (paceId !== null) infos.push(encodeConstructed(ASN1.SEQUENCE, encodeOid(PACE_ECDH_GM_AES_CBC_CMAC_128), integer(2), integer(paceId)));
  const spki = options.chipAuthenticationSpki ?? options.chipAuthenticationKey?.export({ format: 'der', type: 'spki' });
  if (spki !== undefined) infos.push(encodeConstructed(ASN1.SEQUENCE, encodeOid(ID_PK_ECDH), new Uint8Array(spki), ...keyId));
  if (options.activeAuthenticationAlgorithm !== undefined) {
    infos.push(encodeConstructed(ASN1.SEQUENCE, encodeOid(ID_AA), integer(1), encodeOid(options.activeAuthenticationAlgorithm)));
  }
  return encodeConstructed(dataGroupTag(14), encodeConstructed(ASN1.SET, ...infos));
}

/** DG15 around a public key or a ready SubjectPublicKeyInfo. */
export function buildDg15(key: KeyObject | Uint8Array): Uint8Array {
  const spki = key instanceof Uint8Array ? key : new Uint8Array(key.export({ format: 'der', type: 'spki' }));
  return encodeTlv(dataGroupTag(15), spki);
}

// ── EF.SOD ──────────────────────────────────────────────────────────────────

export interface SodSigner {
  /** The document signer certificate, DER. */
  certificate: Uint8Array;
  privateKey: KeyObject;
}

export interface SodOptions {
  /** SHA-256 by default, for the data-group hashes and the signature. */
  hash?: HashName;
  rsaScheme?: RsaScheme;
  /** Fixed by default so that the bytes are reproducible. */
  signingTime?: Date;
  /** Leave the certificate out of SignedData. */
  omitCertificate?: boolean;
  /** Adds ldsVersionInfo (LDSSecurityObject v1), e.g. { ldsVersion: '0108', unicodeVersion: '040000' }. */
  ldsVersionInfo?: { ldsVersion: string; unicodeVersion: string };
  /** The content-type signed attribute; the eContentType by default (a different value makes a broken SOD for tests). */
  contentTypeAttribute?: string;
}

export const DEFAULT_SIGNING_TIME = new Date('2024-07-01T00:00:00Z');

/** The LDSSecurityObject over the given data groups (hashes of the whole files). */
export function buildLdsSecurityObject(dataGroups: ReadonlyMap<number, Uint8Array>, hash: HashName, versionInfo?: SodOptions['ldsVersionInfo']): Uint8Array {
  const hashes = [...dataGroups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([dg, bytes]) => new asn1js.Sequence({ value: [new asn1js.Integer({ value: dg }), new asn1js.OctetString({ valueHex: createHash(hash).update(bytes).digest() })] }));
  const value: asn1js.AsnType[] = [
    new asn1js.Integer({ value: versionInfo === undefined ? 0 : 1 }),
    new AlgorithmIdentifier({ algorithmId: HASH_OIDS[hash] }).toSchema(),
    new asn1js.Sequence({ value: hashes }),
  ];
  if (versionInfo !== undefined) {
    value.push(new asn1js.Sequence({ value: [new asn1js.PrintableString({ value: versionInfo.ldsVersion }), new asn1js.PrintableString({ value: versionInfo.unicodeVersion })] }));
  }
  return new Uint8Array(new asn1js.Sequence({ value }).toBER(false));
}

/** EF.SOD (77 { ContentInfo }) over the data groups, signed by `signer`. */
export function buildSod(dataGroups: ReadonlyMap<number, Uint8Array> | Readonly<Record<number, Uint8Array>>, signer: SodSigner, options: SodOptions = {}): Uint8Array {
  const hash = options.hash ?? 'sha256';
  const groups = dataGroups instanceof Map ? dataGroups : new Map(Object.entries(dataGroups).map(([dg, bytes]) => [Number(dg), bytes as Uint8Array]));
  const eContent = buildLdsSecurityObject(groups, hash, options.ldsVersionInfo);
  const certificate = Certificate.fromBER(signer.certificate);
  const digestAlgorithm = new AlgorithmIdentifier({ algorithmId: HASH_OIDS[hash] });
  const signedAttrs = new SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new Attribute({ type: OID_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: options.contentTypeAttribute ?? OID_LDS_SECURITY_OBJECT })] }),
      new Attribute({ type: OID_SIGNING_TIME, values: [new asn1js.UTCTime({ valueDate: options.signingTime ?? DEFAULT_SIGNING_TIME })] }),
      new Attribute({ type: OID_MESSAGE_DIGEST, values: [new asn1js.OctetString({ valueHex: createHash(hash).update(eContent).digest() })] }),
    ],
  });
  const signed = new Uint8Array(signedAttrs.toSchema().toBER(false));
  signed[0] = 0x31;
  const signerInfo = new SignerInfo({
    version: 1,
    sid: new IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
    digestAlgorithm,
    signedAttrs,
    signatureAlgorithm: testSignatureAlgorithm(signer.privateKey, hash, options.rsaScheme),
    signature: new asn1js.OctetString({ valueHex: testSign(signer.privateKey, hash, signed, options.rsaScheme) }),
  });
  const signedData = new SignedData({
    version: 3,
    digestAlgorithms: [digestAlgorithm],
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID_LDS_SECURITY_OBJECT, eContent: new asn1js.OctetString({ valueHex: eContent }) }),
    certificates: options.omitCertificate ? undefined : [certificate],
    signerInfos: [signerInfo],
  });
  const contentInfo = new ContentInfo({ contentType: OID_SIGNED_DATA, content: signedData.toSchema(true) });
  return encodeTlv(EF_SOD_TAG, new Uint8Array(contentInfo.toSchema().toBER(false)));
}
