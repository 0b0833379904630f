/**
 * The HIS sync indicator, end to end through the real `tiepdon serve` and the
 * FHIR engine behind the fault proxy: IT sets the HIS address in the settings
 * (the connection test tries it as typed, before it is saved),
 * the HIS is down when a patient is checked in — the check-in goes through and
 * the top bar shows it waiting — then the HIS comes back and the indicator
 * says synced, with the encounter at the HIS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEFAULT_FHIR_SYSTEMS as SYS } from '../../domain/his/fhir-systems.ts';
import { startFaultProxy, type FaultProxy } from '../../native/sim/his/fault-proxy.ts';
import { startFhirSim, type FhirSim } from '../../native/sim/his/fhir-server.ts';
import { openSettings } from '../rig/admin-gate.ts';
import { lastTestEventSeq, launchBrowser, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';
import { typeAsClerk } from '../rig/keyboard.ts';

describe('HIS sync indicator (browser mode, real services, FHIR engine)', () => {
  let browser: Browser;
  let sim: FhirSim;
  let proxy: FaultProxy;
  before(async () => {
    browser = await launchBrowser();
    sim = await startFhirSim();
    proxy = await startFaultProxy(sim.url);
  });
  after(async () => {
    await browser?.close();
    await proxy?.stop();
    await sim?.stop();
  });

  it('shows a check-in waiting while the HIS is down, then synced when it is back', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1400 } });
    const indicator = page.getByTestId('sync-indicator');
    await waitForTestEvent(page, 'sync-status', { match: { state: 'off' } });
    assert.equal(await indicator.getAttribute('data-state'), 'off');

    await proxy.set({ kind: 'down' });
    await openSettings(page);
    await waitForTestEvent(page, 'his-settings-loaded', { match: { configured: false } });
    const section = page.getByTestId('his-settings');
    await section.scrollIntoViewIfNeeded();
    const testResult = page.getByTestId('his-settings-test-result');

    // The test tries the address as typed, before it is saved: a bad one is marked at its field.
    await page.getByTestId('his-settings-url').fill('ftp://his');
    let since = await lastTestEventSeq(page);
    await page.getByTestId('his-settings-test').click();
    const badAddress = await waitForTestEvent(page, 'his-test-done', { after: since });
    assert.deepEqual(badAddress.detail, { ok: false, code: 'BAD_INPUT' });
    assert.equal(await section.getByTestId('field-error').count(), 1);
    assert.match(await section.getByTestId('field-error').innerText(), /Giá trị không hợp lệ: Phải là địa chỉ web bắt đầu bằng http:\/\/ hoặc https:\/\//);

    // Nothing is saved yet, so unreachable (not "no HIS set") says the typed address was tried.
    await page.getByTestId('his-settings-url').fill(proxy.url);
    assert.equal(await section.getByTestId('field-error').count(), 0, 'an edit clears the mark');
    since = await lastTestEventSeq(page);
    await page.getByTestId('his-settings-test').click();
    const typed = await waitForTestEvent(page, 'his-test-done', { after: since });
    assert.deepEqual(typed.detail, { ok: false, code: 'HIS_UNREACHABLE' });
    assert.equal(await testResult.getAttribute('data-unsaved'), 'true');
    assert.match(await testResult.innerText(), /Không kết nối được[^\n]*\nĐã kiểm tra với các giá trị đang hiển thị \(chưa lưu\)/);
    assert.equal(await indicator.getAttribute('data-state'), 'off', 'a test saves nothing: the sync is still off');

    since = await lastTestEventSeq(page);
    await page.getByTestId('his-settings-save').click();
    await waitForTestEvent(page, ['his-settings-saved'], { after: since });
    since = await lastTestEventSeq(page);
    await page.getByTestId('his-settings-test').click();
    const refused = await waitForTestEvent(page, 'his-test-done', { after: since });
    assert.deepEqual(refused.detail, { ok: false, code: 'HIS_UNREACHABLE' });
    assert.equal(await testResult.getAttribute('data-unsaved'), 'false');
    assert.doesNotMatch(await testResult.innerText(), /chưa lưu/);
    since = await lastTestEventSeq(page);
    await page.keyboard.press('Escape');
    await waitForTestEvent(page, 'settings-closed', { after: since });

    // Register and check in: the HIS is down, the desk does not wait for it.
    await page.keyboard.press('F4');
    await page.getByTestId('patient-form').waitFor();
    await page.getByTestId('patient-field-fullName').fill('Lê Văn Cường');
    await typeAsClerk(page, 'patient-field-birthDate', '12/05/1980');
    await page.getByTestId('patient-field-sex').selectOption('male');
    await typeAsClerk(page, 'patient-field-cccd', '001080012399');
    since = await lastTestEventSeq(page);
    await page.getByTestId('patient-field-fullName').focus();
    await page.keyboard.press('Control+s');
    await waitForTestEvent(page, 'patient-saved', { after: since });
    await page.getByTestId('visit-clinic').waitFor();
    since = await lastTestEventSeq(page);
    await page.keyboard.press('F9');
    const created = await waitForTestEvent(page, 'visit-created', { after: since });
    assert.match(String(created.detail['queueNumber']), /^[A-Z]-001$/, "the HIS cannot number it: the desk's own number, which no other desk can give");
    await waitForTestEvent(page, 'ticket-printed', { after: since });
    const waiting = await waitForTestEvent(page, 'sync-status', { after: since, match: { state: 'pending', pending: 1 } });
    assert.equal(waiting.detail['attention'], 0);
    assert.equal(await indicator.getAttribute('data-state'), 'pending');
    assert.match(await indicator.innerText(), /Chờ gửi HIS: 1/);
    await saveScreenshot(page, 'sync-indicator-pending-vi');

    // The HIS is back: the worker's next try sends it.
    since = await lastTestEventSeq(page);
    await proxy.set({ kind: 'pass' });
    await waitForTestEvent(page, 'sync-status', { after: since, match: { state: 'synced', pending: 0 }, timeoutMs: 60_000 });
    assert.equal(await indicator.getAttribute('data-state'), 'synced');
    assert.match(await indicator.innerText(), /Đã gửi HIS/);
    await saveScreenshot(page, 'sync-indicator-synced-vi');

    // With the HIS reachable, the next check-in takes the HIS's own queue number.
    await page.getByTestId('visit-new').click();
    await page.getByTestId('visit-clinic').waitFor();
    since = await lastTestEventSeq(page);
    await page.keyboard.press('F9');
    // The same patient's second number today: asked first, F9 again issues it.
    await waitForTestEvent(page, 'visit-second-asked', { after: since });
    await page.keyboard.press('F9');
    const second = await waitForTestEvent(page, 'visit-created', { after: since });
    assert.match(String(second.detail['queueNumber']), /^\d{3}$/, 'numbered by the HIS');
    await waitForTestEvent(page, 'sync-status', { after: since, match: { state: 'synced', pending: 0 }, timeoutMs: 60_000 });

    const encounters = await sim.repo.searchResources({ resourceType: 'Encounter' });
    assert.equal(encounters.length, 2);
    assert.ok(JSON.stringify(encounters[0]).includes(SYS.visit));
    assert.ok(Number(created.detail['id'] ?? 1) > 0);
    assert.deepEqual(pageErrors, []);
  });
});
