import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScanEvent } from '../../domain/scan.ts';
import { AppError } from '../../domain/errors.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createApp } from '../app.ts';
import { createCardService } from '../card/card-service.ts';
import type { DeviceHostSupervisor } from '../device-host/supervisor.ts';
import { EventBus } from '../event-bus.ts';
import { silentLogger } from '../log.ts';
import { createTrustStoreLoader } from '../card/trust-store.ts';

const CCCD = '001190012345|123456789|Nguyễn Thị Thử|01011990|Nữ|Số 1 Phố Thử, Hà Nội|15082021';

describe('scanning through the API', () => {
  it('stores scanner settings, refuses invalid ones naming the field, and keeps them across restarts', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false });
    const announced: unknown[] = [];
    app.events.subscribe((name, payload) => {
      if (name === 'settings.scanners.changed') announced.push(payload);
    });
    const bad = await app.router.dispatch('settings.scanners.set', { serial: [{ path: '/dev/ttyACM0', parity: 'mark' }] });
    assert.equal(bad.ok ? 'ok' : bad.error.code, 'BAD_INPUT');
    assert.match(bad.ok ? '' : bad.error.message, /serial\.0\.parity/);

    const good = await app.router.dispatch('settings.scanners.set', {
      serial: [{ path: '/dev/ttyACM0', baudRate: 115200 }],
      keyboardWedge: { minLength: 12 },
    });
    assert.ok(good.ok, JSON.stringify(good));
    assert.deepEqual(announced, [good.value]);
    await app.close();

    const again = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false });
    const stored = await again.router.dispatch('settings.scanners.get', {});
    assert.deepEqual(stored, good);
    await again.close();
  });

  it('parses a scan the renderer submits, broadcasts it and returns it', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false });
    const heard: ScanEvent[] = [];
    app.events.subscribe((name, payload) => {
      if (name === 'scan') heard.push(payload as ScanEvent);
    });
    const result = await app.router.dispatch('scan.submit', { source: 'keyboard-wedge', raw: CCCD, warnings: ['ime-garbled'] });
    assert.ok(result.ok);
    const event = result.value as ScanEvent;
    assert.equal(event.kind, 'cccd');
    assert.equal(event.needsConfirmation, true);
    assert.deepEqual(heard, [event]);
    assert.equal(app.scanning.lastCccdId(), '001190012345');

    const tooLong = await app.router.dispatch('scan.submit', { source: 'camera', raw: 'x'.repeat(20_000) });
    assert.equal(tooLong.ok ? 'ok' : tooLong.error.code, 'BAD_INPUT');
    const unknownScanner = await app.router.dispatch('scan.test', { scannerId: 'serial:none', timeoutMs: 100 });
    assert.equal(unknownScanner.ok ? 'ok' : unknownScanner.error.code, 'BAD_INPUT');
    await app.close();
  });
});

describe('card.read with the last scan', () => {
  function cardService(dataDir: string, lastScannedKey: () => { kind: 'cccd-id'; id: string } | undefined) {
    const calls: unknown[] = [];
    const deviceHost = {
      call: async (_method: string, params: unknown) => {
        calls.push(params);
        throw new AppError('CARD_ABSENT', 'No card in any reader');
      },
    } as unknown as DeviceHostSupervisor;
    const service = createCardService({
      deviceHost,
      events: new EventBus(silentLogger),
      log: silentLogger,
      trustStore: createTrustStoreLoader(dataDir, silentLogger),
      lastScannedKey,
    });
    return { service, calls };
  }

  it('sends the device host the ID of the CCCD scanned last, never "last-scan"', async () => {
    using dir = makeTempDir();
    const { service, calls } = cardService(dir.path, () => ({ kind: 'cccd-id', id: '001190012345' }));
    const outcome = await service.read({ key: { kind: 'last-scan' }, photo: false });
    assert.equal(outcome.ok ? 'ok' : outcome.error.code, 'CARD_ABSENT');
    assert.deepEqual(calls, [{ key: { kind: 'cccd-id', id: '001190012345' }, photo: false }]);
  });

  it('asks for a scan when none is fresh', async () => {
    using dir = makeTempDir();
    const { service, calls } = cardService(dir.path, () => undefined);
    const outcome = await service.read({ key: { kind: 'last-scan' }, photo: false });
    assert.equal(outcome.ok ? 'ok' : outcome.error.code, 'BAD_INPUT');
    assert.deepEqual(calls, []);
  });
});
