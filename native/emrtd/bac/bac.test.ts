import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeResponse } from '../apdu.ts';
import { fromHex, toHex } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import { BAC_D2, BAC_D3, CCCD_SYNTHETIC } from '../testing/icao-vectors.ts';
import { scriptedRandom, scriptedTransmit } from '../testing/scripted.ts';
import { performBac } from './bac.ts';
import { bacKeySeed, deriveBacKeys, mrzCheckDigit, mrzInformation } from './mrz-key.ts';

const d3Script = (response: Uint8Array) =>
  scriptedTransmit([
    { command: BAC_D3.getChallenge, response: encodeResponse(BAC_D3.rndIc, 0x9000) },
    { command: BAC_D3.externalAuthenticate, response },
  ]);

describe('MRZ key (ICAO 9303-11 D.2)', () => {
  it('computes check digits', () => {
    assert.equal(mrzCheckDigit('L898902C<'), 3);
    assert.equal(mrzCheckDigit('690806'), 1);
    assert.equal(mrzCheckDigit('940623'), 6);
    assert.equal(mrzCheckDigit('T22000129'), 3);
  });

  it('builds MRZ_information, K_seed, K_enc and K_mac', () => {
    assert.equal(mrzInformation(BAC_D2.mrz), BAC_D2.mrzInformation);
    assert.equal(toHex(bacKeySeed(BAC_D2.mrz)), toHex(BAC_D2.kSeed));
    const keys = deriveBacKeys(BAC_D2.mrz);
    assert.equal(toHex(keys.kEnc), toHex(BAC_D2.kEnc));
    assert.equal(toHex(keys.kMac), toHex(BAC_D2.kMac));
  });

  it('builds the synthetic CCCD key of cccd-chip.md §2.3', () => {
    assert.equal(mrzInformation(CCCD_SYNTHETIC.mrz), CCCD_SYNTHETIC.mrzInformation);
    const keys = deriveBacKeys(CCCD_SYNTHETIC.mrz);
    assert.equal(toHex(keys.kSeed), toHex(CCCD_SYNTHETIC.kSeed));
    assert.equal(toHex(keys.kEnc), toHex(CCCD_SYNTHETIC.kEnc));
    assert.equal(toHex(keys.kMac), toHex(CCCD_SYNTHETIC.kMac));
  });

  it('refuses text that cannot be in an MRZ and malformed dates', () => {
    for (const key of [
      { ...BAC_D2.mrz, documentNumber: 'L89-902C' },
      { ...BAC_D2.mrz, documentNumber: '' },
      { ...BAC_D2.mrz, dateOfBirth: '6908O6' },
      { ...BAC_D2.mrz, dateOfExpiry: '941323' },
    ]) {
      assert.throws(() => mrzInformation(key), (e) => isEmrtdError(e, 'invalid-input') && e.code === 'BAD_INPUT');
    }
  });
});

describe('BAC mutual authentication (ICAO 9303-11 D.3)', () => {
  it('sends the worked example cryptogram and derives the session keys and SSC', async () => {
    const card = d3Script(encodeResponse(BAC_D3.response, 0x9000));
    const keys = await performBac(card.transmit, deriveBacKeys(BAC_D2.mrz), { random: scriptedRandom(BAC_D3.rndIfd, BAC_D3.kIfd) });
    assert.equal(card.remaining(), 0);
    assert.equal(keys.cipher, 'des3');
    assert.equal(toHex(keys.kEnc), toHex(BAC_D3.ksEnc));
    assert.equal(toHex(keys.kMac), toHex(BAC_D3.ksMac));
    assert.equal(toHex(keys.ssc), toHex(BAC_D3.ssc));
  });

  it('refuses a chip answer whose MAC does not verify', async () => {
    const tampered = BAC_D3.response.slice();
    tampered[39] = (tampered[39] as number) ^ 0x80;
    const card = d3Script(encodeResponse(tampered, 0x9000));
    await assert.rejects(
      performBac(card.transmit, deriveBacKeys(BAC_D2.mrz), { random: scriptedRandom(BAC_D3.rndIfd, BAC_D3.kIfd) }),
      (e) => isEmrtdError(e, 'auth-failed') && e.code === 'ACCESS_DENIED',
    );
  });

  it('refuses a genuine chip answer that echoes someone else\'s RND.IFD', async () => {
    // A replayed EXTERNAL AUTHENTICATE answer: its MAC verifies, but it was made for the D.3 terminal nonce.
    const replaying = async (apdu: Uint8Array) =>
      apdu[1] === 0x84 ? encodeResponse(BAC_D3.rndIc, 0x9000) : encodeResponse(BAC_D3.response, 0x9000);
    await assert.rejects(
      performBac(replaying, deriveBacKeys(BAC_D2.mrz), { random: scriptedRandom(fromHex('0102030405060708'), BAC_D3.kIfd) }),
      (e) => isEmrtdError(e, 'auth-failed') && /nonces/.test(e.message),
    );
  });

  it('reports a wrong key as ACCESS_DENIED', async () => {
    for (const sw of [0x6300, 0x6982]) {
      const card = d3Script(encodeResponse(new Uint8Array(0), sw));
      await assert.rejects(
        performBac(card.transmit, deriveBacKeys(BAC_D2.mrz), { random: scriptedRandom(BAC_D3.rndIfd, BAC_D3.kIfd) }),
        (e) => isEmrtdError(e, 'auth-failed') && e.code === 'ACCESS_DENIED' && e.sw === sw,
      );
    }
  });
});
