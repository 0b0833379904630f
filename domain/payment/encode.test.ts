import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeVietQr } from './encode.ts';
import type { VietQrError } from './errors.ts';
import type { VietQrRequest } from './model.ts';
import { parseVietQr } from './parse.ts';
import { encoded } from './testing/arbitraries.ts';
import { readDataObjects, ROOT_SCOPE } from './tlv.ts';

/** formats.md §5.2; the account belongs to that published sample. */
const STATIC_SAMPLE = '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F';

function payload(request: VietQrRequest): string {
  const result = encodeVietQr(request);
  if (!result.ok) assert.fail(result.error.message);
  return result.value;
}

function refusal(request: unknown): VietQrError {
  const result = encodeVietQr(request as VietQrRequest);
  if (result.ok) assert.fail(`encoded ${result.value}`);
  return result.error;
}

describe('encodeVietQr: worked examples', () => {
  it('reproduces the published static sample', () => {
    assert.equal(payload({ bankBin: '970416', account: '257678859' }), STATIC_SAMPLE);
  });

  it('makes a dynamic QR when given an amount, with the purpose in ID 62.08', () => {
    assert.equal(
      payload({ bankBin: '970416', account: '257678859', amount: 10000, purpose: 'CHUYEN TIEN' }),
      '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811CHUYEN TIEN630436B4',
    );
  });

  it('writes service code QRIBFTTC for a transfer to a card', () => {
    assert.equal(
      payload({
        bankBin: '970418',
        account: '9704000000000018',
        service: 'to-card',
        amount: 250000,
        purpose: 'VP KB000123',
      }),
      '00020101021238600010A00000072701300006970418011697040000000000180208QRIBFTTC530370454062500005802VN62150811VP KB0001236304C8A1',
    );
  });

  it('writes merchant name and city between country and additional data', () => {
    assert.equal(
      payload({
        bankBin: '970436',
        account: '0123456789',
        amount: 150000,
        purpose: 'KHAM BENH KB 2026 000123',
        merchantName: 'BENH VIEN THU NGHIEM',
        merchantCity: 'HA NOI',
      }),
      '00020101021238540010A00000072701240006970436011001234567890208QRIBFTTA530370454061500005802VN' +
        '5920BENH VIEN THU NGHIEM6006HA NOI62280824KHAM BENH KB 2026 0001236304D24C',
    );
  });

  it('treats null and absent optional fields alike', () => {
    assert.equal(
      payload({
        bankBin: '970416',
        account: '257678859',
        amount: null,
        purpose: null,
        merchantName: null,
        merchantCity: null,
      }),
      STATIC_SAMPLE,
    );
  });
});

describe('encodeVietQr: round trip', () => {
  it('parses back to what was asked for, in ascending ID order with the CRC last', () => {
    fc.assert(
      fc.property(encoded, ({ input, payload: text }) => {
        const result = parseVietQr(text);
        if (!result.ok) assert.fail(result.error.message);
        const qr = result.value;
        assert.equal(qr.initiation, input.amount == null ? 'static' : 'dynamic');
        assert.equal(qr.bankBin, input.bankBin);
        assert.equal(qr.account, input.account);
        assert.equal(qr.service, input.service ?? 'to-account');
        assert.equal(qr.amount, input.amount ?? null);
        assert.equal(qr.purpose, input.purpose ?? null);
        assert.equal(qr.merchantName, input.merchantName ?? null);
        assert.equal(qr.merchantCity, input.merchantCity ?? null);
        assert.deepEqual(qr.other, { root: [], merchantAccount: [], beneficiary: [], additionalData: [] });

        const objects = readDataObjects(text, ROOT_SCOPE);
        assert.ok(objects.ok);
        const ids = objects.value.map((object) => object.id);
        assert.deepEqual(ids, [...ids].sort());
        assert.equal(ids.at(-1), '63');
      }),
      { numRuns: 500 },
    );
  });
});

describe('encodeVietQr: refusals name the field and what was expected', () => {
  const base: VietQrRequest = { bankBin: '970436', account: '0123456789' };

  it('refuses a BIN that is not 6 digits', () => {
    for (const bankBin of ['97043', '9704360', '97043A', ' 970436', '']) {
      const error = refusal({ ...base, bankBin });
      assert.deepEqual([error.code, error.field, error.id], ['INVALID_VALUE', 'bankBin', '38.01.00'], bankBin);
      assert.equal(error.expected, '6 digits (the NAPAS bank BIN)');
    }
  });

  it('refuses account numbers with separators, diacritics or more than 19 characters', () => {
    for (const account of ['', '0123 456', '0123-456', 'TÀIKHOẢN', '0'.repeat(20)]) {
      const error = refusal({ ...base, account });
      const expected = ['account', '38.01.01', '1 to 19 letters or digits'];
      assert.deepEqual([error.field, error.id, error.expected], expected, account);
    }
  });

  it('refuses a card number that is not 8 to 19 digits', () => {
    for (const account of ['9704ABCD00000018', '1234567', '9'.repeat(20)]) {
      assert.equal(refusal({ ...base, account, service: 'to-card' }).expected, '8 to 19 digits (card number)', account);
    }
  });

  it('refuses an unknown service', () => {
    assert.equal(refusal({ ...base, service: 'QRPUSH' }).field, 'service');
  });

  it('refuses amounts that are not whole dong from 1 to 9999999999999', () => {
    for (const amount of [0, -1, 1.5, 10_000_000_000_000, Number.NaN, Number.POSITIVE_INFINITY, '10000', 2 ** 53]) {
      const error = refusal({ ...base, amount });
      assert.deepEqual([error.field, error.id], ['amount', '54'], String(amount));
    }
    assert.ok(encodeVietQr({ ...base, amount: 9_999_999_999_999 }).ok);
    assert.ok(encodeVietQr({ ...base, amount: 1 }).ok);
  });

  it('refuses a purpose that is not upper-case letters, digits and inner spaces, up to 25', () => {
    for (const purpose of ['', 'chuyen tien', 'KHÁM BỆNH', 'VP-KB000123', ' KB1', 'KB1 ', 'A'.repeat(26)]) {
      const error = refusal({ ...base, purpose });
      assert.deepEqual([error.field, error.id], ['purpose', '62.08'], purpose);
      assert.match(error.expected, /A-Z, 0-9 and inner spaces/);
    }
    assert.ok(encodeVietQr({ ...base, purpose: 'A'.repeat(25) }).ok);
  });

  it('refuses a merchant name or city that is too long, padded or not ASCII', () => {
    assert.equal(refusal({ ...base, merchantName: 'N'.repeat(26) }).field, 'merchantName');
    assert.equal(refusal({ ...base, merchantName: 'Bệnh viện' }).field, 'merchantName');
    assert.equal(refusal({ ...base, merchantName: ' BENH VIEN' }).field, 'merchantName');
    assert.equal(refusal({ ...base, merchantCity: 'C'.repeat(16) }).field, 'merchantCity');
    assert.equal(refusal({ ...base, merchantCity: 'HÀ NỘI' }).id, '60');
  });

  it('refuses a request that is not an object, without throwing', () => {
    for (const request of [null, undefined, 'x', 7]) assert.equal(refusal(request).field, 'request');
  });
});
