import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identityCheckFor } from './identity-check-policy.ts';
import { ageOn } from './priority.ts';

const DAY = '2026-12-07';

describe('the identity check asked for a patient', () => {
  it('exempts a child certainly under the age, whatever the policy asks', () => {
    const three = ageOn({ precision: 'day', year: 2023, month: 5, day: 20 }, DAY);
    assert.deepEqual(identityCheckFor('required', 6, three), { requirement: 'off', exemption: 'young-child' });
    assert.deepEqual(identityCheckFor('optional', 6, three), { requirement: 'off', exemption: 'young-child' });
  });

  it('asks a child who turned 6 today, one whose birth year leaves it open, and everyone when the exemption is 0', () => {
    assert.deepEqual(identityCheckFor('required', 6, ageOn({ precision: 'day', year: 2020, month: 12, day: 7 }, DAY)), { requirement: 'required', exemption: null });
    assert.deepEqual(identityCheckFor('required', 6, ageOn({ precision: 'year', year: 2020 }, DAY)), { requirement: 'required', exemption: null });
    assert.deepEqual(identityCheckFor('required', 0, ageOn({ precision: 'year', year: 2025 }, DAY)), { requirement: 'required', exemption: null });
    assert.deepEqual(identityCheckFor('required', 6, null), { requirement: 'required', exemption: null });
  });

  it('leaves a check that is off as it is', () => {
    assert.deepEqual(identityCheckFor('off', 6, ageOn({ precision: 'year', year: 2025 }, DAY)), { requirement: 'off', exemption: null });
  });
});
