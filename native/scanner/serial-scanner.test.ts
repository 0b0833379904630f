import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it, type TestContext } from 'node:test';
import { CCCD_QR_TEXT, readHexFixture } from './fixtures/fixtures.ts';
import type { SerialScan } from './scan.ts';
import { SerialScannerConfigSchema, type SerialOpenOptions } from './serial-config.ts';
import {
  SerialScanner,
  type ScannerProblem,
  type ScannerStateEvent,
  type SerialPortLike,
} from './serial-scanner.ts';

/**
 * Behaves like serialport's SerialPort for one device that can be unplugged:
 * open fails while the device is absent, and an unplug closes the port with
 * an error marked `disconnected`, as serialport does.
 */
class FakeDevice {
  present = true;
  readonly ports: FakePort[] = [];
  readonly openedWith: SerialOpenOptions[] = [];

  readonly factory = (options: SerialOpenOptions): SerialPortLike => {
    this.openedWith.push(options);
    const port = new FakePort(this);
    this.ports.push(port);
    return port;
  };

  get current(): FakePort | undefined {
    return this.ports.findLast((port) => port.isOpen);
  }

  unplug(): void {
    this.present = false;
    this.current?.drop();
  }

  replug(): void {
    this.present = true;
  }

  send(chunk: Uint8Array): void {
    const port = this.current;
    assert.ok(port, 'no open port to send to');
    port.emit('data', Buffer.from(chunk));
  }
}

class FakePort extends EventEmitter implements SerialPortLike {
  isOpen = false;
  readonly #device: FakeDevice;

  constructor(device: FakeDevice) {
    super();
    this.#device = device;
  }

  open(callback: (error: Error | null) => void): void {
    queueMicrotask(() => {
      if (!this.#device.present) {
        callback(Object.assign(new Error('Error: No such file or directory, cannot open /dev/ttyACM0'), { code: 'ENOENT' }));
        return;
      }
      this.isOpen = true;
      callback(null);
    });
  }

  close(callback?: (error: Error | null) => void): void {
    this.isOpen = false;
    queueMicrotask(() => {
      this.emit('close', null);
      callback?.(null);
    });
  }

  drop(): void {
    this.isOpen = false;
    this.emit('close', Object.assign(new Error('Port disconnected'), { disconnected: true }));
  }
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setUp(t: TestContext, input: Record<string, unknown> = {}) {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const device = new FakeDevice();
  const config = SerialScannerConfigSchema.parse({ path: '/dev/ttyACM0', ...input });
  const scanner = new SerialScanner({ config, openPort: device.factory, now: () => 1_767_225_600_000 });
  const scans: SerialScan[] = [];
  const states: ScannerStateEvent[] = [];
  const problems: ScannerProblem[] = [];
  scanner.on('scan', (scan) => scans.push(scan));
  scanner.on('state', (state) => states.push(state));
  scanner.on('problem', (problem) => problems.push(problem));
  return { device, scanner, scans, states, problems };
}

const kinds = (states: ScannerStateEvent[]) =>
  states.map((s) => (s.kind === 'reconnecting' ? `reconnecting#${s.attempt}@${s.delayMs}` : s.kind === 'disconnected' ? `disconnected:${s.reason}` : s.kind));

describe('SerialScanner', () => {
  it('opens the port with the configured settings and emits each scan with its metadata', async (t) => {
    const { device, scanner, scans, states } = setUp(t, { baudRate: 115200 });
    scanner.start();
    await settle();
    assert.equal(scanner.state, 'connected');
    assert.deepEqual(states, [{ kind: 'connected', sourceId: 'serial:/dev/ttyACM0' }]);
    assert.equal(device.openedWith[0]?.baudRate, 115200);
    assert.equal(device.openedWith[0]?.autoOpen, false);

    for (const chunk of readHexFixture('serial-cccd-utf8-crlf.hex')) device.send(chunk);
    assert.deepEqual(scans, [
      {
        transport: 'serial',
        text: CCCD_QR_TEXT,
        sourceId: 'serial:/dev/ttyACM0',
        receivedAt: 1_767_225_600_000,
        byteLength: new TextEncoder().encode(CCCD_QR_TEXT).length,
        bytes: new TextEncoder().encode(CCCD_QR_TEXT),
        endedBy: 'terminator',
        textMayBeGarbled: false,
        warnings: [],
      },
    ]);
  });

  it('reconnects with backoff after an unplug and reads again after the replug', async (t) => {
    const { device, scanner, scans, states } = setUp(t);
    scanner.start();
    await settle();

    device.unplug();
    assert.equal(scanner.state, 'reconnecting');
    t.mock.timers.tick(500);
    await settle();
    t.mock.timers.tick(1000);
    await settle();
    device.replug();
    t.mock.timers.tick(2000);
    await settle();

    assert.deepEqual(kinds(states), [
      'connected',
      'disconnected:unplugged',
      'reconnecting#1@500',
      'reconnecting#2@1000',
      'reconnecting#3@2000',
      'connected',
    ]);
    const failed = states.find((s) => s.kind === 'reconnecting' && s.attempt === 2);
    assert.match(failed?.kind === 'reconnecting' ? (failed.cause ?? '') : '', /No such file/);

    device.send(new TextEncoder().encode('001090012345\r'));
    assert.deepEqual(scans.map((s) => s.text), ['001090012345']);
  });

  it('starts the backoff afresh after a successful reconnect', async (t) => {
    const { device, scanner, states } = setUp(t);
    scanner.start();
    await settle();
    for (let round = 0; round < 2; round++) {
      device.unplug();
      device.replug();
      t.mock.timers.tick(500);
      await settle();
    }
    assert.deepEqual(kinds(states), [
      'connected',
      'disconnected:unplugged',
      'reconnecting#1@500',
      'connected',
      'disconnected:unplugged',
      'reconnecting#1@500',
      'connected',
    ]);
  });

  it('caps the backoff delay', async (t) => {
    const { device, scanner, states } = setUp(t);
    device.present = false;
    scanner.start();
    await settle();
    for (let i = 0; i < 8; i++) {
      t.mock.timers.tick(10_000);
      await settle();
    }
    const delays = states.flatMap((s) => (s.kind === 'reconnecting' ? [s.delayMs] : []));
    assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('keeps trying when the port is missing at start', async (t) => {
    const { device, scanner, states } = setUp(t);
    device.present = false;
    scanner.start();
    await settle();
    assert.deepEqual(kinds(states), ['reconnecting#1@500']);
    device.replug();
    t.mock.timers.tick(500);
    await settle();
    assert.equal(scanner.state, 'connected');
  });

  it('drops a scan cut off by the unplug instead of gluing it to the next one', async (t) => {
    const { device, scanner, scans } = setUp(t);
    scanner.start();
    await settle();
    device.send(new TextEncoder().encode('0010900'));
    device.unplug();
    device.replug();
    t.mock.timers.tick(500);
    await settle();
    device.send(new TextEncoder().encode('079303001234\r'));
    assert.deepEqual(scans.map((s) => s.text), ['079303001234']);
  });

  it('reports an over-long scan as a problem without its text and keeps reading', async (t) => {
    const { device, scanner, scans, problems } = setUp(t, { maxFrameBytes: 64 });
    scanner.start();
    await settle();
    device.send(new TextEncoder().encode(`${'Nguyễn Văn An '.repeat(10)}\rOK\r`));
    assert.deepEqual(problems, [{ kind: 'frame-overflow', sourceId: 'serial:/dev/ttyACM0', limit: 64 }]);
    assert.deepEqual(scans.map((s) => s.text), ['OK']);
  });

  it('flags a scan whose bytes are not valid in the encoding', async (t) => {
    const { device, scanner, scans } = setUp(t);
    scanner.start();
    await settle();
    device.send(Uint8Array.from([0x4e, 0x67, 0xff, 0x0d]));
    assert.equal(scans[0]?.textMayBeGarbled, true);
    assert.deepEqual(scans[0]?.warnings, ['malformed-encoding']);
  });

  it('reports a port error and stays connected while the port is still open', async (t) => {
    const { device, scanner, states, problems } = setUp(t);
    scanner.start();
    await settle();
    device.current?.emit('error', new Error('read error'));
    assert.deepEqual(problems, [{ kind: 'port-error', sourceId: 'serial:/dev/ttyACM0', message: 'read error' }]);
    assert.equal(scanner.state, 'connected');
    assert.deepEqual(kinds(states), ['connected']);
  });

  it('treats a close it did not ask for as a disconnect', async (t) => {
    const { device, scanner, states } = setUp(t);
    scanner.start();
    await settle();
    device.current?.close();
    await settle();
    assert.deepEqual(kinds(states), ['connected', 'disconnected:closed', 'reconnecting#1@500']);
  });

  it('stops: closes the port, reports it, and no longer reconnects', async (t) => {
    const { device, scanner, states } = setUp(t);
    scanner.start();
    await settle();
    await scanner.stop();
    assert.equal(device.ports[0]?.isOpen, false);
    t.mock.timers.tick(60_000);
    await settle();
    assert.equal(device.ports.length, 1);
    assert.equal(scanner.state, 'stopped');
    assert.deepEqual(kinds(states), ['connected', 'disconnected:stopped']);
  });

  it('stops while waiting to reconnect without opening again', async (t) => {
    const { device, scanner } = setUp(t);
    device.present = false;
    scanner.start();
    await settle();
    await scanner.stop();
    t.mock.timers.tick(60_000);
    await settle();
    assert.equal(device.ports.length, 1);
  });

  it('closes a port whose open completes after stop', async (t) => {
    const { device, scanner, states } = setUp(t);
    scanner.start();
    await scanner.stop();
    await settle();
    assert.equal(device.ports[0]?.isOpen, false);
    assert.deepEqual(states, []);
  });
});
