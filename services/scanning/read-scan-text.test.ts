import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScanEventSchema } from '../../domain/scan.ts';
import { staticBody, withCrc } from '../../domain/payment/testing/payloads.ts';
import { readScanText, vietnamToday } from './read-scan-text.ts';

const CCCD = '001190012345|123456789|Nguyễn Thị Thử|01011990|Nữ|Số 1 Phố Thử, Hà Nội|15082021';
const BHYT =
  'DN4010123456789|4E677579E1BB856E2056C4836E20416E|15/08/1990|1|-|01 - 001|01/01/2025|31/12/2025|20/12/2024|01010123456789|-|4|01/01/2030|0000000000000000-0000|$';
const VIETQR = withCrc(staticBody());

const asEvent = (raw: string, reading: ReturnType<typeof readScanText>) =>
  ScanEventSchema.parse({ id: '1', source: { kind: 'camera', scannerId: 'camera' }, raw, receivedAt: '2026-01-01T00:00:00.000Z', ...reading });

describe('readScanText', () => {
  it('parses a CCCD QR into an event the contract accepts', () => {
    const reading = readScanText(CCCD);
    const event = asEvent(CCCD, reading);
    assert.equal(event.kind, 'cccd');
    assert.equal(event.kind === 'cccd' && event.parsed?.fullName, 'Nguyễn Thị Thử');
    assert.equal(event.needsConfirmation, false);
    assert.equal(event.error, undefined);
  });

  it('asks the clerk to confirm a CCCD QR whose name held direction or invisible characters', () => {
    for (const hidden of ['\u200F', '\u202E', '\u061C', '\u180E', '\u206F']) {
      const raw = CCCD.replace('Nguyễn Thị Thử', `Nguyễn${hidden} Thị Thử${hidden}`);
      const event = asEvent(raw, readScanText(raw));
      assert.equal(event.kind === 'cccd' && event.parsed?.fullName, 'Nguyễn Thị Thử');
      assert.equal(event.kind === 'cccd' && event.parsed?.confidence, 'exact');
      assert.equal(event.needsConfirmation, true);
      assert.deepEqual(event.warnings, ['TEXT_CLEANED']);
    }
  });

  it('asks the clerk to confirm a CCCD QR issued before the holder was born', () => {
    const raw = CCCD.replace('|15082021', '|15081980');
    const reading = readScanText(raw, { today: vietnamToday(new Date('2026-12-08T00:00:00Z')) });
    assert.equal(reading.needsConfirmation, true);
    assert.deepEqual(reading.warnings, ['ISSUE_BEFORE_BIRTH']);
  });

  it('parses a BHYT QR with its hex-encoded name', () => {
    const event = asEvent(BHYT, readScanText(BHYT));
    assert.equal(event.kind, 'bhyt');
    assert.equal(event.kind === 'bhyt' && event.parsed?.fullName, 'Nguyễn Văn An');
    assert.equal(event.kind === 'bhyt' && event.parsed?.registeredFacility, '01001');
  });

  it('parses a VietQR payment code, and names the field of a broken one', () => {
    const good = asEvent(VIETQR, readScanText(VIETQR));
    assert.equal(good.kind === 'vietqr' && good.parsed?.bankBin, '970436');
    const broken = `${VIETQR.slice(0, -4)}0000`;
    const bad = readScanText(broken);
    assert.equal(bad.kind, 'vietqr');
    assert.equal(bad.error?.code, 'CRC_MISMATCH');
    assert.equal(bad.error?.field, 'crc');
    asEvent(broken, bad);
  });

  it('tells the clerk to scan the card itself when a VNeID code is scanned', () => {
    const reading = readScanText('https://vneid.gov.vn/x');
    assert.equal(reading.kind, 'unknown');
    assert.equal(reading.error?.code, 'vneid-app-code');
    assert.match(reading.error?.message ?? '', /Scan the QR on the CCCD or BHYT card/);
  });

  it('names the field of a CCCD QR that is cut short', () => {
    const reading = readScanText('001190012345|123456789|Nguyễn Thị Thử|0101');
    assert.ok(reading.error);
    asEvent('x', reading);
  });

  it('asks for confirmation when the transport doubts the text, and lists its warnings first', () => {
    const reading = readScanText(CCCD, { transportWarnings: ['ime-garbled'] });
    assert.equal(reading.needsConfirmation, true);
    assert.deepEqual(reading.warnings, ['ime-garbled']);
  });

  it('passes on the parser warnings and their need for confirmation', () => {
    const mismatched = CCCD.replace('Nữ', 'Nam');
    const reading = readScanText(mismatched);
    assert.equal(reading.needsConfirmation, true);
    assert.ok(reading.warnings.includes('ID_SEX_MISMATCH'));
  });

  it('takes today in Vietnam, seven hours ahead of UTC', () => {
    assert.deepEqual(vietnamToday(new Date('2025-12-31T17:00:00Z')), { precision: 'day', year: 2026, month: 1, day: 1 });
    assert.deepEqual(vietnamToday(new Date('2025-12-31T16:59:59Z')), { precision: 'day', year: 2025, month: 12, day: 31 });
  });

  it('never throws, whatever the text', () => {
    for (const raw of ['', '\u0000', '|||||', 'a'.repeat(20_000), '\uFEFF000201', '001190012345|||||||']) {
      asEvent(raw, readScanText(raw));
    }
  });
});
