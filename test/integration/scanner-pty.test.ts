/**
 * A serial scanner through the real device host: the app opens one end of a
 * socat pty pair with serialport, the test writes scans to the other end.
 * Names and numbers are test data, not people.
 */
import assert from 'node:assert/strict';
import { open } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { DevicesSnapshot, EventName, EventPayload } from '../../domain/api.ts';
import type { ScanEvent, ScannerSettingsInput } from '../../domain/scan.ts';
import { createApp, type App } from '../../services/app.ts';
import { nextAppEvent } from '../rig/events.ts';
import { ptyRigMissing, startPtyPair, type PtyPair } from '../rig/pty-pair.ts';
import { makeTempDir } from '../rig/temp-dir.ts';

const CCCD_QR = '001190012345|123456789|Nguyễn Thị Thử Nghiệm|01011990|Nữ|Số 1 Phố Thử, Phường Điện Biên, Ba Đình, Hà Nội|15082021';
const SCANNER_ID = 'serial:desk-1';

const nextEvent = <E extends EventName>(app: App, name: E, accept: (payload: EventPayload<E>) => boolean) => nextAppEvent(app.events, name, accept);

const scannerState = (snapshot: DevicesSnapshot) => snapshot.scanners.find((s) => s.id === SCANNER_ID)?.state;

/** Resolves when the scanner reaches `state`, at once if it is there already. */
async function scannerReaches(app: App, state: 'connected' | 'disconnected'): Promise<void> {
  const changed = nextEvent(app, 'devices.changed', (snapshot) => scannerState(snapshot) === state);
  const listed = await app.router.dispatch('devices.list', {});
  if (listed.ok && scannerState(listed.value as DevicesSnapshot) === state) {
    changed.catch(() => undefined);
    return;
  }
  await changed;
}

async function writeTo(path: string, ...chunks: Buffer[]): Promise<void> {
  const scanner = await open(path, 'w');
  try {
    for (const chunk of chunks) await scanner.write(chunk);
  } finally {
    await scanner.close();
  }
}

function startApp(dataDir: string): Promise<App> {
  return createApp({ dataDir, mode: 'headless', deviceHost: { backoff: { initialMs: 50, maxMs: 200, factor: 2, stableAfterMs: 60_000 } } });
}

describe('serial scanner on a pty through the device host', { skip: ptyRigMissing() }, () => {
  const data = makeTempDir();
  const ptyDir = makeTempDir('tiepdon-pty-');
  let pair: PtyPair;
  let app: App;

  before(async () => {
    pair = await startPtyPair({ dir: ptyDir.path });
    app = await startApp(data.path);
    const settings: ScannerSettingsInput = { serial: [{ id: SCANNER_ID, path: pair.a, baudRate: 115200, terminator: 'crlf' }] };
    const set = await app.router.dispatch('settings.scanners.set', settings);
    assert.equal(set.ok, true, JSON.stringify(set));
    await scannerReaches(app, 'connected');
  });

  after(async () => {
    await app?.close();
    await pair?.stop();
    ptyDir[Symbol.dispose]();
    data[Symbol.dispose]();
  });

  it('lists the configured scanner as connected', async () => {
    const listed = await app.router.dispatch('devices.list', {});
    assert.ok(listed.ok);
    const snapshot = listed.value as DevicesSnapshot;
    assert.deepEqual(snapshot.scanners.find((s) => s.id === SCANNER_ID), { id: SCANNER_ID, kind: 'serial', state: 'connected' });
    assert.ok(Array.isArray(snapshot.serialPorts));
    assert.ok(Array.isArray(snapshot.hidDevices));
  });

  it('turns a CCCD QR written in pieces, split inside a character, into one parsed scan event', async () => {
    const bytes = Buffer.from(`${CCCD_QR}\r\n`, 'utf8');
    const cut = bytes.indexOf(Buffer.from('ữ', 'utf8')) + 1;
    const scanned = nextEvent(app, 'scan', () => true);
    await writeTo(pair.b, bytes.subarray(0, cut), bytes.subarray(cut, cut + 7), bytes.subarray(cut + 7));
    const event = (await scanned) as ScanEvent;
    assert.equal(event.kind, 'cccd');
    assert.deepEqual(event.source, { kind: 'serial', scannerId: SCANNER_ID });
    assert.equal(event.raw, CCCD_QR);
    assert.equal(event.kind === 'cccd' ? event.parsed?.fullName : undefined, 'Nguyễn Thị Thử Nghiệm');
    assert.equal(event.needsConfirmation, false);
    assert.equal(app.scanning.lastCccdId(), '001190012345');
  });

  it('answers a test scan with the bytes in hex', async () => {
    // dispatch runs the handler, which starts waiting, before it returns.
    const testing = app.router.dispatch('scan.test', { scannerId: SCANNER_ID, timeoutMs: 10_000 });
    await writeTo(pair.b, Buffer.from('Trần\r\n', 'utf8'));
    const result = await testing;
    assert.ok(result.ok, JSON.stringify(result));
    const value = result.value as { event: ScanEvent; rawHex: string; byteLength: number };
    assert.equal(value.rawHex, Buffer.from('Trần', 'utf8').toString('hex').toUpperCase());
    assert.equal(value.byteLength, 6);
    assert.equal(value.event.kind, 'unknown');
  });

  it('reconnects when the port vanishes and comes back at the same path', async () => {
    const gone = nextEvent(app, 'devices.changed', (snapshot) => scannerState(snapshot) === 'disconnected');
    await pair.stop();
    await gone;
    const back = nextEvent(app, 'devices.changed', (snapshot) => scannerState(snapshot) === 'connected');
    pair = await startPtyPair({ dir: ptyDir.path });
    await back;
    const scanned = nextEvent(app, 'scan', () => true);
    await writeTo(pair.b, Buffer.from(`${CCCD_QR}\r\n`, 'utf8'));
    const event = await scanned;
    assert.equal(event.kind, 'cccd');
  });

  it('keeps the settings across a restart of the app and opens the scanner again', async () => {
    await app.close();
    app = await startApp(data.path);
    const settings = await app.router.dispatch('settings.scanners.get', {});
    assert.ok(settings.ok);
    const serial = (settings.value as { serial: { id: string; path: string; baudRate: number; terminator: string }[] }).serial;
    assert.deepEqual(
      serial.map(({ id, path, baudRate, terminator }) => ({ id, path, baudRate, terminator })),
      [{ id: SCANNER_ID, path: pair.a, baudRate: 115200, terminator: 'crlf' }],
    );
    await scannerReaches(app, 'connected');
    const scanned = nextEvent(app, 'scan', () => true);
    await writeTo(pair.b, Buffer.from(`${CCCD_QR}\r\n`, 'utf8'));
    assert.equal((await scanned).kind, 'cccd');
  });

  it('stops a scanner removed from the settings', async () => {
    const removed = nextEvent(app, 'devices.changed', (snapshot) => snapshot.scanners.length === 0);
    const set = await app.router.dispatch('settings.scanners.set', { serial: [] });
    assert.equal(set.ok, true);
    await removed;
  });
});
