import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCommand, encodeCommand } from '../apdu.ts';
import { fromHex, toHex } from '../bytes.ts';
import { isEmrtdError } from '../errors.ts';
import { BAC_D3, PACE_G1, SM_AES_AFTER_G1, SM_D4 } from '../testing/icao-vectors.ts';
import { scriptedTransmit } from '../testing/scripted.ts';
import { pad, unpad } from './padding.ts';
import { SecureChannel } from './secure-channel.ts';
import { smCipherFor, type SessionKeys } from './session-keys.ts';
import { incrementSsc } from './ssc.ts';
import { unwrapResponse, wrapCommand, wrapCommandBytes } from './wrap.ts';

const bacKeys: SessionKeys = { cipher: 'des3', kEnc: BAC_D3.ksEnc, kMac: BAC_D3.ksMac, ssc: BAC_D3.ssc };
const paceKeys: SessionKeys = { cipher: 'aes', kEnc: PACE_G1.ksEnc, kMac: PACE_G1.ksMac, ssc: new Uint8Array(16) };

function flipped(bytes: Uint8Array, index: number): Uint8Array {
  const copy = bytes.slice();
  const at = index < 0 ? copy.length + index : index;
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
}

describe('padding and SSC', () => {
  it('pads by ISO 9797-1 method 2, a whole block when already aligned', () => {
    assert.equal(toHex(pad(fromHex('0CA4020C'), 8)), '0CA4020C80000000');
    assert.equal(toHex(pad(new Uint8Array(8), 8)), '00000000000000008000000000000000');
    assert.deepEqual(unpad(fromHex('011E800000000000'), 8), fromHex('011E'));
    assert.throws(() => unpad(fromHex('011E000000000000'), 8), (e) => isEmrtdError(e, 'sm-malformed'));
    assert.throws(() => unpad(fromHex('8000000000000000 0000000000000000'), 8), (e) => isEmrtdError(e, 'sm-malformed'));
  });

  it('increments the SSC big-endian with carry and wrap', () => {
    const ssc = fromHex('887022120C06C2FF');
    incrementSsc(ssc);
    assert.equal(toHex(ssc), '887022120C06C300');
    const top = fromHex('FFFF');
    incrementSsc(top);
    assert.equal(toHex(top), '0000');
  });
});

describe('3DES secure messaging (ICAO 9303-11 D.4)', () => {
  it('protects SELECT EF.COM and verifies its response', () => {
    const cipher = smCipherFor(bacKeys);
    const ssc = bacKeys.ssc.slice();
    assert.equal(toHex(wrapCommandBytes(cipher, ssc, SM_D4.selectEfCom.plain)), toHex(SM_D4.selectEfCom.protected));
    assert.equal(toHex(ssc), toHex(SM_D4.selectEfCom.sscAfterCommand));
    assert.equal(toHex(unwrapResponse(cipher, ssc, SM_D4.selectEfCom.response)), '9000');
    assert.equal(toHex(ssc), toHex(SM_D4.selectEfCom.sscAfterResponse));
  });

  it('protects both READ BINARY commands and decrypts EF.COM', () => {
    const cipher = smCipherFor(bacKeys);
    const ssc = SM_D4.selectEfCom.sscAfterResponse.slice();
    for (const step of [SM_D4.readHeader, SM_D4.readRest]) {
      assert.equal(toHex(wrapCommandBytes(cipher, ssc, step.plain)), toHex(step.protected));
      assert.equal(toHex(unwrapResponse(cipher, ssc, step.response)), `${toHex(step.data)}9000`);
      assert.equal(toHex(ssc), toHex(step.sscAfterResponse));
    }
  });

  it('refuses a response whose MAC has one byte flipped, and returns no data', () => {
    const cipher = smCipherFor(bacKeys);
    const ssc = SM_D4.selectEfCom.sscAfterResponse.slice();
    wrapCommandBytes(cipher, ssc, SM_D4.readHeader.plain);
    // The MAC's last byte sits just before SW1 SW2.
    const tampered = flipped(SM_D4.readHeader.response, -3);
    assert.throws(() => unwrapResponse(cipher, ssc, tampered), (e) => isEmrtdError(e, 'sm-mac-invalid') && e.code === 'INTERNAL');
  });

  it('refuses a response whose cryptogram was altered', () => {
    const cipher = smCipherFor(bacKeys);
    const ssc = SM_D4.selectEfCom.sscAfterResponse.slice();
    wrapCommandBytes(cipher, ssc, SM_D4.readHeader.plain);
    assert.throws(() => unwrapResponse(cipher, ssc, flipped(SM_D4.readHeader.response, 4)), (e) => isEmrtdError(e, 'sm-mac-invalid'));
  });

  it('refuses a response that answered with the wrong SSC (a replay)', () => {
    const cipher = smCipherFor(bacKeys);
    const ssc = SM_D4.readHeader.sscAfterResponse.slice();
    wrapCommandBytes(cipher, ssc, SM_D4.readRest.plain);
    assert.throws(() => unwrapResponse(cipher, ssc, SM_D4.readHeader.response), (e) => isEmrtdError(e, 'sm-mac-invalid'));
  });
});

describe('AES secure messaging after PACE (cccd-chip.md §5.4)', () => {
  it('protects the applet SELECT with IV = E(KS_enc, SSC) and a CMAC, and verifies the reply', () => {
    const cipher = smCipherFor(paceKeys);
    const ssc = paceKeys.ssc.slice();
    assert.equal(toHex(wrapCommandBytes(cipher, ssc, SM_AES_AFTER_G1.plain)), toHex(SM_AES_AFTER_G1.protected));
    assert.equal(toHex(unwrapResponse(cipher, ssc, SM_AES_AFTER_G1.response)), '9000');
    assert.equal(toHex(ssc), '00000000000000000000000000000002');
  });
});

describe('secure messaging edge cases', () => {
  it('passes a bare error status through but refuses a bare success', () => {
    const cipher = smCipherFor(bacKeys);
    const ssc = bacKeys.ssc.slice();
    assert.equal(toHex(unwrapResponse(cipher, ssc, fromHex('6A82'))), '6A82');
    assert.throws(() => unwrapResponse(cipher, ssc, fromHex('9000')), (e) => isEmrtdError(e, 'sm-mac-missing'));
  });

  it('refuses responses without DO8E, without DO99, or with objects out of order', () => {
    const cipher = smCipherFor(bacKeys);
    const ssc = bacKeys.ssc.slice();
    assert.throws(() => unwrapResponse(cipher, ssc, fromHex('990290009000')), (e) => isEmrtdError(e, 'sm-mac-missing'));
    assert.throws(() => unwrapResponse(cipher, ssc, fromHex('8E0800000000000000009000')), (e) => isEmrtdError(e, 'sm-malformed'));
    assert.throws(
      () => unwrapResponse(cipher, ssc, fromHex('99029000 8709010000000000000000 8E0800000000000000009000')),
      (e) => isEmrtdError(e, 'sm-malformed'),
    );
    assert.throws(() => unwrapResponse(cipher, ssc, fromHex('99FF9000')), (e) => isEmrtdError(e, 'sm-malformed'));
  });

  it('uses DO85 for odd INS and DO97 with two bytes for extended Le', () => {
    const cipher = smCipherFor(paceKeys);
    const ssc = new Uint8Array(16);
    const odd = decodeCommand(wrapCommand(cipher, ssc, { cla: 0, ins: 0xb1, p1: 0x01, p2: 0x02, data: fromHex('5401 00'), ne: 1000 }));
    assert.equal(odd.cla, 0x0c);
    assert.equal(odd.extended, true);
    assert.equal(odd.ne, 65536);
    assert.equal(odd.data[0], 0x85);
    assert.equal(toHex(odd.data.subarray(18, 22)), '970203E8');
  });

  it('refuses to protect a command twice', () => {
    const cipher = smCipherFor(bacKeys);
    assert.throws(
      () => wrapCommand(cipher, bacKeys.ssc.slice(), { cla: 0x0c, ins: 0xb0, p1: 0, p2: 0, data: new Uint8Array(0), ne: 4 }),
      (e) => isEmrtdError(e, 'apdu-malformed'),
    );
  });
});

describe('SecureChannel', () => {
  it('wraps a Transmit: plain APDUs in, verified plain responses out (D.4)', async () => {
    const card = scriptedTransmit([
      { command: SM_D4.selectEfCom.protected, response: SM_D4.selectEfCom.response },
      { command: SM_D4.readHeader.protected, response: SM_D4.readHeader.response },
      { command: SM_D4.readRest.protected, response: SM_D4.readRest.response },
    ]);
    const channel = new SecureChannel(bacKeys, card.transmit);
    const [selected, header, rest] = await Promise.all([
      channel.transmit(SM_D4.selectEfCom.plain),
      channel.transmit(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 4 })),
      channel.transmit(SM_D4.readRest.plain),
    ]);
    assert.equal(toHex(selected), '9000');
    assert.equal(toHex(header), '60145F019000');
    assert.equal(toHex(rest), `${toHex(SM_D4.readRest.data)}9000`);
    assert.equal(toHex(channel.ssc), toHex(SM_D4.readRest.sscAfterResponse));
    assert.equal(card.remaining(), 0);
  });

  it('rejects a tampered response and keeps going with the next exchange', async () => {
    const card = scriptedTransmit([
      { command: SM_D4.selectEfCom.protected, response: flipped(SM_D4.selectEfCom.response, -3) },
      { command: SM_D4.readHeader.protected, response: SM_D4.readHeader.response },
    ]);
    const channel = new SecureChannel(bacKeys, card.transmit);
    await assert.rejects(channel.transmit(SM_D4.selectEfCom.plain), (e) => isEmrtdError(e, 'sm-mac-invalid'));
    assert.equal(toHex(await channel.transmit(SM_D4.readHeader.plain)), '60145F019000');
  });
});
