/**
 * The chip ID card in the API contract: how the clerk opens it (an access key),
 * what a read reports while it runs, and what it returns. Personal data travels
 * only in `CardReadResult`; events carry none.
 */
import { z } from 'zod';
import { ApiErrorSchema } from './errors.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const MrzDate = z.string().regex(/^\d{6}$/, 'YYMMDD');

/** What opens the chip: the 12-digit ID (PACE-CAN, then BAC), the 6-digit CAN, or the MRZ fields. */
export const ChipAccessKeySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('cccd-id'),
    id: z.string().regex(/^\d{12}$/, 'the ID number has 12 digits'),
    /** Lets BAC work when PACE is refused: with the issue date the expiry is known, without it candidates are tried. */
    dateOfBirth: IsoDate.optional(),
    dateOfIssue: IsoDate.optional(),
  }),
  z.object({ kind: z.literal('can'), can: z.string().regex(/^\d{6}$/, 'the CAN has 6 digits') }),
  z.object({
    kind: z.literal('mrz'),
    documentNumber: z.string().regex(/^[0-9A-Z<]{1,22}$/),
    dateOfBirth: MrzDate,
    dateOfExpiry: MrzDate,
  }),
]);
export type ChipAccessKey = z.infer<typeof ChipAccessKeySchema>;

/**
 * What the clerk may pass to `card.read`: a chip key, or `last-scan`, the ID
 * number of the CCCD QR scanned in the last few minutes (the services resolve
 * it to a `cccd-id` key; the device host never sees it).
 */
export const CardAccessKeySchema = z.discriminatedUnion('kind', [
  ...ChipAccessKeySchema.options,
  z.object({ kind: z.literal('last-scan') }),
]);
export type CardAccessKey = z.infer<typeof CardAccessKeySchema>;

export const CardReadInputSchema = z.object({
  /** Which reader; the one holding a card when omitted. */
  reader: z.string().min(1).optional(),
  key: CardAccessKeySchema,
  /** Skip DG2 when only the text is needed (faster). */
  photo: z.boolean().default(true),
});
export type CardReadInput = z.input<typeof CardReadInputSchema>;

export const CARD_FILES = ['EF.CardAccess', 'EF.COM', 'DG1', 'DG2', 'DG13', 'DG14', 'DG15', 'EF.SOD'] as const;
export const CardFileSchema = z.enum(CARD_FILES);
export type CardFile = z.infer<typeof CardFileSchema>;

export const CardReadStepSchema = z.enum(['connecting', 'authenticating', 'reading', 'verifying']);
export type CardReadStep = z.infer<typeof CardReadStepSchema>;

export const CardProgressSchema = z.object({
  reader: z.string(),
  step: CardReadStepSchema,
  file: CardFileSchema.optional(),
  bytesRead: z.number().int().nonnegative().optional(),
  totalBytes: z.number().int().nonnegative().optional(),
});
export type CardProgress = z.infer<typeof CardProgressSchema>;

export const CardInsertedSchema = z.object({ reader: z.string(), atr: z.string() });
export type CardInserted = z.infer<typeof CardInsertedSchema>;

export const SexSchema = z.enum(['male', 'female', 'unspecified']);

/** The holder as the chip states it: DG13 (Vietnamese, with diacritics) first, DG1 where DG13 is silent. */
export const CardHolderSchema = z.object({
  idNumber: z.string().optional(),
  fullName: z.string().optional(),
  dateOfBirth: z.string().optional(),
  sex: SexSchema.optional(),
  nationality: z.string().optional(),
  ethnicity: z.string().optional(),
  religion: z.string().optional(),
  /** Quê quán on 2021 cards; possibly the birth-registration place on 2024 cards. */
  placeOfOrigin: z.string().optional(),
  placeOfResidence: z.string().optional(),
  identifyingMarks: z.string().optional(),
  dateOfIssue: z.string().optional(),
  dateOfExpiry: z.string().optional(),
  fatherName: z.string().optional(),
  motherName: z.string().optional(),
  spouseName: z.string().optional(),
  oldIdNumber: z.string().optional(),
});
export type CardHolder = z.infer<typeof CardHolderSchema>;

export const CardMrzSchema = z.object({
  documentCode: z.string(),
  issuingState: z.string(),
  documentNumber: z.string(),
  optionalData: z.string(),
  dateOfBirth: z.string(),
  sex: z.string(),
  dateOfExpiry: z.string(),
  nationality: z.string(),
  name: z.string(),
  checkDigitsValid: z.boolean(),
});

export const CardPhotoSchema = z.object({
  /** What the renderer shows: JPEG as read, JPEG 2000 converted to PNG. */
  dataUrl: z.string().regex(/^data:image\/(jpeg|png);base64,/),
  sourceFormat: z.enum(['jpeg', 'jpeg2000']),
  sourceBytes: z.number().int().nonnegative(),
  width: z.number().int().nonnegative().optional(),
  height: z.number().int().nonnegative().optional(),
});

export const PassiveAuthStatusSchema = z.enum(['valid', 'invalid', 'chain-unknown', 'not-checked']);
/** Why passive authentication stopped at EF.SOD: absent, present but empty, unparseable, or hashed with an algorithm not supported. */
export const PassiveAuthReasonSchema = z.enum(['sod-missing', 'sod-empty', 'sod-malformed', 'sod-unsupported-hash']);
export type PassiveAuthReason = z.infer<typeof PassiveAuthReasonSchema>;
export const ChipCheckStatusSchema = z.enum(['passed', 'failed', 'not-supported', 'not-run', 'error']);

export const CardVerificationSchema = z.object({
  passive: z.object({ status: PassiveAuthStatusSchema, reason: PassiveAuthReasonSchema.optional(), detail: z.string() }),
  active: z.object({ status: ChipCheckStatusSchema, detail: z.string().optional() }),
  chip: z.object({ status: ChipCheckStatusSchema, detail: z.string().optional() }),
});
export type CardVerification = z.infer<typeof CardVerificationSchema>;

export const CardWarningSchema = z.object({
  code: z.string(),
  field: z.string().optional(),
  message: z.string(),
});
export type CardWarning = z.infer<typeof CardWarningSchema>;

export const CardAccessInfoSchema = z.object({
  protocol: z.enum(['PACE-CAN', 'PACE-MRZ', 'BAC']),
  cardAccessSource: z.enum(['card', 'known-cccd', 'none']),
});

export const CardReadTimingSchema = z.object({
  totalMs: z.number().nonnegative(),
  apdus: z.number().int().nonnegative(),
  files: z.array(z.object({ file: CardFileSchema, bytes: z.number().int().nonnegative(), ms: z.number().nonnegative() })),
});

export const CardReadResultSchema = z.object({
  reader: z.string(),
  atr: z.string(),
  access: CardAccessInfoSchema,
  holder: CardHolderSchema,
  mrz: CardMrzSchema.optional(),
  /** DG13 fields this version does not name, by field number, as hex. */
  otherFields: z.record(z.string(), z.string()),
  photo: CardPhotoSchema.optional(),
  verification: CardVerificationSchema,
  warnings: z.array(CardWarningSchema),
  timing: CardReadTimingSchema,
});
export type CardReadResult = z.infer<typeof CardReadResultSchema>;

/** Sent after every read, whoever asked for it; `result` carries personal data, so only the app listens. */
export const CardResultEventSchema = z.discriminatedUnion('ok', [
  z.object({ reader: z.string(), ok: z.literal(true), result: CardReadResultSchema }),
  z.object({ reader: z.string(), ok: z.literal(false), error: ApiErrorSchema }),
]);
export type CardResultEvent = z.infer<typeof CardResultEventSchema>;
