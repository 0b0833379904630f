/**
 * The payment API's shapes: the desk's payment settings (bank account, fees
 * per visit type, what the clerk may confirm), and a visit's payment from the
 * VietQR on screen to paid (by the HIS's word, the clerk's, or cash) or cancelled;
 * a payment the clerk confirmed by mistake reversed, and taken again.
 */
import { z } from 'zod';
import { VisitTypeSchema, type VisitType } from './checkin/index.ts';
import { findBankByBin } from './payment/banks.ts';
import { ACCOUNT_NUMBER, BANK_BIN, MAX_AMOUNT_VND } from './payment/rules.ts';
import { VisitRecordIdSchema } from './visit-api.ts';

export const PAYMENT_METHODS = ['vietqr', 'cash'] as const;
export const PaymentMethodSchema = z.enum(PAYMENT_METHODS);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

/** reversed: paid by the clerk's word, then undone by a correction; the row is kept and a new waiting one follows. */
export const PAYMENT_STATUSES = ['waiting', 'paid', 'cancelled', 'reversed'] as const;
export const PaymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

/** Who said the money arrived: the HIS (the bank's record), or the clerk. */
export const PAYMENT_CONFIRMATIONS = ['his', 'clerk'] as const;
export const PaymentConfirmationSchema = z.enum(PAYMENT_CONFIRMATIONS);
export type PaymentConfirmation = z.infer<typeof PaymentConfirmationSchema>;

/** Whole dong: VND has no minor unit. */
export const AmountVndSchema = z.int().min(0).max(MAX_AMOUNT_VND);

/** Receipt (biên lai) numbers as the cashier's book or the HIS writes them. */
export const ReceiptNumberSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z./-]{1,40}$/, '1 to 40 letters, digits, ".", "/" or "-"');

export const PaymentFeesSchema = z.object({
  bhyt: AmountVndSchema.default(0),
  'fee-paying': AmountVndSchema.default(0),
  'on-demand': AmountVndSchema.default(0),
}) satisfies z.ZodType<Record<VisitType, number>>;
export type PaymentFees = z.infer<typeof PaymentFeesSchema>;

/**
 * Where fees are paid and how. The account name is what the bank shows the
 * payer: upper-case letters without diacritics, as on the account.
 */
export const PaymentSettingsSchema = z.object({
  bankBin: z
    .string()
    .regex(BANK_BIN.pattern, BANK_BIN.expected)
    .refine((bin) => findBankByBin(bin) !== null, 'a bank in the NAPAS list')
    .nullable()
    .default(null),
  accountNumber: z.string().trim().regex(ACCOUNT_NUMBER.pattern, ACCOUNT_NUMBER.expected).nullable().default(null),
  accountName: z
    .string()
    .trim()
    .regex(/^[A-Z0-9 .,&()-]{0,50}$/, 'up to 50 upper-case letters without diacritics, digits and spaces')
    .default(''),
  /** The fee per visit type until the HIS fee schedule provides it. */
  fees: PaymentFeesSchema.default({ bhyt: 0, 'fee-paying': 0, 'on-demand': 0 }),
  /** The clerk may mark a VietQR payment received (seen on the hospital's account) without the HIS. */
  allowManualConfirm: z.boolean().default(true),
  /** The clerk may take cash instead. */
  allowCash: z.boolean().default(true),
});
export type PaymentSettings = z.infer<typeof PaymentSettingsSchema>;

export const DEFAULT_PAYMENT_SETTINGS: PaymentSettings = {
  bankBin: null,
  accountNumber: null,
  accountName: '',
  fees: { bhyt: 0, 'fee-paying': 0, 'on-demand': 0 },
  allowManualConfirm: true,
  allowCash: true,
};

export const PaymentBankSchema = z.object({ bin: z.string(), shortName: z.string(), name: z.string() });

/** What the QR on screen carries, and what to show beside it. */
export const PaymentQrSchema = z.object({
  payload: z.string(),
  bank: PaymentBankSchema,
  accountNumber: z.string(),
  accountName: z.string(),
  purpose: z.string(),
});
export type PaymentQr = z.infer<typeof PaymentQrSchema>;

export const PaymentViewSchema = z.object({
  id: z.number().int().positive(),
  visitId: VisitRecordIdSchema,
  visitType: VisitTypeSchema,
  /** The visit reference the transfer purpose carries, e.g. "TD A12 20260302". */
  reference: z.string(),
  amount: AmountVndSchema,
  /** vietqr until the clerk takes cash. */
  method: PaymentMethodSchema,
  status: PaymentStatusSchema,
  /** Null when no bank account is set: cash only. */
  qr: PaymentQrSchema.nullable(),
  confirmation: PaymentConfirmationSchema.nullable(),
  receiptNumber: z.string().nullable(),
  /** The clerk who confirmed or cancelled, or "his". */
  confirmedBy: z.string().nullable(),
  /** What this desk's settings let the clerk do while it waits. */
  canConfirmByHand: z.boolean(),
  canTakeCash: z.boolean(),
  desk: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  paidAt: z.iso.datetime().nullable(),
  cancelledAt: z.iso.datetime().nullable(),
});
export type PaymentView = z.infer<typeof PaymentViewSchema>;

export const PaymentVisitInputSchema = z.object({ visitId: VisitRecordIdSchema }).strict();
export type PaymentVisitInput = z.infer<typeof PaymentVisitInputSchema>;

export const PaymentConfirmInputSchema = z
  .object({ visitId: VisitRecordIdSchema, method: PaymentMethodSchema, receiptNumber: ReceiptNumberSchema })
  .strict();
export type PaymentConfirmInput = z.infer<typeof PaymentConfirmInputSchema>;

export const PaymentCancelInputSchema = z
  .object({ visitId: VisitRecordIdSchema, reason: z.string().trim().max(200).optional() })
  .strict();
export type PaymentCancelInput = z.infer<typeof PaymentCancelInputSchema>;

/** Why a payment the clerk confirmed is taken back: required, kept out of the logs and the audit (free text). */
export const PaymentReopenInputSchema = z
  .object({ visitId: VisitRecordIdSchema, reason: z.string().trim().min(1).max(200) })
  .strict();
export type PaymentReopenInput = z.infer<typeof PaymentReopenInputSchema>;
