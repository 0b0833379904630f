import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CCCD_QR_TEXT, readHexFixture } from './fixtures/fixtures.ts';
import { HidPosDecoder, SCANNED_DATA_REPORT_64, type HidPosPushResult } from './hid-pos.ts';

/** Builds a 64-byte Scanned Data report. */
function report(data: Uint8Array | string, options: { continued?: boolean; aim?: string; vendor?: string; reportId?: number } = {}): Uint8Array {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const out = new Uint8Array(64);
  out[0] = options.reportId ?? 0x02;
  out[1] = bytes.length;
  out.set(new TextEncoder().encode(options.aim ?? ']Q1'), 2);
  out.set(bytes, 5);
  out[61] = (options.vendor ?? 's').charCodeAt(0);
  out[63] = options.continued ? 0x01 : 0x00;
  return out;
}

const scanOf = (result: HidPosPushResult) => (result.kind === 'scan' ? result.scan : undefined);

describe('HidPosDecoder', () => {
  it('joins the recorded two-report CCCD scan, with a character split between the reports', () => {
    const decoder = new HidPosDecoder();
    const results = readHexFixture('hid-pos-cccd.hex').map((r) => decoder.push(r));
    assert.deepEqual(results[0], { kind: 'partial', reportCount: 1 });
    assert.deepEqual(scanOf(results[1]!), {
      text: CCCD_QR_TEXT,
      byteLength: new TextEncoder().encode(CCCD_QR_TEXT).length,
      bytes: new TextEncoder().encode(CCCD_QR_TEXT),
      aimId: ']Q1',
      symbology: 'qr',
      vendorCode: 's',
      reportCount: 2,
      malformed: false,
      eciEscapes: false,
    });
  });

  it('decodes a single-report barcode', () => {
    const scan = scanOf(new HidPosDecoder().push(report('8934567890123', { aim: ']E0', vendor: 'd' })));
    assert.equal(scan?.text, '8934567890123');
    assert.equal(scan?.symbology, 'ean-upc');
  });

  it('ignores reports with other IDs and empty final reports', () => {
    const decoder = new HidPosDecoder();
    assert.deepEqual(decoder.push(report('status', { reportId: 0x04 })), { kind: 'ignored' });
    assert.deepEqual(decoder.push(report('')), { kind: 'ignored' });
  });

  it('rejects a short report or a length the report cannot hold, and forgets the barcode in progress', () => {
    const decoder = new HidPosDecoder();
    decoder.push(report('first part', { continued: true }));
    assert.deepEqual(decoder.push(report('x').subarray(0, 20)), { kind: 'error', problem: 'short-report' });
    const tooLong = report('x');
    tooLong[1] = 57;
    assert.deepEqual(decoder.push(tooLong), { kind: 'error', problem: 'bad-length' });
    assert.equal(scanOf(decoder.push(report('next')))?.text, 'next');
  });

  it('drops a barcode longer than the limit and resynchronises after its last report', () => {
    const decoder = new HidPosDecoder({ maxScanBytes: 100 });
    const part = 'A'.repeat(56);
    assert.equal(decoder.push(report(part, { continued: true })).kind, 'partial');
    assert.deepEqual(decoder.push(report(part, { continued: true })), { kind: 'error', problem: 'scan-too-long' });
    assert.deepEqual(decoder.push(report(part, { continued: true })), { kind: 'ignored' });
    assert.deepEqual(decoder.push(report('end')), { kind: 'ignored' });
    assert.equal(scanOf(decoder.push(report('001090012345')))?.text, '001090012345');
  });

  it('flags bytes invalid in the encoding', () => {
    const scan = scanOf(new HidPosDecoder().push(report(Uint8Array.from([0x4e, 0xff]))));
    assert.equal(scan?.malformed, true);
  });

  it('decodes with a configured single-byte encoding', () => {
    const scan = scanOf(new HidPosDecoder({ encoding: 'latin1' }).push(report(Uint8Array.from([0x4c, 0xe1, 0x6e, 0x67]))));
    assert.equal(scan?.text, 'Láng');
  });

  it('marks QR data sent with ECI escapes', () => {
    const scan = scanOf(new HidPosDecoder().push(report('\\000026Nguyễn', { aim: ']Q2' })));
    assert.equal(scan?.eciEscapes, true);
  });

  it('reports no AIM identifier when the scanner sends none', () => {
    const bytes = report('ABC');
    bytes.fill(0, 2, 5);
    bytes[61] = 0;
    const scan = scanOf(new HidPosDecoder().push(bytes));
    assert.deepEqual([scan?.aimId, scan?.symbology, scan?.vendorCode], [null, 'unknown', null]);
  });

  it('reads another layout given as data', () => {
    // A scanner that puts the continued flag in byte 62 and has no vendor code.
    const layout = { ...SCANNED_DATA_REPORT_64, continuedOffset: 62, vendorCodeOffset: 61 };
    const decoder = new HidPosDecoder({ layout });
    const first = report('ABC');
    first[62] = 0x01;
    assert.equal(decoder.push(first).kind, 'partial');
    assert.equal(scanOf(decoder.push(report('DEF')))?.text, 'ABCDEF');
  });
});
