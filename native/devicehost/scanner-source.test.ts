import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { HidScannerSettingsSchema, SerialScannerSettingsSchema } from '../../domain/scan.ts';
import { CCCD_QR_TEXT, readHexFixture } from '../scanner/fixtures/fixtures.ts';
import type { HidDeviceLike, SerialOpenOptions, SerialPortLike } from '../scanner/index.ts';
import { HostDevicesSchema, HostScanSchema, type HostScan } from './protocol.ts';
import { createScannerSource, type HidBinding, type SerialBinding, type SerialListing } from './scanner-source.ts';

/** serialport as far as the source uses it: ports that open at once and can be fed or dropped. */
class FakeSerial implements SerialBinding {
  readonly ports: FakePort[] = [];
  listing: SerialListing[] = [];

  readonly open = (options: SerialOpenOptions): SerialPortLike => {
    const port = new FakePort(options.path);
    this.ports.push(port);
    return port;
  };

  list = async () => this.listing;

  openPorts(path: string): FakePort[] {
    return this.ports.filter((port) => port.path === path && port.isOpen);
  }
}

class FakePort extends EventEmitter implements SerialPortLike {
  isOpen = false;
  readonly path: string;

  constructor(path: string) {
    super();
    this.path = path;
  }

  open(callback: (error: Error | null) => void): void {
    this.isOpen = true;
    queueMicrotask(() => callback(null));
  }

  close(callback?: (error: Error | null) => void): void {
    this.isOpen = false;
    queueMicrotask(() => callback?.(null));
  }
}

class FakeHidDevice extends EventEmitter implements HidDeviceLike {
  closed = false;
  close(): void {
    this.closed = true;
  }
}

class FakeHid implements HidBinding {
  listing: ReturnType<HidBinding['devices']>[number][] = [];
  readonly opened = new Map<string, FakeHidDevice>();
  devices = () => this.listing;
  open = (path: string) => {
    const device = new FakeHidDevice();
    this.opened.set(path, device);
    return device;
  };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
const serialSettings = (input: Record<string, unknown>) => SerialScannerSettingsSchema.parse(input);

function setUp(options: { serial?: FakeSerial | Error; hid?: FakeHid | Error } = {}) {
  const serial = options.serial ?? new FakeSerial();
  const hid = options.hid ?? new FakeHid();
  const source = createScannerSource({ serial, hid, pollMs: 60_000 });
  const scans: HostScan[] = [];
  let changes = 0;
  source.start({ onChange: () => (changes += 1), onScan: (scan) => scans.push(scan) });
  return { source, serial, hid, scans, changes: () => changes };
}

describe('scanner device source', () => {
  it('runs the configured serial scanners and forwards each scan with its bytes in hex', async (t) => {
    const { source, serial, scans } = setUp();
    t.after(() => source.stop());
    assert.ok(serial instanceof FakeSerial);
    await source.configure({ serial: [serialSettings({ path: '/dev/ttyACM0', id: 'desk' })], hid: [] });
    await settle();
    assert.deepEqual(source.snapshot().scanners, [{ id: 'desk', kind: 'serial', state: 'connected' }]);

    const [port] = serial.openPorts('/dev/ttyACM0');
    for (const chunk of readHexFixture('serial-cccd-utf8-crlf.hex')) port!.emit('data', Buffer.from(chunk));
    assert.equal(scans.length, 1);
    const scan = HostScanSchema.parse(scans[0]);
    assert.equal(scan.scannerId, 'desk');
    assert.equal(scan.transport, 'serial');
    assert.equal(scan.text, CCCD_QR_TEXT);
    assert.equal(scan.bytesHex, Buffer.from(CCCD_QR_TEXT, 'utf8').toString('hex').toUpperCase());
    assert.equal(scan.byteLength, Buffer.byteLength(CCCD_QR_TEXT));
  });

  it('restarts a changed scanner, keeps an unchanged one and stops a removed one', async (t) => {
    const { source, serial } = setUp();
    t.after(() => source.stop());
    assert.ok(serial instanceof FakeSerial);
    const a = serialSettings({ path: '/dev/ttyA' });
    const b = serialSettings({ path: '/dev/ttyB' });
    await source.configure({ serial: [a, b], hid: [] });
    await settle();
    const [portA] = serial.openPorts('/dev/ttyA');

    await source.configure({ serial: [a, { ...b, baudRate: 115200 }], hid: [] });
    await settle();
    assert.deepEqual(serial.openPorts('/dev/ttyA'), [portA], 'unchanged scanner keeps its port');
    assert.equal(serial.ports.filter((port) => port.path === '/dev/ttyB').length, 2, 'changed scanner reopened');
    assert.equal(serial.openPorts('/dev/ttyB').length, 1);

    await source.configure({ serial: [a], hid: [] });
    await settle();
    assert.equal(serial.openPorts('/dev/ttyB').length, 0);
    assert.deepEqual(
      source.snapshot().scanners.map((s) => s.id),
      ['serial:/dev/ttyA'],
    );
  });

  it('shows a disabled scanner without opening it', async (t) => {
    const { source, serial } = setUp();
    t.after(() => source.stop());
    await source.configure({ serial: [serialSettings({ path: '/dev/ttyA', enabled: false })], hid: [] });
    assert.deepEqual(source.snapshot().scanners, [{ id: 'serial:/dev/ttyA', kind: 'serial', state: 'disconnected', message: 'disabled' }]);
    assert.equal((serial as FakeSerial).ports.length, 0);
  });

  it('reports scanners as errors when the addon could not be loaded, and lists nothing', async (t) => {
    const { source } = setUp({ serial: new Error('no serialport'), hid: new Error('no node-hid') });
    t.after(() => source.stop());
    await source.configure({
      serial: [serialSettings({ path: '/dev/ttyA' })],
      hid: [HidScannerSettingsSchema.parse({ vendorId: '0c2e', mode: 'hid-pos' })],
    });
    await source.refresh();
    const snapshot = source.snapshot();
    assert.deepEqual(snapshot.serialPorts, []);
    assert.deepEqual(snapshot.hidDevices, []);
    assert.deepEqual(
      snapshot.scanners.map((s) => [s.id, s.state, s.message]),
      [
        ['serial:/dev/ttyA', 'error', 'serial support could not be loaded: no serialport'],
        ['hid:0c2e:*', 'error', 'HID support could not be loaded: no node-hid'],
      ],
    );
  });

  it('lists ports and HID devices, signals a change, and attaches a HID scanner once its device appears', async (t) => {
    const { source, serial, hid, scans, changes } = setUp();
    t.after(() => source.stop());
    assert.ok(serial instanceof FakeSerial && hid instanceof FakeHid);
    await source.configure({ serial: [], hid: [HidScannerSettingsSchema.parse({ vendorId: '0c2e', productId: '0b61' })] });
    assert.deepEqual(source.snapshot().scanners, [{ id: 'hid:0c2e:0b61', kind: 'hid', state: 'disconnected', message: 'device not found' }]);

    serial.listing = [{ path: '/dev/ttyACM0', manufacturer: 'Honeywell', vendorId: '0C2E', productId: '0B61', serialNumber: 'S1' }];
    hid.listing = [{ vendorId: 0x0c2e, productId: 0x0b61, path: '/dev/hidraw3', interface: 0, usagePage: 0x8c, usage: 0x02, product: 'Xenon' }];
    const before = changes();
    await source.refresh();
    assert.ok(changes() > before);
    const snapshot = HostDevicesSchema.parse({ pcsc: { state: 'unknown' }, readers: [], ...source.snapshot() });
    assert.deepEqual(snapshot.serialPorts, [{ path: '/dev/ttyACM0', manufacturer: 'Honeywell', vendorId: '0c2e', productId: '0b61', serialNumber: 'S1' }]);
    assert.deepEqual(snapshot.hidDevices, [
      { vendorId: 0x0c2e, productId: 0x0b61, product: 'Xenon', usagePage: 0x8c, usage: 0x02, interface: 0, path: '/dev/hidraw3' },
    ]);
    assert.deepEqual(snapshot.scanners, [{ id: 'hid:0c2e:0b61', kind: 'hid-pos', state: 'connected' }]);

    const device = hid.opened.get('/dev/hidraw3');
    for (const report of readHexFixture('hid-pos-cccd.hex')) device!.emit('data', Buffer.from(report));
    assert.deepEqual(
      scans.map((scan) => [scan.scannerId, scan.transport, scan.text]),
      [['hid:0c2e:0b61', 'hid-pos', CCCD_QR_TEXT]],
    );

    device!.emit('error', new Error('could not read from HID device'));
    assert.deepEqual(source.snapshot().scanners, [
      { id: 'hid:0c2e:0b61', kind: 'hid-pos', state: 'disconnected', message: 'could not read from HID device' },
    ]);
    await source.refresh();
    assert.equal(source.snapshot().scanners[0]?.state, 'connected', 'attached again while the device is listed');
  });

  it('stops every scanner and lets go of the ports', async () => {
    const { source, serial } = setUp();
    assert.ok(serial instanceof FakeSerial);
    await source.configure({ serial: [serialSettings({ path: '/dev/ttyA' })], hid: [] });
    await settle();
    await source.stop();
    assert.equal(serial.openPorts('/dev/ttyA').length, 0);
  });
});
