/**
 * Wrong-PIN counting with escalating lockouts, for the admin PIN and the
 * clerks' PINs alike. The state is plain data so each caller keeps it where it
 * belongs (the settings table), and a restart neither forgets a lockout nor resets one.
 */
import { z } from 'zod';
import { verifyPin, type PinHash } from './pin-hash.ts';

/** Each lockout lasts longer than the one before, up to the last. */
export const LOCKOUT_STEPS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;

export const LockoutSchema = z.object({
  /** Wrong PINs since the last success or lockout. */
  failures: z.number().int().nonnegative(),
  /** Lockouts since the last success: picks the next lockout's length. */
  lockouts: z.number().int().nonnegative(),
  lockedUntil: z.iso.datetime().nullable(),
});
export type Lockout = z.infer<typeof LockoutSchema>;

export const NO_LOCKOUT: Lockout = { failures: 0, lockouts: 0, lockedUntil: null };

/** The stored state with an expired lock cleared. */
export function currentLockout(stored: Lockout, now: number): Lockout {
  if (stored.lockedUntil !== null && Date.parse(stored.lockedUntil) <= now) return { ...stored, failures: 0, lockedUntil: null };
  return stored;
}

export function attemptsLeft(state: Lockout, maxAttempts: number): number {
  return state.lockedUntil ? 0 : maxAttempts - state.failures;
}

export type PinAttempt =
  | { outcome: 'right'; after: Lockout }
  | { outcome: 'wrong'; after: Lockout }
  /** This wrong PIN was one too many: locked out from now. */
  | { outcome: 'locks-out'; after: Lockout }
  /** Already locked out: the PIN was not compared. */
  | { outcome: 'locked-out'; after: Lockout };

/** One PIN attempt against a stored hash: the outcome and the lockout state to store. */
export async function attemptPin(pin: string, stored: PinHash, before: Lockout, options: { now: number; maxAttempts: number }): Promise<PinAttempt> {
  const state = currentLockout(before, options.now);
  if (state.lockedUntil !== null) return { outcome: 'locked-out', after: state };
  if (await verifyPin(pin, stored)) return { outcome: 'right', after: NO_LOCKOUT };
  const failures = state.failures + 1;
  if (failures < options.maxAttempts) return { outcome: 'wrong', after: { ...state, failures } };
  const step = LOCKOUT_STEPS_MS[Math.min(state.lockouts, LOCKOUT_STEPS_MS.length - 1)]!;
  return { outcome: 'locks-out', after: { failures: 0, lockouts: state.lockouts + 1, lockedUntil: new Date(options.now + step).toISOString() } };
}

/** Runs PIN checks one at a time, so concurrent guesses cannot slip past the failure count. */
export function oneAtATime(): <T>(work: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => {});
    return run;
  };
}
