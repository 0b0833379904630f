import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PassThrough } from 'node:stream';
import { runVietQr } from './vietqr.ts';

/** Published samples (formats.md §5.2); the account belongs to those samples. */
const STATIC_SAMPLE = '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F';
const DYNAMIC_SAMPLE =
  '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6';

async function run(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk) => out.push(String(chunk)));
  stderr.on('data', (chunk) => err.push(String(chunk)));
  const code = await runVietQr(args, { stdout, stderr });
  return { code, out: out.join(''), err: err.join('') };
}

describe('tiepdon vietqr parse', () => {
  it('prints exactly the payment fields of the dynamic sample', async () => {
    const { code, out, err } = await run(['parse', DYNAMIC_SAMPLE]);
    assert.equal(code, 0, err);
    assert.deepEqual(JSON.parse(out), {
      initiation: 'dynamic',
      bankBin: '970416',
      account: '257678859',
      service: 'QRIBFTTA',
      amount: 10000,
      currency: '704',
      country: 'VN',
      purpose: 'Chuyen tien',
      crc: '53E6',
      crcValid: true,
    });
  });

  it('accepts a lower-case CRC and keeps unknown IDs under "other"', async () => {
    const { code, out } = await run(['parse', STATIC_SAMPLE.replace(/AE9F$/, 'ae9f')]);
    assert.equal(code, 0);
    assert.equal(JSON.parse(out).crc, 'AE9F');
    assert.equal(JSON.parse(out).amount, null);
    const made = await run(['make', '--bin', '970436', '--account', '0011001234567', '--amount', '150000']);
    // Splice an unknown root ID (80) before the CRC and re-make the CRC with the encoder's own check.
    const body = `${made.out.trim().slice(0, -8)}8003ABC6304`;
    const { crc16CcittFalse } = await import('../../domain/payment/index.ts');
    const withUnknown = await run(['parse', body + crc16CcittFalse(body)]);
    assert.equal(withUnknown.code, 0, withUnknown.err);
    assert.deepEqual(JSON.parse(withUnknown.out).other, { root: [{ id: '80', value: 'ABC' }] });
  });

  it('prints the fields of a payload whose CRC is wrong with crcValid false, says so in one line, and fails', async () => {
    const { code, out, err } = await run(['parse', DYNAMIC_SAMPLE.replace(/53E6$/, '0000')]);
    assert.equal(code, 1);
    assert.equal(JSON.parse(out).crcValid, false);
    assert.equal(JSON.parse(out).crc, '0000');
    assert.match(err, /^CRC_MISMATCH: .*53E6/);
    assert.equal(err.trim().split('\n').length, 1);
  });

  it('refuses a length that overruns, and anything not a VietQR, with a one-line typed error', async () => {
    for (const [payload, expected] of [
      ['000201010212389930010A000000727', /^LENGTH_OVERRUN: /],
      ['hello', /^MALFORMED_OBJECT: /],
      [STATIC_SAMPLE.replace('A000000727', 'A000000775').replace(/AE9F$/, 'ZZZZ'), /^INVALID_VALUE: /],
    ] as const) {
      const { code, out, err } = await run(['parse', payload]);
      assert.equal(code, 1, payload);
      assert.equal(out, '');
      assert.match(err, expected);
      assert.equal(err.trim().split('\n').length, 1);
    }
  });
});

describe('tiepdon vietqr make', () => {
  it('prints a dynamic payload that parses back to what was asked', async () => {
    const made = await run(['make', '--bin', '970436', '--account', '0011001234567', '--amount', '150000', '--purpose', 'TD A12 20260302']);
    assert.equal(made.code, 0, made.err);
    const payload = made.out.trim();
    assert.match(payload, /^000201010212/);
    const back = JSON.parse((await run(['parse', payload])).out);
    assert.deepEqual(
      { bankBin: back.bankBin, account: back.account, amount: back.amount, purpose: back.purpose, service: back.service },
      { bankBin: '970436', account: '0011001234567', amount: 150000, purpose: 'TD A12 20260302', service: 'QRIBFTTA' },
    );
  });

  it('makes a static card payload, and prints it with its fields as JSON', async () => {
    const { code, out } = await run(['make', '--bin', '970422', '--account', '9704229200000001', '--card', '--json']);
    assert.equal(code, 0);
    const printed = JSON.parse(out);
    assert.match(printed.payload, /^000201010211/);
    assert.equal(printed.initiation, 'static');
    assert.equal(printed.service, 'QRIBFTTC');
    assert.equal(printed.amount, null);
    assert.equal(printed.crcValid, true);
  });

  it('refuses bad fields with a one-line typed error naming the field', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--bin', '97043', '--account', '1'], /^INVALID_VALUE: bankBin/],
      [['--bin', '970436', '--account', '1', '--amount', '150.000'], /^INVALID_VALUE: amount/],
      [['--bin', '970436', '--account', '1', '--amount', '0'], /^INVALID_VALUE: amount/],
      [['--bin', '970436', '--account', '1', '--purpose', 'Khám bệnh'], /^INVALID_VALUE: purpose/],
      [['--bin', '970436', '--account', '1', '--purpose', 'A'.repeat(26)], /^INVALID_VALUE: purpose/],
    ];
    for (const [args, expected] of cases) {
      const { code, out, err } = await run(['make', ...args]);
      assert.equal(code, 1, args.join(' '));
      assert.equal(out, '');
      assert.match(err, expected);
      assert.equal(err.trim().split('\n').length, 1);
    }
  });

  it('shows usage for a missing field or an unknown subcommand', async () => {
    assert.equal((await run(['make', '--bin', '970436'])).code, 2);
    assert.equal((await run(['frobnicate'])).code, 2);
    assert.equal((await run(['parse'])).code, 2);
    assert.equal((await run(['make', '--nope'])).code, 2);
    assert.equal((await run(['--help'])).code, 0);
  });
});
