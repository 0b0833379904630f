import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  REPO_ROOT,
  lastTestEventSeq,
  launchBrowser,
  openApp,
  saveScreenshot,
  waitForTestEvent,
} from '../rig/browser.ts';

const { version } = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { version: string };

const text = (page: Page, testId: string): Promise<string> => page.getByTestId(testId).innerText();
const state = (page: Page, testId: string): Promise<string | null> => page.getByTestId(testId).getAttribute('data-state');

describe('home screen (browser mode)', () => {
  let browser: Browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  it('shows the status in Vietnamese: version, database ready, device host running', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser });
    const running = await waitForTestEvent(page, ['status-loaded', 'devices-changed'], { match: { hostState: 'running' } });
    assert.equal(running.detail.databaseReady ?? true, true);

    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    assert.equal(await text(page, 'app-name'), 'TiepDon');
    assert.equal(await page.getByTestId('app-version').getAttribute('data-version'), version);
    assert.match(await text(page, 'app-version'), new RegExp(`^Phiên bản ${version.replaceAll('.', '\\.')}`));
    assert.equal(await state(page, 'connection-state'), 'connected');
    assert.equal(await text(page, 'connection-state'), 'Đã kết nối');
    assert.equal(await state(page, 'database-state'), 'ready');
    assert.equal(await text(page, 'database-state'), 'Sẵn sàng');
    assert.equal(await state(page, 'devicehost-state'), 'running');
    assert.equal(await text(page, 'devicehost-state'), 'Đang chạy');
    assert.equal(await text(page, 'devicehost-restarts'), '0');
    assert.ok(['available', 'unavailable', 'unknown'].includes((await state(page, 'pcsc-state')) ?? ''));
    assert.equal(await page.getByTestId('notice').count(), 0);

    // The launch token is taken out of the address bar as soon as the page has it.
    assert.equal(new URL(page.url()).hash, '');
    // Every text is composed (NFC), as Vietnamese input and search expect.
    const body = await page.locator('body').innerText();
    assert.equal(body, body.normalize('NFC'));

    await saveScreenshot(page, 'home-vi');
    assert.deepEqual(pageErrors, []);
  });

  it('switches to English with Alt+L and keeps English after a reload', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser });
    assert.equal(await text(page, 'language-toggle'), 'English\nAlt+L');

    const mark = await lastTestEventSeq(page);
    await page.keyboard.press('Alt+KeyL');
    await waitForTestEvent(page, 'language-changed', { after: mark, match: { language: 'en' } });
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.match(await text(page, 'app-version'), /^Version /);
    assert.equal(await text(page, 'database-state'), 'Ready');
    assert.equal(await text(page, 'connection-state'), 'Connected');

    await page.reload();
    await waitForTestEvent(page, 'app-ready');
    await waitForTestEvent(page, ['status-loaded', 'devices-changed'], { match: { hostState: 'running' } });
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await state(page, 'connection-state'), 'connected');
    assert.equal(await text(page, 'devicehost-state'), 'Running');
    assert.equal(await text(page, 'database-state'), 'Ready');
    assert.match(await text(page, 'language-toggle'), /^Tiếng Việt/);
    await saveScreenshot(page, 'home-en');

    // The same shortcut brings Vietnamese back.
    const back = await lastTestEventSeq(page);
    await page.keyboard.press('Alt+KeyL');
    await waitForTestEvent(page, 'language-changed', { after: back, match: { language: 'vi' } });
    assert.equal(await text(page, 'devicehost-state'), 'Đang chạy');
    assert.deepEqual(pageErrors, []);
  });

  it('shows the device host restarting, then running again after it is killed', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser });
    const running = await waitForTestEvent(page, ['status-loaded', 'devices-changed'], { match: { hostState: 'running' } });
    const pid = running.detail.hostPid;
    assert.equal(typeof pid, 'number', 'system.status reports the device host pid');

    // Record every text the state pill shows, so a state that flashes by is still seen.
    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      const shown: string[] = [];
      (globalThis as unknown as { __shownHostStates: string[] }).__shownHostStates = shown;
      const record = (): void => {
        const text = doc.querySelector('[data-testid="devicehost-state"]')?.textContent ?? '';
        if (shown.at(-1) !== text) shown.push(text);
      };
      record();
      new MutationObserver(record).observe(doc.body, { subtree: true, childList: true, characterData: true });
    });

    const mark = await lastTestEventSeq(page);
    process.kill(pid as number, 'SIGKILL');
    await waitForTestEvent(page, 'devices-changed', { after: mark, match: { hostState: 'restarting', restarts: 1 } });
    await waitForTestEvent(page, 'devices-changed', { after: mark, match: { hostState: 'running', restarts: 1 } });

    assert.equal(await state(page, 'devicehost-state'), 'running');
    assert.equal(await text(page, 'devicehost-state'), 'Đang chạy');
    assert.equal(await text(page, 'devicehost-restarts'), '1');
    assert.match(await text(page, 'devicehost-last-exit'), /SIGKILL/);
    const shown = await page.evaluate(() => (globalThis as unknown as { __shownHostStates: string[] }).__shownHostStates);
    assert.deepEqual(shown, ['Đang chạy', 'Đang khởi động lại…', 'Đang chạy']);
    assert.deepEqual(pageErrors, []);
  });

  it('tells the clerk to reopen TiepDon when the page was opened without its launch token', async (t) => {
    const { server } = await openApp(t, { browser });
    const context = await browser.newContext();
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(new URL('/', server.url).href);
    await page.locator('[data-testid="connection-state"][data-state="no-token"]').waitFor();
    assert.equal(await page.getByTestId('notice').getAttribute('data-code'), 'UNAUTHORISED');
    assert.equal(await page.getByTestId('notice').innerText(), 'Cửa sổ này chưa được cấp quyền. Đóng cửa sổ và mở lại TiepDon.');
    assert.equal(await page.getByTestId('status-loading').count(), 1);
    // A page the test rig did not open keeps no test events: the desk in use records none.
    assert.equal(await page.evaluate(() => (globalThis as unknown as Record<string, unknown>)['__tiepdonTestEvents']), undefined);
  });

  it('says the connection is lost, in the clerk’s words, when the services stop', async (t) => {
    const { page, server } = await openApp(t, { browser });
    const mark = await lastTestEventSeq(page);
    await server.stop();
    await waitForTestEvent(page, 'bridge-disconnected', { after: mark });
    assert.equal(await state(page, 'connection-state'), 'reconnecting');
    assert.equal(await page.getByTestId('notice').getAttribute('data-code'), 'TRANSPORT_CLOSED');
    assert.match(await text(page, 'notice'), /^Mất kết nối với dịch vụ TiepDon/);
    // The last known status stays on screen, dimmed, rather than vanishing.
    assert.equal(await text(page, 'database-state'), 'Sẵn sàng');
  });
});

/** The few DOM members used inside the page (this file is type-checked without DOM types). */
interface PageDocument {
  body: object;
  querySelector(selector: string): { textContent: string | null } | null;
}
declare const MutationObserver: new (callback: () => void) => {
  observe(target: object, options: { subtree: boolean; childList: boolean; characterData: boolean }): void;
};
