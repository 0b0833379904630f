import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findResultCode, isCardFound, isRetryableCode, RESULT_CODES, resultCodeRow } from './result-codes.ts';

/** Every documented code with what the clerk must do (research formats.md §3.3). */
const EXPECTED: Record<string, [outcome: string, action: string, retryable: boolean]> = {
  '000': ['valid', 'accept', false],
  '001': ['valid-check-papers', 'check-papers', false],
  '002': ['valid-check-papers', 'check-papers', false],
  '003': ['new-card', 'use-new-card', false],
  '004': ['new-card', 'use-new-card', false],
  '010': ['expired', 'charge-without-insurance', false],
  '050': ['not-found', 'recheck-card-code', false],
  '051': ['card-code-wrong', 'recheck-card-code', false],
  '052': ['card-code-wrong', 'recheck-card-code', false],
  '053': ['card-code-wrong', 'recheck-card-code', false],
  '054': ['staff-not-registered', 'call-it', false],
  '055': ['staff-not-registered', 'call-it', false],
  '060': ['mismatch', 'correct-and-retry', false],
  '061': ['mismatch', 'correct-and-retry', false],
  '070': ['mismatch', 'correct-and-retry', false],
  '100': ['gateway-error', 'retry-later', true],
  '101': ['gateway-error', 'retry-later', true],
  '110': ['withdrawn', 'charge-without-insurance', false],
  '120': ['reduced', 'charge-without-insurance', false],
  '121': ['reduced', 'charge-without-insurance', false],
  '122': ['reduced', 'charge-without-insurance', false],
  '123': ['reduced', 'charge-without-insurance', false],
  '124': ['reduced', 'charge-without-insurance', false],
  '130': ['child-without-card', 'check-papers', false],
  '205': ['bad-request', 'manual-review', false],
  '401': ['unauthorised', 'call-it', false],
  '500': ['gateway-error', 'retry-later', true],
};

describe('gateway result codes', () => {
  it('every documented code has its outcome, clerk action and retry rule, and nothing else is listed', () => {
    assert.deepEqual(RESULT_CODES.map((row) => row.code).sort(), Object.keys(EXPECTED).sort());
    for (const [code, [outcome, action, retryable]] of Object.entries(EXPECTED)) {
      const row = resultCodeRow(code, '2026-01-01');
      assert.deepEqual([row.outcome, row.action, row.retryable], [outcome, action, retryable], code);
      assert.equal(isRetryableCode(code), retryable, code);
    }
  });

  it('060, 061 and 070 name the field that did not match', () => {
    assert.equal(resultCodeRow('060').mismatch, 'name');
    assert.equal(resultCodeRow('061').mismatch, 'name-first-letter-right');
    assert.equal(resultCodeRow('070').mismatch, 'birth-date');
    assert.equal(resultCodeRow('000').mismatch, undefined);
  });

  it('an unknown code needs manual review; the list applies from 01/08/2024 (CV 1923)', () => {
    const unknown = resultCodeRow('999');
    assert.deepEqual([unknown.outcome, unknown.action, unknown.covered, unknown.retryable], ['unknown', 'manual-review', null, false]);
    assert.equal(findResultCode('000', '2024-07-31'), undefined);
    assert.equal(findResultCode('000', '2024-08-01')?.outcome, 'valid');
  });

  it('cover: 000/003/004 yes, expired/withdrawn/reduced no, military, police and children unknown', () => {
    assert.equal(resultCodeRow('000').covered, true);
    assert.equal(resultCodeRow('004').covered, true);
    assert.equal(resultCodeRow('010').covered, false);
    assert.equal(resultCodeRow('110').covered, false);
    assert.equal(resultCodeRow('001').covered, null);
    assert.equal(resultCodeRow('130').covered, null);
  });

  it('the card counts as found for valid, new, expired, withdrawn and reduced cards only', () => {
    const found = RESULT_CODES.filter((row) => isCardFound(row.outcome)).map((row) => row.code);
    assert.deepEqual(found, ['000', '001', '002', '003', '004', '010', '110', '120', '121', '122', '123', '124']);
  });
});
