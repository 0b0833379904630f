/**
 * Cross-checks against vietnam-qr-pay, an independent VietQR implementation: each
 * side's payloads must be read by the other with the same fields and the same CRC.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BanksObject, QRPay, type VietQRService } from 'vietnam-qr-pay';
import { latestBankList } from './banks.ts';
import { encodeVietQr } from './encode.ts';
import { NAPAS_GUID, SERVICE_CODE } from './fields.ts';
import { parseVietQr } from './parse.ts';
import { encoded, request } from './testing/arbitraries.ts';

const RUNS = 1000;

describe('cross-check with vietnam-qr-pay', () => {
  it('their parser reads our payloads with the same fields and CRC', () => {
    fc.assert(
      fc.property(encoded, ({ input, payload }) => {
        const theirs = new QRPay(payload);
        assert.equal(theirs.isValid, true);
        assert.equal(theirs.version, '01');
        assert.equal(theirs.initMethod, input.amount == null ? '11' : '12');
        assert.equal(theirs.provider.guid, NAPAS_GUID);
        assert.equal(theirs.provider.service, SERVICE_CODE[input.service ?? 'to-account']);
        assert.equal(theirs.consumer.bankBin, input.bankBin);
        assert.equal(theirs.consumer.bankNumber, input.account);
        assert.equal(theirs.currency, '704');
        assert.equal(theirs.nation, 'VN');
        assert.equal(theirs.amount, input.amount == null ? undefined : String(input.amount));
        assert.equal(theirs.additionalData.purpose, input.purpose ?? undefined);
        assert.equal(theirs.merchant.name, input.merchantName ?? undefined);
        assert.equal(theirs.city, input.merchantCity ?? undefined);
        assert.equal(theirs.crc, payload.slice(-4));
        assert.equal(QRPay.genCRCCode(payload.slice(0, -4)), payload.slice(-4));
      }),
      { numRuns: RUNS },
    );
  });

  it('our parser reads their payloads with the same fields, and both encoders write the same text', () => {
    fc.assert(
      fc.property(request, (input) => {
        const builder = QRPay.initVietQR({
          bankBin: input.bankBin,
          bankNumber: input.account,
          amount: input.amount == null ? undefined : String(input.amount),
          purpose: input.purpose ?? undefined,
          service: SERVICE_CODE[input.service ?? 'to-account'] as VietQRService,
        });
        builder.merchant.name = input.merchantName ?? undefined;
        builder.city = input.merchantCity ?? undefined;
        const theirs = builder.build();

        const result = parseVietQr(theirs);
        if (!result.ok) assert.fail(result.error.message);
        const ours = result.value;
        assert.equal(ours.bankBin, input.bankBin);
        assert.equal(ours.account, input.account);
        assert.equal(ours.service, input.service ?? 'to-account');
        assert.equal(ours.amount, input.amount ?? null);
        assert.equal(ours.purpose, input.purpose ?? null);
        assert.equal(ours.merchantName, input.merchantName ?? null);
        assert.equal(ours.merchantCity, input.merchantCity ?? null);
        assert.equal(ours.crc, theirs.slice(-4));

        assert.deepEqual(encodeVietQr(input), { ok: true, value: theirs });
      }),
      { numRuns: RUNS },
    );
  });

  it('both refuse a payload whose CRC was changed', () => {
    fc.assert(
      fc.property(encoded, fc.stringMatching(/^[0-9A-F]{4}$/), ({ payload }, crc) => {
        fc.pre(crc !== payload.slice(-4));
        const tampered = payload.slice(0, -4) + crc;
        assert.equal(new QRPay(tampered).isValid, false);
        assert.equal(parseVietQr(tampered).ok, false);
      }),
      { numRuns: RUNS },
    );
  });

  it('every BIN in our bank list is in theirs', () => {
    const theirBins = new Set(Object.values(BanksObject).map((bank) => bank.bin));
    for (const bank of latestBankList().banks) assert.ok(theirBins.has(bank.bin), `${bank.bin} ${bank.shortName}`);
  });
});
