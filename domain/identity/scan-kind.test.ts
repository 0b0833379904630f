import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bhytCardArb, bhytQrText, cccdPersonArb, cccdQrFields, cccdQrText, scanLikeArb } from './arbitraries.ts';
import { detectScanKind, readScan } from './scan-kind.ts';

const CCCD = '001090012345|123456789|Nguyễn Văn An|15081990|Nam|Số 1 Phố Huế, Hà Nội|20122021';
const BHYT_OLD = 'DN4010123456789|4E677579E1BB856E2056C4836E20416E|15/08/1990|1|-|01 - 001|01/01/2025|31/12/2025|20/12/2024|01010123456789|-|4|01/01/2030|0000000000000000-0000|$';
const BHYT_NEW = '0123456789|4e677579e1bb856e2056c4836e20416e|15/08/1990|1|-|01 - 001|01/01/2025|-|20/12/2024|01010123456789|-|4| 01/01/2030|0000000000000000-0000|4|-|$';
/** Made-up VietQR codes (account 0001234567 at BIN 970436), with correct CRCs. */
const VIETQR_STATIC = '00020101021138540010A00000072701240006970436011000012345670208QRIBFTTA53037045802VN6304FC6F';
const VIETQR_DYNAMIC =
  '00020101021238540010A00000072701240006970436011000012345670208QRIBFTTA530370454061500005802VN62120808Kham BHY63045F85';
/** An EMVCo merchant code of another scheme (VNPAY-QR GUID in ID 26), made up for the test. */
const OTHER_EMVCO = '00020101021126280010A0000007750110010012345652045812530370454061000005802VN6304ABCD';

describe('scan kind detection', () => {
  it('recognises each document by shape', () => {
    assert.equal(detectScanKind(CCCD).kind, 'cccd');
    assert.equal(detectScanKind(BHYT_OLD).kind, 'bhyt');
    assert.equal(detectScanKind(BHYT_NEW).kind, 'bhyt');
    assert.equal(detectScanKind(VIETQR_STATIC).kind, 'vietqr');
    assert.equal(detectScanKind(VIETQR_DYNAMIC).kind, 'vietqr');
  });

  it('sees through scanner framing and hands the cleaned text on', () => {
    const detected = detectScanKind(`\uFEFF${CCCD.normalize('NFD')}\r\n\0`);
    assert.deepEqual(detected, { kind: 'cccd', text: CCCD });
  });

  it('recognises a CCCD code in another field order, and a cut one (so the clerk hears "scan again")', () => {
    assert.equal(detectScanKind('Nguyễn Văn An|15081990|001090012345|Nam|Hà Nội|20122024').kind, 'cccd');
    assert.equal(detectScanKind('001090012345|123456789|Nguyễn Văn An|15081990|Nam').kind, 'cccd');
  });

  it('recognises a BHYT code that lost its "$"', () => {
    assert.equal(detectScanKind(BHYT_OLD.slice(0, 60)).kind, 'bhyt');
  });

  it('tells an EMVCo payment code that is not VietQR apart', () => {
    assert.deepEqual(detectScanKind(OTHER_EMVCO), {
      kind: 'unknown',
      reason: 'other-payment-qr',
      message: 'This is a payment QR code that is not VietQR.',
    });
  });

  it('answers a VNeID app code with advice to scan the card itself', () => {
    for (const raw of ['https://vneid.gov.vn/qr?c=AbC123', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLWZha2U']) {
      const detected = detectScanKind(raw);
      assert.equal(detected.kind, 'unknown');
      assert.ok(detected.kind === 'unknown' && detected.reason === 'vneid-app-code');
      assert.match(detected.message, /Scan the QR on the CCCD or BHYT card itself/);
    }
  });

  it('recognises the old COVID-19 personal QR', () => {
    const detected = detectScanKind('******789-Nguyễn Văn An-1990/8/15-0-QID00000000-EXT');
    assert.ok(detected.kind === 'unknown' && detected.reason === 'covid-personal-qr');
  });

  it('reports nothing and too much', () => {
    assert.ok(detectScanKind(' \r\n ').kind === 'unknown');
    const empty = detectScanKind('\uFEFF\0');
    assert.ok(empty.kind === 'unknown' && empty.reason === 'empty');
    const long = detectScanKind('1|'.repeat(5000));
    assert.ok(long.kind === 'unknown' && long.reason === 'too-long');
    const several = detectScanKind(`${CCCD}\r\n${BHYT_OLD}\r\n`);
    assert.ok(several.kind === 'unknown' && several.reason === 'several-scans');
    const other = detectScanKind('hello world');
    assert.ok(other.kind === 'unknown' && other.reason === 'unrecognised');
    assert.match(other.kind === 'unknown' ? other.message : '', /type the number/);
  });

  it('parses identity documents and hands VietQR over untouched', () => {
    const cccd = readScan(CCCD);
    assert.ok(cccd.kind === 'cccd' && cccd.result.ok && cccd.result.value.idNumber === '001090012345');
    const bhyt = readScan(BHYT_NEW);
    assert.ok(bhyt.kind === 'bhyt' && bhyt.result.ok && bhyt.result.value.layout === 'v2021');
    assert.deepEqual(readScan(`${VIETQR_STATIC}\r\n`), { kind: 'vietqr', text: VIETQR_STATIC });
    assert.equal(readScan('hello').kind, 'unknown');
  });

  describe('properties', () => {
    it('detects every generated CCCD code, in any field order', () => {
      fc.assert(
        fc.property(
          cccdPersonArb.chain((p) => fc.shuffledSubarray(cccdQrFields(p), { minLength: 7, maxLength: 7 })),
          (fields) => assert.equal(detectScanKind(fields.join('|')).kind, 'cccd'),
        ),
        { numRuns: 1000 },
      );
      fc.assert(
        fc.property(cccdPersonArb, (p) => assert.equal(detectScanKind(cccdQrText(p)).kind, 'cccd')),
        { numRuns: 500 },
      );
    });

    it('detects every generated BHYT code', () => {
      fc.assert(
        fc.property(bhytCardArb, (card) => assert.equal(detectScanKind(bhytQrText(card)).kind, 'bhyt')),
        { numRuns: 1000 },
      );
    });

    it('never throws, and parses whatever it calls a document', () => {
      fc.assert(
        fc.property(scanLikeArb, (raw) => {
          const reading = readScan(raw);
          assert.ok(['cccd', 'bhyt', 'vietqr', 'unknown'].includes(reading.kind));
          if (reading.kind === 'unknown') assert.ok(reading.message.length > 0);
        }),
        { numRuns: 5000 },
      );
    });
  });
});
