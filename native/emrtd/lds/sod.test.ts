import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fromHex } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import { buildDg1, buildDg13, buildDg14, buildDg2, buildDg15, buildEfCom, buildSod, composeCccdMrz, DEFAULT_SIGNING_TIME } from '../testing/lds-builders.ts';
import { createTestCsca, createTestDocumentSigner, testKeyPair } from '../testing/test-pki.ts';
import { encodeTlv } from '../tlv.ts';
import { parseDg1 } from './dg1.ts';
import { parseDg13 } from './dg13.ts';
import { parseDg14 } from './dg14.ts';
import { parseDg15 } from './dg15.ts';
import { parseDg2 } from './dg2.ts';
import { parseEfCom } from './ef-com.ts';
import { parseSod } from './sod.ts';

const csca = createTestCsca();
const signer = createTestDocumentSigner(csca);
const dg1 = buildDg1(composeCccdMrz({ idNumber: '001099012345', dateOfBirth: '990201', sex: 'M', dateOfExpiry: '240201', fullName: 'Nguyen Van A' }));
const dg13 = buildDg13({ idNumber: '001099012345', fullName: 'Nguyễn Văn A' });

describe('EF.SOD', () => {
  it('reads the LDS security object, the signer info and the embedded certificate', () => {
    const sod = parseSod(buildSod({ 1: dg1, 13: dg13 }, { certificate: signer.der, privateKey: signer.privateKey }, { ldsVersionInfo: { ldsVersion: '0108', unicodeVersion: '040000' } }));
    assert.equal(sod.eContentType, '2.23.136.1.1.1');
    assert.equal(sod.securityObject.version, 1);
    assert.equal(sod.securityObject.hashName, 'sha256');
    assert.deepEqual([...sod.securityObject.dataGroupHashes.keys()], [1, 13]);
    assert.deepEqual(sod.securityObject.dataGroupHashes.get(13), new Uint8Array(createHash('sha256').update(dg13).digest()));
    assert.equal(sod.securityObject.ldsVersion, '0108');
    assert.deepEqual(sod.certificates, [signer.der]);
    const [info] = sod.signerInfos;
    assert.equal(info?.sid.kind, 'issuer-and-serial');
    assert.equal(info?.signatureAlgorithm, '1.2.840.10045.4.3.2');
    assert.equal(info?.contentType, '2.23.136.1.1.1');
    assert.deepEqual(info?.signingTime, DEFAULT_SIGNING_TIME);
    assert.deepEqual(info?.messageDigest, new Uint8Array(createHash('sha256').update(sod.eContent).digest()));
    assert.equal(info?.signedAttributes?.[0], 0x31);
  });

  it('is deterministic for ECDSA signers', () => {
    const a = buildSod({ 1: dg1 }, { certificate: signer.der, privateKey: signer.privateKey });
    const b = buildSod({ 1: dg1 }, { certificate: signer.der, privateKey: signer.privateKey });
    assert.deepEqual(a, b);
  });

  it('refuses what is not an LDS security object', () => {
    assert.throws(() => parseSod(fromHex('7700')), (e) => isEmrtdError(e, 'lds-malformed'));
    assert.throws(() => parseSod(fromHex('7703 300100')), (e) => isEmrtdError(e, 'tlv-malformed') || isEmrtdError(e, 'lds-malformed'));
    assert.throws(() => parseSod(encodeTlv(0x77, fromHex('3003020101'))), (e) => isEmrtdError(e, 'lds-malformed'));
  });
});

describe('LDS parsers on arbitrary input (property)', () => {
  const aaKey = testKeyPair({ type: 'ec', curve: 'prime256v1' }, 'aa');
  const sod = buildSod({ 1: dg1, 13: dg13 }, { certificate: signer.der, privateKey: signer.privateKey });
  const parsers: [string, (bytes: Uint8Array) => unknown, Uint8Array][] = [
    ['EF.COM', parseEfCom, buildEfCom([1, 2, 13])],
    ['DG1', parseDg1, dg1],
    ['DG2', parseDg2, buildDg2({ image: fromHex('FFD8FFE0FFD9'), width: 1, height: 1 })],
    ['DG13', parseDg13, dg13],
    ['DG14', parseDg14, buildDg14({ chipAuthenticationKey: aaKey.publicKey })],
    ['DG15', parseDg15, buildDg15(aaKey.publicKey)],
    ['EF.SOD', parseSod, sod],
  ];
  for (const [name, parse, valid] of parsers) {
    it(`${name} throws nothing but EmrtdError`, () => {
      const onlyEmrtdErrors = (bytes: Uint8Array) => {
        try {
          parse(bytes);
        } catch (error) {
          assert.ok(isEmrtdError(error), `${name}: ${String(error)}`);
        }
      };
      fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), onlyEmrtdErrors), { numRuns: 500 });
      fc.assert(
        fc.property(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), fc.nat(valid.length), (at, value, cut) => {
          const mutated = Uint8Array.from(valid);
          mutated[at] = value;
          onlyEmrtdErrors(mutated);
          onlyEmrtdErrors(mutated.slice(0, cut));
        }),
        { numRuns: name === 'EF.SOD' ? 400 : 1000 },
      );
    });
  }
});
