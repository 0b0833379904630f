import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inspectVietQr } from './parse.ts';

const DYNAMIC_SAMPLE =
  '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6';

describe('inspectVietQr', () => {
  it('reports a matching CRC, in either case, as valid', () => {
    for (const payload of [DYNAMIC_SAMPLE, DYNAMIC_SAMPLE.replace(/53E6$/, '53e6')]) {
      const result = inspectVietQr(payload);
      assert.ok(result.ok);
      assert.equal(result.value.crcValid, true);
      assert.equal(result.value.crcExpected, '53E6');
      assert.equal(result.value.qr.amount, 10000);
    }
  });

  it('reads the fields of a payload whose CRC is wrong and says so, with the CRC expected', () => {
    const result = inspectVietQr(DYNAMIC_SAMPLE.replace(/53E6$/, '0000'));
    assert.ok(result.ok);
    assert.equal(result.value.crcValid, false);
    assert.equal(result.value.crcExpected, '53E6');
    assert.equal(result.value.qr.crc, '0000');
    assert.equal(result.value.qr.bankBin, '970416');
  });

  it('still refuses what is not a VietQR, whatever its CRC', () => {
    const overrun = inspectVietQr('000201010212389930010A000000727');
    assert.equal(overrun.ok, false);
    assert.equal(!overrun.ok && overrun.error.code, 'LENGTH_OVERRUN');
    const notText = inspectVietQr(42);
    assert.equal(!notText.ok && notText.error.code, 'NOT_TEXT');
  });
});
