/**
 * The HIS sync API's shapes: where the outbox stands (for the indicator on
 * every screen), the items that need IT's attention (reasons and ids, never
 * personal data), retrying them, the HIS connection settings (secrets are
 * write-only), and cancelling a visit (which the HIS must hear about).
 */
import { z } from 'zod';
import { isSafeForSecrets } from './web-address.ts';

/** Why the HIS did not take an item: short technical codes, safe to log and show, never personal data. */
export const HIS_FAILURE_CODES = [
  'HIS_UNREACHABLE',
  'HIS_CERTIFICATE_UNTRUSTED',
  'HIS_TIMEOUT',
  'HIS_SERVER_ERROR',
  'HIS_RATE_LIMITED',
  'HIS_VERSION_CONFLICT',
  'HIS_REJECTED',
  'HIS_UNAUTHORISED',
  'HIS_NOT_FOUND',
  'HIS_AMBIGUOUS',
  'HIS_MALFORMED_REPLY',
  'HIS_NOT_CONFIGURED',
  'HIS_CREDENTIALS_UNREADABLE',
  'HIS_BAD_PAYLOAD',
  /** A plain http:// address to another computer (kept from before https was required): not used. */
  'HIS_INSECURE_ADDRESS',
] as const;
export type HisFailureCode = (typeof HIS_FAILURE_CODES)[number];

export const SyncStatusSchema = z.object({
  /** Whether a HIS address is set: without one, nothing is sent and nothing is pending for long. */
  configured: z.boolean(),
  /** Items waiting to reach the HIS (including ones being sent now). */
  pending: z.int().nonnegative(),
  /** Items the HIS refused for good: IT must look (settings → HIS). */
  attention: z.int().nonnegative(),
  /** When the HIS last accepted an item. */
  lastSuccessAt: z.iso.datetime().nullable(),
  /** The reason of the latest failed try (a code such as HIS_UNREACHABLE), cleared by a success. */
  lastFailure: z.string().max(40).nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const SyncAttentionItemSchema = z.object({
  id: z.int().positive(),
  /** his.checkin or his.visit-change. */
  kind: z.string().max(40),
  visitId: z.int().positive().nullable(),
  attempts: z.int().nonnegative(),
  /** A code and a short technical message: no personal data. */
  reason: z.string().max(500),
  createdAt: z.iso.datetime(),
  since: z.iso.datetime(),
});
export type SyncAttentionItem = z.infer<typeof SyncAttentionItemSchema>;

export const SyncAttentionInputSchema = z.object({ limit: z.int().min(1).max(500).default(100) });
export const SyncAttentionResultSchema = z.object({ items: z.array(SyncAttentionItemSchema) });
export type SyncAttentionResult = z.infer<typeof SyncAttentionResultSchema>;

/** One item by id, or (no id) every item needing attention. */
export const SyncRetryInputSchema = z.object({ id: z.int().positive().optional() });
export const SyncRetryResultSchema = z.object({ retried: z.int().nonnegative() });

export const HIS_AUTH_KINDS = ['none', 'bearer', 'basic'] as const;
export const HisAuthKindSchema = z.enum(HIS_AUTH_KINDS);

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;

const HisBaseUrl = z
  .string()
  .trim()
  .max(300)
  .refine((url) => url === '' || /^https?:\/\/[^\s]+$/.test(url), { message: 'an http:// or https:// address', params: { rule: 'web_address' } });

const HisSettingsFields = {
  /**
   * The FHIR base URL (https://his.benhvien.vn/fhir); empty: no HIS, the desk works on its own. Stored and shown
   * as saved: an http:// address kept from before https was required is refused when connecting, with its own code.
   */
  baseUrl: HisBaseUrl.default(''),
  authKind: HisAuthKindSchema.default('none'),
  /** For basic auth. */
  user: z.string().trim().max(100).default(''),
  /** The hospital's own CA certificate(s), PEM, for an HIS behind an internal certificate authority. */
  caPem: z
    .string()
    .trim()
    .max(50_000)
    .refine((pem) => pem === '' || PEM.test(pem), 'a PEM certificate (-----BEGIN CERTIFICATE-----)')
    .default(''),
  timeoutMs: z.int().min(1_000).max(120_000).default(15_000),
};

export const HisSettingsSchema = z.object(HisSettingsFields);
export type HisSettings = z.output<typeof HisSettingsSchema>;

export const HisSettingsViewSchema = z.object({
  ...HisSettingsFields,
  /** Whether a bearer token / a password is stored; they never leave the services. */
  tokenSet: z.boolean(),
  passwordSet: z.boolean(),
});
export type HisSettingsView = z.output<typeof HisSettingsViewSchema>;

export const HisSettingsInputSchema = z.object({
  ...HisSettingsFields,
  /** The token or password goes with every call: https://, or http:// to this computer only (tests, simulators). */
  baseUrl: HisBaseUrl.refine(isSafeForSecrets, { message: 'an https:// address (http:// only to this computer)', params: { rule: 'https_required' } }).default(''),
  /** A new token / password: absent keeps the stored one, an empty string removes it. */
  token: z.string().max(4_000).optional(),
  password: z.string().max(200).optional(),
});
export type HisSettingsInput = z.output<typeof HisSettingsInputSchema>;

/** The settings as typed in the form, tested without being saved (a blank secret is the stored one); none: the stored settings. */
export const HisTestInputSchema = z.object({ settings: HisSettingsInputSchema.optional() }).strict();

export const HisTestResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), server: z.string().max(200), fhirVersion: z.string().max(20).nullable(), latencyMs: z.number().nonnegative() }),
  z.object({ ok: z.literal(false), code: z.string().max(40), message: z.string().max(300) }),
]);
export type HisTestResult = z.infer<typeof HisTestResultSchema>;

export const VISIT_CANCEL_REASONS = ['patient-left', 'duplicate', 'wrong-clinic', 'clerk-error', 'other'] as const;
export const VisitCancelInputSchema = z.object({
  visitId: z.int().positive(),
  reasonCode: z.enum(VISIT_CANCEL_REASONS),
});
export type VisitCancelInput = z.output<typeof VisitCancelInputSchema>;

export const VisitCancelResultSchema = z.object({ visitId: z.int().positive(), status: z.literal('cancelled') });
