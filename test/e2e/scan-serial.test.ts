/**
 * A serial scanner, end to end: a socat pty pair stands in for the cable, IT
 * staff set the port up in the settings panel, and a CCCD QR written to the
 * other end appears on the home screen, parsed, with the chip read armed.
 */
import assert from 'node:assert/strict';
import { open } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openSettings } from '../rig/admin-gate.ts';
import { lastTestEventSeq, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';
import { ptyRigMissing, startPtyPair } from '../rig/pty-pair.ts';

const CCCD_V2 = '079303001234||Trần Thị Bích|21032003|Nữ|12 Lê Lợi, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh|14082021';

async function writeTo(path: string, bytes: Buffer): Promise<void> {
  const scanner = await open(path, 'w');
  try {
    await scanner.write(bytes);
  } finally {
    await scanner.close();
  }
}

const scanField = (page: Page, name: string) => page.locator(`[data-testid="scan-panel"] [data-testid="scan-field"][data-field="${name}"] dd`).innerText();

describe('serial scanner on a pty to the screen (browser mode, real services)', { skip: ptyRigMissing(), timeout: 120_000 }, () => {
  it('shows a CCCD QR written to the pty, with its diacritics, and arms the chip read', async (t) => {
    const pair = await startPtyPair();
    t.after(() => pair.stop());
    const { page, pageErrors } = await openApp(t, { viewport: { width: 1280, height: 1100 } });

    // IT staff set up the port (ptys are never listed, so by path).
    await openSettings(page);
    await page.getByTestId('serial-add').click();
    await page.locator('[data-testid="settings-field"][data-path="serial.0.path"] input').fill(pair.a);
    let since = await lastTestEventSeq(page);
    await page.getByTestId('settings-save').click();
    const saved = await waitForTestEvent(page, ['settings-saved', 'settings-save-failed'], { after: since });
    assert.equal(saved.name, 'settings-saved', JSON.stringify(saved.detail));
    await page
      .locator(`[data-testid="device"][data-kind="scanner"][data-id="serial:${pair.a}"] [data-testid="scanner-state"][data-state="connected"]`)
      .waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    await waitForTestEvent(page, 'settings-closed', { after: since });

    since = await lastTestEventSeq(page);
    await writeTo(pair.b, Buffer.from(`${CCCD_V2}\r`, 'utf8'));
    const shown = await waitForTestEvent(page, 'scan-shown', { after: since });
    assert.deepEqual({ kind: shown.detail['kind'], source: shown.detail['source'] }, { kind: 'cccd', source: 'serial' });
    assert.equal(await scanField(page, 'fullName'), 'Trần Thị Bích');
    assert.equal(await scanField(page, 'sex'), 'Nữ');
    assert.equal(await scanField(page, 'source'), 'Máy quét (cổng nối tiếp)');
    await waitForTestEvent(page, 'card-armed', { after: since });
    assert.equal(await page.getByTestId('card-key').inputValue(), '079303001234');
    await saveScreenshot(page, 'scan-serial-cccd-vi');
    assert.deepEqual(pageErrors, []);
  });
});
