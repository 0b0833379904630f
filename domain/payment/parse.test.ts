import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VietQrError, VietQrResult } from './errors.ts';
import type { VietQr } from './model.ts';
import { parseVietQr } from './parse.ts';
import { bodyAround, napasAccount, staticBody, tlv, withCrc } from './testing/payloads.ts';

/** Published samples (formats.md §5.2); the account belongs to those samples. */
const STATIC_SAMPLE = '00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F';
const DYNAMIC_SAMPLE =
  '00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6';

const NOTHING_ELSE = { root: [], merchantAccount: [], beneficiary: [], additionalData: [] };

function parsed(payload: unknown): VietQr {
  const result = parseVietQr(payload);
  if (!result.ok) assert.fail(result.error.message);
  return result.value;
}

function refused(payload: unknown): VietQrError {
  const result: VietQrResult<VietQr> = parseVietQr(payload);
  if (result.ok) assert.fail(`accepted ${String(payload)}`);
  return result.error;
}

function assertRefused(payload: unknown, expected: Partial<VietQrError>): void {
  const error = refused(payload);
  for (const [key, value] of Object.entries(expected)) {
    assert.equal(error[key as keyof VietQrError], value, `${key} of ${error.message}`);
  }
}

describe('parseVietQr: worked examples', () => {
  it('reads the static sample', () => {
    assert.deepEqual(parsed(STATIC_SAMPLE), {
      initiation: 'static',
      bankBin: '970416',
      account: '257678859',
      service: 'to-account',
      amount: null,
      currency: '704',
      country: 'VN',
      merchantCategoryCode: null,
      merchantName: null,
      merchantCity: null,
      purpose: null,
      other: NOTHING_ELSE,
      crc: 'AE9F',
    });
  });

  it('reads the dynamic sample with amount and a mixed-case purpose written by others', () => {
    const qr = parsed(DYNAMIC_SAMPLE);
    assert.equal(qr.initiation, 'dynamic');
    assert.equal(qr.amount, 10000);
    assert.equal(qr.purpose, 'Chuyen tien');
    assert.equal(qr.crc, '53E6');
  });

  it('accepts a lower-case CRC and reports it upper-cased', () => {
    assert.equal(parsed(STATIC_SAMPLE.replace(/AE9F$/, 'ae9f')).crc, 'AE9F');
    assert.equal(parsed(STATIC_SAMPLE.replace(/AE9F$/, 'Ae9f')).crc, 'AE9F');
  });

  it('reads a transfer to a card number', () => {
    const qr = parsed(
      withCrc(bodyAround(napasAccount('970418', '9704000000000018', 'QRIBFTTC'))),
    );
    assert.equal(qr.service, 'to-card');
    assert.equal(qr.account, '9704000000000018');
  });

  it('reads a merchant QR without service code, with category, name, city and bill number', () => {
    const payload = withCrc(
      tlv('00', '01') +
        tlv('01', '12') +
        napasAccount('970436', '0123456789', null) +
        tlv('52', '8062') +
        tlv('53', '704') +
        tlv('54', '150000') +
        tlv('58', 'VN') +
        tlv('59', 'BENH VIEN THU NGHIEM') +
        tlv('60', 'HA NOI') +
        tlv('62', tlv('01', 'HD0001') + tlv('08', 'VP KB000123')),
    );
    const qr = parsed(payload);
    assert.equal(qr.service, null);
    assert.equal(qr.merchantCategoryCode, '8062');
    assert.equal(qr.amount, 150000);
    assert.equal(qr.merchantName, 'BENH VIEN THU NGHIEM');
    assert.equal(qr.merchantCity, 'HA NOI');
    assert.equal(qr.purpose, 'VP KB000123');
    assert.deepEqual(qr.other.additionalData, [{ id: '01', value: 'HD0001' }]);
  });

  it('reads a wallet account with letters and keeps unknown IDs and sub-IDs in payload order', () => {
    const merchantAccount = tlv(
      '38',
      tlv('00', 'A000000727') +
        tlv('01', tlv('00', '970454') + tlv('01', '99MM00000M00000000') + tlv('02', 'X1')) +
        tlv('02', 'QRIBFTTA') +
        tlv('03', 'EXTRA'),
    );
    const payload = withCrc(
      tlv('00', '01') +
        tlv('01', '11') +
        tlv('26', tlv('00', 'A000000775') + tlv('01', '0100000000')) +
        merchantAccount +
        tlv('53', '704') +
        tlv('58', 'VN') +
        tlv('62', tlv('05', 'REF000001') + tlv('08', 'THANH TOAN') + tlv('99', 'Z')) +
        tlv('81', 'LAST BUT ONE') +
        tlv('80', '000'),
    );
    const qr = parsed(payload);
    assert.equal(qr.account, '99MM00000M00000000');
    assert.deepEqual(qr.other, {
      root: [
        { id: '26', value: '0010A00000077501100100000000' },
        { id: '81', value: 'LAST BUT ONE' },
        { id: '80', value: '000' },
      ],
      merchantAccount: [{ id: '03', value: 'EXTRA' }],
      beneficiary: [{ id: '02', value: 'X1' }],
      additionalData: [
        { id: '05', value: 'REF000001' },
        { id: '99', value: 'Z' },
      ],
    });
  });

  it('accepts an amount at the 13-digit bound', () => {
    assert.equal(parsed(withCrc(staticBody(tlv('54', '9999999999999')))).amount, 9_999_999_999_999);
  });
});

describe('parseVietQr: refusals name the field', () => {
  it('refuses input that is not a string', () => {
    for (const input of [undefined, null, 42, {}, ['0002']]) assertRefused(input, { code: 'NOT_TEXT', field: 'payload' });
  });

  it('refuses characters outside printable ASCII, with their position', () => {
    const country = STATIC_SAMPLE.indexOf('5802VN');
    assertRefused(STATIC_SAMPLE.replace('5802VN', '5802VÑ'), { code: 'UNSUPPORTED_CHARACTER', position: country + 5 });
    assertRefused(`${STATIC_SAMPLE}\r\n`, { code: 'UNSUPPORTED_CHARACTER', position: STATIC_SAMPLE.length });
  });

  it('refuses a payload longer than the EMVCo limit of 512 characters', () => {
    const filled = staticBody('', ['96', '97', '98', '99'].map((id) => tlv(id, 'X'.repeat(99))).join(''));
    const room = 512 - filled.length - '6304XXXX'.length - '8000'.length;
    const longest = withCrc(filled + tlv('80', 'X'.repeat(room)));
    assert.equal(longest.length, 512);
    assert.equal(parsed(longest).other.root.length, 5);
    assertRefused(withCrc(filled + tlv('80', 'X'.repeat(room + 1))), {
      code: 'INVALID_VALUE',
      field: 'payload',
      expected: 'at most 512 characters',
    });
  });

  it('refuses the empty string and text without a CRC', () => {
    assertRefused('', { code: 'MISSING_FIELD', field: 'crc', id: '63' });
    assertRefused(staticBody(), { code: 'MISSING_FIELD', field: 'crc' });
  });

  it('refuses a CRC that does not match, whatever its case', () => {
    assertRefused(STATIC_SAMPLE.replace(/AE9F$/, 'AE9E'), {
      code: 'CRC_MISMATCH',
      field: 'crc',
      expected: 'AE9F, the CRC of the data before it',
    });
    assertRefused(STATIC_SAMPLE.replace('970416', '970415'), { code: 'CRC_MISMATCH' });
  });

  it('refuses a CRC that is not 4 hex digits', () => {
    assertRefused(`${staticBody()}6304ZZZZ`, { code: 'INVALID_VALUE', field: 'crc' });
    assertRefused(`${staticBody()}630512345`, { code: 'INVALID_VALUE', field: 'crc' });
  });

  it('refuses a CRC that is not last', () => {
    assertRefused(`${STATIC_SAMPLE}${tlv('59', 'AFTER CRC')}`, { code: 'MISPLACED_FIELD', field: 'crc', position: 82 });
  });

  it('refuses overrunning lengths at the top level and inside templates', () => {
    assertRefused(`${STATIC_SAMPLE.slice(0, -8)}6399`, { code: 'LENGTH_OVERRUN', field: 'crc' });
    const beneficiary = tlv('01', `${tlv('00', '970436')}0120012345`);
    const payload = withCrc(bodyAround(tlv('38', tlv('00', 'A000000727') + beneficiary)));
    assertRefused(payload, { code: 'LENGTH_OVERRUN', field: 'merchantAccount.beneficiary.account', id: '38.01.01' });
  });

  it('refuses duplicate IDs at the top level and inside templates', () => {
    assertRefused(withCrc(staticBody(tlv('54', '1000') + tlv('54', '2000'))), { code: 'DUPLICATE_ID', field: 'amount' });
    assertRefused(withCrc(staticBody('', tlv('62', tlv('08', 'A') + tlv('08', 'B')))), {
      code: 'DUPLICATE_ID',
      field: 'additionalData.purpose',
      id: '62.08',
    });
  });

  it('refuses a payload format indicator that is not first or not 01', () => {
    assertRefused(withCrc(`${tlv('01', '11')}${tlv('00', '01')}${staticBody().slice(12)}`), {
      code: 'MISPLACED_FIELD',
      field: 'payloadFormatIndicator',
    });
    assertRefused(withCrc(`${tlv('00', '02')}${staticBody().slice(6)}`), {
      code: 'INVALID_VALUE',
      field: 'payloadFormatIndicator',
    });
    assertRefused(withCrc(staticBody().slice(6)), { code: 'MISSING_FIELD', field: 'payloadFormatIndicator' });
  });

  it('refuses a missing or unknown point of initiation', () => {
    assertRefused(withCrc(staticBody().replace('010211', '')), { code: 'MISSING_FIELD', field: 'pointOfInitiation' });
    assertRefused(withCrc(staticBody().replace('010211', '010213')), {
      code: 'INVALID_VALUE',
      field: 'pointOfInitiation',
      expected: '"11" or "12"',
    });
  });

  it('refuses a QR with no NAPAS template, such as a VNPAY merchant code', () => {
    const vnpay = withCrc(bodyAround(tlv('26', tlv('00', 'A000000775') + tlv('01', '0100000000'))));
    assertRefused(vnpay, { code: 'MISSING_FIELD', field: 'merchantAccount', id: '38' });
  });

  it('refuses a wrong GUID, an unknown service code and a missing beneficiary', () => {
    const body = (napas: string) => withCrc(bodyAround(tlv('38', napas)));
    const beneficiary = tlv('01', tlv('00', '970436') + tlv('01', '0123456789'));
    assertRefused(body(tlv('00', 'A000000775') + beneficiary), {
      code: 'INVALID_VALUE',
      field: 'merchantAccount.guid',
      id: '38.00',
    });
    assertRefused(body(tlv('00', 'A000000727') + beneficiary + tlv('02', 'QRPUSH')), {
      code: 'INVALID_VALUE',
      field: 'merchantAccount.service',
      expected: '"QRIBFTTA" or "QRIBFTTC"',
    });
    assertRefused(body(tlv('00', 'A000000727') + tlv('02', 'QRIBFTTA')), {
      code: 'MISSING_FIELD',
      field: 'merchantAccount.beneficiary',
    });
    assertRefused(body(beneficiary), { code: 'MISSING_FIELD', field: 'merchantAccount.guid' });
  });

  it('refuses a malformed bank BIN, account or card number', () => {
    const payload = (bin: string, account: string, service = 'QRIBFTTA') =>
      withCrc(bodyAround(napasAccount(bin, account, service)));
    const bin = { code: 'INVALID_VALUE', field: 'merchantAccount.beneficiary.bankBin' } as const;
    const account = { code: 'INVALID_VALUE', field: 'merchantAccount.beneficiary.account' } as const;
    assertRefused(payload('97043', '0123456789'), { ...bin, expected: '6 digits (the NAPAS bank BIN)' });
    assertRefused(payload('97043A', '0123456789'), bin);
    assertRefused(payload('970436', '0123-4567'), account);
    assertRefused(payload('970436', '01234567890123456789'), account);
    assertRefused(payload('970436', '97040000000000AB', 'QRIBFTTC'), {
      code: 'INVALID_VALUE',
      field: 'merchantAccount.beneficiary.account',
      expected: '8 to 19 digits (card number)',
    });
  });

  it('refuses a currency other than VND and a country other than VN, or none', () => {
    assertRefused(withCrc(staticBody().replace('5303704', '5303840')), {
      code: 'INVALID_VALUE',
      field: 'currency',
      id: '53',
    });
    assertRefused(withCrc(staticBody().replace('5303704', '')), { code: 'MISSING_FIELD', field: 'currency' });
    assertRefused(withCrc(staticBody().replace('5802VN', '5802US')), { code: 'INVALID_VALUE', field: 'country' });
    assertRefused(withCrc(staticBody().replace('5802VN', '')), { code: 'MISSING_FIELD', field: 'country' });
  });

  it('refuses amounts that are not whole dong in range', () => {
    for (const amount of ['10000.00', '0', '0100', '-5', '1e5', '10 000', '99999999999999']) {
      assertRefused(withCrc(staticBody(tlv('54', amount))), { code: 'INVALID_VALUE', field: 'amount', id: '54' });
    }
  });

  it('refuses a malformed category code and over-long name, city and purpose', () => {
    assertRefused(withCrc(staticBody(tlv('52', 'ABCD'))), { code: 'INVALID_VALUE', field: 'merchantCategoryCode' });
    assertRefused(withCrc(staticBody('', tlv('59', 'N'.repeat(26)))), { code: 'INVALID_VALUE', field: 'merchantName' });
    assertRefused(withCrc(staticBody('', tlv('60', 'C'.repeat(16)))), { code: 'INVALID_VALUE', field: 'merchantCity' });
    assertRefused(withCrc(staticBody('', tlv('62', tlv('08', 'P'.repeat(26))))), {
      code: 'INVALID_VALUE',
      field: 'additionalData.purpose',
      id: '62.08',
    });
  });

  it('refuses a data object of length 00 inside a template', () => {
    assertRefused(withCrc(staticBody('', tlv('62', '0800'))), { code: 'MALFORMED_OBJECT', field: 'additionalData.purpose' });
  });

  it('says in its message what was expected and where', () => {
    const payload = withCrc(staticBody(tlv('54', '0')));
    const error = refused(payload);
    assert.equal(error.position, payload.indexOf('54010'));
    assert.match(error.message, /^INVALID_VALUE: amount \(ID 54\) at position 70: expected a whole number of dong/);
  });
});
