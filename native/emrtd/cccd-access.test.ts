import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mrzInformation } from './bac/mrz-key.ts';
import { cccdBacKeys, cccdCan, cccdDocumentNumber, cccdExpiryCandidates } from './cccd-access.ts';
import { isEmrtdError } from './errors.ts';
import { CCCD_SYNTHETIC } from './testing/icao-vectors.ts';

describe('CCCD access keys', () => {
  it('takes the document number and CAN from the 12-digit ID', () => {
    assert.equal(cccdDocumentNumber(CCCD_SYNTHETIC.id), CCCD_SYNTHETIC.mrz.documentNumber);
    assert.equal(cccdCan(CCCD_SYNTHETIC.id), CCCD_SYNTHETIC.can);
    assert.equal(cccdCan(' 001099012345 '), '012345');
    for (const bad of ['09901234', '0010990123456', '00109901234A']) {
      assert.throws(() => cccdDocumentNumber(bad), (e) => isEmrtdError(e, 'invalid-input'));
    }
  });

  it('builds the BAC key of the synthetic card when the expiry is known', () => {
    const [key, ...rest] = cccdBacKeys(CCCD_SYNTHETIC.id, { dateOfBirth: '1999-02-01', dateOfExpiry: '2024-02-01' });
    assert.equal(rest.length, 0);
    assert.equal(mrzInformation(key!), CCCD_SYNTHETIC.mrzInformation);
  });
});

describe('cccdExpiryCandidates', () => {
  it('puts the renewal age due at issue first (2021 card)', () => {
    // Issued at 21: valid to 25.
    assert.deepEqual(cccdExpiryCandidates({ dateOfBirth: '1999-02-01', issueDate: '2021-03-10', generation: '2021', today: '2023-01-01' }), [
      '240201',
      '390201',
    ]);
  });

  it('applies the two-year rule: issued less than two years before a renewal age, valid to the next', () => {
    // Issued at 23 years 11 months: valid to 40.
    const candidates = cccdExpiryCandidates({ dateOfBirth: '1999-02-01', issueDate: '2023-01-15', generation: '2021', today: '2023-06-01' });
    assert.equal(candidates[0], '390201');
    // The grace years before 40 start on the 38th birthday.
    assert.equal(cccdExpiryCandidates({ dateOfBirth: '1980-05-10', issueDate: '2018-05-09', generation: '2021', today: '2022-01-01' })[0], '200510');
    assert.equal(cccdExpiryCandidates({ dateOfBirth: '1980-05-10', issueDate: '2018-05-10', generation: '2021', today: '2022-01-01' })[0], '400510');
  });

  it('uses 14 as a renewal age for 2024 cards', () => {
    assert.equal(cccdExpiryCandidates({ dateOfBirth: '2015-07-20', issueDate: '2024-08-01', generation: '2024', today: '2025-01-01' })[0], '290720');
    assert.equal(cccdExpiryCandidates({ dateOfBirth: '2015-07-20', issueDate: '2024-08-01', generation: '2021', today: '2025-01-01' })[0], '400720');
  });

  it('without the issue date, orders by what a card in use today most likely has', () => {
    // Aged 30: the card valid now ends at 40; an expired one at 25; one valid to 60 cannot exist yet.
    assert.deepEqual(cccdExpiryCandidates({ dateOfBirth: '1995-03-04', generation: '2021', today: '2025-06-01' }), ['350304', '200304']);
    // Aged 39: within the grace years before 40, an early renewal to 60 is likely too.
    assert.deepEqual(cccdExpiryCandidates({ dateOfBirth: '1986-03-04', generation: '2021', today: '2025-06-01' }), ['260304', '460304', '110304']);
    // Generation unknown: the 2024 ages, which include 14.
    assert.deepEqual(cccdExpiryCandidates({ dateOfBirth: '1995-03-04', today: '2025-06-01' }), ['350304', '200304', '090304']);
  });

  it('is bounded by the limit and gives nothing of its own for a card issued after the last renewal age', () => {
    assert.deepEqual(cccdExpiryCandidates({ dateOfBirth: '1995-03-04', generation: '2021', today: '2025-06-01', limit: 1 }), ['350304']);
    const old = cccdExpiryCandidates({ dateOfBirth: '1950-01-01', issueDate: '2021-05-01', generation: '2021', today: '2025-01-01' });
    assert.deepEqual(old, ['100101', '900101', '750101']);
  });

  it('keeps 29 February as it is', () => {
    assert.equal(cccdExpiryCandidates({ dateOfBirth: '2000-02-29', issueDate: '2021-01-01', generation: '2021', today: '2022-01-01' })[0], '250229');
  });

  it('refuses malformed dates', () => {
    assert.throws(() => cccdExpiryCandidates({ dateOfBirth: '01/02/1999' }), (e) => isEmrtdError(e, 'invalid-input'));
    assert.throws(() => cccdExpiryCandidates({ dateOfBirth: '1999-13-01' }), (e) => isEmrtdError(e, 'invalid-input'));
  });
});
