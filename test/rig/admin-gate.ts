/**
 * The admin PIN gate in end-to-end tests. Every fresh data directory starts
 * with no PIN, so the first opening of the settings sets TEST_ADMIN_PIN; later
 * openings (after a reload, in the same server) enter it.
 */
import type { Page } from 'playwright-core';
import { lastTestEventSeq, waitForTestEvent } from './browser.ts';

export const TEST_ADMIN_PIN = '246813';

/**
 * After an action that opens the settings (F10, the settings button): passes
 * the gate, setting or entering the PIN as it asks. `since` is the event
 * sequence number taken before the action.
 */
export async function passAdminGate(page: Page, since: number, pin = TEST_ADMIN_PIN): Promise<void> {
  const gate = await waitForTestEvent(page, ['admin-gate-shown', 'admin-unlocked'], { after: since });
  if (gate.name === 'admin-unlocked') return;
  const before = await lastTestEventSeq(page);
  if (gate.detail['mode'] === 'set') {
    await page.getByTestId('admin-new-pin').fill(pin);
    await page.getByTestId('admin-confirm-pin').fill(pin);
  } else {
    await page.getByTestId('admin-pin').fill(pin);
  }
  await page.getByTestId('admin-submit').click();
  const outcome = await waitForTestEvent(page, ['admin-unlocked', 'admin-refused'], { after: before });
  if (outcome.name === 'admin-refused') throw new Error(`the admin gate refused the test PIN: ${JSON.stringify(outcome.detail)}`);
}

/** Presses F10, passes the admin gate, and waits until the settings panel has loaded. */
export async function openSettings(page: Page): Promise<void> {
  const since = await lastTestEventSeq(page);
  await page.keyboard.press('F10');
  await passAdminGate(page, since);
  await waitForTestEvent(page, 'settings-loaded', { after: since });
}
