import { AppError, type ErrorCode } from '../../domain/errors.ts';

/**
 * What went wrong inside the eMRTD stack. The kind is for code that reacts
 * (retry with a smaller Le, re-authenticate, try the next key); the inherited
 * AppError code is what the clerk is told.
 */
export type EmrtdErrorKind =
  /** The chip answered with a status word that the step cannot accept. */
  | 'status-word'
  /** A command that cannot be encoded or a response shorter than a status word. */
  | 'apdu-malformed'
  | 'tlv-malformed'
  /** A data group or EF.SOD whose TLV is sound but whose content breaks its format (MRZ length, image header, CMS structure). */
  | 'lds-malformed'
  /** A secure-messaging response whose MAC does not verify: its data is discarded. */
  | 'sm-mac-invalid'
  /** A secure-messaging response that claims success without a MAC. */
  | 'sm-mac-missing'
  /** Secure-messaging data objects missing, out of order, or badly padded. */
  | 'sm-malformed'
  /** The chip failed to prove it knows the key (BAC cryptogram, PACE token). */
  | 'auth-failed'
  /** A public key from the chip that is not a usable curve point. */
  | 'invalid-public-key'
  /** A protocol, mapping, cipher or domain parameter this stack does not implement. */
  | 'unsupported'
  /** A caller-supplied value (document number, date, CAN) that is not valid. */
  | 'invalid-input'
  /** Every access key tried was refused (BAC, PACE): the clerk should check the ID number or dates. */
  | 'wrong-key'
  /** The card left the reader during the exchange. */
  | 'card-removed'
  /** The caller's abort signal fired (the card monitor saw a removal, or the clerk cancelled). */
  | 'aborted'
  /** The transmit function failed for another reason than a removal. */
  | 'transport'
  /** The chip ended secure messaging (a plain status word in a protected exchange) and it could not be reopened. */
  | 'sm-session-lost'
  /** A file whose content or length is not what its TLV header says. */
  | 'file-malformed';

export interface EmrtdErrorOptions {
  sw?: number;
  code?: ErrorCode;
  detail?: unknown;
  cause?: unknown;
}

const DEFAULT_CODES: Partial<Record<EmrtdErrorKind, ErrorCode>> = {
  'auth-failed': 'ACCESS_DENIED',
  'invalid-input': 'BAD_INPUT',
  'wrong-key': 'ACCESS_DENIED',
  'card-removed': 'CARD_REMOVED',
  'aborted': 'CARD_REMOVED',
  'transport': 'CARD_READ_FAILED',
  'sm-session-lost': 'CARD_READ_FAILED',
  'file-malformed': 'CARD_READ_FAILED',
};

export class EmrtdError extends AppError {
  readonly kind: EmrtdErrorKind;
  /** The status word behind a 'status-word' error. */
  readonly sw: number | undefined;

  constructor(kind: EmrtdErrorKind, message: string, options: EmrtdErrorOptions = {}) {
    super(options.code ?? DEFAULT_CODES[kind] ?? 'INTERNAL', message, options.detail);
    this.name = 'EmrtdError';
    this.kind = kind;
    this.sw = options.sw;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

export function isEmrtdError(value: unknown, kind?: EmrtdErrorKind): value is EmrtdError {
  return value instanceof EmrtdError && (kind === undefined || value.kind === kind);
}
