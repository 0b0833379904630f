import assert from 'node:assert/strict';
import { constants, createHash, generateKeyPairSync, privateEncrypt, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { bigintToBytes, bytesToBigint, concatBytes, fromHex } from '../bytes.ts';
import { signIso9796Scheme1 } from '../testing/chip-aa.ts';
import { ECDSA_PLAIN_HASHES, verifyActiveAuthentication } from './active-authentication.ts';
import { verifyIso9796Scheme1 } from './iso9796-2.ts';

const challenge = fromHex('0011223344556677');
const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const modulus = bytesToBigint(new Uint8Array(Buffer.from(rsa.publicKey.export({ format: 'jwk' }).n!, 'base64url')));
const counting = () => {
  let seed = 0;
  return (length: number) => Uint8Array.from({ length }, () => seed++ & 0xff);
};

/** The raw RSA private operation on a block we build, for trailers the test chip does not produce. */
function rawSign(block: Uint8Array): Uint8Array {
  return new Uint8Array(privateEncrypt({ key: rsa.privateKey, padding: constants.RSA_NO_PADDING }, block));
}

describe('ISO/IEC 9796-2 scheme 1 verification', () => {
  it('accepts s and n − s alike', () => {
    const signature = signIso9796Scheme1(rsa.privateKey, challenge, counting());
    const other = bigintToBytes(modulus - bytesToBigint(signature), 128);
    assert.deepEqual(verifyIso9796Scheme1(rsa.publicKey, challenge, signature), { ok: true, hash: 'sha1' });
    assert.deepEqual(verifyIso9796Scheme1(rsa.publicKey, challenge, other), { ok: true, hash: 'sha1' });
  });

  it('accepts the explicit SHA-256 trailer 34CC and padding nibbles', () => {
    const m1 = counting()(128 - 4 - 32 - 2);
    const digest = createHash('sha256').update(m1).update(challenge).digest();
    const block = concatBytes(Uint8Array.of(0x6b, 0xbb, 0xbb, 0xba), m1, digest, Uint8Array.of(0x34, 0xcc));
    assert.deepEqual(verifyIso9796Scheme1(rsa.publicKey, challenge, rawSign(block)), { ok: true, hash: 'sha256' });
  });

  it('rejects another challenge, a broken header, and total recovery', () => {
    const signature = signIso9796Scheme1(rsa.privateKey, challenge, counting());
    assert.equal(verifyIso9796Scheme1(rsa.publicKey, fromHex('0011223344556678'), signature).ok, false);
    const m1 = counting()(128 - 22);
    const digest = createHash('sha1').update(m1).update(challenge).digest();
    for (const head of [0x2a, 0x4a]) {
      const block = concatBytes(Uint8Array.of(head), m1, digest, Uint8Array.of(0xbc));
      assert.equal(verifyIso9796Scheme1(rsa.publicKey, challenge, rawSign(block)).ok, false, head.toString(16));
    }
  });
});

describe('active authentication signatures', () => {
  it('takes the ECDSA hash from the DG14 algorithm OID', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const signature = new Uint8Array(sign('sha512', challenge, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
    const sha512 = '0.4.0.127.0.7.1.1.4.1.5';
    assert.equal(ECDSA_PLAIN_HASHES['1.2.840.10045.4.3.4'], 'sha512');
    assert.equal(verifyActiveAuthentication({ publicKey }, challenge, signature).status, 'failed');
    assert.deepEqual(verifyActiveAuthentication({ publicKey, signatureAlgorithm: sha512 }, challenge, signature), { status: 'passed', algorithm: 'ECDSA sha512' });
    assert.equal(verifyActiveAuthentication({ publicKey, signatureAlgorithm: '1.2.840.113549.1.1.11' }, challenge, signature).status, 'not-supported');
  });

  it('calls other key types not supported', () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    assert.equal(verifyActiveAuthentication({ publicKey }, challenge, new Uint8Array(64)).status, 'not-supported');
  });
});
