import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { CCCD_QR_TEXT, CCCD_QR_TEXT_US_KEYBOARD, readHexFixture } from './fixtures/fixtures.ts';
import type { HidScannerMode } from './hid-filter.ts';
import { HidScanner, type HidDeviceLike, type HidScannerEvents, type HidScannerOptions } from './hid-scanner.ts';

/** Stands in for an open node-hid device: replays reports, fails like an unplugged one. */
class FakeHidDevice extends EventEmitter implements HidDeviceLike {
  closeCalls = 0;

  close(): void {
    this.closeCalls += 1;
  }

  replay(reports: Uint8Array[]): void {
    for (const report of reports) this.emit('data', Buffer.from(report));
  }
}

function setUp(mode: HidScannerMode, options: Partial<HidScannerOptions> = {}) {
  const device = new FakeHidDevice();
  const scanner = new HidScanner({ device, mode, sourceId: 'hid:/dev/hidraw1', now: () => 1_767_225_600_000, ...options });
  const scans: HidScannerEvents['scan'][0][] = [];
  const problems: HidScannerEvents['problem'][0][] = [];
  const closed: HidScannerEvents['closed'][0][] = [];
  scanner.on('scan', (scan) => scans.push(scan));
  scanner.on('problem', (problem) => problems.push(problem));
  scanner.on('closed', (event) => closed.push(event));
  return { device, scanner, scans, problems, closed };
}

const keyReport = (modifiers: number, ...keys: number[]) => Uint8Array.from([modifiers, 0, ...keys, ...Array<number>(6 - keys.length).fill(0)]);

describe('HidScanner in HID-POS mode', () => {
  it('emits the recorded CCCD scan with its metadata', () => {
    const { device, scans } = setUp('hid-pos');
    device.replay(readHexFixture('hid-pos-cccd.hex'));
    assert.deepEqual(scans, [
      {
        transport: 'hid-pos',
        text: CCCD_QR_TEXT,
        sourceId: 'hid:/dev/hidraw1',
        receivedAt: 1_767_225_600_000,
        byteLength: new TextEncoder().encode(CCCD_QR_TEXT).length,
        bytes: new TextEncoder().encode(CCCD_QR_TEXT),
        aimId: ']Q1',
        textMayBeGarbled: false,
        warnings: [],
      },
    ]);
  });

  it('reports a malformed report and an over-long barcode as problems', () => {
    const { device, problems } = setUp('hid-pos', { hidPos: { maxScanBytes: 60 } });
    const [first, second] = readHexFixture('hid-pos-cccd.hex');
    device.replay([first!.subarray(0, 10), first!, second!]);
    assert.deepEqual(problems, [
      { kind: 'bad-report', sourceId: 'hid:/dev/hidraw1', problem: 'short-report' },
      { kind: 'scan-too-long', sourceId: 'hid:/dev/hidraw1', limit: 60 },
    ]);
  });
});

describe('HidScanner in keyboard mode', () => {
  it('emits the recorded US-layout CCCD scan, flagged as possibly garbled', () => {
    const { device, scans } = setUp('hid-keyboard');
    device.replay(readHexFixture('hid-keyboard-us-cccd.hex'));
    assert.deepEqual(scans, [
      {
        transport: 'hid-keyboard',
        text: CCCD_QR_TEXT_US_KEYBOARD,
        sourceId: 'hid:/dev/hidraw1',
        receivedAt: 1_767_225_600_000,
        keyPresses: [...CCCD_QR_TEXT_US_KEYBOARD].length,
        layout: 'us',
        textMayBeGarbled: true,
        warnings: ['layout-cannot-type-vietnamese'],
      },
    ]);
  });

  it('ends a scan without a terminator after the idle gap', (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { device, scans } = setUp('hid-keyboard', { keyboard: { idleGapMs: 80 } });
    device.replay([keyReport(0, 0x27), keyReport(0), keyReport(0, 0x1e), keyReport(0)]);
    t.mock.timers.tick(79);
    assert.equal(scans.length, 0);
    t.mock.timers.tick(1);
    assert.deepEqual(scans.map((s) => s.text), ['01']);
  });

  it('reports a keyboard scan that grows too long', () => {
    const { device, problems } = setUp('hid-keyboard', { keyboard: { maxScanChars: 1 } });
    device.replay([keyReport(0, 0x04), keyReport(0), keyReport(0, 0x05), keyReport(0)]);
    assert.deepEqual(problems, [{ kind: 'scan-too-long', sourceId: 'hid:/dev/hidraw1', limit: 1 }]);
  });
});

describe('HidScanner lifecycle', () => {
  it('closes the handle on a device error (unplug) and ignores anything after', () => {
    const { device, scanner, scans, closed } = setUp('hid-pos');
    device.emit('error', new Error('could not read from HID device'));
    device.replay(readHexFixture('hid-pos-cccd.hex'));
    assert.deepEqual(closed, [{ sourceId: 'hid:/dev/hidraw1', reason: 'device-error', message: 'could not read from HID device' }]);
    assert.equal(device.closeCalls, 1);
    assert.equal(scanner.isOpen, false);
    assert.equal(scans.length, 0);
  });

  it('stops once, even when closing the dead handle throws', () => {
    const { device, scanner, closed } = setUp('hid-keyboard');
    device.close = () => {
      throw new Error('already closed');
    };
    scanner.stop();
    scanner.stop();
    assert.deepEqual(closed, [{ sourceId: 'hid:/dev/hidraw1', reason: 'stopped' }]);
  });
});
