/**
 * The Electron CSP, enforced by a real Chromium: responses of the app:// handler
 * are served over loopback http (Chromium cannot speak app:// without Electron),
 * so the same headers reach the same engine. Runs wherever Chromium exists.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findChromium } from '../../cli/browser-launcher.ts';
import { REPO_ROOT } from '../../cli/paths.ts';
import { createAppRequestHandler } from '../../electron/main/app-protocol.ts';
import { makeTempDir } from '../rig/temp-dir.ts';
import { probeScriptPolicy, type PageScope } from './page-probes.ts';

const chromiumPath = findChromium();
const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');

/** Serves what the app:// handler answers, on 127.0.0.1. */
async function serveAppProtocol(root: string): Promise<{ server: Server; origin: string }> {
  const handler = createAppRequestHandler({ root });
  const server = createServer(async (request, response) => {
    const answer = await handler(new Request(`app://tiepdon${request.url ?? '/'}`, { method: request.method ?? 'GET' }));
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Records CSP violations from the first script on, and stubs the preload's bridge. */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const scope = globalThis as unknown as PageScope;
    const violations: string[] = [];
    scope.__violations = violations;
    scope.document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
    scope.tiepdon = {
      call: async () => ({ ok: false, error: { code: 'TRANSPORT_CLOSED', message: 'no main process in this test' } }),
      on: () => () => {},
    };
  });
}

describe('Electron CSP in Chromium', { skip: chromiumPath ? false : 'no Chromium: install chromium or set TIEPDON_BROWSER' }, () => {
  let browser: Browser;

  before(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
  });

  after(async () => {
    await browser?.close();
  });

  it('runs scripts from our origin but blocks inline script and string eval', async () => {
    using dir = makeTempDir('tiepdon-csp-');
    mkdirSync(join(dir.path, 'assets'));
    writeFileSync(join(dir.path, 'index.html'), '<!doctype html><title>probe</title><script type="module" src="/assets/probe.js"></script>');
    writeFileSync(join(dir.path, 'assets', 'probe.js'), 'window.__selfRan = true;');
    const { server, origin } = await serveAppProtocol(dir.path);
    const page = await browser.newPage();
    try {
      await watchViolations(page);
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => (globalThis as unknown as PageScope).__selfRan === true);
      const outcome = await page.evaluate(probeScriptPolicy);
      assert.deepEqual(outcome, { ran: [], violations: ['script-src', 'script-src-elem'] });
    } finally {
      await page.close();
      server.close();
    }
  });

  describe('the built renderer', { skip: existsSync(join(RENDERER_DIR, 'index.html')) ? false : 'renderer not built: run `npm run build`' }, () => {
    async function loadRenderer(): Promise<string[]> {
      const { server, origin } = await serveAppProtocol(RENDERER_DIR);
      const page = await browser.newPage();
      try {
        await watchViolations(page);
        await page.goto(`${origin}/`);
        await page.locator('#root > *').first().waitFor({ timeout: 15_000 });
        return await page.evaluate(() => [...((globalThis as unknown as PageScope).__violations as string[])]);
      } finally {
        await page.close();
        server.close();
      }
    }

    it('renders under the CSP without blocked scripts, styles or images', async () => {
      // 'script-src' alone is an eval attempt (zod probes for eval once); it is blocked and zod falls back.
      const violations = await loadRenderer();
      assert.deepEqual(
        violations.filter((directive) => directive !== 'script-src'),
        [],
      );
    });
  });
});
