import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeResponse, type Transmit } from '../apdu.ts';
import { isEmrtdError } from '../errors.ts';
import { choosePaceInfo, parseCardAccess } from '../pace/card-access.ts';
import { performPace } from '../pace/pace.ts';
import { createChipModel } from '../testing/chip-model.ts';
import { FID, syntheticFiles, SYNTHETIC_HOLDER } from '../testing/chip-fixtures.ts';
import { withLineFaults } from '../testing/faults.ts';
import { recordingTransmit, transmitTo } from '../testing/scripted.ts';
import { selectApplication } from './access.ts';
import { ReaderChannel } from './channel.ts';
import { FileReader, readBinaryCommand, tlvTotalLength, type FileProgress } from './file-reader.ts';
import { dataGroupFile, EF_CARD_ACCESS, EF_COM } from './files.ts';

const files = syntheticFiles({ dg2Size: 2000 });

async function openChannel(transmit: Transmit): Promise<ReaderChannel> {
  const channel = new ReaderChannel(transmit);
  await selectApplication(transmit);
  return channel;
}

describe('FileReader, plain', () => {
  it('reads by short file ID at 256 bytes a chunk, one APDU per chunk, with progress', async () => {
    const wire = recordingTransmit(transmitTo(createChipModel({ files, openAccess: true })));
    const progress: FileProgress[] = [];
    const reader = new FileReader(await openChannel(wire.transmit), { onProgress: (p) => progress.push(p) });
    const before = wire.log.length;
    const { content, openedBy } = await reader.read(dataGroupFile(2));
    assert.deepEqual(content, files[FID.DG2]);
    assert.equal(openedBy, 'sfi');
    assert.equal(wire.log.length - before, Math.ceil(content.length / 256));
    assert.deepEqual(progress.map((p) => p.bytesRead), [256, 512, 768, 1024, 1280, 1536, 1792, 2004]);
  });

  it('falls back to SELECT when short file IDs are refused, and stops trying them', async () => {
    const card = createChipModel({ files, openAccess: true });
    const wire = recordingTransmit(async (apdu) => ((apdu[2] as number) & 0x80 && apdu[1] === 0xb0 ? encodeResponse(new Uint8Array(0), 0x6a86) : card.transmit(apdu)));
    const reader = new FileReader(await openChannel(wire.transmit));
    assert.equal((await reader.read(EF_COM)).openedBy, 'select');
    const before = wire.log.length;
    assert.deepEqual((await reader.read(dataGroupFile(1))).content, files[FID.DG1]);
    assert.deepEqual(wire.log.slice(before).map((e) => e.command[1]), [0xa4, 0xb0]);
  });

  it('reports a missing file as 6A82 and a refused one as 6982', async () => {
    const reader = new FileReader(await openChannel(transmitTo(createChipModel({ files, openAccess: true, faults: { deniedFiles: [FID.DG3] } }))));
    await assert.rejects(reader.read(dataGroupFile(11)), (e) => isEmrtdError(e, 'status-word') && e.sw === 0x6a82);
    await assert.rejects(reader.read(dataGroupFile(3)), (e) => isEmrtdError(e, 'status-word') && e.sw === 0x6982);
  });

  it('re-reads with the length a 6Cxx gives', async () => {
    const card = createChipModel({ files, openAccess: true });
    const content = files[FID.DG1]!;
    // A chip that wants the exact length of a short file.
    const transmit: Transmit = async (apdu) => {
      if (apdu[1] === 0xb0 && apdu.length === 5 && apdu[4] !== content.length) return encodeResponse(new Uint8Array(0), 0x6c00 | content.length);
      return card.transmit(apdu);
    };
    const reader = new FileReader(await openChannel(transmit));
    assert.deepEqual((await reader.read(dataGroupFile(1))).content, content);
    assert.equal(reader.workingLe, 256, 'a 6Cxx at the start of a file says nothing about the chip');
  });

  it('steps down on 6B00 for the first chunk', async () => {
    const card = createChipModel({ files, openAccess: true });
    const transmit: Transmit = async (apdu) =>
      apdu[1] === 0xb0 && apdu.length === 5 && (apdu[4] === 0 || (apdu[4] as number) > 0xa0) ? encodeResponse(new Uint8Array(0), 0x6b00) : card.transmit(apdu);
    const reader = new FileReader(await openChannel(transmit), { useSfi: false });
    assert.deepEqual((await reader.read(dataGroupFile(13))).content, files[FID.DG13]);
    assert.equal(reader.workingLe, 0xa0);
  });

  it('reads EF.CardAccess at the MF by file ID first', async () => {
    const wire = recordingTransmit(transmitTo(createChipModel({ files })));
    const reader = new FileReader(new ReaderChannel(wire.transmit));
    const { content, openedBy } = await reader.read(EF_CARD_ACCESS, 'fid-first');
    assert.equal(openedBy, 'select');
    assert.equal(parseCardAccess(content).paceInfos.length, 1);
    assert.equal(wire.log.length, 2);
  });
});

describe('FileReader, secure messaging after PACE', () => {
  async function paceChannel(transmit: Transmit): Promise<ReaderChannel> {
    const channel = new ReaderChannel(transmit);
    const info = choosePaceInfo(parseCardAccess((await new FileReader(channel).read(EF_CARD_ACCESS, 'fid-first')).content).paceInfos);
    channel.startSecureMessaging((await performPace(transmit, { kind: 'can', can: SYNTHETIC_HOLDER.can }, info)).sessionKeys);
    await selectApplication(channel.transmit);
    return channel;
  }

  it('steps down on a protected 6700 and keeps the session', async () => {
    const channel = await paceChannel(transmitTo(createChipModel({ can: SYNTHETIC_HOLDER.can, files, faults: { maxLe: 0x80 } })));
    const reader = new FileReader(channel);
    assert.deepEqual((await reader.read(dataGroupFile(2))).content, files[FID.DG2]);
    assert.equal(reader.workingLe, 0x80);
    assert.deepEqual((await reader.read(dataGroupFile(13))).content, files[FID.DG13]);
  });

  it('ends with sm-session-lost on a bare 6700 when there is no way to reauthenticate', async () => {
    const faults: { refuseLeAbove?: number } = {};
    const line = withLineFaults(createChipModel({ can: SYNTHETIC_HOLDER.can, files }), faults);
    const channel = await paceChannel(line.transmit);
    faults.refuseLeAbove = 0xc0;
    await assert.rejects(new FileReader(channel).read(dataGroupFile(13)), (e) => isEmrtdError(e, 'sm-session-lost') && e.code === 'CARD_READ_FAILED');
  });
});

describe('READ BINARY encoding and file lengths', () => {
  it('uses odd INS with DO54 past offset 7FFF', () => {
    assert.deepEqual(readBinaryCommand(0x7fff, 0xdf), { cla: 0, ins: 0xb0, p1: 0x7f, p2: 0xff, ne: 0xdf });
    assert.deepEqual(readBinaryCommand(0x8000, 0xdf), { cla: 0, ins: 0xb1, p1: 0, p2: 0, data: Uint8Array.of(0x54, 0x02, 0x80, 0x00), ne: 0xdf });
    assert.deepEqual(readBinaryCommand(0, 0x10, 0x1e), { cla: 0, ins: 0xb0, p1: 0x9e, p2: 0, ne: 0x10 });
  });

  it('takes the total length from the outer TLV header', () => {
    assert.equal(tlvTotalLength(Uint8Array.of(0x60, 0x14), 'EF.COM'), 0x16);
    assert.equal(tlvTotalLength(Uint8Array.of(0x75, 0x82, 0x9c, 0x44), 'DG2'), 4 + 0x9c44);
    assert.equal(tlvTotalLength(Uint8Array.of(0x7f, 0x61, 0x81, 0x80), 'x'), 4 + 0x80);
    assert.throws(() => tlvTotalLength(Uint8Array.of(0x75, 0x85, 1, 2, 3, 4, 5), 'DG2'), (e) => isEmrtdError(e, 'file-malformed'));
  });
});
