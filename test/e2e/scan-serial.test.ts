/**
 * A serial scanner, end to end: a socat pty pair stands in for the cable, IT
 * staff set the port up in the settings panel, and a CCCD QR written to the
 * other end appears on the home screen, parsed, with the chip read armed.
 */
import assert from 'node:assert/strict';
import { open } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { lastTestEventSeq, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';
import { ptyRigMissing, startPtyPair } from '../rig/pty-pair.ts';
import { addSerialScanner } from '../rig/serial-scanner-settings.ts';

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

describe('serial scanner on a pty to the screen (browser mode, real services)', { skip: ptyRigMissing() }, () => {
  it('shows a CCCD QR written to the pty, with its diacritics, and arms the chip read', async (t) => {
    const pair = await startPtyPair();
    t.after(() => pair.stop());
    const { page, pageErrors } = await openApp(t, { viewport: { width: 1280, height: 1100 } });

    await addSerialScanner(page, pair.a);

    const since = await lastTestEventSeq(page);
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
