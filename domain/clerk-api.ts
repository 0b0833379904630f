/**
 * Clerks at the desk, as API shapes.
 *
 * A desk (the desktop app, browser mode) has one signed-in clerk at a time,
 * named by the audit log, the ticket and every decision the clerk records.
 * Clerks sign in with their staff code and PIN, or are signed in at start when
 * their staff record names the computer's account. While nobody is signed in,
 * the methods that touch patient data (see requiresClerk) are refused with
 * CLERK_SIGNED_OUT. The list of clerks is IT's, behind the admin PIN
 * (`settings.clerks.set`); clerk PINs are separate from the admin PIN.
 */
import { z } from 'zod';
import { normaliseField } from './identity/text.ts';

export const CLERK_PIN_MIN_LENGTH = 4;
export const CLERK_PIN_MAX_LENGTH = 12;
export const CLERK_MAX_ATTEMPTS = 5;
export const CLERK_NAME_MAX_LENGTH = 44;

export const ClerkCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,16}$/, 'letters, digits, ".", "_" or "-", up to 16');

const ClerkNameSchema = z
  .string()
  .transform(normaliseField)
  .pipe(z.string().min(1).max(CLERK_NAME_MAX_LENGTH));

export const ClerkPinSchema = z
  .string()
  .min(CLERK_PIN_MIN_LENGTH)
  .max(CLERK_PIN_MAX_LENGTH)
  .regex(/^[0-9]+$/, 'digits only');

/** A computer account name as the operating system spells it. */
const OsAccountSchema = z.string().trim().min(1).max(64);

export const ClerkSchema = z.object({ code: ClerkCodeSchema, name: ClerkNameSchema });
export type Clerk = z.infer<typeof ClerkSchema>;

/** How records name a clerk ("Nguyễn Thị Lan (NV01)"): two clerks may share a name, never a code. */
export function clerkLabel(clerk: Clerk): string {
  return `${clerk.name} (${clerk.code})`;
}

export const ClerkStatusSchema = z.object({
  /** Whether this desk asks for a signed-in clerk (the desk modes do; command-line use does not). */
  required: z.boolean(),
  signedIn: ClerkSchema.nullable(),
  /** When the signed-in clerk signed in. */
  since: z.iso.datetime().optional(),
  /** The clerks who may sign in here, by name. */
  clerks: z.array(ClerkSchema),
});
export type ClerkStatus = z.infer<typeof ClerkStatusSchema>;

export const ClerkSignInInputSchema = z.object({ code: z.string().max(64), pin: z.string().max(64) }).strict();

/** Why the clerk leaves: they switched (Ctrl+L), or the desk was left idle for the configured time. */
export const CLERK_SIGN_OUT_REASONS = ['switch', 'idle'] as const;
export type ClerkSignOutReason = (typeof CLERK_SIGN_OUT_REASONS)[number];
export const ClerkSignOutInputSchema = z.object({ reason: z.enum(CLERK_SIGN_OUT_REASONS).default('switch') }).strict();

/** Detail of CLERK_PIN_WRONG and CLERK_LOCKED_OUT. */
export const ClerkRefusalDetailSchema = z.object({
  attemptsLeft: z.number().int().nonnegative(),
  lockedUntil: z.iso.datetime().optional(),
});
export type ClerkRefusalDetail = z.infer<typeof ClerkRefusalDetailSchema>;

/** The clerk list as IT sees it: never a PIN or its hash. */
export const ClerkSettingsViewSchema = z.object({
  clerks: z.array(ClerkSchema.extend({ osAccount: OsAccountSchema.nullable() })),
});
export type ClerkSettingsView = z.infer<typeof ClerkSettingsViewSchema>;

/**
 * The whole list, as IT saves it: a clerk left out is removed; `pin` sets a new
 * PIN (required for a new clerk), absent keeps the current one.
 */
export const ClerkSettingsInputSchema = z
  .object({
    clerks: z
      .array(
        ClerkSchema.extend({
          osAccount: OsAccountSchema.nullable().default(null),
          pin: ClerkPinSchema.optional(),
        }).strict(),
      )
      .max(500),
  })
  .strict()
  .superRefine((input, context) => {
    const seen = new Set<string>();
    input.clerks.forEach((clerk, index) => {
      const code = clerk.code.toUpperCase();
      if (seen.has(code)) context.addIssue({ code: 'custom', path: ['clerks', index, 'code'], message: 'another clerk has this code' });
      seen.add(code);
    });
  });
export type ClerkSettingsInput = z.input<typeof ClerkSettingsInputSchema>;

/** Methods that read or record patient data: refused while nobody is signed in at a desk that asks for a clerk. */
const CLERK_METHODS = /^(patients|visits|payments)\.|^insurance\.(check|forVisit|forPatient)$|^card\.read$/;

/** Whether a method needs a signed-in clerk; admin methods (IT's, behind the admin PIN) never do. */
export function requiresClerk(method: string, spec: object | undefined): boolean {
  return CLERK_METHODS.test(method) && !(spec !== undefined && 'admin' in spec && spec.admin === true);
}
