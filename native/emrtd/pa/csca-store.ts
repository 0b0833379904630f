/**
 * An in-memory store of CSCA certificates, the trust anchors of passive
 * authentication. Built from certificate bytes (DER, PEM, or an ICAO master
 * list); reading files or the ICAO PKD belongs to the services layer.
 */
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import { ContentInfo, SignedData } from 'pkijs';
import { EmrtdError } from '../errors.ts';

export const OID_CSCA_MASTER_LIST = '2.23.136.1.1.2';

function malformed(message: string, cause?: unknown): EmrtdError {
  return new EmrtdError('lds-malformed', message, cause === undefined ? {} : { cause });
}

function certificate(der: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch (cause) {
    throw malformed('not an X.509 certificate', cause);
  }
}

/** Certificates from DER bytes or PEM text (one or more CERTIFICATE blocks). */
export function parseCertificates(input: Uint8Array | string): X509Certificate[] {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('latin1');
  if (text.includes('-----BEGIN CERTIFICATE-----')) {
    const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    return blocks.map((block) => certificate(Buffer.from(block.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64')));
  }
  if (typeof input === 'string') throw malformed('text without a PEM certificate');
  return [certificate(input)];
}

/**
 * The CSCA certificates in an ICAO master list: CMS SignedData whose content
 * is CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }.
 * The list's own signature is not checked here: trust in the list comes from
 * where it was obtained.
 */
export function parseMasterList(bytes: Uint8Array): X509Certificate[] {
  let content: asn1js.OctetString | undefined;
  try {
    const root = asn1js.fromBER(bytes);
    if (root.offset === -1) throw malformed('master list is not BER');
    const signedData = new SignedData({ schema: new ContentInfo({ schema: root.result }).content });
    if (signedData.encapContentInfo.eContentType !== OID_CSCA_MASTER_LIST) throw malformed('not a CSCA master list');
    content = signedData.encapContentInfo.eContent;
  } catch (cause) {
    if (cause instanceof EmrtdError) throw cause;
    throw malformed('master list is not CMS SignedData', cause);
  }
  if (content === undefined) throw malformed('master list without content');
  const list = asn1js.fromBER(content.getValue()).result;
  const certList = list instanceof asn1js.Sequence ? list.valueBlock.value[1] : undefined;
  if (!(certList instanceof asn1js.Set)) throw malformed('master list without its certificate list');
  return certList.valueBlock.value.map((item) => certificate(Uint8Array.from(item.valueBeforeDecodeView)));
}

export class CscaStore {
  readonly #certificates = new Map<string, X509Certificate>();

  constructor(certificates: Iterable<X509Certificate> = []) {
    for (const cert of certificates) this.add(cert);
  }

  get certificates(): readonly X509Certificate[] {
    return [...this.#certificates.values()];
  }

  get size(): number {
    return this.#certificates.size;
  }

  add(cert: X509Certificate): void {
    this.#certificates.set(cert.fingerprint256, cert);
  }

  /** Adds DER or PEM certificates; returns how many were read. */
  addBytes(input: Uint8Array | string): number {
    const certs = parseCertificates(input);
    for (const cert of certs) this.add(cert);
    return certs.length;
  }

  addMasterList(bytes: Uint8Array): number {
    const certs = parseMasterList(bytes);
    for (const cert of certs) this.add(cert);
    return certs.length;
  }

  /** CSCAs whose subject matches the certificate's issuer (and SKI its AKI, and key usage allows signing certificates). */
  issuersOf(cert: X509Certificate): X509Certificate[] {
    return this.certificates.filter((candidate) => cert.checkIssued(candidate));
  }
}

export function createCscaStore(inputs: readonly (Uint8Array | string | X509Certificate)[] = []): CscaStore {
  const store = new CscaStore();
  for (const input of inputs) {
    if (input instanceof X509Certificate) store.add(input);
    else store.addBytes(input);
  }
  return store;
}
