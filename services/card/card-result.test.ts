import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HostCardRead } from '../../native/devicehost/protocol.ts';
import { CscaStore } from '../../native/emrtd/pa/csca-store.ts';
import { buildDg13 } from '../../native/emrtd/testing/lds-builders.ts';
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
