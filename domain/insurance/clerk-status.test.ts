import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clerkStatus } from './clerk-status.ts';

describe('clerkStatus', () => {
  it('keeps a background retry after a failed attempt as to-verify', () => {
    assert.equal(clerkStatus({ status: 'running', result: null, lastFailure: 'network' }), 'to-verify');
  });
  it('shows a first check as running and every other status as it is', () => {
    assert.equal(clerkStatus({ status: 'running', result: null, lastFailure: null }), 'running');
    assert.equal(clerkStatus({ status: 'to-verify', result: null, lastFailure: 'network' }), 'to-verify');
    assert.equal(clerkStatus({ status: 'needs-review', result: null, lastFailure: 'network' }), 'needs-review');
  });
});
