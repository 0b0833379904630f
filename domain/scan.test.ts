import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DevicesSnapshotSchema } from './api.ts';
import { DEFAULT_SCANNER_SETTINGS, ScanEventSchema, ScannerSettingsSchema, ScanSubmitInputSchema } from './scan.ts';

const issuesOf = (input: unknown) => {
  const result = ScannerSettingsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
};

describe('scanner settings', () => {
  it('fills in what scanners ship with and derives ids', () => {
    const settings = ScannerSettingsSchema.parse({
      serial: [{ path: '/dev/ttyACM0' }],
      hid: [{ vendorId: '0x0C2E', productId: 2913 }, { vendorId: 0x05e0, id: 'zebra' }],
    });
    assert.deepEqual(settings.serial[0], {
      id: 'serial:/dev/ttyACM0',
      path: '/dev/ttyACM0',
      enabled: true,
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      terminator: 'cr',
      encoding: 'utf-8',
      maxFrameBytes: 8192,
    });
    assert.deepEqual(
      settings.hid.map((h) => [h.id, h.vendorId, h.layout]),
      [
        ['hid:0c2e:0b61', 0x0c2e, 'us'],
        ['zebra', 0x05e0, 'us'],
      ],
    );
    assert.deepEqual(DEFAULT_SCANNER_SETTINGS.keyboardWedge, { enabled: true, maxInterKeyGapMs: 35, minLength: 10, terminator: 'enter' });
    assert.deepEqual(ScannerSettingsSchema.parse(settings), settings, 'stored settings read back unchanged');
  });

  it('names the field of each invalid setting', () => {
    assert.deepEqual(issuesOf({ serial: [{ path: '/dev/ttyA', dataBits: 6 }] }), ['serial.0.dataBits']);
    assert.deepEqual(issuesOf({ serial: [{ path: ' ' }] }), ['serial.0.path']);
    assert.deepEqual(issuesOf({ hid: [{ vendorId: 0x10000 }] }), ['hid.0.vendorId']);
    assert.deepEqual(issuesOf({ keyboardWedge: { maxInterKeyGapMs: 1000 } }), ['keyboardWedge.maxInterKeyGapMs']);
    assert.deepEqual(issuesOf({ serial: [{ path: '/dev/ttyA', colour: 'red' }] }), ['serial.0']);
  });

  it('refuses two scanners with one id or one port, and the ids of the renderer sources', () => {
    assert.deepEqual(issuesOf({ serial: [{ path: '/dev/a', id: 'x' }], hid: [{ vendorId: 1, id: 'x' }] }), ['hid.0.id']);
    assert.deepEqual(issuesOf({ serial: [{ path: '/dev/a' }, { path: '/dev/a', id: 'y' }] }), ['serial.1.path']);
    assert.deepEqual(issuesOf({ serial: [{ path: '/dev/a', id: 'camera' }] }), ['serial.0.id']);
  });
});

describe('scan contract', () => {
  it('bounds what the renderer may submit', () => {
    assert.equal(ScanSubmitInputSchema.safeParse({ source: 'camera', raw: 'x'.repeat(16_384) }).success, true);
    assert.equal(ScanSubmitInputSchema.safeParse({ source: 'camera', raw: 'x'.repeat(16_385) }).success, false);
    assert.equal(ScanSubmitInputSchema.safeParse({ source: 'serial', raw: 'x' }).success, false);
  });

  it('accepts an unknown scan and refuses a parsed result of the wrong shape', () => {
    const base = { id: '1', source: { kind: 'camera' }, raw: 'x', needsConfirmation: false, warnings: [], receivedAt: '2026-01-01T07:00:00+07:00' };
    assert.equal(ScanEventSchema.safeParse({ ...base, kind: 'unknown', error: { code: 'unrecognised', message: 'm' } }).success, true);
    assert.equal(ScanEventSchema.safeParse({ ...base, kind: 'cccd', parsed: { bankBin: '970436' } }).success, false);
    assert.equal(ScanEventSchema.safeParse({ ...base, kind: 'unknown', error: { code: 'NOPE', message: 'm' } }).success, false);
  });

  it('reads a devices snapshot from a peer that knows no scanners', () => {
    const snapshot = DevicesSnapshotSchema.parse({ host: { state: 'running', restarts: 0 }, pcsc: { state: 'available' }, readers: [] });
    assert.deepEqual([snapshot.serialPorts, snapshot.hidDevices, snapshot.scanners], [[], [], []]);
  });
});
