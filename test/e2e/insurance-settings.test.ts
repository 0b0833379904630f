/**
 * The BHXH gateway settings, end to end through the real `tiepdon serve` and
 * the gateway simulator: IT enters the address, account, password and the
 * looking-up staff member, saves, and the login test says it works; the
 * password is never shown again; a wrong password is named as a refused login.
 * The login test tries the values as typed, before they are saved, and says so.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { demoCards } from '../../native/sim/bhxh/demo-cards.ts';
import { SIM_DEFAULTS, startBhxhSimulator, type BhxhSimulator } from '../../native/sim/bhxh/simulator.ts';
import { openSettings } from '../rig/admin-gate.ts';
import { lastTestEventSeq, launchBrowser, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';

describe('BHXH gateway settings (browser mode, real services, gateway simulator)', () => {
  let browser: Browser;
  let sim: BhxhSimulator;
  before(async () => {
    browser = await launchBrowser();
    sim = await startBhxhSimulator({ cards: demoCards() });
  });
  after(async () => {
    await browser?.close();
    await sim?.close();
  });

  it('saves the gateway account with a write-only password and tests the login', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1600 } });
    await openSettings(page);
    const section = page.getByTestId('insurance-settings');
    await waitForTestEvent(page, 'insurance-settings-loaded', { match: { configured: false, passwordSet: false } });
    await section.scrollIntoViewIfNeeded();

    const [staff] = SIM_DEFAULTS.staff;
    await page.getByTestId('insurance-settings-url').fill(sim.url);
    await page.getByTestId('insurance-settings-username').fill(SIM_DEFAULTS.username);
    await page.getByTestId('insurance-settings-password').fill(SIM_DEFAULTS.password);
    await page.getByTestId('insurance-settings-staff-name').fill(staff!.name);
    await page.getByTestId('insurance-settings-staff-cccd').fill('12345');
    const testResult = page.getByTestId('insurance-settings-test-result');
    // The login test tries the values as typed, before they are saved: a bad one is marked at its field.
    let since = await lastTestEventSeq(page);
    await page.getByTestId('insurance-settings-test').click();
    const badCccd = await waitForTestEvent(page, 'insurance-test-done', { after: since });
    assert.deepEqual(badCccd.detail, { ok: false, reason: 'BAD_INPUT', code: '' });
    assert.equal(await section.getByTestId('field-error').count(), 1);
    assert.match(await section.getByTestId('field-error').innerText(), /Giá trị không hợp lệ/);

    since = await lastTestEventSeq(page);
    await page.getByTestId('insurance-settings-save').click();
    const refused = await waitForTestEvent(page, ['insurance-settings-saved', 'insurance-settings-save-failed'], { after: since });
    assert.equal(refused.name, 'insurance-settings-save-failed');
    assert.equal(refused.detail['paths'], 'staffCccd');
    assert.match(await section.getByTestId('field-error').innerText(), /Giá trị không hợp lệ/);

    await page.getByTestId('insurance-settings-staff-cccd').fill(staff!.cccd);
    // Nothing is saved yet: a login that works is the typed account's.
    since = await lastTestEventSeq(page);
    await page.getByTestId('insurance-settings-test').click();
    await waitForTestEvent(page, 'insurance-test-done', { after: since, match: { ok: true } });
    assert.equal(await testResult.getAttribute('data-unsaved'), 'true');
    assert.match(await testResult.innerText(), /Đăng nhập được[^\n]*\nĐã thử với các giá trị đang hiển thị \(chưa lưu\)/);

    since = await lastTestEventSeq(page);
    await page.getByTestId('insurance-settings-save').click();
    await waitForTestEvent(page, 'insurance-settings-saved', { after: since, match: { passwordSet: true } });
    assert.equal(await page.getByTestId('insurance-settings-password').inputValue(), '', 'the password is not shown again');
    assert.match(await section.innerText(), /Đã lưu mật khẩu/);

    since = await lastTestEventSeq(page);
    await page.getByTestId('insurance-settings-test').click();
    await waitForTestEvent(page, 'insurance-test-done', { after: since, match: { ok: true } });
    assert.match(await testResult.innerText(), /Đăng nhập được/);
    assert.equal(await testResult.getAttribute('data-unsaved'), 'false');
    assert.doesNotMatch(await testResult.innerText(), /chưa lưu/);
    await saveScreenshot(page, 'insurance-settings-vi');

    // A wrong password typed, not saved, is the one the test tries; the stored one stays.
    await page.getByTestId('insurance-settings-password').fill('mat-khau-sai');
    since = await lastTestEventSeq(page);
    await page.getByTestId('insurance-settings-test').click();
    const typedWrong = await waitForTestEvent(page, 'insurance-test-done', { after: since });
    assert.deepEqual(typedWrong.detail, { ok: false, reason: 'login-refused', code: '401' });
    assert.equal(await testResult.getAttribute('data-unsaved'), 'true');
    await saveScreenshot(page, 'insurance-settings-tested-unsaved-vi');
    await page.getByTestId('insurance-settings-password').fill('');
    since = await lastTestEventSeq(page);
    await page.getByTestId('insurance-settings-test').click();
    await waitForTestEvent(page, 'insurance-test-done', { after: since, match: { ok: true } });

    await page.getByTestId('insurance-settings-password').fill('mat-khau-sai');
    since = await lastTestEventSeq(page);
    await page.getByTestId('insurance-settings-save').click();
    await waitForTestEvent(page, 'insurance-settings-saved', { after: since });
    since = await lastTestEventSeq(page);
    await page.getByTestId('insurance-settings-test').click();
    const failed = await waitForTestEvent(page, 'insurance-test-done', { after: since });
    assert.deepEqual(failed.detail, { ok: false, reason: 'login-refused', code: '401' });
    assert.match(await testResult.innerText(), /từ chối đăng nhập.*\(401\)/);
    assert.equal(await testResult.getAttribute('data-unsaved'), 'false');
    assert.deepEqual(pageErrors, []);
  });
});
