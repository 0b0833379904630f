import type { ApiError, ErrorCode } from '../errors.ts';

export const VIETQR_ERROR_CODES = [
  /** The input is not a string. */
  'NOT_TEXT',
  /** A character outside printable ASCII (U+0020–U+007E). */
  'UNSUPPORTED_CHARACTER',
  /** A data object whose ID or length is not two digits, or whose length is 00. */
  'MALFORMED_OBJECT',
  /** A length that runs past the end of the payload or template. */
  'LENGTH_OVERRUN',
  /** The same ID twice in one template. */
  'DUPLICATE_ID',
  'MISSING_FIELD',
  /** A field in the wrong place: ID 00 not first, ID 63 not last. */
  'MISPLACED_FIELD',
  'INVALID_VALUE',
  'CRC_MISMATCH',
] as const;
export type VietQrErrorCode = (typeof VIETQR_ERROR_CODES)[number];

export interface VietQrError {
  readonly code: VietQrErrorCode;
  /** Dotted name of what failed: `amount`, `merchantAccount.beneficiary.bankBin`, `payload`. */
  readonly field: string;
  /** EMVCo ID path such as `38.01.00`, or null when the failure is not tied to one data object. */
  readonly id: string | null;
  /** What a valid value looks like, in words. */
  readonly expected: string;
  /** Character offset in the payload where the problem starts, when parsing. */
  readonly position: number | null;
  readonly message: string;
}

export type VietQrFailure = { ok: false; error: VietQrError };
export type VietQrResult<T> = { ok: true; value: T } | VietQrFailure;

export function vietQrError(
  code: VietQrErrorCode,
  field: string,
  id: string | null,
  expected: string,
  position: number | null = null,
): VietQrError {
  const where = id === null ? field : `${field} (ID ${id})`;
  const at = position === null ? '' : ` at position ${position}`;
  return { code, field, id, expected, position, message: `${code}: ${where}${at}: expected ${expected}` };
}

export function failure(...args: Parameters<typeof vietQrError>): VietQrFailure {
  return { ok: false, error: vietQrError(...args) };
}

/**
 * The API shape of a VietQR failure. A scanned payload that does not parse is
 * QR_UNRECOGNISED; a payment request the encoder refuses is BAD_INPUT.
 */
export function toApiError(error: VietQrError, code: ErrorCode = 'QR_UNRECOGNISED'): ApiError {
  return { code, message: error.message, detail: error };
}
