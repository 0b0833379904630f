/**
 * Scans on the home screen, end to end through the real `tiepdon serve`: a
 * keyboard-wedge burst (one recorded series of keys with their own timestamps), and the webcam fed a QR
 * code by Chromium's fake camera. The services parse each scan and the screen
 * shows it; a CCCD scan fills the card panel's ID so the next tap reads the chip.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { encodeVietQr } from '../../domain/payment/index.ts';
import { fakeCameraFlags, writeQrVideo } from '../rig/fake-camera.ts';
import { lastTestEventSeq, launchBrowser, openApp, saveScreenshot, testEvents, waitForTestEvent } from '../rig/browser.ts';
import { CLERK_KEY_DELAY_MS, wedgeScan } from '../rig/keyboard.ts';
import { makeTempDir } from '../rig/temp-dir.ts';

/** Typed by a wedge scanner under a Vietnamese input method: the name arrives as raw Telex keys. */
const CCCD_TELEX = '001090012345|123456789|Nguyeenx Vawn An|15081990|Nam|So 1 Pho Hue, Ha Noi|20122021';
const CCCD_PLAIN = '079303001234||Tran Thi Bich|21032003|Nu|12 Le Loi, Quan 1, TP HCM|14082021';
/** formats.md §2.1, the 2021 card: ASCII and hex only, so a wedge scanner types it faithfully. */
const BHYT_2021 =
  '0123456789|4e677579e1bb856e2056c4836e20416e|15/08/1990|1|-|01 - 001|01/01/2025|-|20/12/2024|01010123456789|-|4| 01/01/2030|0000000000000000-0000|4|5068c6b0e1bb9d6e67204861692042c3a0205472c6b06e672c205468c3a06e68207068e1bb912048c3a0204ee1bb9969|$';
/** formats.md §1.1 V1, with its diacritics: what a camera reads without any keyboard in the way. */
const CCCD_V1 = '001090012345|123456789|Nguyễn Văn An|15081990|Nam|Số 1 Phố Huế, Phường Hai Bà Trưng, Quận Hai Bà Trưng, Hà Nội|20122021';

const scanField = (page: Page, name: string) => page.locator(`[data-testid="scan-panel"] [data-testid="scan-field"][data-field="${name}"] dd`).innerText();

/** The scan-related test events, for failure messages (timings, lengths; no scanned text). */
async function scanEvents(page: Page): Promise<string> {
  return JSON.stringify((await testEvents(page)).filter((e) => e.name.includes('scan')));
}

describe('scan panel (browser mode, real services)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('takes a keyboard-wedge burst as a CCCD scan, flags the Telex-garbled name, and arms the card read', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1200 } });
    const since = await lastTestEventSeq(page);

    await wedgeScan(page, CCCD_TELEX);
    const captured = await waitForTestEvent(page, 'wedge-scan', { after: since });
    assert.equal(captured.detail['length'], CCCD_TELEX.length, await scanEvents(page));
    assert.equal(captured.detail['garbled'], true);
    const shown = await waitForTestEvent(page, 'scan-shown', { after: since });
    assert.deepEqual(
      { kind: shown.detail['kind'], source: shown.detail['source'], needsConfirmation: shown.detail['needsConfirmation'] },
      { kind: 'cccd', source: 'keyboard-wedge', needsConfirmation: true },
    );
    await waitForTestEvent(page, 'card-armed', { after: since });

    assert.equal(await page.getByTestId('scan-kind').getAttribute('data-state'), 'cccd');
    assert.equal(await scanField(page, 'idNumber'), '001090012345');
    assert.equal(await scanField(page, 'fullName'), 'Nguyeenx Vawn An');
    assert.equal(await scanField(page, 'dateOfBirth'), '15/08/1990');
    assert.equal(await scanField(page, 'sex'), 'Nam');
    assert.equal(await scanField(page, 'address'), 'So 1 Pho Hue, Ha Noi');
    assert.equal(await scanField(page, 'issueDate'), '20/12/2021');
    assert.equal(await page.locator('[data-testid="scan-field"][data-field="fullName"]').getAttribute('data-check'), 'true');
    assert.equal(await page.getByTestId('scan-warnings').locator('li').getAttribute('data-code'), 'ime-garbled');
    assert.match(await page.getByTestId('scan-confirm').innerText(), /Kiểm tra lại với thẻ/);
    // The chip read is armed: the ID is in the card key, ready for a tap.
    assert.equal(await page.getByTestId('card-key').inputValue(), '001090012345');
    await saveScreenshot(page, 'scan-wedge-cccd-confirm-vi');

    const beforeConfirm = await lastTestEventSeq(page);
    await page.keyboard.press('Control+Enter');
    await waitForTestEvent(page, 'scan-confirmed', { after: beforeConfirm });
    await page.getByTestId('scan-confirmed').waitFor();
    assert.deepEqual(pageErrors, []);
  });

  it('takes a burst typed into the focused card-key input back out of it, but leaves slow typing alone', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser });
    const input = page.getByTestId('card-key');

    // The clerk types the ID at a human pace: every key lands, nothing is captured.
    await input.focus();
    await page.keyboard.type('001 090 012345', { delay: CLERK_KEY_DELAY_MS });
    assert.equal(await input.inputValue(), '001 090 012345');
    assert.equal((await testEvents(page)).filter((e) => e.name === 'wedge-scan').length, 0);

    // A scanner fires into the same focused input: the burst leaves the input, the scan fills it with the ID.
    await input.fill('');
    const since = await lastTestEventSeq(page);
    await wedgeScan(page, CCCD_PLAIN);
    const shown = await waitForTestEvent(page, 'scan-shown', { after: since });
    assert.equal(shown.detail['kind'], 'cccd');
    assert.equal(shown.detail['needsConfirmation'], false);
    await waitForTestEvent(page, 'card-armed', { after: since });
    assert.equal(await input.inputValue(), '079303001234');
    assert.equal(await scanField(page, 'fullName'), 'Tran Thi Bich');
    assert.equal(await scanField(page, 'sex'), 'Nữ');
    assert.equal(await page.getByTestId('scan-confirm').count(), 0);

    // Slow typing after a scan is still the clerk's.
    await input.fill('');
    await page.keyboard.type('123456', { delay: CLERK_KEY_DELAY_MS });
    assert.equal(await input.inputValue(), '123456');
    assert.equal((await testEvents(page)).filter((e) => e.name === 'wedge-scan').length, 1);
    assert.deepEqual(pageErrors, []);
  });

  it('shows a BHYT card scanned by the wedge, and says a payment code is not an ID', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1100 } });
    let since = await lastTestEventSeq(page);
    await wedgeScan(page, BHYT_2021);
    let shown = await waitForTestEvent(page, 'scan-shown', { after: since });
    assert.equal(shown.detail['kind'], 'bhyt', await scanEvents(page));
    assert.equal(await scanField(page, 'socialInsuranceNumber'), '0123456789');
    assert.equal(await scanField(page, 'fullName'), 'Nguyễn Văn An');
    assert.equal(await scanField(page, 'dateOfBirth'), '15/08/1990');
    assert.equal(await scanField(page, 'validity'), '01/01/2025 – không thời hạn');
    assert.equal(await scanField(page, 'registeredFacility'), '01001');
    assert.equal(await scanField(page, 'benefitLevel'), '4');
    // A BHYT scan does not touch the chip card's key.
    assert.equal(await page.getByTestId('card-key').inputValue(), '');
    await saveScreenshot(page, 'scan-wedge-bhyt-vi');

    since = await lastTestEventSeq(page);
    const payment = encodeVietQr({ bankBin: '970422', account: '0123456789', amount: 150_000, purpose: 'KHAM BENH' });
    assert.ok(payment.ok);
    await wedgeScan(page, payment.value);
    shown = await waitForTestEvent(page, 'scan-shown', { after: since });
    assert.equal(shown.detail['kind'], 'vietqr');
    assert.match(await page.getByTestId('scan-message').innerText(), /mã thanh toán, không phải giấy tờ tùy thân/);
    await saveScreenshot(page, 'scan-wedge-vietqr-vi');
    assert.deepEqual(pageErrors, []);
  });

  it('reads a CCCD QR from the camera (a fake video of the code) and shows it with its diacritics', async (t) => {
    const dir = makeTempDir('tiepdon-camera-');
    t.after(() => dir[Symbol.dispose]());
    const video = writeQrVideo(dir.path, 'cccd-v1', CCCD_V1);
    const { page, pageErrors } = await openApp(t, { browserArgs: fakeCameraFlags(video), viewport: { width: 1280, height: 1100 } });
    const since = await lastTestEventSeq(page);

    await page.keyboard.press('F8');
    await waitForTestEvent(page, ['camera-ready', 'camera-failed'], { after: since }).then((event) =>
      assert.equal(event.name, 'camera-ready', JSON.stringify(event.detail)),
    );
    const shown = await waitForTestEvent(page, 'scan-shown', { after: since });
    assert.deepEqual({ kind: shown.detail['kind'], source: shown.detail['source'] }, { kind: 'cccd', source: 'camera' });
    await waitForTestEvent(page, 'camera-closed', { after: since });
    assert.equal(await scanField(page, 'fullName'), 'Nguyễn Văn An');
    assert.equal(await scanField(page, 'address'), 'Số 1 Phố Huế, Phường Hai Bà Trưng, Quận Hai Bà Trưng, Hà Nội');
    assert.equal(await scanField(page, 'source'), 'Camera');
    await waitForTestEvent(page, 'card-armed', { after: since });
    assert.equal(await page.getByTestId('card-key').inputValue(), '001090012345');
    await saveScreenshot(page, 'scan-camera-cccd-vi');
    assert.deepEqual(pageErrors, []);
  });
});
