/**
 * The IT staff's scanner settings, end to end through the real `tiepdon serve`:
 * the devices the host sees, a refused serial setting named by its field, a
 * valid one that survives a reload, and a test scan showing bytes and parse.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { openSettings, passAdminGate } from '../rig/admin-gate.ts';
import { lastTestEventSeq, launchBrowser, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';
import { wedgeScan } from '../rig/keyboard.ts';
import { focusedTestId, pageOverflow, seenByClerk } from '../rig/screen.ts';

const PORT = '/dev/ttyTIEPDON-E2E0';
const CCCD = '079303001234||Tran Thi Bich|21032003|Nu|12 Le Loi, Quan 1, TP HCM|14082021';

const setting = (page: Page, path: string) => page.locator(`[data-testid="settings-field"][data-path="${path}"]`);


describe('scanner settings panel (browser mode, real services)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('lists devices, refuses an invalid serial setting by name, and keeps a valid one after a reload', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1600 } });
    await openSettings(page);
    const devices = page.getByTestId('settings-devices');
    await devices.waitFor();
    for (const heading of ['Đầu đọc thẻ', 'Cổng nối tiếp', 'Thiết bị USB HID', 'Máy quét đã cài']) {
      assert.equal(await devices.getByRole('heading', { name: heading }).count(), 1, heading);
    }
    await saveScreenshot(page, 'settings-devices-vi');

    await page.getByTestId('serial-add').click();
    await setting(page, 'serial.0.path').locator('input').fill(PORT);
    await setting(page, 'serial.0.idleGapMs').locator('input').fill('5');
    let since = await lastTestEventSeq(page);
    await page.getByTestId('settings-save').click();
    const refused = await waitForTestEvent(page, ['settings-save-failed', 'settings-saved'], { after: since });
    assert.equal(refused.name, 'settings-save-failed');
    assert.equal(refused.detail['code'], 'BAD_INPUT');
    assert.match(String(refused.detail['paths']), /serial\.0\.idleGapMs/);
    assert.match(await setting(page, 'serial.0.idleGapMs').getByTestId('field-error').innerText(), /Giá trị không hợp lệ: Phải từ 10 trở lên/);
    assert.equal(await setting(page, 'serial.0.idleGapMs').locator('input').getAttribute('aria-invalid'), 'true');
    assert.match(await page.getByTestId('settings-errors').innerText(), /Máy quét nối tiếp 1 – Khoảng lặng kết thúc \(ms\)/);
    await saveScreenshot(page, 'settings-serial-refused-vi');

    await setting(page, 'serial.0.idleGapMs').locator('input').fill('120');
    await setting(page, 'serial.0.baudRate').locator('select').selectOption('115200');
    await setting(page, 'serial.0.terminator').locator('select').selectOption('crlf');
    since = await lastTestEventSeq(page);
    await page.keyboard.press('Control+s');
    const saved = await waitForTestEvent(page, ['settings-save-failed', 'settings-saved'], { after: since });
    assert.equal(saved.name, 'settings-saved', JSON.stringify(saved.detail));
    await page.getByTestId('settings-saved').waitFor();
    assert.equal(await page.getByTestId('field-error').count(), 0);
    // The host now runs the scanner (its port is absent here, so it is listed as not connected).
    await devices.locator(`[data-testid="device"][data-kind="scanner"][data-id="serial:${PORT}"]`).waitFor();

    await page.reload();
    await waitForTestEvent(page, 'app-ready');
    await openSettings(page);
    assert.equal(await setting(page, 'serial.0.path').locator('input').inputValue(), PORT);
    assert.equal(await setting(page, 'serial.0.idleGapMs').locator('input').inputValue(), '120');
    assert.equal(await setting(page, 'serial.0.baudRate').locator('select').inputValue(), '115200');
    assert.equal(await setting(page, 'serial.0.terminator').locator('select').inputValue(), 'crlf');

    since = await lastTestEventSeq(page);
    await page.keyboard.press('Escape');
    await waitForTestEvent(page, 'settings-closed', { after: since });
    assert.equal(await page.getByTestId('settings-panel').count(), 0);
    assert.deepEqual(pageErrors, []);
  });

  it('shows the raw bytes and the parse of a test scan from the keyboard wedge', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1400 } });
    const beforeOpen = await lastTestEventSeq(page);
    await page.getByTestId('settings-open').click();
    await passAdminGate(page, beforeOpen);
    await waitForTestEvent(page, 'settings-loaded');
    assert.equal(await page.getByTestId('scan-test-scanner').inputValue(), 'keyboard-wedge');
    await page.getByTestId('scan-test-start').click();
    await page.getByTestId('scan-test-waiting').waitFor();

    const since = await lastTestEventSeq(page);
    await wedgeScan(page, CCCD);
    const done = await waitForTestEvent(page, ['scan-test-done', 'scan-test-failed'], { after: since });
    assert.equal(done.name, 'scan-test-done', JSON.stringify(done.detail));
    assert.equal(done.detail['kind'], 'cccd');
    assert.equal(done.detail['bytes'], Buffer.byteLength(CCCD));
    const hex = await page.getByTestId('scan-test-hex').innerText();
    assert.equal(hex.replace(/\s+/g, ''), Buffer.from(CCCD).toString('hex').toUpperCase());
    assert.match(hex, /^30 37 39 33 30 33/);
    assert.equal(await page.locator('[data-testid="scan-test-result"] [data-field="fullName"] dd').innerText(), 'Tran Thi Bich');
    await saveScreenshot(page, 'settings-test-scan-vi');
    assert.deepEqual(pageErrors, []);
  });

  it('asks before closing with unsaved edits, naming their sections; staying keeps them, dropping closes', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1366, height: 768 } });
    await openSettings(page);
    const account = page.getByTestId('payment-settings-account');
    await account.waitFor();
    await account.fill('0011009988776');
    let since = await lastTestEventSeq(page);
    await page.keyboard.press('Escape');
    await waitForTestEvent(page, 'settings-unsaved-asked', { after: since, match: { sections: 'Thu phí (VietQR)' } });
    const ask = page.getByTestId('settings-unsaved');
    await ask.waitFor();
    assert.match(await ask.innerText(), /Chưa lưu: Thu phí \(VietQR\)/);
    assert.ok(await seenByClerk(page, 'settings-unsaved'), 'the question is in view');
    assert.equal(await focusedTestId(page), 'settings-unsaved-stay', 'staying is the default answer');
    await saveScreenshot(page, 'settings-unsaved-1366x768');
    // Esc backs out of the question: the panel and the edit stay.
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    assert.equal(await account.inputValue(), '0011009988776');
    // F10 asks too; dropping closes without saving.
    since = await lastTestEventSeq(page);
    await page.keyboard.press('F10');
    await waitForTestEvent(page, 'settings-unsaved-asked', { after: since });
    await page.getByTestId('settings-unsaved-drop').click();
    await waitForTestEvent(page, 'settings-closed', { after: since });
    await openSettings(page);
    await page.getByTestId('payment-settings-account').waitFor();
    await waitForTestEvent(page, 'payment-settings-loaded', { after: since });
    assert.equal(await page.getByTestId('payment-settings-account').inputValue(), '', 'nothing was saved');
    // With nothing edited, Esc closes at once.
    since = await lastTestEventSeq(page);
    await page.keyboard.press('Escape');
    await waitForTestEvent(page, 'settings-closed', { after: since });
    assert.deepEqual(pageErrors, []);
  });
  it('finds every section from the list beside it at 1366×768, flags unsaved ones, and speaks of each field and state in Vietnamese', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1366, height: 768 } });
    await openSettings(page);
    assert.equal(await page.getByTestId('settings-panel').getByRole('heading', { level: 2 }).innerText(), 'Cài đặt quầy (bộ phận CNTT)');
    assert.ok(await seenByClerk(page, 'settings-nav'), 'the section list is in view');
    assert.equal((await pageOverflow(page)).vertical <= 0, true, 'only the sections scroll, not the page');
    const items = page.getByTestId('settings-nav-item');
    assert.equal(await items.count(), 13);
    const item = (section: string) => page.locator(`[data-testid="settings-nav-item"][data-section="${section}"]`);

    // A section far down is one click away: its title comes into view, takes the focus, and is marked as the current one.
    let since = await lastTestEventSeq(page);
    await item('his-settings-title').click();
    await waitForTestEvent(page, 'settings-section-shown', { after: since, match: { section: 'his-settings-title' } });
    await assertHeadingShown(page, 'his-settings-title');
    assert.equal(await item('his-settings-title').getAttribute('aria-current'), 'location');

    // An empty port is refused as "not filled in", not as a number too small; the scanners entry shows unsaved edits.
    await item('serial-title').click();
    await page.getByTestId('serial-add').click();
    assert.equal(await item('serial-title').getAttribute('data-unsaved'), 'true');
    since = await lastTestEventSeq(page);
    await page.getByTestId('settings-save').click();
    await waitForTestEvent(page, 'settings-save-failed', { after: since });
    assert.equal(await setting(page, 'serial.0.path').getByTestId('field-error').innerText(), 'Giá trị không hợp lệ: Chưa nhập.');

    // Diagnostics read as words, not as the services' codes.
    since = await lastTestEventSeq(page);
    await item('diagnostics-title').click();
    await waitForTestEvent(page, 'settings-section-shown', { after: since, match: { section: 'diagnostics-title' } });
    await waitForTestEvent(page, 'diagnostics-loaded');
    await assertHeadingShown(page, 'diagnostics-title');
    assert.equal(await page.getByTestId('diagnostics-mode').innerText(), 'Chế độ trình duyệt');
    const sync = await page.getByTestId('diagnostics-sync').innerText();
    assert.doesNotMatch(sync, /[{}"]|configured|pending/);
    assert.match(sync, /Chờ gửi: \d+|Chưa cài địa chỉ HIS/);
    assert.doesNotMatch(await page.getByTestId('diagnostics-device-host').innerText(), /running|starting|stopped/);
    await saveScreenshot(page, 'settings-nav-diagnostics-1366x768');
    assert.deepEqual(pageErrors, []);
  });
});

/** The section's title is inside the window and has the focus. */
async function assertHeadingShown(page: Page, headingId: string): Promise<void> {
  const box = await page.locator(`#${headingId}`).boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 768, `${headingId} is in view`);
  assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id), headingId);
}
