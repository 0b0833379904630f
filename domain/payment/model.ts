import type { Initiation, TransferService } from './fields.ts';
import type { DataObject } from './tlv.ts';

/** What the encoder needs to make a VietQR payload. */
export interface VietQrRequest {
  /** NAPAS acquirer ID of the receiving bank, 6 digits. */
  readonly bankBin: string;
  /** Account number, or card number when `service` is 'to-card'. */
  readonly account: string;
  /** Defaults to 'to-account'. */
  readonly service?: TransferService;
  /** Whole dong. With an amount the QR is dynamic (one payment); without, static. */
  readonly amount?: number | null;
  /** Transfer purpose: see `purposeFromVisitReference`. */
  readonly purpose?: string | null;
  readonly merchantName?: string | null;
  readonly merchantCity?: string | null;
}

/** Data objects the parser keeps without interpreting them, in payload order, per template. */
export interface OtherDataObjects {
  readonly root: readonly DataObject[];
  readonly merchantAccount: readonly DataObject[];
  readonly beneficiary: readonly DataObject[];
  readonly additionalData: readonly DataObject[];
}

/** A parsed VietQR payload whose CRC and fields have been checked. */
export interface VietQr {
  readonly initiation: Initiation;
  readonly bankBin: string;
  readonly account: string;
  /** Null when ID 38 carries no service code (some merchant QRs). */
  readonly service: TransferService | null;
  /** Whole dong, or null when the payer enters the amount. */
  readonly amount: number | null;
  readonly currency: '704';
  readonly country: 'VN';
  readonly merchantCategoryCode: string | null;
  readonly merchantName: string | null;
  readonly merchantCity: string | null;
  readonly purpose: string | null;
  readonly other: OtherDataObjects;
  /** The CRC as written, upper-cased. */
  readonly crc: string;
}
