/**
 * The admin PIN in front of the settings, end to end through the real
 * `tiepdon serve`: IT sets the PIN on first opening; later openings ask for
 * it; five wrong PINs lock the gate, and the right PIN does not open it until
 * the lock ends; a reload keeps the lock (the services keep it).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ADMIN_MAX_ATTEMPTS } from '../../domain/admin-api.ts';
import { openSettings, TEST_ADMIN_PIN } from '../rig/admin-gate.ts';
import { lastTestEventSeq, launchBrowser, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';

async function closeSettings(page: Page): Promise<void> {
  const since = await lastTestEventSeq(page);
  await page.keyboard.press('Escape');
  await waitForTestEvent(page, 'settings-closed', { after: since });
}

/** F10, then the gate's PIN form: resolves with the gate's mode. */
async function openGate(page: Page): Promise<string> {
  const since = await lastTestEventSeq(page);
  await page.keyboard.press('F10');
  const shown = await waitForTestEvent(page, 'admin-gate-shown', { after: since });
  return String(shown.detail['mode']);
}

async function tryPin(page: Page, pin: string): Promise<{ code: string; attemptsLeft: number }> {
  const since = await lastTestEventSeq(page);
  await page.getByTestId('admin-pin').fill(pin);
  await page.getByTestId('admin-submit').click();
  const refused = await waitForTestEvent(page, ['admin-refused', 'admin-unlocked'], { after: since });
  if (refused.name === 'admin-unlocked') return { code: 'unlocked', attemptsLeft: -1 };
  return { code: String(refused.detail['code']), attemptsLeft: Number(refused.detail['attemptsLeft']) };
}

describe('admin PIN gate (browser mode, real services)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('asks IT to set a PIN on first opening, then asks for it, and the right PIN opens the panel', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1200 } });
    assert.equal(await openGate(page), 'set');
    assert.equal(await page.getByTestId('settings-panel').count(), 0, 'the panel stays closed behind the gate');
    // Two different PINs are refused before anything is stored.
    await page.getByTestId('admin-new-pin').fill(TEST_ADMIN_PIN);
    await page.getByTestId('admin-confirm-pin').fill('999999');
    await page.getByTestId('admin-submit').click();
    await page.getByTestId('admin-problem').waitFor();
    await saveScreenshot(page, 'admin-gate-set-vi');
    await page.getByTestId('admin-confirm-pin').fill(TEST_ADMIN_PIN);
    let since = await lastTestEventSeq(page);
    await page.getByTestId('admin-submit').click();
    await waitForTestEvent(page, 'admin-unlocked', { after: since });
    await waitForTestEvent(page, 'settings-loaded', { after: since });
    await waitForTestEvent(page, 'diagnostics-loaded', { after: since });
    await page.getByTestId('settings-diagnostics').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'settings-diagnostics-vi');
    await closeSettings(page);

    assert.equal(await openGate(page), 'enter');
    since = await lastTestEventSeq(page);
    assert.equal((await tryPin(page, TEST_ADMIN_PIN)).code, 'unlocked');
    await waitForTestEvent(page, 'settings-loaded', { after: since });
    await page.getByTestId('settings-panel').waitFor();
    assert.deepEqual(pageErrors, []);
  });

  it('locks after 5 wrong PINs, refuses the right PIN while locked, and keeps the lock across a reload', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1000 } });
    await openSettings(page);
    await closeSettings(page);

    assert.equal(await openGate(page), 'enter');
    for (let attempt = 1; attempt < ADMIN_MAX_ATTEMPTS; attempt++) {
      assert.deepEqual(await tryPin(page, '000000'), { code: 'ADMIN_PIN_WRONG', attemptsLeft: ADMIN_MAX_ATTEMPTS - attempt });
      assert.equal(await page.getByTestId('notice').getAttribute('data-code'), 'ADMIN_PIN_WRONG');
    }
    assert.equal((await tryPin(page, '000000')).code, 'ADMIN_LOCKED_OUT');
    const locked = page.getByTestId('admin-locked');
    await locked.waitFor();
    assert.match(await locked.innerText(), /Đã khoá đến/);
    await saveScreenshot(page, 'admin-gate-locked-vi');

    assert.equal((await tryPin(page, TEST_ADMIN_PIN)).code, 'ADMIN_LOCKED_OUT');
    assert.equal(await page.getByTestId('settings-panel').count(), 0);

    await page.reload();
    await waitForTestEvent(page, 'app-ready');
    assert.equal(await openGate(page), 'enter');
    await locked.waitFor();
    assert.equal((await tryPin(page, TEST_ADMIN_PIN)).code, 'ADMIN_LOCKED_OUT');
    assert.deepEqual(pageErrors, []);
  });

  it('changes the PIN from the settings: the old PIN no longer opens them, the new one does', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1400 } });
    await openSettings(page);
    const section = page.getByTestId('settings-admin-pin');
    await section.scrollIntoViewIfNeeded();
    await page.getByTestId('admin-current-pin').fill(TEST_ADMIN_PIN);
    await page.getByTestId('admin-change-pin').fill('97531086');
    await page.getByTestId('admin-change-confirm').fill('97531086');
    const since = await lastTestEventSeq(page);
    await page.getByTestId('admin-change-submit').click();
    const changed = await waitForTestEvent(page, ['admin-pin-changed', 'admin-refused'], { after: since });
    assert.equal(changed.name, 'admin-pin-changed', JSON.stringify(changed.detail));
    await closeSettings(page);

    assert.equal(await openGate(page), 'enter');
    assert.equal((await tryPin(page, TEST_ADMIN_PIN)).code, 'ADMIN_PIN_WRONG');
    assert.equal((await tryPin(page, '97531086')).code, 'unlocked');
    await page.getByTestId('settings-panel').waitFor();
    assert.deepEqual(pageErrors, []);
  });
});
