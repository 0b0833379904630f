/**
 * The insurance API's shapes: running a card check for a patient or visit, the
 * latest check of a visit, the gateway settings (the password is write-only),
 * the login test, and the event that says a result has landed.
 */
import { z } from 'zod';
import { BirthDateSchema, PatientIdSchema } from './patient.ts';
import { VisitRecordIdSchema } from './visit-api.ts';
import { InsuranceCheckResultSchema } from './insurance/check-result.ts';
import { CLERK_ACTIONS, INSURANCE_OUTCOMES } from './insurance/result-codes.ts';
import { normaliseField } from './identity/text.ts';
import { isSafeForSecrets } from './web-address.ts';

export const InsuranceCheckIdSchema = z.number().int().positive();

/** A card code as typed or scanned: 15 characters, or the 10-digit BHXH number, or a 12-digit CCCD number. */
export const InsuranceCardCodeSchema = z
  .string()
  .transform((text) => text.replace(/[\s\-–.]/g, '').toUpperCase())
  .pipe(z.string().regex(/^([A-Z]{2}[1-5]\d{12}|\d{10}|\d{12})$/, 'a 15-character card code, a 10-digit BHXH number or a 12-digit CCCD number'));

export const InsuranceCheckInputSchema = z.object({
  patientId: PatientIdSchema,
  visitId: VisitRecordIdSchema.optional(),
  /** The card to check; by default the patient's BHXH number, then the CCCD number. */
  cardCode: InsuranceCardCodeSchema.optional(),
  /** Corrections for a retry after 060/061/070; the patient record is not changed. */
  fullName: z.string().transform(normaliseField).pipe(z.string().min(1).max(120)).optional(),
  birthDate: BirthDateSchema.optional(),
});
export type InsuranceCheckInput = z.output<typeof InsuranceCheckInputSchema>;

/**
 * running: being asked now; to-verify: the gateway could not be reached, retried in the background;
 * needs-review: a person must look; superseded: a newer check of the same visit replaced it before it landed.
 */
export const INSURANCE_CHECK_STATUSES = ['running', 'to-verify', 'done', 'needs-review', 'superseded'] as const;
export const InsuranceCheckStatusSchema = z.enum(INSURANCE_CHECK_STATUSES);
export type InsuranceCheckStatus = z.infer<typeof InsuranceCheckStatusSchema>;

/**
 * Why the last attempt did not reach a result (never personal data). insecure-address: a plain http:// address
 * to another computer, kept from before https was required, is not used.
 */
export const INSURANCE_FAILURES = ['timeout', 'network', 'http-error', 'malformed', 'gateway-busy', 'login-refused', 'not-configured', 'insecure-address'] as const;
export const InsuranceFailureSchema = z.enum(INSURANCE_FAILURES);
export type InsuranceFailure = z.infer<typeof InsuranceFailureSchema>;

export const InsuranceCheckViewSchema = z.object({
  id: InsuranceCheckIdSchema,
  patientId: PatientIdSchema,
  visitId: VisitRecordIdSchema.nullable(),
  status: InsuranceCheckStatusSchema,
  /** Present once the gateway answered. */
  result: InsuranceCheckResultSchema.nullable(),
  attempts: z.number().int().nonnegative(),
  /** When the background retry runs next (to-verify only). */
  nextAttemptAt: z.iso.datetime().nullable(),
  lastFailure: InsuranceFailureSchema.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type InsuranceCheckView = z.infer<typeof InsuranceCheckViewSchema>;

export const InsuranceForVisitInputSchema = z.object({ visitId: VisitRecordIdSchema });
export const InsuranceForPatientInputSchema = z.object({ patientId: PatientIdSchema });
export const InsuranceCheckOrNoneSchema = InsuranceCheckViewSchema.nullable();

/** The event when a result lands: ids and the outcome, no names. */
export const InsuranceResultEventSchema = z.object({
  checkId: InsuranceCheckIdSchema,
  patientId: PatientIdSchema,
  visitId: VisitRecordIdSchema.nullable(),
  status: InsuranceCheckStatusSchema,
  code: z.string().nullable(),
  outcome: z.enum(INSURANCE_OUTCOMES).nullable(),
  action: z.enum(CLERK_ACTIONS).nullable(),
});
export type InsuranceResultEvent = z.infer<typeof InsuranceResultEventSchema>;

// ---- settings ----

const Timeout = z.number().int().min(500).max(120_000);

export const InsuranceTimeoutsSchema = z.object({
  loginMs: Timeout.default(10_000),
  checkMs: Timeout.default(15_000),
});

const GatewayBaseUrl = z.union([z.literal(''), z.url({ protocol: /^https?$/ })]);

/** The fields IT edits, shared by get and set. */
const InsuranceSettingsFields = {
  /**
   * e.g. https://egw.baohiemxahoi.gov.vn (training: https://daotaoegw.baohiemxahoi.gov.vn); empty when not set up. Stored and
   * shown as saved: an http:// address kept from before https was required is refused when connecting (insecure-address).
   */
  baseUrl: GatewayBaseUrl.default(''),
  /** The facility account: 5-digit facility code + "_BV". */
  username: z.string().trim().max(64).default(''),
  /** The looking-up staff member, who must be on the facility's registered list (else 054/055). */
  staffName: z.string().transform(normaliseField).pipe(z.string().max(120)).default(''),
  staffCccd: z.union([z.literal(''), z.string().regex(/^\d{12}$/, 'the CCCD number has 12 digits')]).default(''),
  timeouts: InsuranceTimeoutsSchema.default({ loginMs: 10_000, checkMs: 15_000 }),
  /** Look up by CCCD number when no card number is known. */
  cccdLookup: z.boolean().default(true),
  /** Ask for the co-payment exemption (MCCT) after a valid card. */
  exemptionLookup: z.boolean().default(true),
};

/** What is stored in the settings table; the password's MD5 is kept with the other secrets. */
export const InsuranceSettingsSchema = z.object(InsuranceSettingsFields);
export type InsuranceSettings = z.output<typeof InsuranceSettingsSchema>;

export const InsuranceSettingsViewSchema = z.object({
  ...InsuranceSettingsFields,
  /** Whether a password is stored; the password itself never leaves the services. */
  passwordSet: z.boolean(),
});
export type InsuranceSettingsView = z.output<typeof InsuranceSettingsViewSchema>;

export const InsuranceSettingsInputSchema = z.object({
  ...InsuranceSettingsFields,
  /** The gateway takes the token and the password's MD5 in the query string: https://, or http:// to this computer only (tests, simulators). */
  baseUrl: GatewayBaseUrl.refine(isSafeForSecrets, { message: 'an https:// address (http:// only to this computer)', params: { rule: 'https_required' } }).default(''),
  /** A new password; absent keeps the stored one, an empty string removes it. */
  password: z.string().max(128).optional(),
});
export type InsuranceSettingsInput = z.output<typeof InsuranceSettingsInputSchema>;

/** The settings as typed in the form, tested without being saved (a blank password is the stored one); none: the stored settings. */
export const InsuranceTestInputSchema = z.object({ settings: InsuranceSettingsInputSchema.optional() }).strict();

export const InsuranceTestResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), tokenLifetimeS: z.number().int().nonnegative() }),
  z.object({
    ok: z.literal(false),
    reason: InsuranceFailureSchema,
    /** The gateway's login code (401, 402, 403…) when it answered. */
    code: z.string().nullable(),
  }),
]);
export type InsuranceTestResult = z.infer<typeof InsuranceTestResultSchema>;
