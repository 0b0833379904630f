import { crc16CcittFalse } from './crc16.ts';
import { failure, type VietQrResult } from './errors.ts';
import {
  ADDITIONAL_DATA_ID,
  BENEFICIARY_ID,
  COUNTRY_VN,
  CRC_LENGTH,
  CURRENCY_VND,
  INITIATION_CODE,
  MERCHANT_ACCOUNT_ID,
  NAPAS_GUID,
  PAYLOAD_FORMAT_INDICATOR,
  ROOT_ID,
  SERVICE_CODE,
  type TransferService,
} from './fields.ts';
import type { VietQrRequest } from './model.ts';
import {
  ACCOUNT_NUMBER,
  AMOUNT_TEXT,
  BANK_BIN,
  CARD_NUMBER,
  matches,
  MAX_AMOUNT_VND,
  MERCHANT_CITY,
  MERCHANT_NAME,
  MIN_AMOUNT_VND,
  PURPOSE_TO_ENCODE,
  type ValueRule,
} from './rules.ts';
import { writeDataObject } from './tlv.ts';

interface CheckedRequest {
  bankBin: string;
  account: string;
  service: TransferService;
  amount: number | null;
  purpose: string | null;
  merchantName: string | null;
  merchantCity: string | null;
}

/**
 * Makes a VietQR payload: static without an amount, dynamic with one. Data objects are
 * written in ascending ID order with the CRC last. Refuses, naming the field, any value
 * a NAPAS 247 transfer or the EMVCo layout would not carry as given.
 */
export function encodeVietQr(request: VietQrRequest): VietQrResult<string> {
  const checked = checkRequest(request);
  if (!checked.ok) return checked;
  const { bankBin, account, service, amount, purpose, merchantName, merchantCity } = checked.value;

  const beneficiary =
    writeDataObject(BENEFICIARY_ID.bankBin, bankBin) + writeDataObject(BENEFICIARY_ID.account, account);
  const merchantAccount =
    writeDataObject(MERCHANT_ACCOUNT_ID.guid, NAPAS_GUID) +
    writeDataObject(MERCHANT_ACCOUNT_ID.beneficiary, beneficiary) +
    writeDataObject(MERCHANT_ACCOUNT_ID.service, SERVICE_CODE[service]);

  const additionalData = purpose === null ? null : writeDataObject(ADDITIONAL_DATA_ID.purpose, purpose);
  const body = [
    writeDataObject(ROOT_ID.payloadFormatIndicator, PAYLOAD_FORMAT_INDICATOR),
    writeDataObject(ROOT_ID.pointOfInitiation, INITIATION_CODE[amount === null ? 'static' : 'dynamic']),
    writeDataObject(ROOT_ID.merchantAccount, merchantAccount),
    writeDataObject(ROOT_ID.currency, CURRENCY_VND),
    amount === null ? '' : writeDataObject(ROOT_ID.amount, String(amount)),
    writeDataObject(ROOT_ID.country, COUNTRY_VN),
    merchantName === null ? '' : writeDataObject(ROOT_ID.merchantName, merchantName),
    merchantCity === null ? '' : writeDataObject(ROOT_ID.merchantCity, merchantCity),
    additionalData === null ? '' : writeDataObject(ROOT_ID.additionalData, additionalData),
  ].join('');

  const beforeCrc = `${body}${ROOT_ID.crc}${String(CRC_LENGTH).padStart(2, '0')}`;
  return { ok: true, value: beforeCrc + crc16CcittFalse(beforeCrc) };
}

function checkRequest(request: VietQrRequest): VietQrResult<CheckedRequest> {
  if (typeof request !== 'object' || request === null) {
    return failure('INVALID_VALUE', 'request', null, 'an object with bankBin and account');
  }
  const service = request.service ?? 'to-account';
  if (!Object.hasOwn(SERVICE_CODE, service)) {
    return failure('INVALID_VALUE', 'service', '38.02', '"to-account" or "to-card"');
  }
  if (!matches(BANK_BIN, request.bankBin)) return invalid('bankBin', '38.01.00', BANK_BIN);
  const accountRule = service === 'to-card' ? CARD_NUMBER : ACCOUNT_NUMBER;
  if (!matches(accountRule, request.account)) return invalid('account', '38.01.01', accountRule);

  const amount = request.amount ?? null;
  if (amount !== null && !isWholeDongInRange(amount)) {
    const expected = `a whole number of dong from ${MIN_AMOUNT_VND} to ${MAX_AMOUNT_VND}`;
    return failure('INVALID_VALUE', 'amount', ROOT_ID.amount, expected);
  }
  const purpose = request.purpose ?? null;
  if (purpose !== null && !matches(PURPOSE_TO_ENCODE, purpose)) return invalid('purpose', '62.08', PURPOSE_TO_ENCODE);
  const merchantName = request.merchantName ?? null;
  if (merchantName !== null && !matches(MERCHANT_NAME, merchantName)) {
    return invalid('merchantName', ROOT_ID.merchantName, MERCHANT_NAME);
  }
  const merchantCity = request.merchantCity ?? null;
  if (merchantCity !== null && !matches(MERCHANT_CITY, merchantCity)) {
    return invalid('merchantCity', ROOT_ID.merchantCity, MERCHANT_CITY);
  }
  return {
    ok: true,
    value: { bankBin: request.bankBin, account: request.account, service, amount, purpose, merchantName, merchantCity },
  };
}

function isWholeDongInRange(amount: unknown): amount is number {
  return (
    typeof amount === 'number' &&
    Number.isSafeInteger(amount) &&
    amount >= MIN_AMOUNT_VND &&
    amount <= MAX_AMOUNT_VND &&
    AMOUNT_TEXT.pattern.test(String(amount))
  );
}

function invalid(field: string, id: string, rule: ValueRule): VietQrResult<never> {
  return failure('INVALID_VALUE', field, id, rule.expected);
}
