import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import type { Transmit } from '../apdu.ts';
import { isEmrtdError } from '../errors.ts';
import { createChipModel, type ChipModelOptions } from '../testing/chip-model.ts';
import { chipAuthenticationPublicKey } from '../testing/chip-ca.ts';
import { FID, syntheticFiles, SYNTHETIC_HOLDER } from '../testing/chip-fixtures.ts';
import { withLineFaults } from '../testing/faults.ts';
import { recordingTransmit, transmitTo } from '../testing/scripted.ts';
import type { AccessKey } from './access.ts';
import { CA_ECDH_3DES_CBC_CBC, CA_ECDH_AES_CBC_CMAC_128, type ChipAuthenticationInput } from './chip-authentication.ts';
import { readDocument, type DocumentReadResult, type ReadDocumentOptions, type ReadProgress } from './document-reader.ts';

const ID = SYNTHETIC_HOLDER.id;
const CAN_KEY: AccessKey = { kind: 'cccd-id', id: ID };
const MRZ_KEY: AccessKey = { kind: 'mrz', ...SYNTHETIC_HOLDER.mrz };
/** 2025-06-01 in Vietnam. */
const CLOCK = () => Date.UTC(2025, 5, 1, 3);
const CA_PRIVATE_KEY = 0x1234567890abcdef1234567890abcdef1234567890abcdefn;

function chip(options: ChipModelOptions = {}) {
  return createChipModel({ can: SYNTHETIC_HOLDER.can, mrz: SYNTHETIC_HOLDER.mrz, files: syntheticFiles(), ...options });
}

function read(transmit: Transmit, options: Partial<ReadDocumentOptions> = {}): Promise<DocumentReadResult> {
  return readDocument(transmit, { key: CAN_KEY, clock: CLOCK, ...options });
}

const FILE_NAMES: Record<number, string> = { [FID.COM]: 'EF.COM', [FID.SOD]: 'EF.SOD', [FID.DG1]: 'DG1', [FID.DG2]: 'DG2', [FID.DG13]: 'DG13', [FID.DG14]: 'DG14', [FID.DG15]: 'DG15' };
const READ_BY_DEFAULT = [FID.COM, FID.DG1, FID.DG13, FID.SOD, FID.DG14, FID.DG15, FID.DG2];

function assertFiles(result: DocumentReadResult, files: Record<number, Uint8Array>, fids = READ_BY_DEFAULT): void {
  for (const fid of fids) assert.deepEqual(result.files[FILE_NAMES[fid] as 'EF.COM'], files[fid], FILE_NAMES[fid]);
}

/** The fewest APDUs a read by short file ID can take: one READ BINARY per chunk. */
function minimumReads(files: Record<number, Uint8Array>, chunk: number, fids = READ_BY_DEFAULT): number {
  return fids.reduce((sum, fid) => sum + Math.ceil((files[fid] as Uint8Array).length / chunk), 0);
}

/** EF.CardAccess (SELECT + READ), PACE (MSE + 4 GA), SELECT application. */
const PACE_OVERHEAD = 2 + 5 + 1;

const insCount = (log: { command: Uint8Array }[], ins: number, p1?: number) =>
  log.filter((e) => e.command[1] === ins && (p1 === undefined || e.command[2] === p1)).length;

describe('readDocument: access protocols', () => {
  it('reads a CCCD with PACE-CAN from the ID number, in order, near the fewest APDUs', async () => {
    const files = syntheticFiles();
    const wire = recordingTransmit(transmitTo(chip({ files })));
    const result = await read(wire.transmit);
    assertFiles(result, files);
    assert.equal(result.access.protocol, 'PACE-CAN');
    assert.equal(result.access.paceAttempts, 1);
    assert.equal(result.access.smCipher, 'aes');
    assert.equal(result.cardAccess.source, 'fid');
    assert.deepEqual(Object.keys(result.files), ['EF.COM', 'DG1', 'DG13', 'EF.SOD', 'DG14', 'DG15', 'DG2']);
    assert.equal(result.files.DG3, undefined);
    assert.deepEqual(result.skipped, []);
    assert.equal(result.metrics.workingLe, 0xdf);
    const minimum = PACE_OVERHEAD + minimumReads(files, 0xdf);
    assert.equal(result.metrics.apdus, wire.log.length);
    assert.ok(result.metrics.apdus <= 1.05 * minimum, `${result.metrics.apdus} APDUs for a minimum of ${minimum}`);
    assert.deepEqual(
      result.metrics.steps.map((s) => s.step),
      ['card-access', 'access', 'EF.COM', 'DG1', 'DG13', 'EF.SOD', 'DG14', 'DG15', 'DG2'],
    );
    assert.equal(result.metrics.steps.reduce((sum, s) => sum + s.apdus, 0), result.metrics.apdus);
  });

  it('reads with PACE and the MRZ password', async () => {
    const files = syntheticFiles();
    const result = await read(transmitTo(chip({ files })), { key: MRZ_KEY });
    assert.equal(result.access.protocol, 'PACE-MRZ');
    assertFiles(result, files);
  });

  it('reads with BAC and 3DES secure messaging when the chip has no EF.CardAccess', async () => {
    const files = syntheticFiles();
    const result = await read(transmitTo(chip({ files, cardAccess: null })), { key: MRZ_KEY });
    assert.equal(result.access.protocol, 'BAC');
    assert.equal(result.access.smCipher, 'des3');
    assert.equal(result.cardAccess.source, 'builtin-cccd');
    assert.equal(result.metrics.workingLe, 0xe7);
    assertFiles(result, files);
  });

  it('opens BAC with derived expiry candidates: the second is right, two attempts', async () => {
    // Born 1986-03-04, renewed early at 39: the card runs to 60 (the second candidate in 2025).
    const mrz = { documentNumber: SYNTHETIC_HOLDER.mrz.documentNumber, dateOfBirth: '860304', dateOfExpiry: '460304' };
    const files = syntheticFiles();
    const wire = recordingTransmit(transmitTo(createChipModel({ mrz, files })));
    const key: AccessKey = { kind: 'cccd-id', id: ID, dateOfBirth: '1986-03-04', generation: '2021' };
    const result = await read(wire.transmit, { key });
    assert.equal(result.access.protocol, 'BAC');
    assert.equal(result.access.paceAttempts, 1, 'the chip offers PACE but knows no CAN: one refused MSE:Set AT');
    assert.equal(result.access.bacAttempts, 2);
    assert.equal(insCount(wire.log, 0x82), 2);
    assertFiles(result, files);
  });

  it('gives up BAC after the bounded candidates, with a wrong-key error', async () => {
    const mrz = { documentNumber: SYNTHETIC_HOLDER.mrz.documentNumber, dateOfBirth: '860304', dateOfExpiry: '460304' };
    const wire = recordingTransmit(transmitTo(createChipModel({ mrz, files: syntheticFiles() })));
    const key: AccessKey = { kind: 'cccd-id', id: ID, dateOfBirth: '1986-03-05' };
    await assert.rejects(read(wire.transmit, { key, maxBacAttempts: 3 }), (e) => isEmrtdError(e, 'wrong-key') && e.code === 'ACCESS_DENIED');
    assert.equal(insCount(wire.log, 0x82), 3);
    assert.ok(wire.log.length <= 2 + 1 + 1 + 3 * 2, `${wire.log.length} APDUs`);
  });

  it('stops after exactly one PACE attempt with a wrong CAN, without trying BAC', async () => {
    const wire = recordingTransmit(transmitTo(chip()));
    const key: AccessKey = { kind: 'cccd-id', id: '001099999999', dateOfBirth: '1999-02-01' };
    await assert.rejects(read(wire.transmit, { key }), (e) => isEmrtdError(e, 'wrong-key') && e.code === 'ACCESS_DENIED');
    assert.equal(insCount(wire.log, 0x22, 0xc1), 1);
    assert.equal(insCount(wire.log, 0x84), 0);
    assert.equal(insCount(wire.log, 0x82), 0);
  });

  it('says the card cannot be opened with the ID alone when the chip refuses PACE and BAC lacks the birth date', async () => {
    const wire = recordingTransmit(transmitTo(chip({ cardAccess: null })));
    await assert.rejects(read(wire.transmit, { key: CAN_KEY }), (e) => isEmrtdError(e, 'unsupported') && e.code === 'CARD_UNSUPPORTED');
    assert.equal(insCount(wire.log, 0x82), 0, 'no BAC attempt without a key');
  });

  it('refuses a malformed key before sending anything', async () => {
    const wire = recordingTransmit(transmitTo(chip()));
    await assert.rejects(read(wire.transmit, { key: { kind: 'can', can: '12345' } }), (e) => isEmrtdError(e) && e.code === 'BAD_INPUT');
    assert.equal(insCount(wire.log, 0x22), 0);
  });
});

describe('readDocument: EF.CardAccess sources', () => {
  /** A card that refuses EF.CardAccess by file ID, and (optionally) by short file ID until the MF is selected. */
  function fussyCard(refuseSfi: boolean): Transmit {
    const card = chip();
    let mfSelected = false;
    return async (apdu) => {
      const hex = Buffer.from(apdu).toString('hex');
      if (hex === '00a4000c023f00') mfSelected = true;
      if (!mfSelected && hex === '00a4020c02011c') return Uint8Array.of(0x6a, 0x82);
      if (!mfSelected && refuseSfi && hex.startsWith('00b09c')) return Uint8Array.of(0x6a, 0x82);
      return card.transmit(apdu);
    };
  }

  it('reads by short file ID when SELECT fails', async () => {
    const result = await read(fussyCard(false));
    assert.equal(result.cardAccess.source, 'sfi');
    assert.equal(result.access.protocol, 'PACE-CAN');
  });

  it('reads after SELECT MF when both fail', async () => {
    const result = await read(fussyCard(true));
    assert.equal(result.cardAccess.source, 'mf');
    assert.equal(result.access.protocol, 'PACE-CAN');
  });
});

describe('readDocument: chip behaviour and faults', () => {
  it('steps Le down when the chip refuses more than A0, keeps the size, and counts the cost', async () => {
    const files = syntheticFiles();
    const result = await read(transmitTo(chip({ files, faults: { maxLe: 0xa0 } })));
    assertFiles(result, files);
    assert.equal(result.metrics.workingLe, 0xa0);
    // EF.CardAccess is read at 100, then C0, then A0; every later read is at A0.
    assert.equal(result.metrics.apdus, PACE_OVERHEAD + 2 + minimumReads(files, 0xa0));
  });

  it('reads a file beyond 32 KB with odd-INS READ BINARY', async () => {
    const files = syntheticFiles({ dg2Size: 40_000 });
    const wire = recordingTransmit(transmitTo(chip({ files })));
    const result = await read(wire.transmit);
    assertFiles(result, files);
    const odd = insCount(wire.log, 0xb1);
    assert.ok(odd >= Math.ceil((40_004 - 32_768) / 0xdf), `${odd} odd-INS reads`);
    assert.ok(result.metrics.apdus <= 1.05 * (PACE_OVERHEAD + minimumReads(files, 0xdf)));
  });

  it('reads in extended-length chunks when enabled', async () => {
    const files = syntheticFiles({ dg2Size: 12_000 });
    const result = await read(transmitTo(chip({ files })), { extendedLength: true });
    assertFiles(result, files);
    assert.equal(result.metrics.workingLe, 0x1000);
    assert.ok(result.metrics.apdus <= PACE_OVERHEAD + minimumReads(files, 0x1000) + 1);
  });

  it('skips a file the chip refuses with 6982 and never asks for DG3', async () => {
    const files = syntheticFiles();
    const wire = recordingTransmit(transmitTo(chip({ files, faults: { deniedFiles: [FID.DG3, FID.DG15] } })));
    const result = await read(wire.transmit, { dataGroups: [1, 2, 3, 13, 14, 15] });
    assert.deepEqual(result.skipped, [
      { file: 'DG3', reason: 'eac-protected' },
      { file: 'DG15', reason: 'access-denied', sw: 0x6982 },
    ]);
    assert.equal(result.files.DG15, undefined);
    assertFiles(result, files, [FID.COM, FID.DG1, FID.DG13, FID.SOD, FID.DG14, FID.DG2]);
  });

  it('skips data groups EF.COM does not list', async () => {
    const result = await read(transmitTo(chip()), { dataGroups: [1, 11] });
    assert.deepEqual(result.skipped, [{ file: 'DG11', reason: 'not-listed' }]);
    assert.deepEqual(Object.keys(result.files), ['EF.COM', 'DG1', 'EF.SOD']);
  });

  it('fails with a typed error at every APDU where the card can be pulled out, and reads fully once it is back', async () => {
    const files = syntheticFiles({ dg2Size: 600, sodSize: 500, dg13Size: 300 });
    const caKey = { privateKey: CA_PRIVATE_KEY, parameterId: 13 };
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' });
    const card = chip({ files, chipAuthentication: caKey, activeAuthentication: { privateKey } });
    const options: Partial<ReadDocumentOptions> = {
      chipAuthentication: () => ({ protocol: CA_ECDH_AES_CBC_CMAC_128, parameterId: 13, publicKey: chipAuthenticationPublicKey(caKey) }),
      activeAuthentication: () => ({ publicKey }),
    };
    const clean = await read(transmitTo(card), options);
    assert.equal(clean.chipAuthentication?.status, 'passed');
    assert.equal(clean.activeAuthentication?.status, 'passed');
    const total = clean.metrics.apdus;
    for (let answered = 0; answered < total; answered++) {
      card.reset();
      const line = withLineFaults(card, { removeAfterApdus: answered });
      await assert.rejects(
        read(line.transmit, options),
        (e) => isEmrtdError(e, 'card-removed') && e.code === 'CARD_REMOVED',
        `removed after ${answered} APDUs`,
      );
      assert.equal(line.apdus, answered + 1, 'nothing is sent after the removal');
      line.reinsert();
      const again = await read(line.transmit, options);
      assertFiles(again, files);
      assert.equal(again.chipAuthentication?.status, 'passed');
    }
  });

  it('ends with a typed error and no data when a response MAC is wrong', async () => {
    for (const position of [9, 12, 20]) {
      const line = withLineFaults(chip(), { wrongMacOnResponse: position });
      const outcome = await read(line.transmit).then(
        () => assert.fail('read succeeded'),
        (error: unknown) => error,
      );
      assert.ok(isEmrtdError(outcome, 'sm-mac-invalid'), String(outcome));
      assert.equal(outcome.code, 'CARD_READ_FAILED');
      assert.equal(outcome.detail, undefined);
      assert.equal(line.apdus, position);
    }
  });

  it('reopens BAC when the reader refuses a large Le with a bare 6700, then goes on smaller', async () => {
    const files = syntheticFiles();
    const line = withLineFaults(chip({ files, cardAccess: null }), { refuseLeAbove: 0xc0 });
    // Without short file IDs nothing is read before BAC, so the first refusal comes under secure messaging.
    const result = await read(line.transmit, { key: MRZ_KEY, useSfi: false });
    assertFiles(result, files);
    assert.equal(result.metrics.smRecoveries, 1);
    assert.equal(result.metrics.workingLe, 0xc0);
  });

  it('stops at once when the abort signal fires mid-read, sending nothing more', async () => {
    const controller = new AbortController();
    const line = withLineFaults(chip(), { latencyMs: 20 });
    let apdusAtAbort = 0;
    const reading = read(line.transmit, {
      signal: controller.signal,
      onProgress: ({ file }) => {
        if (file !== 'DG1' || controller.signal.aborted) return;
        apdusAtAbort = line.apdus;
        controller.abort();
      },
    });
    await assert.rejects(reading, (e) => isEmrtdError(e, 'aborted') && e.code === 'CARD_REMOVED');
    assert.ok(apdusAtAbort > 0, 'the read got as far as DG1');
    assert.equal(line.apdus, apdusAtAbort, 'no command after the abort');
  });
});

describe('readDocument: progress', () => {
  it('reports bytes per file, monotonic, ending at the file size', async () => {
    const files = syntheticFiles({ dg2Size: 5000 });
    const events: ReadProgress[] = [];
    await read(transmitTo(chip({ files })), { onProgress: (event) => events.push(event) });
    assert.deepEqual(events.slice(0, 2), [{ step: 'card-access' }, { step: 'reading', file: 'EF.CardAccess', bytesRead: 54, totalBytes: 54 }]);
    const byFile = new Map<string, ReadProgress[]>();
    for (const event of events.filter((e) => e.step === 'reading')) byFile.set(event.file!, [...(byFile.get(event.file!) ?? []), event]);
    for (const fid of READ_BY_DEFAULT) {
      const name = FILE_NAMES[fid]!;
      const list = byFile.get(name)!;
      const size = files[fid]!.length;
      assert.equal(list.length, Math.ceil(size / 0xdf), name);
      for (let i = 1; i < list.length; i++) assert.ok(list[i]!.bytesRead! > list[i - 1]!.bytesRead!, name);
      assert.ok(list.every((e) => e.totalBytes === size));
      assert.equal(list.at(-1)!.bytesRead, size);
    }
  });
});

describe('readDocument: chip and active authentication', () => {
  const caOptions = (oid: string, parameterId = 13) => ({ privateKey: CA_PRIVATE_KEY, parameterId, oid });
  const caInput = (oid: string, parameterId = 13, publicKey?: Uint8Array): ChipAuthenticationInput => ({
    protocol: oid,
    parameterId,
    publicKey: publicKey ?? chipAuthenticationPublicKey(caOptions(oid, parameterId)),
  });

  it('runs chip authentication after DG14 and reads the rest under the new keys', async () => {
    const files = syntheticFiles();
    const wire = recordingTransmit(transmitTo(chip({ files, chipAuthentication: caOptions(CA_ECDH_AES_CBC_CMAC_128) })));
    const result = await read(wire.transmit, { chipAuthentication: () => caInput(CA_ECDH_AES_CBC_CMAC_128) });
    assert.deepEqual(result.chipAuthentication, { status: 'passed', protocol: CA_ECDH_AES_CBC_CMAC_128 });
    assertFiles(result, files);
    assert.equal(insCount(wire.log, 0x22, 0x41), 1);
    const steps = result.metrics.steps.map((s) => s.step);
    assert.deepEqual(steps.slice(steps.indexOf('DG14'), steps.indexOf('DG14') + 3), ['DG14', 'chip-authentication', 'DG15']);
  });

  it('switches BAC 3DES to AES-256 keys, and runs 3DES chip authentication with MSE:Set KAT', async () => {
    for (const [oid, cipher] of [
      ['0.4.0.127.0.7.2.2.3.2.4', 'aes'],
      [CA_ECDH_3DES_CBC_CBC, 'des3'],
    ] as const) {
      const files = syntheticFiles();
      const wire = recordingTransmit(transmitTo(chip({ files, cardAccess: null, chipAuthentication: caOptions(oid, 12) })));
      const result = await read(wire.transmit, { key: MRZ_KEY, chipAuthentication: () => caInput(oid, 12) });
      assert.equal(result.chipAuthentication?.status, 'passed', oid);
      assert.equal(result.access.smCipher, cipher);
      assert.equal(insCount(wire.log, 0x22, 0x41), 1);
      assertFiles(result, files);
    }
  });

  it('reports a chip that does not hold the DG14 key as failed and reads no more under PACE', async () => {
    const files = syntheticFiles();
    const other = chipAuthenticationPublicKey({ privateKey: 0xabcdefn, parameterId: 13 });
    const result = await read(transmitTo(chip({ files, chipAuthentication: caOptions(CA_ECDH_AES_CBC_CMAC_128) })), {
      chipAuthentication: () => caInput(CA_ECDH_AES_CBC_CMAC_128, 13, other),
    });
    assert.equal(result.chipAuthentication?.status, 'failed');
    assert.deepEqual(result.skipped, [
      { file: 'DG15', reason: 'session-lost' },
      { file: 'DG2', reason: 'session-lost' },
    ]);
  });

  for (const [label, generate] of [
    ['RSA 1024', () => generateKeyPairSync('rsa', { modulusLength: 1024 })],
    ['RSA 2048', () => generateKeyPairSync('rsa', { modulusLength: 2048 })],
    ['ECDSA brainpoolP256r1', () => generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1' })],
    ['ECDSA P-384', () => generateKeyPairSync('ec', { namedCurve: 'secp384r1' })],
  ] as const) {
    it(`passes active authentication with ${label}, and fails it against another key`, async () => {
      const { privateKey, publicKey } = generate();
      const files = syntheticFiles({ activeAuthenticationKey: publicKey });
      const card = chip({ files, activeAuthentication: { privateKey } });
      const result = await read(transmitTo(card), { activeAuthentication: () => ({ publicKey }) });
      assert.equal(result.activeAuthentication?.status, 'passed', result.activeAuthentication?.reason);
      assertFiles(result, files);

      card.reset();
      const wrong = generate().publicKey;
      const failed = await read(transmitTo(card), { activeAuthentication: () => ({ publicKey: wrong }) });
      assert.equal(failed.activeAuthentication?.status, 'failed');
      assertFiles(failed, files);
    });
  }

  it('reports a chip without INTERNAL AUTHENTICATE as not supported', async () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const result = await read(transmitTo(chip()), { activeAuthentication: () => ({ publicKey }) });
    assert.equal(result.activeAuthentication?.status, 'not-supported');
    assert.ok(result.files.DG2);
  });
});
