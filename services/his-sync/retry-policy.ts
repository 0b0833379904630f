/**
 * When to try a failed HIS call again: exponential backoff with jitter (so
 * desks that lost the HIS together do not all come back in the same second),
 * the server's Retry-After when it gives one, and no trust in a clock — a
 * Retry-After date is read against the server's own Date header, and waits
 * are capped so a hostile or skewed value cannot park the queue for days.
 */

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** The longest Retry-After honoured; longer asks are cut to this. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 2_000, maxMs: 300_000, maxRetryAfterMs: 3_600_000 };

/** The uncapped-by-jitter ceiling after `attempts` failed attempts: base, 2×base, 4×base… up to max. */
export function backoffCeilingMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const exponent = Math.min(Math.max(0, attempts - 1), 30);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

/**
 * "Equal jitter": half the ceiling for sure, the other half at random. Never
 * below half the ceiling (a flapping HIS is not hammered), never above it.
 */
export function backoffDelayMs(attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): number {
  const ceiling = backoffCeilingMs(attempts, policy);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}

/**
 * Milliseconds a Retry-After header asks for: delta-seconds, or an HTTP date
 * measured against the reply's Date header (the server's clock) when there is
 * one, else against ours. Undefined when absent or unreadable; never negative.
 */
export function retryAfterMs(header: string | string[] | undefined, dateHeader: string | undefined, now: Date): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date names its month and has a time of day; anything else ("-5", "1.5") is not one.
  if (!/[A-Za-z]{3}/.test(value) || !/\d{2}:\d{2}:\d{2}/.test(value)) return undefined;
  const until = Date.parse(value);
  if (Number.isNaN(until)) return undefined;
  const serverNow = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
  const reference = Number.isNaN(serverNow) ? now.getTime() : serverNow;
  return Math.max(0, until - reference);
}

/** The delay before the next try: what the server asked (capped, with a little jitter), else our backoff. */
export function nextRetryDelayMs(
  attempts: number,
  retryAfter: number | undefined,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number {
  if (retryAfter === undefined) return backoffDelayMs(attempts, policy, random);
  const asked = Math.min(Math.max(0, retryAfter), policy.maxRetryAfterMs);
  // Up to 10 % (at most 1 s) later than asked, never earlier.
  return Math.round(asked + Math.min(1_000, asked * 0.1) * Math.min(Math.max(random(), 0), 1));
}

/** The furthest ahead a retry can ever be scheduled: anything later means the clock moved back. */
export function longestDelayMs(policy: RetryPolicy = DEFAULT_RETRY_POLICY, leaseMs = 0): number {
  return Math.max(policy.maxMs, policy.maxRetryAfterMs + 1_000) + leaseMs;
}
