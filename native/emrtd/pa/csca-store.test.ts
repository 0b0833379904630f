import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as asn1js from 'asn1js';
import { Certificate, ContentInfo, EncapsulatedContentInfo, SignedData } from 'pkijs';
import { isEmrtdError } from '../errors.ts';
import { createTestCsca, createTestDocumentSigner, TEST_CSCA_NAME, testKeyPair } from '../testing/test-pki.ts';
import { CscaStore, createCscaStore, OID_CSCA_MASTER_LIST, parseCertificates, parseMasterList } from './csca-store.ts';
import { VIETNAM_CSCA_ANCHORS } from './anchors/index.ts';

const csca = createTestCsca();
const other = createTestCsca({ name: { ...TEST_CSCA_NAME, commonName: 'Second' }, keys: testKeyPair({ type: 'ec', curve: 'prime256v1' }, 'second') });

function masterList(certs: Uint8Array[]): Uint8Array {
  const list = new asn1js.Sequence({ value: [new asn1js.Integer({ value: 0 }), new asn1js.Set({ value: certs.map((der) => Certificate.fromBER(der).toSchema()) })] });
  const signedData = new SignedData({
    version: 3,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: OID_CSCA_MASTER_LIST, eContent: new asn1js.OctetString({ valueHex: list.toBER(false) }) }),
    signerInfos: [],
  });
  return new Uint8Array(new ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: signedData.toSchema(true) }).toSchema().toBER(false));
}

describe('CSCA store', () => {
  it('reads DER and PEM (several blocks)', () => {
    assert.equal(parseCertificates(csca.der)[0]?.fingerprint256, csca.x509.fingerprint256);
    const pem = [csca.x509.toString(), other.x509.toString()].join('\n');
    assert.deepEqual(
      parseCertificates(pem).map((c) => c.fingerprint256),
      [csca.x509.fingerprint256, other.x509.fingerprint256],
    );
    assert.throws(() => parseCertificates('no certificate here'), (e) => isEmrtdError(e, 'lds-malformed'));
    assert.throws(() => parseCertificates(Uint8Array.of(1, 2, 3)), (e) => isEmrtdError(e, 'lds-malformed'));
  });

  it('reads an ICAO master list and de-duplicates', () => {
    const store = new CscaStore();
    assert.equal(store.addMasterList(masterList([csca.der, other.der])), 2);
    store.addBytes(csca.der);
    assert.equal(store.size, 2);
    assert.equal(parseMasterList(masterList([other.der]))[0]?.fingerprint256, other.x509.fingerprint256);
    assert.throws(() => parseMasterList(Uint8Array.of(0x30, 0)), (e) => isEmrtdError(e, 'lds-malformed'));
  });

  it('finds the issuer of a document signer by name and key identifier', () => {
    const store = createCscaStore([csca.der, other.x509]);
    const dsc = createTestDocumentSigner(csca);
    assert.deepEqual(
      store.issuersOf(dsc.x509).map((c) => c.fingerprint256),
      [csca.x509.fingerprint256],
    );
  });

  it('ships no Vietnamese anchor whose bytes could not be checked', () => {
    assert.deepEqual(VIETNAM_CSCA_ANCHORS, []);
  });
});
