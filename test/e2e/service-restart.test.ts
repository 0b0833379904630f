/**
 * Browser mode across a service restart: served as the launcher serves it
 * (--keep-address: the same port and launch token after a restart), an open tab
 * says the HIS state is unknown while the service is away, then reconnects by
 * itself and works again, without being reopened.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { lastTestEventSeq, launchBrowser, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';
import { seenByClerk } from '../rig/screen.ts';

/** A loopback port free right now. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

describe('browser mode across a service restart', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('shows the HIS state as unknown while the service is away, then reconnects by itself', async (t) => {
    const port = await freePort();
    const { page, server, pageErrors } = await openApp(t, { browser, serverArgs: ['--keep-address', '--port', String(port)] });
    assert.equal(server.port, port);
    const pill = page.getByTestId('sync-indicator');
    await pill.waitFor();
    assert.equal(await pill.getAttribute('data-state'), 'off', 'no HIS configured');

    const since = await lastTestEventSeq(page);
    const restarted = server.restart();
    await waitForTestEvent(page, 'bridge-disconnected', { after: since });
    await page.locator('[data-testid="sync-indicator"][data-state="unknown"]').waitFor();
    assert.match(await pill.innerText(), /chưa rõ/);
    assert.ok(await seenByClerk(page, 'sync-indicator'));
    await saveScreenshot(page, 'service-away-vi');

    const address = await restarted;
    assert.equal(address.port, port, 'the same address after the restart');
    await waitForTestEvent(page, 'bridge-connected', { after: since });
    await page.locator('[data-testid="sync-indicator"][data-state="off"]').waitFor();
    // Working again: a search answers.
    const searched = await lastTestEventSeq(page);
    await page.keyboard.press('F3');
    await page.getByTestId('patient-search').fill('nguyen');
    await waitForTestEvent(page, 'patient-search-done', { after: searched });
    assert.deepEqual(
      pageErrors.filter((error) => !/WebSocket|ERR_CONNECTION_REFUSED/.test(error)),
      [],
      'nothing but the refused connections while the service was away',
    );
  });
});
