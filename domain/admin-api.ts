/**
 * The admin PIN that guards the settings panel, as API shapes.
 *
 * Which methods need an unlocked admin session (see requiresAdmin):
 * - by naming convention, every `settings.<area>.set` method;
 * - any method whose spec in domain/api.ts says `admin: true`.
 * A caller unlocks with `admin.unlock` (or by setting the first PIN) and stays
 * unlocked for ADMIN_SESSION_MINUTES after its last admin call, or until
 * `admin.lock`. The session belongs to one connection (one window, one socket).
 * Until IT sets the first PIN, nothing is locked.
 */
import { z } from 'zod';

export const ADMIN_PIN_MIN_LENGTH = 6;
export const ADMIN_PIN_MAX_LENGTH = 12;
export const ADMIN_MAX_ATTEMPTS = 5;
export const ADMIN_SESSION_MINUTES = 15;

export const AdminPinSchema = z
  .string()
  .min(ADMIN_PIN_MIN_LENGTH)
  .max(ADMIN_PIN_MAX_LENGTH)
  .regex(/^[0-9]+$/, 'digits only');

export const AdminStatusSchema = z.object({
  /** False until IT sets the first PIN. */
  pinSet: z.boolean(),
  /** This connection may use the admin methods now. */
  unlocked: z.boolean(),
  /** Wrong PINs left before the next lockout. */
  attemptsLeft: z.number().int().nonnegative(),
  /** While locked out after too many wrong PINs: when trying again is allowed. */
  lockedUntil: z.iso.datetime().optional(),
  /** While unlocked: when the session ends unless used. */
  sessionExpiresAt: z.iso.datetime().optional(),
});
export type AdminStatus = z.infer<typeof AdminStatusSchema>;

export const AdminSetPinInputSchema = z
  .object({
    pin: AdminPinSchema,
    /** Required when a PIN is already set. */
    currentPin: z.string().max(64).optional(),
  })
  .strict();

export const AdminUnlockInputSchema = z.object({ pin: z.string().max(64) }).strict();

/** Detail of ADMIN_PIN_WRONG and ADMIN_LOCKED_OUT errors. */
export const AdminRefusalDetailSchema = z.object({
  attemptsLeft: z.number().int().nonnegative(),
  lockedUntil: z.iso.datetime().optional(),
});
export type AdminRefusalDetail = z.infer<typeof AdminRefusalDetailSchema>;

const SETTINGS_SETTER = /^settings\.[A-Za-z0-9]+\.set$/;

/** Whether a method needs an unlocked admin session: `settings.*.set`, or `admin: true` in its spec. */
export function requiresAdmin(method: string, spec: object | undefined): boolean {
  return SETTINGS_SETTER.test(method) || (spec !== undefined && 'admin' in spec && spec.admin === true);
}
