/**
 * VietQR (NAPAS 247 over EMVCo merchant-presented QR): a strict encoder and parser,
 * the transfer-purpose helper, and the NAPAS bank list as versioned data.
 */
export { encodeVietQr } from './encode.ts';
export { inspectVietQr, parseVietQr, type VietQrInspection } from './parse.ts';
export { purposeFromVisitReference } from './purpose.ts';
export { crc16CcittFalse } from './crc16.ts';
export { bankListOn, findBankByBin, latestBankList, type Bank, type BankList } from './banks.ts';
export { BANK_LISTS } from './bank-lists.ts';
export type { OtherDataObjects, VietQr, VietQrRequest } from './model.ts';
export type { DataObject } from './tlv.ts';
export type { Initiation, TransferService } from './fields.ts';
export { NAPAS_GUID, SERVICE_CODE, INITIATION_CODE } from './fields.ts';
export {
  MAX_AMOUNT_VND,
  MAX_PAYLOAD_LENGTH,
  MERCHANT_CITY_MAX_LENGTH,
  MERCHANT_NAME_MAX_LENGTH,
  MIN_AMOUNT_VND,
  PURPOSE_MAX_LENGTH,
} from './rules.ts';
export {
  toApiError,
  VIETQR_ERROR_CODES,
  type VietQrError,
  type VietQrErrorCode,
  type VietQrResult,
} from './errors.ts';
