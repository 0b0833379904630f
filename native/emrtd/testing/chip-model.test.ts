import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeCommand, parseResponse, requireSuccess, sendCommand, type Transmit } from '../apdu.ts';
import { encodeOid } from '../asn1.ts';
import { performBac } from '../bac/bac.ts';
import { deriveBacKeys, type MrzKey } from '../bac/mrz-key.ts';
import { fromHex, toHex } from '../bytes.ts';
import { cccdBacKeys, cccdCan } from '../cccd-access.ts';
import { isEmrtdError } from '../errors.ts';
import { choosePaceInfo, parseCardAccess } from '../pace/card-access.ts';
import { performPace } from '../pace/pace.ts';
import { paceProtocolOid } from '../pace/protocols.ts';
import { SecureChannel } from '../sm/secure-channel.ts';
import { decodeTlv, encodeConstructed, encodeTlv } from '../tlv.ts';
import { createChipModel, EMRTD_AID, type ChipModel } from './chip-model.ts';
import { BAC_D2, BAC_D3, CCCD_SYNTHETIC, SM_D4 } from './icao-vectors.ts';
import { recordingTransmit, scriptedRandom, transmitTo } from './scripted.ts';

const SELECT_APPLET = encodeCommand({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: EMRTD_AID });
const CHUNK = 0xdf;

function selectFile(fid: number): Uint8Array {
  return encodeCommand({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of(fid >> 8, fid & 0xff) });
}

/** Reads a whole EF after SELECT, in chunks, the way the file layer will. */
async function readFile(transmit: Transmit, fid: number): Promise<Uint8Array> {
  requireSuccess(parseResponse(await transmit(selectFile(fid))), 'SELECT');
  const chunks: number[] = [];
  for (let offset = 0; ; offset += CHUNK) {
    const response = await sendCommand(transmit, { cla: 0, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, ne: CHUNK });
    const data = requireSuccess(response, 'READ BINARY');
    chunks.push(...data);
    if (data.length < CHUNK) return Uint8Array.from(chunks);
  }
}

const dg1 = encodeTlv(0x61, encodeTlv(0x5f1f, new TextEncoder().encode(`IDVNM0990123459001099012345<<09902015M2402011VNM<<<<<<<<<<<4NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<`)));
const dg13 = encodeTlv(0x6d, new Uint8Array(600).map((_, i) => i & 0xff));
const cccdFiles = { 0x011e: SM_D4.efCom, 0x0101: dg1, 0x010d: dg13 };

function cccdChip(extra: Parameters<typeof createChipModel>[0] = {}): ChipModel {
  return createChipModel({ can: CCCD_SYNTHETIC.can, mrz: CCCD_SYNTHETIC.mrz, files: cccdFiles, ...extra });
}

async function paceWithCan(transmit: Transmit, can: string): Promise<SecureChannel> {
  const cardAccess = await readFile(transmit, 0x011c);
  const info = choosePaceInfo(parseCardAccess(cardAccess).paceInfos);
  const { sessionKeys } = await performPace(transmit, { kind: 'can', can }, info);
  return new SecureChannel(sessionKeys, transmit);
}

describe('chip model: BAC and 3DES secure messaging (ICAO 9303-11 D.3, D.4)', () => {
  it('replays the worked example from both sides, byte for byte on the wire', async () => {
    const chip = createChipModel({ mrz: BAC_D2.mrz, files: { 0x011e: SM_D4.efCom }, random: scriptedRandom(BAC_D3.rndIc, BAC_D3.kIc) });
    const wire = recordingTransmit(transmitTo(chip));
    assert.equal(toHex(await wire.transmit(SELECT_APPLET)), '9000');

    const keys = await performBac(wire.transmit, deriveBacKeys(BAC_D2.mrz), { random: scriptedRandom(BAC_D3.rndIfd, BAC_D3.kIfd) });
    assert.equal(toHex(keys.ssc), toHex(BAC_D3.ssc));
    assert.equal(toHex(wire.log[2]!.response), `${toHex(BAC_D3.response)}9000`);
    assert.ok(chip.secured);

    const channel = new SecureChannel(keys, wire.transmit);
    assert.equal(toHex(await channel.transmit(SM_D4.selectEfCom.plain)), '9000');
    assert.equal(toHex(await channel.transmit(SM_D4.readHeader.plain)), `${toHex(SM_D4.readHeader.data)}9000`);
    assert.equal(toHex(await channel.transmit(SM_D4.readRest.plain)), `${toHex(SM_D4.readRest.data)}9000`);
    const smTraffic = wire.log.slice(3).map((e) => [toHex(e.command), toHex(e.response)]);
    assert.deepEqual(smTraffic, [
      [toHex(SM_D4.selectEfCom.protected), toHex(SM_D4.selectEfCom.response)],
      [toHex(SM_D4.readHeader.protected), toHex(SM_D4.readHeader.response)],
      [toHex(SM_D4.readRest.protected), toHex(SM_D4.readRest.response)],
    ]);
  });

  it('refuses BAC with a wrong date of expiry', async () => {
    const transmit = transmitTo(cccdChip());
    await transmit(SELECT_APPLET);
    const wrong: MrzKey = { ...CCCD_SYNTHETIC.mrz, dateOfExpiry: '390201' };
    await assert.rejects(performBac(transmit, deriveBacKeys(wrong)), (e) => isEmrtdError(e, 'auth-failed') && e.code === 'ACCESS_DENIED');
  });

  it('opens a CCCD by trying the candidate expiries in order', async () => {
    // Holder born 1986-03-04, card valid to 60 after an early renewal at 39.
    const mrz = { documentNumber: CCCD_SYNTHETIC.mrz.documentNumber, dateOfBirth: '860304', dateOfExpiry: '460304' };
    const chip = createChipModel({ mrz, files: cccdFiles });
    const transmit = transmitTo(chip);
    await transmit(SELECT_APPLET);
    const candidates = cccdBacKeys(CCCD_SYNTHETIC.id, { dateOfBirth: '1986-03-04', generation: '2021', today: '2025-06-01' });
    let attempts = 0;
    let channel: SecureChannel | undefined;
    for (const key of candidates) {
      attempts++;
      try {
        channel = new SecureChannel(await performBac(transmit, deriveBacKeys(key)), transmit);
        break;
      } catch (error) {
        if (!isEmrtdError(error, 'auth-failed')) throw error;
      }
    }
    assert.equal(attempts, 2);
    assert.deepEqual(await readFile(channel!.transmit, 0x0101), dg1);
  });
});

describe('chip model: PACE and AES secure messaging', () => {
  it('reads EF.CardAccess, runs PACE with the CAN from the ID, and reads data groups', async () => {
    const chip = cccdChip();
    const channel = await paceWithCan(transmitTo(chip), cccdCan(CCCD_SYNTHETIC.id));
    assert.ok(chip.secured);
    assert.equal(toHex(await channel.transmit(SELECT_APPLET)), '9000');
    assert.deepEqual(await readFile(channel.transmit, 0x011e), SM_D4.efCom);
    assert.deepEqual(await readFile(channel.transmit, 0x0101), dg1);
    assert.deepEqual(await readFile(channel.transmit, 0x010d), dg13);
  });

  it('reads by short file ID and with odd-INS READ BINARY (DO85 both ways)', async () => {
    const channel = await paceWithCan(transmitTo(cccdChip()), CCCD_SYNTHETIC.can);
    await channel.transmit(SELECT_APPLET);
    const bySfi = await sendCommand(channel.transmit, { cla: 0, ins: 0xb0, p1: 0x80 | 0x0d, p2: 0, ne: 16 });
    assert.deepEqual(requireSuccess(bySfi, 'READ BINARY'), dg13.subarray(0, 16));
    const odd = await sendCommand(channel.transmit, { cla: 0, ins: 0xb1, p1: 0x01, p2: 0x0d, data: fromHex('540201F4'), ne: 64 });
    assert.deepEqual(decodeTlv(requireSuccess(odd, 'READ BINARY')).value, dg13.subarray(500, 560));
  });

  it('runs PACE with the MRZ password (reference 01)', async () => {
    const transmit = transmitTo(cccdChip());
    const info = choosePaceInfo(parseCardAccess(await readFile(transmit, 0x011c)).paceInfos);
    const { sessionKeys } = await performPace(transmit, { kind: 'mrz', ...CCCD_SYNTHETIC.mrz }, info);
    const channel = new SecureChannel(sessionKeys, transmit);
    assert.equal(toHex(await channel.transmit(SELECT_APPLET)), '9000');
  });

  it('reports a wrong CAN as ACCESS_DENIED and opens nothing', async () => {
    const chip = cccdChip();
    await assert.rejects(paceWithCan(transmitTo(chip), '999999'), (e) => isEmrtdError(e, 'auth-failed') && e.sw === 0x6300);
    assert.equal(chip.secured, false);
  });

  for (const [parameterId, cipher] of [
    [12, 'aes192'],
    [16, 'aes256'],
    [10, 'des3'],
    [18, 'aes256'],
  ] as const) {
    it(`runs PACE ECDH-GM ${cipher} on domain parameters ${parameterId}`, async () => {
      const oid = paceProtocolOid('ECDH', 'GM', cipher);
      const paceInfo = encodeConstructed(0x30, encodeOid(oid), encodeTlv(0x02, Uint8Array.of(2)), encodeTlv(0x02, Uint8Array.of(parameterId)));
      const chip = cccdChip({ cardAccess: encodeConstructed(0x31, paceInfo) });
      const channel = await paceWithCan(transmitTo(chip), CCCD_SYNTHETIC.can);
      assert.equal(channel.cipherName, cipher === 'des3' ? 'des3' : 'aes');
      await channel.transmit(SELECT_APPLET);
      assert.deepEqual(await readFile(channel.transmit, 0x0101), dg1);
    });
  }
});

describe('chip model: access control and secure-messaging failures', () => {
  it('refuses data groups without secure messaging but serves EF.CardAccess', async () => {
    const transmit = transmitTo(cccdChip());
    assert.ok((await readFile(transmit, 0x011c)).length > 0);
    await transmit(SELECT_APPLET);
    await assert.rejects(readFile(transmit, 0x0101), (e) => isEmrtdError(e, 'status-word') && e.sw === 0x6982);
    assert.equal(toHex(await transmit(selectFile(0x010b))), '6A82');
  });

  it('catches a response altered on the way, then the chip ends its session on an altered command', async () => {
    const chip = cccdChip();
    let tamperResponse = false;
    let tamperCommand = false;
    const flipLastDataByte = (bytes: Uint8Array) => {
      const copy = bytes.slice();
      copy[copy.length - 3] = (copy[copy.length - 3] as number) ^ 0x01;
      return copy;
    };
    const wire: Transmit = async (apdu) => {
      const response = chip.transmit(tamperCommand ? flipLastDataByte(apdu) : apdu);
      return tamperResponse ? flipLastDataByte(response) : response;
    };
    const channel = await paceWithCan(wire, CCCD_SYNTHETIC.can);
    await channel.transmit(SELECT_APPLET);

    tamperResponse = true;
    await assert.rejects(readFile(channel.transmit, 0x0101), (e) => isEmrtdError(e, 'sm-mac-invalid'));
    tamperResponse = false;

    tamperCommand = true;
    const refused = parseResponse(await channel.transmit(selectFile(0x0101)));
    assert.equal(refused.sw, 0x6988);
    assert.equal(chip.secured, false);
  });

  it('forgets the session on reset', async () => {
    const chip = cccdChip();
    await paceWithCan(transmitTo(chip), CCCD_SYNTHETIC.can);
    assert.ok(chip.secured);
    chip.reset();
    assert.equal(chip.secured, false);
  });

  it('answers any byte string with a status word, never with an internal failure', () => {
    const chip = cccdChip();
    let state = 7;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state >>> 24;
    };
    const prefixes = [[0x00, 0x86, 0x00, 0x00], [0x10, 0x86, 0x00, 0x00], [0x00, 0x22, 0xc1, 0xa4], [0x0c, 0xb0, 0x00, 0x00], [0x00, 0x82, 0x00, 0x00]];
    for (let round = 0; round < 400; round++) {
      const prefix = prefixes[round % prefixes.length]!;
      const body = Uint8Array.from({ length: next() % 40 }, next);
      const response = chip.transmit(Uint8Array.from([...(round % 3 === 0 ? [] : prefix), ...body]));
      assert.ok(response.length >= 2);
      assert.notEqual(toHex(response.subarray(-2)), '6F00', `internal failure on ${toHex(body)}`);
    }
  });
});
