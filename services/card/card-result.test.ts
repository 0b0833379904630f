import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { CardResultEventSchema } from '../../domain/card.ts';
import { readChip } from '../../native/devicehost/chip-read.ts';
import { HostCardReadSchema, type HostCardRead } from '../../native/devicehost/protocol.ts';
import { createCscaStore, CscaStore } from '../../native/emrtd/pa/csca-store.ts';
import { buildDg13 } from '../../native/emrtd/testing/lds-builders.ts';
import { createCard } from '../../native/sim/cccd-card.ts';
import type { CccdCardOptions } from '../../native/sim/cccd-card-options.ts';
import { DEFAULT_PROFILE } from '../../native/sim/cccd-profile.ts';
import { buildCardResult } from './card-result.ts';

function readWithDg13(dg13: Uint8Array): HostCardRead {
  return {
    reader: 'test reader',
    atr: '3B',
    access: { protocol: 'PACE-CAN', cardAccessSource: 'card' },
    files: { DG13: Buffer.from(dg13).toString('base64') },
    skipped: [],
    active: { status: 'not-run' },
    chip: { status: 'not-run' },
    timing: { totalMs: 1, apdus: 1, files: [] },
  };
}

const options = { trustStore: { store: new CscaStore(), rejected: [] }, now: new Date('2026-12-08T00:00:00Z') };

describe('card result from the chip', () => {
  it('removes control, direction and invisible characters from the holder and names each field that held some', async () => {
    const dg13 = buildDg13({
      idNumber: '001090012345',
      fullName: 'Nguy\u202Eễn Văn\u200F An\u0000',
      dateOfBirth: '15/08/1990',
      sex: 'Nam',
      placeOfResidence: 'Số 1\u2066 Phố Huế,\u001B[31m Hà Nội',
      motherName: '\u200B',
    });
    const result = await buildCardResult(readWithDg13(dg13), options);
    assert.equal(result.holder.fullName, 'Nguyễn Văn An');
    assert.equal(result.holder.placeOfResidence, 'Số 1 Phố Huế, Hà Nội');
    assert.equal(result.holder.motherName, undefined);
    assert.equal(result.holder.dateOfBirth, '1990-08-15');
    assert.deepEqual(
      result.warnings.filter((w) => w.code === 'dg13-text-cleaned').map((w) => w.field),
      ['fullName', 'placeOfResidence', 'motherName'],
    );
  });

  it('leaves a clean holder as it is, without warnings', async () => {
    const dg13 = buildDg13({ idNumber: '001090012345', fullName: 'Nguyễn Văn An', sex: 'Nam', placeOfResidence: 'Số 1 Phố Huế, Hà Nội' });
    const result = await buildCardResult(readWithDg13(dg13), options);
    assert.equal(result.holder.fullName, 'Nguyễn Văn An');
    assert.deepEqual(result.warnings.filter((w) => w.code === 'dg13-text-cleaned'), []);
  });
});

describe('card result from the virtual CCCD, read in-process', () => {
  /** The virtual card read as the device host reads it, then built as the card service builds it, with the card's CSCA trusted. */
  async function readVirtualCard(options: CccdCardOptions) {
    const card = await createCard(options);
    const outcome = await readChip({
      transmit: async (apdu) => card.transmit(apdu),
      params: { key: { kind: 'cccd-id', id: DEFAULT_PROFILE.idNumber }, photo: false },
      onProgress: () => {},
    });
    const read = HostCardReadSchema.parse({ reader: 'virtual', atr: '3B', ...outcome });
    const store = createCscaStore([new X509Certificate(card.pki.cscaCertificatePem)]);
    const result = await buildCardResult(read, { trustStore: { store, rejected: [] }, now: new Date() });
    CardResultEventSchema.parse({ reader: 'virtual', ok: true, result });
    return { read, result };
  }

  it('shows the holder from an empty EF.SOD, with the data signature invalid because EF.SOD is empty', async () => {
    const { read, result } = await readVirtualCard({ faults: { emptySod: true } });
    assert.equal(read.files['EF.SOD'], '');
    assert.ok(read.files.DG1 && read.files.DG13);
    assert.equal(result.holder.idNumber, DEFAULT_PROFILE.idNumber);
    assert.equal(result.holder.fullName, DEFAULT_PROFILE.fullName.normalize('NFC'));
    assert.equal(result.verification.passive.status, 'invalid');
    assert.equal(result.verification.passive.reason, 'sod-empty');
    assert.match(result.verification.passive.detail, /EF\.SOD is empty/);
  });

  it('gives no reason when EF.SOD verifies, and names the tampered file otherwise', async () => {
    const { result: sound } = await readVirtualCard({});
    assert.equal(sound.verification.passive.status, 'valid', sound.verification.passive.detail);
    assert.equal(sound.verification.passive.reason, undefined);
    const { result: tampered } = await readVirtualCard({ tamper: { file: 'DG13' } });
    assert.equal(tampered.verification.passive.status, 'invalid');
    assert.equal(tampered.verification.passive.reason, undefined);
    assert.match(tampered.verification.passive.detail, /DG13/);
  });
});
