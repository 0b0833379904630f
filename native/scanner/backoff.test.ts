import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reconnectDelay } from './backoff.ts';

describe('reconnectDelay', () => {
  it('doubles from 500 ms and stops at 10 s by default', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 50].map((attempt) => reconnectDelay(attempt)), [500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it('follows a given policy', () => {
    assert.deepEqual([1, 2, 3].map((attempt) => reconnectDelay(attempt, { initialMs: 100, maxMs: 250, factor: 3 })), [100, 250, 250]);
  });
});
