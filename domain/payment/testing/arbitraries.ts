import fc from 'fast-check';
import { encodeVietQr } from '../encode.ts';
import { latestBankList } from '../banks.ts';
import type { VietQrRequest } from '../model.ts';
import { MAX_AMOUNT_VND } from '../rules.ts';

/** Generators for valid encoder input; every value is made up. */

export const bankBin = fc.constantFrom(...latestBankList().banks.map((bank) => bank.bin));

export const accountNumber = fc.oneof(fc.stringMatching(/^\d{6,19}$/), fc.stringMatching(/^[0-9A-Z]{1,19}$/));

export const cardNumber = fc.stringMatching(/^\d{8,19}$/);

export const amount = fc.oneof(
  fc.integer({ min: 1, max: 100_000_000 }),
  fc.constantFrom(1, 9, 10, 99_999, MAX_AMOUNT_VND),
  fc.bigInt({ min: 1n, max: BigInt(MAX_AMOUNT_VND) }).map(Number),
);

export const purpose = fc.stringMatching(/^[A-Z0-9](?:[A-Z0-9 ]{0,23}[A-Z0-9])?$/);

export const merchantName = fc.stringMatching(/^[!-~](?:[ -~]{0,23}[!-~])?$/);

export const merchantCity = fc.stringMatching(/^[!-~](?:[ -~]{0,13}[!-~])?$/);

export const request: fc.Arbitrary<VietQrRequest> = fc
  .constantFrom('to-account' as const, 'to-card' as const)
  .chain((service) =>
    fc.record({
      bankBin,
      account: service === 'to-card' ? cardNumber : accountNumber,
      service: fc.constant(service),
      amount: fc.option(amount, { nil: null }),
      purpose: fc.option(purpose, { nil: null }),
      merchantName: fc.option(merchantName, { nil: null }),
      merchantCity: fc.option(merchantCity, { nil: null }),
    }),
  );

/** A request together with the payload our encoder makes for it. */
export const encoded = request.map((input) => {
  const result = encodeVietQr(input);
  if (!result.ok) throw new Error(`generator made a request the encoder refuses: ${result.error.message}`);
  return { input, payload: result.value };
});
