/**
 * Demo mode end to end: the real `tiepdon serve --demo` with no pcscd, no
 * scanner and no network. A trainee types the number printed on a sample card
 * and puts it on the demo reader from the demo menu: the chip is read through
 * the real reading path, the returning patient opens, the BHXH gateway
 * simulator checks the card, F9 issues the number and prints the ticket, the
 * identity check is answered, and the visit reaches the local FHIR engine (the
 * sync indicator shows it sent). Then sample codes are scanned from the menu.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEMO_READER_NAME } from '../../native/sim/demo/demo-reader.ts';
import { DEMO_CARDS } from '../../native/sim/demo/demo-samples.ts';
import { openSettings } from '../rig/admin-gate.ts';
import { lastTestEventSeq, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';
import { capturePrints } from '../rig/prints.ts';

const returning = DEMO_CARDS.find((card) => card.kind === 'returning-insured')!;
const newPatient = DEMO_CARDS.find((card) => card.kind === 'new-patient')!;

describe('demo mode (browser mode, no hardware, no network)', () => {
  it('checks a returning insured patient in from a sample card on the demo reader, and scans sample codes from the menu', async (t) => {
    const { page, pageErrors } = await openApp(t, { serverArgs: ['--demo'], viewport: { width: 1280, height: 1800 }, prepare: capturePrints });
    const ready = await waitForTestEvent(page, 'demo-ready');
    assert.deepEqual([ready.detail['cards'], ready.detail['codes']], [4, 7]);
    assert.match(await page.getByTestId('demo-banner').innerText(), /CHẾ ĐỘ DEMO/);
    await page.getByTestId('reader').filter({ hasText: DEMO_READER_NAME }).waitFor();
    await saveScreenshot(page, 'demo-1-banner-and-menu');

    // The trainee types the number printed on the sample card, then puts it on the reader.
    const card = page.locator(`[data-testid="demo-card"][data-card="${returning.id}"]`);
    const printed = await card.getByTestId('demo-card-number').innerText();
    assert.equal(printed, returning.profile.idNumber);
    await page.getByTestId('card-key').fill(printed);
    let since = await lastTestEventSeq(page);
    await page.getByTestId(`demo-insert-${returning.id}`).click();
    await waitForTestEvent(page, 'demo-changed', { after: since, match: { action: 'insert', cardOnReader: returning.id } });
    const read = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since });
    assert.equal(read.name, 'card-read-done', JSON.stringify(read.detail));
    assert.equal(await card.getAttribute('data-on-reader'), 'true');

    const opened = await waitForTestEvent(page, 'patient-opened', { after: since, match: { fromCard: true } });
    assert.ok(Number(opened.detail['id']) > 0, 'the returning patient was found on file');
    await page.getByTestId('visit-clinic').waitFor();
    assert.equal(await page.getByTestId('visit-type').inputValue(), 'bhyt');
    const insurance = await waitForTestEvent(page, 'insurance-shown', { after: since, match: { status: 'done' } });
    assert.equal(insurance.detail['code'], '000', 'the gateway simulator answers the card valid');
    await saveScreenshot(page, 'demo-2-patient-found-insured');

    since = await lastTestEventSeq(page);
    await page.keyboard.press('F9');
    const created = await waitForTestEvent(page, 'visit-created', { after: since });
    await waitForTestEvent(page, 'ticket-printed', { after: since });
    assert.equal(await page.evaluate(() => (globalThis as unknown as { __tiepdonPrints: number }).__tiepdonPrints), 1);
    const prompted = await waitForTestEvent(page, 'biometric-prompted', { after: since });
    assert.equal(prompted.detail['photo'], true, 'the chip photo is there for the identity check');
    await saveScreenshot(page, 'demo-3-ticket-and-identity-check');

    await page.keyboard.press('F5');
    const decided = await waitForTestEvent(page, 'biometric-decided', { after: since });
    assert.equal(decided.detail['decision'], 'match');
    await waitForTestEvent(page, 'checkin-finished', { after: since });
    const synced = await waitForTestEvent(page, 'sync-status', { after: since, match: { state: 'synced', pending: 0 } });
    assert.equal(synced.detail['attention'], 0);
    await page.locator('.sync-indicator__time').waitFor();
    assert.equal(await page.getByTestId('sync-indicator').getAttribute('data-state'), 'synced');
    t.diagnostic(`visit ${String(created.detail['queueNumber'])} reached the FHIR engine`);
    await saveScreenshot(page, 'demo-4-done-and-synced');

    // Off the reader; then the demo scanner scans sample codes through the normal scan path.
    since = await lastTestEventSeq(page);
    await page.keyboard.press('Enter');
    await waitForTestEvent(page, 'checkin-next', { after: since });
    await page.getByTestId('demo-remove').click();
    await waitForTestEvent(page, 'demo-changed', { after: since, match: { action: 'remove', cardOnReader: '' } });

    for (const [codeId, kind] of [
      [`bhyt-${returning.id}`, 'bhyt'],
      ['vietqr-transfer', 'vietqr'],
      ['unknown-code', 'unknown'],
      [`cccd-${newPatient.id}`, 'cccd'],
    ] as const) {
      since = await lastTestEventSeq(page);
      await page.getByTestId(`demo-scan-${codeId}`).click();
      const shown = await waitForTestEvent(page, 'scan-shown', { after: since });
      assert.deepEqual([shown.detail['kind'], shown.detail['source']], [kind, 'serial'], codeId);
    }
    // The new patient's CCCD QR arms the chip read: the sample card alone is then enough.
    await waitForTestEvent(page, 'card-armed');
    assert.equal(await page.getByTestId('card-key').inputValue(), newPatient.profile.idNumber);
    await saveScreenshot(page, 'demo-5-sample-codes-scanned');
    assert.deepEqual(pageErrors, []);
  });

  it("shows the demo switch in the settings, but a demo run cannot change the real station's switch", async (t) => {
    const { page, server, pageErrors } = await openApp(t, { serverArgs: ['--demo'] });
    await waitForTestEvent(page, 'demo-ready');
    await openSettings(page);
    const loaded = await waitForTestEvent(page, 'demo-settings-loaded');
    assert.deepEqual([loaded.detail['enabled'], loaded.detail['active']], [true, true], 'a fresh folder opens demo mode, and this run is demo');
    const section = page.getByTestId('demo-settings');
    await section.scrollIntoViewIfNeeded();
    assert.match(await section.getByTestId('demo-settings-active').innerText(), /--no-demo/);
    assert.equal(await section.getByTestId('demo-settings-enabled').isDisabled(), true, "the switch is the real app's to change");
    assert.equal(existsSync(join(server.dataDir, 'demo-mode.json')), false, 'nothing is written to the real data folder');
    assert.equal(await page.getByTestId('demo-banner').count(), 1, 'this run stays in demo mode');
    await saveScreenshot(page, 'demo-6-settings-switch');
    assert.deepEqual(pageErrors, []);
  });
});
