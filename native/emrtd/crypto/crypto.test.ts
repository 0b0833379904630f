import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromHex, toHex } from '../bytes.ts';
import { pad } from '../sm/padding.ts';
import { BAC_D2, BAC_D3, PACE_G1 } from '../testing/icao-vectors.ts';
import { aesCmac } from './cmac.ts';
import { adjustDesParity, des3CbcDecrypt, des3CbcEncrypt, retailMac } from './des.ts';
import { deriveKey, KDF_ENC, KDF_MAC, keyLength } from './kdf.ts';

describe('3DES and the retail MAC', () => {
  it('adjusts DES key parity (ICAO 9303-11 D.2)', () => {
    assert.equal(toHex(adjustDesParity(BAC_D2.kEncBeforeParity)), toHex(BAC_D2.kEnc));
  });

  it('encrypts the BAC cryptogram and MACs it (D.3)', () => {
    const eIfd = des3CbcEncrypt(BAC_D2.kEnc, BAC_D3.s);
    assert.equal(toHex(eIfd), toHex(BAC_D3.eIfd));
    assert.equal(toHex(retailMac(BAC_D2.kMac, pad(eIfd, 8))), toHex(BAC_D3.mIfd));
    assert.equal(toHex(des3CbcDecrypt(BAC_D2.kEnc, BAC_D3.response.subarray(0, 32))), toHex(BAC_D3.r));
  });

  it('refuses partial blocks and wrong key sizes', () => {
    assert.throws(() => des3CbcEncrypt(BAC_D2.kEnc, new Uint8Array(7)), RangeError);
    assert.throws(() => retailMac(new Uint8Array(8), new Uint8Array(8)), RangeError);
  });
});

describe('AES-CMAC', () => {
  // RFC 4493 §4, examples 1 and 2.
  const key = fromHex('2B7E151628AED2A6ABF7158809CF4F3C');
  it('matches RFC 4493 for an empty and a one-block message', () => {
    assert.equal(toHex(aesCmac(key, new Uint8Array(0))), 'BB1D6929E95937287FA37D129B756746');
    assert.equal(toHex(aesCmac(key, fromHex('6BC1BEE22E409F96E93D7E117393172A'))), '070A16B46B4D4144F79BDD9DD04A287C');
  });
});

describe('key derivation', () => {
  it('derives the BAC keys (D.2) and the PACE session keys (G.1)', () => {
    assert.equal(toHex(deriveKey(BAC_D2.kSeed, KDF_ENC, 'des3')), toHex(BAC_D2.kEnc));
    assert.equal(toHex(deriveKey(BAC_D2.kSeed, KDF_MAC, 'des3')), toHex(BAC_D2.kMac));
    assert.equal(toHex(deriveKey(PACE_G1.ga3.sharedSecret, KDF_ENC, 'aes128')), toHex(PACE_G1.ksEnc));
    assert.equal(toHex(deriveKey(PACE_G1.ga3.sharedSecret, KDF_MAC, 'aes128')), toHex(PACE_G1.ksMac));
  });

  it('gives each cipher its key length', () => {
    for (const cipher of ['des3', 'aes128', 'aes192', 'aes256'] as const) {
      assert.equal(deriveKey(PACE_G1.ga3.sharedSecret, KDF_ENC, cipher).length, keyLength(cipher));
    }
    assert.equal(keyLength('aes192'), 24);
  });
});
