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
  type Initiation,
  type TransferService,
} from './fields.ts';
import type { OtherDataObjects, VietQr } from './model.ts';
import {
  ACCOUNT_NUMBER,
  AMOUNT_TEXT,
  BANK_BIN,
  CARD_NUMBER,
  MERCHANT_CATEGORY_CODE,
  MERCHANT_CITY_TO_READ,
  MAX_PAYLOAD_LENGTH,
  MERCHANT_NAME_TO_READ,
  PURPOSE_TO_READ,
} from './rules.ts';
import { keyOf, oneOf, Template } from './template.ts';
import { readDataObjects, ROOT_SCOPE, type DataObject, type LocatedDataObject } from './tlv.ts';

/**
 * Parses a VietQR (EMVCo merchant-presented, NAPAS ID 38) payload strictly.
 * Never throws: any input gives either the checked fields or an error naming the field.
 */
export function parseVietQr(payload: unknown): VietQrResult<VietQr> {
  const read = readPayload(payload);
  if (!read.ok) return read;
  const { root, crc } = read.value;
  if (crc.written !== crc.computed) {
    return failure('CRC_MISMATCH', 'crc', ROOT_ID.crc, `${crc.computed}, the CRC of the data before it`, crc.position);
  }
  return readRoot(root, crc.written);
}

/** A payload read field by field, with whether its CRC matches instead of a refusal when it does not. */
export interface VietQrInspection {
  readonly qr: VietQr;
  readonly crcValid: boolean;
  /** The CRC the data before ID 63 calls for, upper case. */
  readonly crcExpected: string;
}

/**
 * Like parseVietQr, every other rule checked, except that a wrong CRC is
 * reported (crcValid false) rather than refused: for diagnostics, never for payment.
 */
export function inspectVietQr(payload: unknown): VietQrResult<VietQrInspection> {
  const read = readPayload(payload);
  if (!read.ok) return read;
  const { root, crc } = read.value;
  const qr = readRoot(root, crc.written);
  if (!qr.ok) return qr;
  return { ok: true, value: { qr: qr.value, crcValid: crc.written === crc.computed, crcExpected: crc.computed } };
}

function readPayload(payload: unknown): VietQrResult<{ root: Template; crc: CrcObject }> {
  if (typeof payload !== 'string') return failure('NOT_TEXT', 'payload', null, 'a string');
  if (payload.length > MAX_PAYLOAD_LENGTH) {
    return failure('INVALID_VALUE', 'payload', null, `at most ${MAX_PAYLOAD_LENGTH} characters`, MAX_PAYLOAD_LENGTH);
  }
  const unsupported = payload.search(/[^\x20-\x7e]/);
  if (unsupported !== -1) {
    return failure('UNSUPPORTED_CHARACTER', 'payload', null, 'printable ASCII characters only', unsupported);
  }
  const objects = readDataObjects(payload, ROOT_SCOPE);
  if (!objects.ok) return objects;
  const crc = readCrc(payload, objects.value);
  if (!crc.ok) return crc;
  return { ok: true, value: { root: new Template(ROOT_SCOPE, objects.value, payload.length), crc: crc.value } };
}

interface CrcObject {
  /** As written, upper-cased. */
  written: string;
  computed: string;
  position: number;
}

function readCrc(payload: string, objects: readonly LocatedDataObject[]): VietQrResult<CrcObject> {
  const last = objects.at(-1);
  if (last?.id !== ROOT_ID.crc) {
    const misplaced = objects.find((object) => object.id === ROOT_ID.crc);
    return misplaced
      ? failure('MISPLACED_FIELD', 'crc', ROOT_ID.crc, 'the CRC as the last data object', misplaced.position)
      : failure('MISSING_FIELD', 'crc', ROOT_ID.crc, 'a CRC (ID 63) as the last data object', payload.length);
  }
  if (!/^[0-9A-Fa-f]{4}$/.test(last.value)) {
    return failure('INVALID_VALUE', 'crc', ROOT_ID.crc, `${CRC_LENGTH} hexadecimal digits`, last.position);
  }
  const computed = crc16CcittFalse(payload.slice(0, last.valuePosition));
  return { ok: true, value: { written: last.value.toUpperCase(), computed, position: last.position } };
}

const INTERPRETED_ROOT = Object.values<string>(ROOT_ID);
const INTERPRETED_MERCHANT_ACCOUNT = Object.values<string>(MERCHANT_ACCOUNT_ID);
const INTERPRETED_BENEFICIARY = Object.values<string>(BENEFICIARY_ID);
const INTERPRETED_ADDITIONAL_DATA = Object.values<string>(ADDITIONAL_DATA_ID);

function readRoot(root: Template, crc: string): VietQrResult<VietQr> {
  const first = root.objects[0];
  if (first?.id !== ROOT_ID.payloadFormatIndicator) {
    const misplaced = root.get(ROOT_ID.payloadFormatIndicator);
    if (misplaced) {
      const id = ROOT_ID.payloadFormatIndicator;
      return failure('MISPLACED_FIELD', 'payloadFormatIndicator', id, 'the first data object', misplaced.position);
    }
  }
  const format = root.fixed(ROOT_ID.payloadFormatIndicator, PAYLOAD_FORMAT_INDICATOR);
  if (!format.ok) return format;

  const initiationCode = root.required(ROOT_ID.pointOfInitiation, oneOf(INITIATION_CODE));
  if (!initiationCode.ok) return initiationCode;
  const initiation: Initiation = keyOf(INITIATION_CODE, initiationCode.value);

  const accountObject = root.get(ROOT_ID.merchantAccount);
  if (!accountObject) return root.missing(ROOT_ID.merchantAccount, `a NAPAS template (GUID ${NAPAS_GUID})`);
  const merchantAccount = readMerchantAccount(root, accountObject);
  if (!merchantAccount.ok) return merchantAccount;

  const merchantCategoryCode = root.optional(ROOT_ID.merchantCategoryCode, MERCHANT_CATEGORY_CODE);
  if (!merchantCategoryCode.ok) return merchantCategoryCode;
  const currency = root.fixed(ROOT_ID.currency, CURRENCY_VND);
  if (!currency.ok) return currency;
  const amount = root.optional(ROOT_ID.amount, AMOUNT_TEXT);
  if (!amount.ok) return amount;
  const country = root.fixed(ROOT_ID.country, COUNTRY_VN);
  if (!country.ok) return country;
  const merchantName = root.optional(ROOT_ID.merchantName, MERCHANT_NAME_TO_READ);
  if (!merchantName.ok) return merchantName;
  const merchantCity = root.optional(ROOT_ID.merchantCity, MERCHANT_CITY_TO_READ);
  if (!merchantCity.ok) return merchantCity;

  const additionalObject = root.get(ROOT_ID.additionalData);
  const additional = additionalObject ? readAdditionalData(root, additionalObject) : noAdditionalData();
  if (!additional.ok) return additional;

  return {
    ok: true,
    value: {
      initiation,
      bankBin: merchantAccount.value.bankBin,
      account: merchantAccount.value.account,
      service: merchantAccount.value.service,
      amount: amount.value === null ? null : Number(amount.value),
      currency: CURRENCY_VND,
      country: COUNTRY_VN,
      merchantCategoryCode: merchantCategoryCode.value,
      merchantName: merchantName.value,
      merchantCity: merchantCity.value,
      purpose: additional.value.purpose,
      other: {
        root: root.others(INTERPRETED_ROOT),
        merchantAccount: merchantAccount.value.other,
        beneficiary: merchantAccount.value.otherBeneficiary,
        additionalData: additional.value.other,
      } satisfies OtherDataObjects,
      crc,
    },
  };
}

interface MerchantAccount {
  bankBin: string;
  account: string;
  service: TransferService | null;
  other: DataObject[];
  otherBeneficiary: DataObject[];
}

function readMerchantAccount(root: Template, object: LocatedDataObject): VietQrResult<MerchantAccount> {
  const template = root.nested(object);
  if (!template.ok) return template;
  const napas = template.value;

  const guid = napas.fixed(MERCHANT_ACCOUNT_ID.guid, NAPAS_GUID);
  if (!guid.ok) return guid;
  const serviceCode = napas.optional(MERCHANT_ACCOUNT_ID.service, oneOf(SERVICE_CODE));
  if (!serviceCode.ok) return serviceCode;
  const service = serviceCode.value === null ? null : keyOf(SERVICE_CODE, serviceCode.value);

  const beneficiaryObject = napas.get(MERCHANT_ACCOUNT_ID.beneficiary);
  if (!beneficiaryObject) return napas.missing(MERCHANT_ACCOUNT_ID.beneficiary, 'a bank BIN and an account number');
  const nested = napas.nested(beneficiaryObject);
  if (!nested.ok) return nested;
  const beneficiary = nested.value;

  const bankBin = beneficiary.required(BENEFICIARY_ID.bankBin, BANK_BIN);
  if (!bankBin.ok) return bankBin;
  const account = beneficiary.required(BENEFICIARY_ID.account, service === 'to-card' ? CARD_NUMBER : ACCOUNT_NUMBER);
  if (!account.ok) return account;

  return {
    ok: true,
    value: {
      bankBin: bankBin.value,
      account: account.value,
      service,
      other: napas.others(INTERPRETED_MERCHANT_ACCOUNT),
      otherBeneficiary: beneficiary.others(INTERPRETED_BENEFICIARY),
    },
  };
}

interface AdditionalData {
  purpose: string | null;
  other: DataObject[];
}

function noAdditionalData(): VietQrResult<AdditionalData> {
  return { ok: true, value: { purpose: null, other: [] } };
}

function readAdditionalData(root: Template, object: LocatedDataObject): VietQrResult<AdditionalData> {
  const template = root.nested(object);
  if (!template.ok) return template;
  const purpose = template.value.optional(ADDITIONAL_DATA_ID.purpose, PURPOSE_TO_READ);
  if (!purpose.ok) return purpose;
  return { ok: true, value: { purpose: purpose.value, other: template.value.others(INTERPRETED_ADDITIONAL_DATA) } };
}
