/** EMVCo merchant-presented data object IDs that VietQR uses, and their fixed values. */

export const ROOT_ID = {
  payloadFormatIndicator: '00',
  pointOfInitiation: '01',
  merchantAccount: '38',
  merchantCategoryCode: '52',
  currency: '53',
  amount: '54',
  country: '58',
  merchantName: '59',
  merchantCity: '60',
  additionalData: '62',
  crc: '63',
} as const;

/** Inside ID 38, the NAPAS merchant account information template. */
export const MERCHANT_ACCOUNT_ID = { guid: '00', beneficiary: '01', service: '02' } as const;

/** Inside ID 38.01, the consumer/beneficiary organization template. */
export const BENEFICIARY_ID = { bankBin: '00', account: '01' } as const;

/** Inside ID 62, the additional data field template. */
export const ADDITIONAL_DATA_ID = { purpose: '08' } as const;

export const PAYLOAD_FORMAT_INDICATOR = '01';
export const NAPAS_GUID = 'A000000727';
export const CURRENCY_VND = '704';
export const COUNTRY_VN = 'VN';
export const CRC_LENGTH = 4;

export type Initiation = 'static' | 'dynamic';
export const INITIATION_CODE = { static: '11', dynamic: '12' } as const satisfies Record<Initiation, string>;

/** NAPAS 247 transfer to a bank account (QRIBFTTA) or to a card number (QRIBFTTC). */
export type TransferService = 'to-account' | 'to-card';
export const SERVICE_CODE = { 'to-account': 'QRIBFTTA', 'to-card': 'QRIBFTTC' } as const satisfies Record<
  TransferService,
  string
>;

const FIELD_NAMES: Readonly<Record<string, string>> = {
  '00': 'payloadFormatIndicator',
  '01': 'pointOfInitiation',
  '38': 'merchantAccount',
  '38.00': 'merchantAccount.guid',
  '38.01': 'merchantAccount.beneficiary',
  '38.01.00': 'merchantAccount.beneficiary.bankBin',
  '38.01.01': 'merchantAccount.beneficiary.account',
  '38.02': 'merchantAccount.service',
  '52': 'merchantCategoryCode',
  '53': 'currency',
  '54': 'amount',
  '58': 'country',
  '59': 'merchantName',
  '60': 'merchantCity',
  '62': 'additionalData',
  '62.08': 'additionalData.purpose',
  '63': 'crc',
};

/** The name used in errors for the data object at an ID path such as `38.01.00`. */
export function fieldName(idPath: string): string {
  return FIELD_NAMES[idPath] ?? `dataObject ${idPath}`;
}
