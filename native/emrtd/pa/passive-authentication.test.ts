import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildDg1, buildDg13, buildDg14, buildDg15, buildSod, composeCccdMrz } from '../testing/lds-builders.ts';
import { createTestCsca, createTestDocumentSigner, TEST_CSCA_NAME, testKeyPair, type TestCertificate, type TestName } from '../testing/test-pki.ts';
import { createCscaStore } from './csca-store.ts';
import { passiveAuthentication, type PassiveAuthenticationInput } from './passive-authentication.ts';

const NOW = new Date('2025-06-01T00:00:00Z');

// brainpoolP256r1 CSCA → P-256 document signer (the test-pki defaults).
const csca = createTestCsca();
const signer = createTestDocumentSigner(csca);
const chipKey = testKeyPair({ type: 'ec', curve: 'brainpoolP256r1' }, 'chip');
const DGS = new Map<number, Uint8Array>([
  [1, buildDg1(composeCccdMrz({ idNumber: '001099012345', dateOfBirth: '990201', sex: 'M', dateOfExpiry: '240201', fullName: 'Nguyen Van A' }))],
  [13, buildDg13({ idNumber: '001099012345', fullName: 'Nguyễn Văn A', dateOfBirth: '01/02/1999' })],
  [14, buildDg14({ chipAuthenticationKey: chipKey.publicKey })],
  [15, buildDg15(chipKey.publicKey)],
]);

const sodBy = (dsc: TestCertificate, options = {}) => buildSod(DGS, { certificate: dsc.der, privateKey: dsc.privateKey }, options);
const SOD = sodBy(signer);

function run(overrides: Partial<PassiveAuthenticationInput> = {}) {
  return passiveAuthentication({ sod: SOD, dataGroups: DGS, cscaStore: createCscaStore([csca.der]), now: NOW, ...overrides });
}

describe('passive authentication', () => {
  it('is valid when hashes, signature and chain verify', () => {
    const result = run();
    assert.equal(result.status, 'valid', result.reason);
    assert.deepEqual(result.checks, {
      sod: 'ok',
      dataGroupHashes: [1, 13, 14, 15].map((dg) => ({ dg, status: 'ok' })),
      contentType: 'ok',
      messageDigest: 'ok',
      signature: 'ok',
      signerCertificate: 'ok',
    });
    assert.equal(result.hashAlgorithm, 'sha256');
    assert.match(result.signer?.subject ?? '', /Document Signer Test/);
    assert.equal(result.csca?.fingerprint256, csca.x509.fingerprint256);
  });

  it('accepts files read with padding after their TLV, and reports unread groups without failing', () => {
    const padded = new Map(DGS);
    padded.set(13, Uint8Array.from([...(DGS.get(13) as Uint8Array), 0, 0, 0, 0]));
    padded.delete(15);
    const result = run({ dataGroups: padded });
    assert.equal(result.status, 'valid', result.reason);
    assert.deepEqual(result.checks.dataGroupHashes.at(-1), { dg: 15, status: 'not-read' });
  });

  it('is invalid when a data group was changed', () => {
    const tampered = new Map(DGS);
    tampered.set(13, buildDg13({ idNumber: '001099012346', fullName: 'Nguyễn Văn A', dateOfBirth: '01/02/1999' }));
    const result = run({ dataGroups: tampered });
    assert.equal(result.status, 'invalid');
    assert.deepEqual(result.checks.dataGroupHashes.find((c) => c.dg === 13), { dg: 13, status: 'mismatch' });
    assert.equal(result.checks.signature, 'ok');
    assert.match(result.reason, /hash mismatch for DG13/);
  });

  it('is invalid when a data group is read that EF.SOD does not cover', () => {
    const extra = new Map(DGS).set(2, Uint8Array.of(0x75, 0));
    const result = run({ dataGroups: extra });
    assert.equal(result.status, 'invalid');
    assert.match(result.reason, /DG2 not covered/);
  });

  it('is invalid when the signature was changed', () => {
    const sod = Uint8Array.from(SOD);
    const at = sod.length - 5; // inside the ECDSA signature, the last field
    sod[at] = (sod[at] as number) ^ 0x01;
    const result = run({ sod });
    assert.equal(result.status, 'invalid');
    assert.equal(result.checks.signature, 'failed');
    assert.equal(result.checks.messageDigest, 'ok');
    assert.match(result.reason, /signature does not verify/);
  });

  it('is invalid when the content-type attribute is wrong', () => {
    const result = run({ sod: sodBy(signer, { contentTypeAttribute: '1.2.840.113549.1.7.1' }) });
    assert.equal(result.status, 'invalid');
    assert.equal(result.checks.contentType, 'mismatch');
  });

  it('is chain-unknown with an empty store, and with a CSCA of another name', () => {
    const empty = run({ cscaStore: createCscaStore() });
    assert.equal(empty.status, 'chain-unknown');
    assert.equal(empty.checks.signerCertificate, 'no-matching-csca');
    assert.equal(empty.checks.signature, 'ok');
    assert.match(empty.reason, /CN=CSCA Test/);
    const other = createTestCsca({ name: { ...TEST_CSCA_NAME, commonName: 'Other CSCA' }, keys: testKeyPair({ type: 'ec', curve: 'prime256v1' }, 'other') });
    assert.equal(run({ cscaStore: createCscaStore([other.der]) }).status, 'chain-unknown');
  });

  it('is chain-unknown for a CSCA of the same name but another key (its key identifier differs)', () => {
    const impostor = createTestCsca({ keys: testKeyPair({ type: 'ec', curve: 'brainpoolP256r1' }, 'impostor') });
    assert.equal(run({ cscaStore: createCscaStore([impostor.der]) }).status, 'chain-unknown');
  });

  it('is invalid when the DSC names the CSCA (name and key identifier) but another key signed it', () => {
    const impostorKey = testKeyPair({ type: 'ec', curve: 'brainpoolP256r1' }, 'impostor').privateKey;
    const forged = createTestDocumentSigner({ ...csca, privateKey: impostorKey });
    const result = run({ sod: sodBy(forged) });
    assert.equal(result.status, 'invalid');
    assert.equal(result.checks.signature, 'ok');
    assert.equal(result.checks.signerCertificate, 'bad-signature');
    assert.match(result.reason, /not signed by the CSCA/);
  });

  it('is invalid when the document signer certificate has expired or is not yet valid', () => {
    const old = createTestDocumentSigner(csca, { notBefore: new Date('2020-01-01Z'), notAfter: new Date('2021-01-01Z') });
    const expired = run({ sod: sodBy(old) });
    assert.equal(expired.status, 'invalid');
    assert.equal(expired.checks.signerCertificate, 'expired');
    assert.match(expired.reason, /expired/);
    assert.equal(run({ now: new Date('2019-01-01Z') }).checks.signerCertificate, 'not-yet-valid');
  });

  it('is invalid when the CSCA has expired', () => {
    const shortCsca = createTestCsca({ notAfter: new Date('2024-01-01Z') });
    const dsc = createTestDocumentSigner(shortCsca);
    const result = run({ sod: sodBy(dsc), cscaStore: createCscaStore([shortCsca.der]) });
    assert.equal(result.checks.signerCertificate, 'csca-expired');
    assert.equal(result.status, 'invalid');
  });

  it('verifies RSA PKCS#1 v1.5 and RSA-PSS signers under an RSA CSCA', () => {
    const rsa = testKeyPair({ type: 'rsa', bits: 2048 });
    const name: TestName = { country: 'VN', commonName: 'RSA CSCA' };
    const rsaCsca = createTestCsca({ name, keys: rsa, rsaScheme: 'pss', hash: 'sha512' });
    const store = createCscaStore([rsaCsca.der]);
    for (const rsaScheme of ['pkcs1', 'pss'] as const) {
      const dsc = createTestDocumentSigner(rsaCsca, { keys: rsa, rsaScheme, hash: 'sha384' });
      const result = run({ sod: buildSod(DGS, { certificate: dsc.der, privateKey: dsc.privateKey }, { rsaScheme, hash: 'sha384' }), cscaStore: store });
      assert.equal(result.status, 'valid', `${rsaScheme}: ${result.reason}`);
      assert.equal(result.hashAlgorithm, 'sha384');
    }
  });

  it('verifies brainpoolP384r1 signers with SHA-512 hashes', () => {
    const dsc = createTestDocumentSigner(csca, { keys: testKeyPair({ type: 'ec', curve: 'brainpoolP384r1' }, 'ds384'), hash: 'sha384' });
    const result = run({ sod: buildSod(DGS, { certificate: dsc.der, privateKey: dsc.privateKey }, { hash: 'sha512' }) });
    assert.equal(result.status, 'valid', result.reason);
  });

  it('says so when there is no EF.SOD, a broken one, or no signer certificate', () => {
    const missing = run({ sod: undefined });
    assert.equal(missing.status, 'not-checked');
    assert.equal(missing.checks.sod, 'missing');
    assert.match(missing.reason, /not read/);
    const empty = run({ sod: new Uint8Array(0) });
    assert.equal(empty.status, 'invalid');
    assert.equal(empty.checks.sod, 'empty');
    assert.match(empty.reason, /EF\.SOD is empty/);
    const broken = run({ sod: Uint8Array.of(0x77, 0x02, 0x30, 0x00) });
    assert.equal(broken.status, 'invalid');
    assert.equal(broken.checks.sod, 'malformed');
    const bare = run({ sod: sodBy(signer, { omitCertificate: true }) });
    assert.equal(bare.status, 'invalid');
    assert.equal(bare.checks.signature, 'no-signer-certificate');
    assert.equal(bare.checks.signerCertificate, 'missing');
  });

  it('never throws on a damaged EF.SOD, and a damaged signature or hash list is never valid (property)', () => {
    const store = createCscaStore([csca.der]);
    fc.assert(
      fc.property(fc.nat(SOD.length - 1), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const sod = Uint8Array.from(SOD);
        sod[at] = (sod[at] as number) ^ flip;
        const result = passiveAuthentication({ sod, dataGroups: DGS, cscaStore: store, now: NOW });
        // The last 80 bytes are the SignerInfo's signature and its header; the hash list sits inside eContent.
        if (at >= SOD.length - 70) assert.notEqual(result.status, 'valid');
      }),
      { numRuns: 400 },
    );
  });
});
