import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHex } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import { buildDg14, buildDg15 } from '../testing/lds-builders.ts';
import { ecSpkiWithExplicitParameters, testKeyPair } from '../testing/test-pki.ts';
import { encodeConstructed, encodeTlv } from '../tlv.ts';
import { encodeOid } from '../asn1.ts';
import { parseDg14 } from './dg14.ts';
import { parseDg15 } from './dg15.ts';
import { describePublicKey } from './public-key.ts';

const caKey = testKeyPair({ type: 'ec', curve: 'brainpoolP256r1' }, 'chip-authentication');

describe('DG14', () => {
  it('reads the CCCD layout: TA, CA, PACE and an explicit-parameter brainpool CA key', () => {
    const dg14 = parseDg14(buildDg14({ chipAuthenticationSpki: ecSpkiWithExplicitParameters(caKey.publicKey), activeAuthenticationAlgorithm: '1.2.840.10045.4.3.2' }));
    assert.deepEqual(dg14.terminalAuthenticationInfos, [{ version: 1 }]);
    assert.deepEqual(dg14.chipAuthenticationInfos, [{ protocol: '0.4.0.127.0.7.2.2.3.2.2', agreement: 'ECDH', version: 1, keyId: undefined }]);
    assert.equal(dg14.paceInfos[0]?.parameterId, 13);
    const [key] = dg14.chipAuthenticationPublicKeys;
    assert.equal(key?.agreement, 'ECDH');
    assert.equal(key?.publicKey.algorithm, 'EC');
    assert.equal(key?.publicKey.curve, 'brainpoolP256r1');
    assert.ok(key?.publicKey.keyObject?.equals(caKey.publicKey));
    assert.deepEqual(dg14.activeAuthenticationInfo, { version: 1, signatureAlgorithm: '1.2.840.10045.4.3.2' });
    assert.equal(dg14.securityInfos.length, 5);
  });

  it('carries key IDs and resolves a standardized domain parameter ID to its curve', () => {
    const point = new Uint8Array(caKey.publicKey.export({ format: 'der', type: 'spki' })).slice(-65);
    const spki = encodeConstructed(0x30, encodeConstructed(0x30, encodeOid('0.4.0.127.0.7.1.2'), encodeTlv(0x02, Uint8Array.of(13))), encodeTlv(0x03, Uint8Array.of(0, ...point)));
    const dg14 = parseDg14(buildDg14({ chipAuthenticationSpki: spki, keyId: 7, paceParameterId: null, terminalAuthentication: false }));
    assert.equal(dg14.chipAuthenticationInfos[0]?.keyId, 7);
    const key = dg14.chipAuthenticationPublicKeys[0];
    assert.equal(key?.keyId, 7);
    assert.equal(key?.publicKey.parameterId, 13);
    assert.equal(key?.publicKey.curve, 'brainpoolP256r1');
    assert.ok(key?.publicKey.keyObject?.equals(caKey.publicKey));
    assert.deepEqual(key?.publicKey.spki, spki);
    assert.deepEqual(dg14.paceInfos, []);
  });

  it('refuses a SecurityInfo without required data', () => {
    assert.throws(() => parseDg14(fromHex('6E07 3105 3003 060100')), (e) => isEmrtdError(e));
  });
});

describe('DG15', () => {
  it('returns RSA and EC keys (explicit parameters too) as KeyObjects', () => {
    const rsa = testKeyPair({ type: 'rsa', bits: 1024 });
    const fromRsa = parseDg15(buildDg15(rsa.publicKey));
    assert.equal(fromRsa.algorithm, 'RSA');
    assert.equal(fromRsa.bits, 1024);
    assert.ok(fromRsa.keyObject?.equals(rsa.publicKey));
    const ec = testKeyPair({ type: 'ec', curve: 'brainpoolP384r1' }, 'aa');
    const explicit = parseDg15(buildDg15(ecSpkiWithExplicitParameters(ec.publicKey)));
    assert.equal(explicit.algorithm, 'EC');
    assert.equal(explicit.curve, 'brainpoolP384r1');
    assert.ok(explicit.keyObject?.equals(ec.publicKey));
  });

  it('refuses what is not a public key', () => {
    assert.throws(() => parseDg15(fromHex('6F02 0400')), (e) => isEmrtdError(e, 'lds-malformed'));
    assert.throws(() => parseDg15(fromHex('6F04 3002 0500')), (e) => isEmrtdError(e));
    assert.equal(describePublicKey(fromHex('3006 3000 03020000')).keyObject, undefined);
  });
});
