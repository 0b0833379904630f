import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { inspectVietQr, parseVietQr } from './parse.ts';
import { encoded } from './testing/arbitraries.ts';

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

  it('agrees with parseVietQr on every input, save that a wrong CRC is reported instead of refused (fuzzed)', () => {
    const mutated = encoded.chain(({ payload }) =>
      fc.oneof(
        fc.constant(payload),
        fc.constant(payload.slice(0, -4) + 'FFFF'),
        fc.tuple(fc.nat(payload.length - 1), fc.string({ minLength: 1, maxLength: 1 })).map(([at, c]) => payload.slice(0, at) + c + payload.slice(at + 1)),
        fc.nat(payload.length).map((cut) => payload.slice(0, cut)),
      ),
    );
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string(), fc.anything()), (input) => {
        const inspected = inspectVietQr(input);
        const parsed = parseVietQr(input);
        if (parsed.ok) {
          assert.ok(inspected.ok);
          assert.equal(inspected.value.crcValid, true);
          assert.deepEqual(inspected.value.qr, parsed.value);
        } else if (inspected.ok) {
          assert.equal(parsed.error.code, 'CRC_MISMATCH');
          assert.equal(inspected.value.crcValid, false);
        } else if (parsed.error.code !== 'CRC_MISMATCH') {
          // Both refuse for the same reason; with a bad CRC as well, the parser names the CRC first.
          assert.equal(inspected.error.code, parsed.error.code);
        }
      }),
      { numRuns: 2000, seed: 20260302 },
    );
  });
});
