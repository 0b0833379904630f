import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { backoffCeilingMs, backoffDelayMs, DEFAULT_RETRY_POLICY as P, nextRetryDelayMs, retryAfterMs } from './retry-policy.ts';

describe('retry policy', () => {
  it('doubles the ceiling per attempt up to the maximum', () => {
    assert.deepEqual([1, 2, 3, 4, 8, 9, 100].map((n) => backoffCeilingMs(n)), [2_000, 4_000, 8_000, 16_000, 256_000, 300_000, 300_000]);
  });

  it('jitters within [ceiling / 2, ceiling] for any attempt and any random value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempts, r) => {
        const ceiling = backoffCeilingMs(attempts);
        const delay = backoffDelayMs(attempts, P, () => r);
        return delay >= ceiling / 2 && delay <= ceiling;
      }),
    );
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelayMs(5)));
    assert.ok(spread.size > 10, 'desks that failed together spread out');
  });

  it('reads Retry-After as seconds or as a date on the server clock, whatever ours says', () => {
    const ours = new Date('2026-11-23T01:00:00Z');
    assert.equal(retryAfterMs('120', undefined, ours), 120_000);
    assert.equal(retryAfterMs(['5'], undefined, ours), 5_000);
    // The server's clock is 3 hours ahead of ours: its date is read against its own Date header.
    const serverNow = new Date(ours.getTime() + 3 * 3_600_000);
    assert.equal(retryAfterMs(new Date(serverNow.getTime() + 60_000).toUTCString(), serverNow.toUTCString(), ours), 60_000);
    // No Date header: against our clock, never negative.
    assert.equal(retryAfterMs(new Date(ours.getTime() - 60_000).toUTCString(), undefined, ours), 0);
    for (const bad of [undefined, '', 'soon', '-5', '1.5']) assert.equal(retryAfterMs(bad, undefined, ours), undefined, String(bad));
  });

  it('honours Retry-After (never earlier, at most 1 s later) and caps a hostile one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: P.maxRetryAfterMs }), fc.double({ min: 0, max: 1, noNaN: true }), (asked, r) => {
        const delay = nextRetryDelayMs(3, asked, P, () => r);
        return delay >= asked && delay <= asked + 1_000;
      }),
    );
    assert.ok(nextRetryDelayMs(1, 30 * 86_400_000, P, () => 1) <= P.maxRetryAfterMs + 1_000);
    assert.equal(nextRetryDelayMs(1, undefined, P, () => 0), 1_000);
  });
});
