/**
 * The parser must answer every input with a result, never an exception, and must
 * never accept a payload whose CRC is wrong. The CRC oracle is vietnam-qr-pay's
 * table-driven implementation, independent of ours.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { QRPay } from 'vietnam-qr-pay';
import { VIETQR_ERROR_CODES, type VietQrResult } from './errors.ts';
import type { VietQr } from './model.ts';
import { parseVietQr } from './parse.ts';
import { MAX_AMOUNT_VND } from './rules.ts';
import { encoded } from './testing/arbitraries.ts';
import { tlv, withCrc } from './testing/payloads.ts';

const RUNS = 3000;

function parseWithoutThrowing(input: unknown): VietQrResult<VietQr> {
  let result: VietQrResult<VietQr> | undefined;
  assert.doesNotThrow(() => {
    result = parseVietQr(input);
  });
  assert.ok(result);
  return result;
}

function hasCorrectCrc(payload: string): boolean {
  return /6304[0-9A-Fa-f]{4}$/.test(payload) && QRPay.genCRCCode(payload.slice(0, -4)) === payload.slice(-4).toUpperCase();
}

/** Whatever the input, the answer has the documented shape, and an accepted payload has a correct CRC. */
function assertSound(input: unknown, result: VietQrResult<VietQr>): void {
  if (!result.ok) {
    assert.ok(VIETQR_ERROR_CODES.includes(result.error.code));
    assert.ok(result.error.field.length > 0);
    assert.ok(result.error.expected.length > 0);
    assert.equal(typeof result.error.message, 'string');
    return;
  }
  assert.equal(typeof input, 'string');
  const payload = input as string;
  assert.ok(hasCorrectCrc(payload), `accepted a wrong CRC: ${payload}`);
  const qr = result.value;
  assert.match(qr.bankBin, /^\d{6}$/);
  assert.match(qr.account, /^[0-9A-Za-z]{1,19}$/);
  assert.ok(qr.amount === null || (Number.isSafeInteger(qr.amount) && qr.amount >= 1 && qr.amount <= MAX_AMOUNT_VND));
  assert.ok(qr.purpose === null || qr.purpose.length <= 25);
  assert.equal(qr.crc, payload.slice(-4).toUpperCase());
}

type Mutation =
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'truncate'; at: number };

const someCharacter = fc.oneof(
  fc.constantFrom('0', '1', '9', '6', '3', 'A', 'a', ' ', '\n', '\u0000', 'đ', '\uD800'),
  fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), text: someCharacter }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(someCharacter, fc.constantFrom('6304', '0000', '5405')),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function applyMutation(text: string, change: Mutation): string {
  const at = text.length === 0 ? 0 : change.at % text.length;
  switch (change.kind) {
    case 'replace':
      return text.slice(0, at) + change.text + text.slice(at + 1);
    case 'insert':
      return text.slice(0, at) + change.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + change.count);
    case 'swap': {
      const other = text.length === 0 ? 0 : change.with % text.length;
      const chars = [...text];
      [chars[at], chars[other]] = [chars[other] ?? '', chars[at] ?? ''];
      return chars.join('');
    }
    case 'truncate':
      return text.slice(0, at);
  }
}

const mutatedPayload = fc
  .tuple(encoded, fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([{ payload }, changes]) => ({ original: payload, mutated: changes.reduce(applyMutation, payload) }));

const printableCharacter = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
const printable = fc.string({ unit: printableCharacter, maxLength: 40 });
const someId = fc.oneof(
  fc.constantFrom('00', '01', '26', '38', '52', '53', '54', '58', '59', '60', '62', '63', '80'),
  fc.stringMatching(/^\d\d$/),
);
const someTemplate: fc.Arbitrary<string> = fc.letrec<{ template: string }>((tie) => ({
  template: fc
    .array(
      fc.tuple(someId, fc.oneof({ depthSize: 'small' }, printable.filter((v) => v.length > 0), tie('template'))),
      { maxLength: 6 },
    )
    .map((objects) =>
      objects
        .filter(([, value]) => value.length > 0 && value.length < 100)
        .map(([id, value]) => tlv(id, value))
        .join(''),
    ),
})).template;

describe('parseVietQr fuzz', () => {
  it('answers any value, string or not, without throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => assertSound(input, parseWithoutThrowing(input))),
      { numRuns: 500 },
    );
  });

  it('answers arbitrary strings without throwing and accepts none with a wrong CRC', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: 'binary-ascii', maxLength: 300 }),
          printable.map((tail) => `000201${tail}`),
        ),
        (input) => assertSound(input, parseWithoutThrowing(input)),
      ),
      { numRuns: RUNS },
    );
  });

  it('answers mutated valid payloads without throwing and accepts none with a wrong CRC', () => {
    fc.assert(
      fc.property(mutatedPayload, ({ mutated }) => assertSound(mutated, parseWithoutThrowing(mutated))),
      { numRuns: RUNS },
    );
  });

  it('answers mutated payloads whose CRC was recomputed without throwing, and keeps field invariants', () => {
    fc.assert(
      fc.property(mutatedPayload, ({ mutated }) => {
        const resealed = withCrc(mutated.replace(/6304[0-9A-Fa-f]{0,4}$/, ''));
        assertSound(resealed, parseWithoutThrowing(resealed));
      }),
      { numRuns: RUNS },
    );
  });

  it('answers random nested data objects with a correct CRC without throwing', () => {
    fc.assert(
      fc.property(someTemplate, (body) => {
        const payload = withCrc(body);
        assertSound(payload, parseWithoutThrowing(payload));
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses every valid payload once its CRC is changed, with CRC_MISMATCH', () => {
    fc.assert(
      fc.property(encoded, fc.stringMatching(/^[0-9A-Fa-f]{4}$/), ({ payload }, crc) => {
        fc.pre(crc.toUpperCase() !== payload.slice(-4));
        const result = parseWithoutThrowing(payload.slice(0, -4) + crc);
        assert.equal(!result.ok && result.error.code, 'CRC_MISMATCH');
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts every valid payload with its CRC in lower case', () => {
    fc.assert(
      fc.property(encoded, ({ payload }) => {
        const lower = payload.slice(0, -4) + payload.slice(-4).toLowerCase();
        assert.deepEqual(parseWithoutThrowing(lower), parseVietQr(payload));
      }),
      { numRuns: 500 },
    );
  });
});
