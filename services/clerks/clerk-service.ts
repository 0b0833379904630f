/**
 * Clerks at the desk (see domain/clerk-api.ts for the rules the API exposes).
 * The list and the PIN hashes live in the settings table under `admin.` keys,
 * which no `settings.*.get` returns and diagnostics exports leave out. Who is
 * signed in lives in memory, one clerk per desk: a restart asks again (unless
 * the computer's account is mapped to a clerk).
 */
import { z } from 'zod';
import {
  CLERK_MAX_ATTEMPTS,
  ClerkSettingsInputSchema,
  clerkLabel,
  type Clerk,
  type ClerkRefusalDetail,
  type ClerkSettingsView,
  type ClerkSignOutReason,
  type ClerkStatus,
} from '../../domain/clerk-api.ts';
import { AppError } from '../../domain/errors.ts';
import { DEFAULT_SCRYPT_COST, hashPin, PinHashSchema, type ScryptCost } from '../admin/pin-hash.ts';
import { attemptPin, attemptsLeft, LockoutSchema, NO_LOCKOUT, oneAtATime, type Lockout } from '../admin/pin-lockout.ts';
import type { Logger } from '../log.ts';
import type { SettingDefinition, SettingsRepository } from '../settings/settings-repository.ts';

const StoredClerkSchema = z.object({
  code: z.string(),
  name: z.string(),
  osAccount: z.string().nullable(),
  pin: PinHashSchema,
});
type StoredClerk = z.infer<typeof StoredClerkSchema>;

const StoredClerksSchema = z.array(StoredClerkSchema);
const ClerkLockoutsSchema = z.record(z.string(), LockoutSchema);

export const CLERKS_SETTING: SettingDefinition<typeof StoredClerksSchema> = { key: 'admin.clerks', schema: StoredClerksSchema, defaults: [] };
/** Wrong-PIN counts per clerk code (upper case). */
export const CLERK_LOCKOUTS_SETTING: SettingDefinition<typeof ClerkLockoutsSchema> = {
  key: 'admin.clerk-lockouts',
  schema: ClerkLockoutsSchema,
  defaults: {},
};

export interface ClerkServiceOptions {
  settings: SettingsRepository;
  log: Logger;
  /** Whether this desk asks for a signed-in clerk. */
  required: boolean;
  /** The computer's account: a clerk mapped to it is signed in at start. */
  osAccount?: string;
  /** Signed in from the start (test automation), with no staff record needed. */
  signedIn?: Clerk;
  onChange?: (status: ClerkStatus) => void;
  /** Sign-ins and sign-outs, for the audit log. */
  audit?: (action: 'clerk.sign-in' | 'clerk.sign-out', clerk: Clerk, reason?: ClerkSignOutReason) => void;
  now?: () => number;
  cost?: ScryptCost;
}

export interface ClerkService {
  status(): ClerkStatus;
  signIn(code: string, pin: string): Promise<ClerkStatus>;
  signOut(reason?: ClerkSignOutReason): ClerkStatus;
  settingsView(): ClerkSettingsView;
  setSettings(input: unknown): Promise<ClerkSettingsView>;
  /** The signed-in clerk, if any (no settings read: the ticket asks on every number). */
  signedIn(): Clerk | undefined;
  /** How records name the signed-in clerk, if any. */
  current(): string | undefined;
  /** For the router: the error to answer instead of a method that needs a clerk, or undefined to let it run. */
  refusal(): AppError | undefined;
}

const sameCode = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

export function createClerkService(options: ClerkServiceOptions): ClerkService {
  const { settings, log } = options;
  const now = options.now ?? Date.now;
  const cost = options.cost ?? DEFAULT_SCRYPT_COST;
  const serially = oneAtATime();
  const stored = () => settings.get(CLERKS_SETTING);
  const publicClerk = (clerk: StoredClerk | Clerk): Clerk => ({ code: clerk.code, name: clerk.name });

  let signedIn: { clerk: Clerk; since: string } | null = options.signedIn ? { clerk: options.signedIn, since: new Date(now()).toISOString() } : null;
  if (!signedIn && options.required && options.osAccount) {
    const mapped = stored().find((clerk) => clerk.osAccount !== null && clerk.osAccount === options.osAccount);
    if (mapped) {
      signedIn = { clerk: publicClerk(mapped), since: new Date(now()).toISOString() };
      options.audit?.('clerk.sign-in', signedIn.clerk);
      log.info('clerk signed in by computer account');
    }
  }

  const status = (): ClerkStatus => ({
    required: options.required,
    signedIn: signedIn?.clerk ?? null,
    ...(signedIn ? { since: signedIn.since } : {}),
    clerks: stored()
      .map(publicClerk)
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  });
  const changed = (): ClerkStatus => {
    const current = status();
    options.onChange?.(current);
    return current;
  };

  const lockoutOf = (code: string): Lockout => settings.get(CLERK_LOCKOUTS_SETTING)[code.toUpperCase()] ?? NO_LOCKOUT;
  const storeLockout = (code: string, lockout: Lockout): void => {
    const all = { ...settings.get(CLERK_LOCKOUTS_SETTING) };
    if (lockout.failures === 0 && lockout.lockouts === 0 && lockout.lockedUntil === null) delete all[code.toUpperCase()];
    else all[code.toUpperCase()] = lockout;
    settings.set(CLERK_LOCKOUTS_SETTING, all);
  };
  const refusalDetail = (lockout: Lockout): ClerkRefusalDetail => ({
    attemptsLeft: attemptsLeft(lockout, CLERK_MAX_ATTEMPTS),
    ...(lockout.lockedUntil ? { lockedUntil: lockout.lockedUntil } : {}),
  });

  return {
    status,

    signIn: (code, pin) =>
      serially(async () => {
        const clerk = stored().find((candidate) => sameCode(candidate.code, code.trim()));
        if (!clerk) throw new AppError('CLERK_NOT_FOUND', 'No clerk has this code at this desk');
        const attempt = await attemptPin(pin, clerk.pin, lockoutOf(clerk.code), { now: now(), maxAttempts: CLERK_MAX_ATTEMPTS });
        storeLockout(clerk.code, attempt.after);
        if (attempt.outcome === 'wrong') throw new AppError('CLERK_PIN_WRONG', 'The PIN is wrong', refusalDetail(attempt.after));
        if (attempt.outcome !== 'right') {
          if (attempt.outcome === 'locks-out') log.warn('clerk locked out after wrong PINs', { until: attempt.after.lockedUntil });
          throw new AppError('CLERK_LOCKED_OUT', `Too many wrong PINs: locked until ${attempt.after.lockedUntil}`, refusalDetail(attempt.after));
        }
        if (signedIn) options.audit?.('clerk.sign-out', signedIn.clerk);
        signedIn = { clerk: publicClerk(clerk), since: new Date(now()).toISOString() };
        options.audit?.('clerk.sign-in', signedIn.clerk);
        return changed();
      }),

    signOut(reason = 'switch') {
      if (!signedIn) return status();
      options.audit?.('clerk.sign-out', signedIn.clerk, reason);
      signedIn = null;
      return changed();
    },

    settingsView: () => ({ clerks: stored().map((clerk) => ({ ...publicClerk(clerk), osAccount: clerk.osAccount })) }),

    async setSettings(raw) {
      const parsed = ClerkSettingsInputSchema.safeParse(raw);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
        throw new AppError('BAD_INPUT', `Invalid clerk list: ${issues[0]?.path.join('.')}: ${issues[0]?.message}`, issues);
      }
      const before = stored();
      const missingPin = parsed.data.clerks.findIndex((clerk) => clerk.pin === undefined && !before.some((old) => sameCode(old.code, clerk.code)));
      if (missingPin >= 0) {
        throw new AppError('BAD_INPUT', `Invalid clerk list: clerks.${missingPin}.pin: a new clerk needs a PIN`, [
          { path: ['clerks', String(missingPin), 'pin'], message: 'a new clerk needs a PIN' },
        ]);
      }
      const next: StoredClerk[] = [];
      for (const clerk of parsed.data.clerks) {
        const old = before.find((candidate) => sameCode(candidate.code, clerk.code));
        const pin = clerk.pin === undefined ? old!.pin : await hashPin(clerk.pin, cost);
        next.push({ code: clerk.code, name: clerk.name, osAccount: clerk.osAccount, pin });
        if (clerk.pin !== undefined) storeLockout(clerk.code, NO_LOCKOUT);
      }
      settings.set(CLERKS_SETTING, next);
      log.info('clerk list saved', { clerks: next.length });
      // A clerk removed or renamed while signed in: the desk follows the list.
      if (signedIn && !options.signedIn) {
        const still = next.find((clerk) => sameCode(clerk.code, signedIn!.clerk.code));
        signedIn = still ? { ...signedIn, clerk: publicClerk(still) } : null;
      }
      changed();
      return { clerks: next.map((clerk) => ({ ...publicClerk(clerk), osAccount: clerk.osAccount })) };
    },

    signedIn: () => signedIn?.clerk,

    current: () => (signedIn ? clerkLabel(signedIn.clerk) : undefined),

    refusal() {
      if (!options.required || signedIn) return undefined;
      return new AppError('CLERK_SIGNED_OUT', 'Sign in at the desk first');
    },
  };
}
