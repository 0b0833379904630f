import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeResponse } from '../apdu.ts';
import { mrzInformation } from '../bac/mrz-key.ts';
import { bytesToBigint, concatBytes, fromHex, toHex } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import { SecureChannel } from '../sm/secure-channel.ts';
import { CCCD_SYNTHETIC, PACE_G1, SM_AES_AFTER_G1 } from '../testing/icao-vectors.ts';
import { scriptedRandom, scriptedTransmit, type Exchange } from '../testing/scripted.ts';
import { CCCD_CARD_ACCESS, parseCardAccess, type PaceInfo } from './card-access.ts';
import { standardCurve } from './curves.ts';
import { decodePublicKey, encodePoint, xCoordinate } from './ec.ts';
import { mapGenerator, sharedMappingPoint } from './mapping.ts';
import { decryptNonce, mseSetAtData, paceSessionKeys, performPace } from './pace.ts';
import { derivePasswordKey, passwordBytes, type PacePassword } from './password.ts';
import { paceProtocol } from './protocols.ts';
import { authenticationToken, ecPublicKeyDataObject } from './token.ts';

const curve = standardCurve(PACE_G1.parameterId);
const g1Password: PacePassword = { kind: 'mrz', ...PACE_G1.mrz };
const g1Info: PaceInfo = { protocol: paceProtocol(PACE_G1.protocol)!, version: 2, parameterId: PACE_G1.parameterId };
const ok = (data: Uint8Array) => encodeResponse(data, 0x9000);
const scalar = (bytes: Uint8Array) => bytesToBigint(bytes);

/** The G.1 exchange as the terminal must send it, with the chip's answers. */
function g1Transcript(mseSetAt: Uint8Array = PACE_G1.mseSetAt): Exchange[] {
  return [
    { command: mseSetAt, response: fromHex('9000') },
    { command: PACE_G1.ga1.command, response: PACE_G1.ga1.response },
    {
      command: fromHex(`10860000 45 7C43 8141 ${toHex(PACE_G1.ga2.pkMapIfd)} 00`),
      response: ok(fromHex(`7C43 8241 ${toHex(PACE_G1.ga2.pkMapIc)}`)),
    },
    {
      command: fromHex(`10860000 45 7C43 8341 ${toHex(PACE_G1.ga3.pkDhIfd)} 00`),
      response: ok(fromHex(`7C43 8441 ${toHex(PACE_G1.ga3.pkDhIc)}`)),
    },
    {
      command: fromHex(`00860000 0C 7C0A 8508 ${toHex(PACE_G1.ga4.tIfd)} 00`),
      response: ok(fromHex(`7C0A 8608 ${toHex(PACE_G1.ga4.tIc)}`)),
    },
  ];
}

const g1Random = () => scriptedRandom(PACE_G1.ga2.skMapIfd, PACE_G1.ga3.skDhIfd);

describe('PACE passwords', () => {
  it('derives K and K_π from the MRZ (ICAO 9303-11 G.1)', () => {
    assert.equal(mrzInformation(PACE_G1.mrz), PACE_G1.mrzInformation);
    assert.equal(toHex(passwordBytes(g1Password)), toHex(PACE_G1.k));
    assert.equal(toHex(derivePasswordKey(g1Password, 'aes128')), toHex(PACE_G1.kPi));
  });

  it('derives K_π from a CCCD card access number (cccd-chip.md §2.4)', () => {
    assert.equal(toHex(derivePasswordKey({ kind: 'can', can: CCCD_SYNTHETIC.can }, 'aes128')), toHex(CCCD_SYNTHETIC.kPi));
    assert.throws(() => passwordBytes({ kind: 'can', can: '12345' }), (e) => isEmrtdError(e, 'invalid-input'));
  });
});

describe('PACE ECDH generic mapping, step by step (ICAO 9303-11 G.1)', () => {
  it('builds MSE:Set AT with and without the parameter ID', () => {
    assert.equal(toHex(mseSetAtData(g1Info, g1Password, false)), toHex(PACE_G1.mseSetAtWithoutParameterId.subarray(5)));
    assert.equal(toHex(mseSetAtData(g1Info, g1Password, true)), toHex(PACE_G1.mseSetAt.subarray(5)));
    assert.equal(toHex(mseSetAtData(g1Info, { kind: 'can', can: '012345' }, true)).slice(24, 30), '830102');
  });

  it('decrypts the nonce', () => {
    assert.equal(toHex(decryptNonce('aes128', PACE_G1.kPi, PACE_G1.ga1.encryptedNonce)), toHex(PACE_G1.ga1.nonce));
  });

  it('maps the generator: H = SK_map,IFD · PK_map,IC and Ĝ = s·G + H', () => {
    const skMap = scalar(PACE_G1.ga2.skMapIfd);
    assert.equal(toHex(encodePoint(curve, curve.Point.BASE.multiply(skMap))), toHex(PACE_G1.ga2.pkMapIfd));
    const h = sharedMappingPoint(skMap, decodePublicKey(curve, PACE_G1.ga2.pkMapIc, 'PK_map,IC'));
    assert.equal(toHex(encodePoint(curve, h)), toHex(PACE_G1.ga2.h));
    const mapped = mapGenerator(curve, scalar(PACE_G1.ga1.nonce), h);
    assert.equal(toHex(encodePoint(curve, mapped)), toHex(PACE_G1.ga2.mappedGenerator));
  });

  it('agrees on the shared secret and the session keys', () => {
    const mapped = decodePublicKey(curve, PACE_G1.ga2.mappedGenerator, 'Ĝ');
    const skDh = scalar(PACE_G1.ga3.skDhIfd);
    assert.equal(toHex(encodePoint(curve, mapped.multiply(skDh))), toHex(PACE_G1.ga3.pkDhIfd));
    const secret = xCoordinate(curve, decodePublicKey(curve, PACE_G1.ga3.pkDhIc, 'PK_DH,IC').multiply(skDh));
    assert.equal(toHex(secret), toHex(PACE_G1.ga3.sharedSecret));
    const keys = paceSessionKeys('aes128', secret);
    assert.equal(toHex(keys.kEnc), toHex(PACE_G1.ksEnc));
    assert.equal(toHex(keys.kMac), toHex(PACE_G1.ksMac));
    assert.equal(toHex(keys.ssc), '00000000000000000000000000000000');
  });

  it('computes both authentication tokens', () => {
    const forChip = ecPublicKeyDataObject(PACE_G1.protocol, PACE_G1.ga3.pkDhIc);
    assert.equal(toHex(forChip.subarray(0, 17)), '7F494F060A04007F000702020402028641');
    assert.equal(toHex(authenticationToken('aes128', PACE_G1.ksMac, forChip)), toHex(PACE_G1.ga4.tIfd));
    const forTerminal = ecPublicKeyDataObject(PACE_G1.protocol, PACE_G1.ga3.pkDhIfd);
    assert.equal(toHex(authenticationToken('aes128', PACE_G1.ksMac, forTerminal)), toHex(PACE_G1.ga4.tIc));
  });
});

describe('performPace', () => {
  it('runs the G.1 exchange byte for byte, then speaks AES secure messaging', async () => {
    const card = scriptedTransmit([
      ...g1Transcript(),
      { command: SM_AES_AFTER_G1.protected, response: SM_AES_AFTER_G1.response },
    ]);
    const result = await performPace(card.transmit, g1Password, g1Info, { random: g1Random() });
    assert.equal(toHex(result.sessionKeys.kEnc), toHex(PACE_G1.ksEnc));
    assert.equal(toHex(result.sessionKeys.kMac), toHex(PACE_G1.ksMac));
    assert.equal(toHex(result.chipEphemeralPublicKey), toHex(PACE_G1.ga3.pkDhIc));
    const channel = new SecureChannel(result.sessionKeys, card.transmit);
    assert.equal(toHex(await channel.transmit(SM_AES_AFTER_G1.plain)), '9000');
    assert.equal(card.remaining(), 0);
  });

  it('can leave the parameter ID out of MSE:Set AT', async () => {
    const card = scriptedTransmit(g1Transcript(PACE_G1.mseSetAtWithoutParameterId));
    await performPace(card.transmit, g1Password, g1Info, { random: g1Random(), sendParameterId: false });
    assert.equal(card.remaining(), 0);
  });

  it('refuses a chip token that does not verify', async () => {
    const exchanges = g1Transcript();
    const badToken = PACE_G1.ga4.tIc.slice();
    badToken[0] = (badToken[0] as number) ^ 1;
    exchanges[4] = { command: exchanges[4]!.command, response: ok(fromHex(`7C0A 8608 ${toHex(badToken)}`)) };
    await assert.rejects(
      performPace(scriptedTransmit(exchanges).transmit, g1Password, g1Info, { random: g1Random() }),
      (e) => isEmrtdError(e, 'auth-failed') && e.code === 'ACCESS_DENIED',
    );
  });

  it('reports the chip refusing our token (a wrong password) as ACCESS_DENIED', async () => {
    const exchanges = g1Transcript();
    exchanges[4] = { command: exchanges[4]!.command, response: fromHex('6300') };
    await assert.rejects(
      performPace(scriptedTransmit(exchanges).transmit, g1Password, g1Info, { random: g1Random() }),
      (e) => isEmrtdError(e, 'auth-failed') && e.sw === 0x6300 && e.code === 'ACCESS_DENIED',
    );
  });

  it('refuses a chip mapping key that is not on the curve', async () => {
    const exchanges = g1Transcript();
    const offCurve = PACE_G1.ga2.pkMapIc.slice();
    offCurve[64] = (offCurve[64] as number) ^ 1;
    exchanges[2] = { command: exchanges[2]!.command, response: ok(fromHex(`7C43 8241 ${toHex(offCurve)}`)) };
    await assert.rejects(
      performPace(scriptedTransmit(exchanges).transmit, g1Password, g1Info, { random: g1Random() }),
      (e) => isEmrtdError(e, 'invalid-public-key'),
    );
  });

  it('refuses a chip that echoes the terminal ephemeral key', async () => {
    const exchanges = g1Transcript();
    exchanges[3] = { command: exchanges[3]!.command, response: ok(fromHex(`7C43 8441 ${toHex(PACE_G1.ga3.pkDhIfd)}`)) };
    await assert.rejects(
      performPace(scriptedTransmit(exchanges).transmit, g1Password, g1Info, { random: g1Random() }),
      (e) => isEmrtdError(e, 'invalid-public-key'),
    );
  });

  it('refuses a malformed dynamic authentication object', async () => {
    const exchanges = g1Transcript();
    exchanges[1] = { command: exchanges[1]!.command, response: ok(concatBytes(fromHex('7C13 8010'), PACE_G1.ga1.encryptedNonce)) };
    await assert.rejects(
      performPace(scriptedTransmit(exchanges).transmit, g1Password, g1Info, { random: g1Random() }),
      (e) => isEmrtdError(e, 'tlv-malformed'),
    );
  });

  it('refuses protocols it does not implement before sending anything', async () => {
    const card = scriptedTransmit([]);
    const im: PaceInfo = { protocol: paceProtocol('0.4.0.127.0.7.2.2.4.4.2')!, version: 2, parameterId: 13 };
    await assert.rejects(performPace(card.transmit, g1Password, im), (e) => isEmrtdError(e, 'unsupported'));
    const cccd = parseCardAccess(CCCD_CARD_ACCESS).paceInfos[0]!;
    await assert.rejects(performPace(card.transmit, g1Password, { ...cccd, parameterId: 2 }), (e) => isEmrtdError(e, 'unsupported'));
  });
});
