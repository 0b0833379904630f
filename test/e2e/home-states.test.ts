/**
 * States of the home screen that a fresh machine cannot produce on demand
 * (readers with and without cards, a database that will not open). The page is
 * served by the real `tiepdon serve`; its bridge socket is answered by the test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import type { DevicesSnapshot, SystemStatus } from '../../domain/api.ts';
import type { ClerkStatus } from '../../domain/clerk-api.ts';
import { BRIDGE_PATH, type ClientFrame, type ServerFrame } from '../../domain/bridge.ts';
import { lastTestEventSeq, launchBrowser, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';

const READER_WITH_CARD = 'ACS ACR1252 1S CL Reader [ACR1252 Dual Reader PICC] 00 00';
const READER_EMPTY = 'Virtual PCD 00 01';

function devicesWithCardOn(first: boolean): DevicesSnapshot {
  return {
    host: { state: 'running', restarts: 2, pid: 4242, lastExit: 'signal SIGKILL' },
    pcsc: { state: 'available' },
    readers: [
      { name: READER_WITH_CARD, cardPresent: first, ...(first ? { atr: '3B8880010000000000718100F8' } : {}) },
      { name: READER_EMPTY, cardPresent: false },
    ],
    serialPorts: [],
    hidDevices: [],
    scanners: [],
  };
}

const SIGNED_IN: ClerkStatus = { required: true, signedIn: { code: 'KT01', name: 'Trần Thu Hà' }, clerks: [{ code: 'KT01', name: 'Trần Thu Hà' }] };

/** Answers system.status from `status` (with a clerk signed in), and can push devices.changed like the services do. */
class FakeServices {
  status: SystemStatus = {
    version: '9.8.7',
    mode: 'browser',
    startedAt: new Date().toISOString(),
    database: { ready: false, encrypted: true, schemaVersion: 0, error: 'file is not a database' },
    devices: devicesWithCardOn(true),
  };
  #socket: WebSocketRoute | undefined;

  async install(page: Page): Promise<void> {
    await page.routeWebSocket((url) => url.pathname === BRIDGE_PATH, (socket) => {
      this.#socket = socket;
      socket.onMessage((message) => {
        const call = JSON.parse(String(message)) as ClientFrame;
        const result =
          call.method === 'system.status'
            ? { ok: true, value: this.status }
            : call.method === 'clerks.status'
              ? { ok: true, value: SIGNED_IN }
              : { ok: false, error: { code: 'UNKNOWN_METHOD', message: call.method } };
        socket.send(JSON.stringify({ type: 'result', id: call.id, result } satisfies ServerFrame));
      });
    });
  }

  changeDevices(devices: DevicesSnapshot): void {
    this.status = { ...this.status, devices };
    this.#socket?.send(JSON.stringify({ type: 'event', name: 'devices.changed', payload: devices } satisfies ServerFrame));
  }
}

const readerCard = (page: Page, name: string) =>
  page.getByTestId('reader').filter({ hasText: name }).getAttribute('data-card');

describe('home screen states', () => {
  let browser: Browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  it('lists each reader with its card, follows devices.changed, and explains a database that is not ready', async (t) => {
    const services = new FakeServices();
    const { page, pageErrors } = await openApp(t, { browser, prepare: (p) => services.install(p) });

    assert.equal(await page.getByTestId('app-version').getAttribute('data-version'), '9.8.7');
    assert.equal(await page.getByTestId('database-state').getAttribute('data-state'), 'not-ready');
    assert.equal(await page.getByTestId('database-state').innerText(), 'Chưa sẵn sàng');
    assert.equal(await page.getByTestId('database-reason').innerText(), 'file is not a database');
    assert.match(await page.getByTestId('database-panel').innerText(), /Khởi động lại TiepDon; nếu vẫn lỗi, báo bộ phận CNTT\./);
    assert.equal(await page.getByTestId('pcsc-state').getAttribute('data-state'), 'available');
    assert.equal(await page.getByTestId('devicehost-restarts').innerText(), '2');
    assert.equal(await page.getByTestId('reader').count(), 2);
    assert.equal(await readerCard(page, READER_WITH_CARD), 'present');
    assert.equal(await readerCard(page, READER_EMPTY), 'absent');
    assert.match(await page.getByTestId('reader-list').innerText(), /Có thẻ[\s\S]*Không có thẻ/);
    await saveScreenshot(page, 'home-readers-vi');

    const mark = await lastTestEventSeq(page);
    services.changeDevices(devicesWithCardOn(false));
    await waitForTestEvent(page, 'devices-changed', { after: mark });
    assert.equal(await readerCard(page, READER_WITH_CARD), 'absent');
    // The status fetched again after the event agrees with it.
    await waitForTestEvent(page, 'status-loaded', { after: mark });
    assert.equal(await readerCard(page, READER_WITH_CARD), 'absent');
    assert.deepEqual(pageErrors, []);
  });
});
