import { z } from 'zod';

/**
 * Every failure the API can report. The renderer maps each code to clerk-facing
 * text (renderer/src/i18n) that says what to do next.
 */
export const ERROR_CODES = [
  // contract and transport
  'UNKNOWN_METHOD',
  'BAD_INPUT',
  'BAD_OUTPUT',
  'INTERNAL',
  'UNAUTHORISED',
  'TRANSPORT_CLOSED',
  'TIMEOUT',
  // storage
  'DB_NOT_READY',
  'DB_FROM_FUTURE',
  // patients
  'PATIENT_DUPLICATE',
  'PATIENT_NOT_FOUND',
  // check-in
  'VISIT_NOT_FOUND',
  'CLINIC_NOT_FOUND',
  'QUEUE_NUMBER_UNAVAILABLE',
  'PRINT_SILENT_UNAVAILABLE',
  'PRINT_FAILED',
  'XML0_INCOMPLETE',
  // payment
  'PAYMENT_NOT_FOUND',
  'PAYMENT_NOT_NEEDED',
  'PAYMENT_NOT_CONFIGURED',
  'PAYMENT_SETTLED',
  'PAYMENT_NOT_ALLOWED',
  'PAYMENT_NOT_PAID',
  'PAYMENT_CONFIRMED_BY_HIS',
  // devices
  'DEVICES_RESTARTING',
  'DEVICES_UNAVAILABLE',
  'PCSC_UNAVAILABLE',
  'READER_NOT_FOUND',
  'CARD_ABSENT',
  'CARD_REMOVED',
  'CARD_BUSY',
  'ACCESS_DENIED',
  'CARD_READ_FAILED',
  'CARD_UNSUPPORTED',
  // scanning
  'QR_UNRECOGNISED',
  // remote systems
  'HIS_UNAVAILABLE',
  'INSURANCE_UNAVAILABLE',
  'INSURANCE_CONFIG',
  'INSURANCE_NO_CARD',
  // administration and secrets
  'ADMIN_LOCKED',
  'ADMIN_PIN_NOT_SET',
  'ADMIN_PIN_WRONG',
  'ADMIN_LOCKED_OUT',
  'CLERK_SIGNED_OUT',
  'CLERK_NOT_FOUND',
  'CLERK_PIN_WRONG',
  'CLERK_LOCKED_OUT',
  'SECRETS_UNAVAILABLE',
  // demo mode
  'DEMO_MODE_OFF',
  /** The demo switch is the real station's: a demo run cannot change it (see services/demo/demo-api-handlers.ts). */
  'DEMO_SWITCH_REAL_APP_ONLY',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  detail: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Thrown by handlers and services when the failure has a known meaning. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: unknown;

  constructor(code: ErrorCode, message: string, detail?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
  }

  toApiError(): ApiError {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
