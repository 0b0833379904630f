/**
 * The admin PIN and admin sessions (see domain/admin-api.ts for the rules the
 * API exposes). The PIN hash and the lockout state live in the settings table,
 * so a restart neither forgets the PIN nor resets a lockout. Sessions live in
 * memory, one per caller (a window's WebContents, a WebSocket): a restart locks.
 */
import {
  ADMIN_MAX_ATTEMPTS,
  ADMIN_SESSION_MINUTES,
  type AdminRefusalDetail,
  type AdminStatus,
} from '../../domain/admin-api.ts';
import { AppError } from '../../domain/errors.ts';
import type { Logger } from '../log.ts';
import type { SettingDefinition, SettingsRepository } from '../settings/settings-repository.ts';
import { DEFAULT_SCRYPT_COST, hashPin, PinHashSchema, type ScryptCost } from './pin-hash.ts';
import { attemptPin, attemptsLeft, currentLockout, LockoutSchema, NO_LOCKOUT, oneAtATime, type Lockout } from './pin-lockout.ts';

export { LOCKOUT_STEPS_MS } from './pin-lockout.ts';

const PinSettingSchema = PinHashSchema.nullable();

/** Not under `settings.*.get`: no API method returns these. Diagnostics exports leave out every `admin.` key. */
export const ADMIN_PIN_SETTING: SettingDefinition<typeof PinSettingSchema> = { key: 'admin.pin', schema: PinSettingSchema, defaults: null };
export const ADMIN_LOCKOUT_SETTING: SettingDefinition<typeof LockoutSchema> = {
  key: 'admin.lockout',
  schema: LockoutSchema,
  defaults: NO_LOCKOUT,
};

/** Who is calling: any object that lives as long as the connection (see Caller in api-router.ts). */
export type AdminCaller = object;

export interface AdminServiceOptions {
  settings: SettingsRepository;
  log: Logger;
  now?: () => number;
  cost?: ScryptCost;
  sessionMs?: number;
}

export interface AdminService {
  status(caller: AdminCaller): AdminStatus;
  /** The first PIN (no current PIN needed), or a change (the current PIN is checked like an unlock). Unlocks the caller. */
  setPin(caller: AdminCaller, input: { pin: string; currentPin?: string | undefined }): Promise<AdminStatus>;
  unlock(caller: AdminCaller, pin: string): Promise<AdminStatus>;
  lock(caller: AdminCaller): AdminStatus;
  /**
   * A forgotten PIN: forgets the PIN and any lockout and ends every session, so
   * the next opening asks IT to set a new one. Only from the machine itself
   * (`tiepdon admin reset-pin`, or the desktop app started with --reset-admin-pin), never over the API.
   */
  resetPin(): void;
  /** For the router: the error to answer instead of running an admin method, or undefined to let it run. */
  refusal(caller: AdminCaller): AppError | undefined;
}

export function createAdminService(options: AdminServiceOptions): AdminService {
  const { settings, log } = options;
  const now = options.now ?? Date.now;
  const sessionMs = options.sessionMs ?? ADMIN_SESSION_MINUTES * 60_000;
  const cost = options.cost ?? DEFAULT_SCRYPT_COST;
  const sessions = new WeakMap<AdminCaller, number>();
  // Sessions opened before a reset are void: a WeakMap cannot be cleared, so each remembers its generation.
  let generation = 0;
  const sessionGeneration = new WeakMap<AdminCaller, number>();
  const serially = oneAtATime();

  const pinHash = () => settings.get(ADMIN_PIN_SETTING);

  /** The stored lockout, with an expired lock cleared. */
  const lockout = (): Lockout => currentLockout(settings.get(ADMIN_LOCKOUT_SETTING), now());

  const sessionExpiry = (caller: AdminCaller): number | undefined => {
    const expiry = sessions.get(caller);
    if (expiry === undefined) return undefined;
    if (expiry <= now() || sessionGeneration.get(caller) !== generation) {
      sessions.delete(caller);
      return undefined;
    }
    return expiry;
  };

  const status = (caller: AdminCaller): AdminStatus => {
    const pinSet = pinHash() !== null;
    const state = lockout();
    const expiry = pinSet ? sessionExpiry(caller) : undefined;
    return {
      pinSet,
      unlocked: !pinSet || expiry !== undefined,
      attemptsLeft: attemptsLeft(state, ADMIN_MAX_ATTEMPTS),
      ...(state.lockedUntil ? { lockedUntil: state.lockedUntil } : {}),
      ...(expiry !== undefined ? { sessionExpiresAt: new Date(expiry).toISOString() } : {}),
    };
  };

  const refusalDetail = (state: Lockout): AdminRefusalDetail => ({
    attemptsLeft: attemptsLeft(state, ADMIN_MAX_ATTEMPTS),
    ...(state.lockedUntil ? { lockedUntil: state.lockedUntil } : {}),
  });

  const lockedOutError = (state: Lockout) =>
    new AppError('ADMIN_LOCKED_OUT', `Too many wrong PINs: locked until ${state.lockedUntil}`, refusalDetail(state));

  /** Checks a PIN against the stored hash, counting failures and locking out after too many. */
  const checkPin = async (pin: string): Promise<void> => {
    const stored = pinHash();
    if (stored === null) throw new AppError('ADMIN_PIN_NOT_SET', 'No admin PIN has been set yet');
    const attempt = await attemptPin(pin, stored, settings.get(ADMIN_LOCKOUT_SETTING), { now: now(), maxAttempts: ADMIN_MAX_ATTEMPTS });
    settings.set(ADMIN_LOCKOUT_SETTING, attempt.after);
    if (attempt.outcome === 'right') return;
    if (attempt.outcome === 'wrong') {
      log.warn('admin PIN wrong', { attemptsLeft: attemptsLeft(attempt.after, ADMIN_MAX_ATTEMPTS) });
      throw new AppError('ADMIN_PIN_WRONG', 'The admin PIN is wrong', refusalDetail(attempt.after));
    }
    if (attempt.outcome === 'locks-out') log.warn('admin locked out after wrong PINs', { until: attempt.after.lockedUntil, lockouts: attempt.after.lockouts });
    throw lockedOutError(attempt.after);
  };

  const openSession = (caller: AdminCaller): void => {
    sessions.set(caller, now() + sessionMs);
    sessionGeneration.set(caller, generation);
  };

  return {
    status,

    setPin: (caller, input) =>
      serially(async () => {
        if (pinHash() !== null) {
          if (input.currentPin === undefined) throw new AppError('ADMIN_LOCKED', 'Changing the admin PIN needs the current PIN');
          await checkPin(input.currentPin);
        }
        settings.set(ADMIN_PIN_SETTING, await hashPin(input.pin, cost));
        settings.set(ADMIN_LOCKOUT_SETTING, ADMIN_LOCKOUT_SETTING.defaults);
        openSession(caller);
        log.info('admin PIN set');
        return status(caller);
      }),

    unlock: (caller, pin) =>
      serially(async () => {
        await checkPin(pin);
        openSession(caller);
        log.info('admin unlocked');
        return status(caller);
      }),

    lock(caller) {
      sessions.delete(caller);
      return status(caller);
    },

    resetPin() {
      settings.set(ADMIN_PIN_SETTING, null);
      settings.set(ADMIN_LOCKOUT_SETTING, ADMIN_LOCKOUT_SETTING.defaults);
      generation += 1;
      log.warn('admin PIN reset from this computer; the next opening of the settings sets a new one');
    },

    refusal(caller) {
      if (pinHash() === null) return undefined;
      if (sessionExpiry(caller) === undefined) return new AppError('ADMIN_LOCKED', 'This needs the admin PIN: unlock the settings first');
      openSession(caller);
      return undefined;
    },
  };
}
