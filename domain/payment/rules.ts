/**
 * Value rules shared by the encoder and the parser, each with the words an error
 * uses to say what was expected.
 */
export interface ValueRule {
  readonly pattern: RegExp;
  readonly expected: string;
}

/** EMVCo MPM caps the whole payload at 512 characters. */
export const MAX_PAYLOAD_LENGTH = 512;
export const MIN_AMOUNT_VND = 1;
/** ID 54 holds at most 13 characters; VND has no minor unit, so the amount is a whole number. */
export const MAX_AMOUNT_VND = 9_999_999_999_999;
export const PURPOSE_MAX_LENGTH = 25;
export const MERCHANT_NAME_MAX_LENGTH = 25;
export const MERCHANT_CITY_MAX_LENGTH = 15;

export const BANK_BIN: ValueRule = { pattern: /^\d{6}$/, expected: '6 digits (the NAPAS bank BIN)' };

/** Bank accounts are usually digits; wallet and alias accounts carry letters too (e.g. 99MM24011M34875080). */
export const ACCOUNT_NUMBER: ValueRule = { pattern: /^[0-9A-Za-z]{1,19}$/, expected: '1 to 19 letters or digits' };

/** ISO/IEC 7812 primary account number length. */
export const CARD_NUMBER: ValueRule = { pattern: /^\d{8,19}$/, expected: '8 to 19 digits (card number)' };

export const AMOUNT_TEXT: ValueRule = {
  pattern: /^[1-9]\d{0,12}$/,
  expected: `a whole number of dong from ${MIN_AMOUNT_VND} to ${MAX_AMOUNT_VND}, digits only, no leading zero`,
};

export const MERCHANT_CATEGORY_CODE: ValueRule = { pattern: /^\d{4}$/, expected: '4 digits' };

/**
 * What this system writes as the transfer purpose. Banks differ in which punctuation
 * survives into statements, so letters, digits and spaces are what reconciliation can rely on.
 */
export const PURPOSE_TO_ENCODE: ValueRule = {
  pattern: /^[A-Z0-9](?:[A-Z0-9 ]{0,23}[A-Z0-9])?$/,
  expected: `1 to ${PURPOSE_MAX_LENGTH} characters of A-Z, 0-9 and inner spaces`,
};

/** What the parser accepts as a purpose written by others (e.g. "Chuyen tien"). */
export const PURPOSE_TO_READ: ValueRule = {
  pattern: /^[\x20-\x7e]{1,25}$/,
  expected: `1 to ${PURPOSE_MAX_LENGTH} printable ASCII characters`,
};

export const MERCHANT_NAME: ValueRule = {
  pattern: /^[\x21-\x7e](?:[\x20-\x7e]{0,23}[\x21-\x7e])?$/,
  expected: `1 to ${MERCHANT_NAME_MAX_LENGTH} printable ASCII characters, no leading or trailing space`,
};

export const MERCHANT_CITY: ValueRule = {
  pattern: /^[\x21-\x7e](?:[\x20-\x7e]{0,13}[\x21-\x7e])?$/,
  expected: `1 to ${MERCHANT_CITY_MAX_LENGTH} printable ASCII characters, no leading or trailing space`,
};

export const MERCHANT_NAME_TO_READ: ValueRule = {
  pattern: /^[\x20-\x7e]{1,25}$/,
  expected: `1 to ${MERCHANT_NAME_MAX_LENGTH} printable ASCII characters`,
};

export const MERCHANT_CITY_TO_READ: ValueRule = {
  pattern: /^[\x20-\x7e]{1,15}$/,
  expected: `1 to ${MERCHANT_CITY_MAX_LENGTH} printable ASCII characters`,
};

export function matches(rule: ValueRule, value: unknown): value is string {
  return typeof value === 'string' && rule.pattern.test(value);
}
