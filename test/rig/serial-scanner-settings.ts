/**
 * IT staff's steps for a serial scanner, as a first-time user takes them: F10,
 * the admin PIN (set on a fresh data folder), the port added by its path (ptys
 * are never listed), saved, seen connected, and the settings closed again.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openSettings } from './admin-gate.ts';
import { lastTestEventSeq, waitForTestEvent } from './browser.ts';

export async function addSerialScanner(page: Page, path: string): Promise<void> {
  await openSettings(page);
  await page.getByTestId('serial-add').click();
  await page.locator('[data-testid="settings-field"][data-path="serial.0.path"] input').fill(path);
  const since = await lastTestEventSeq(page);
  await page.getByTestId('settings-save').click();
  const saved = await waitForTestEvent(page, ['settings-saved', 'settings-save-failed'], { after: since });
  assert.equal(saved.name, 'settings-saved', JSON.stringify(saved.detail));
  await page
    .locator(`[data-testid="device"][data-kind="scanner"][data-id="serial:${path}"] [data-testid="scanner-state"][data-state="connected"]`)
    .waitFor();
  await page.keyboard.press('Escape');
  await waitForTestEvent(page, 'settings-closed', { after: since });
}
