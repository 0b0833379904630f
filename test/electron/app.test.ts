/**
 * The built Electron app, driven by Playwright: the window opens on our origin,
 * the page sees `window.tiepdon` ({ call, on }) and no Node.
 * Needs an Electron binary (skips without one, e.g. on the build machines) and
 * `npm run build`. On Linux it also needs a display (xvfb-run) and a Secret
 * Service for safeStorage (e.g. gnome-keyring), or the app refuses to start.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { findElectronBinary } from '../../cli/electron-binary.ts';
import { REPO_ROOT } from '../../cli/paths.ts';
import { makeTempDir } from '../rig/temp-dir.ts';
import { probeScriptPolicy, type PageScope, type TiepdonOnPage } from './page-probes.ts';

const electronPath = findElectronBinary();

function skipReason(): string | false {
  if (!electronPath) {
    return 'no Electron binary: node_modules/electron/path.txt or dist/ is missing and ELECTRON_OVERRIDE_DIST_PATH names none';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display: run this suite under xvfb-run';
  }
  return false;
}

describe('Electron app', { skip: skipReason() }, () => {
  let app: ElectronApplication | undefined;
  let page: Page;
  let dataDir: ReturnType<typeof makeTempDir> | undefined;

  before(async () => {
    assert.ok(existsSync(join(REPO_ROOT, 'out', 'main', 'index.js')), 'the app is not built: run `npm run build` first');
    dataDir = makeTempDir('tiepdon-electron-');
    const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
    app = await _electron.launch({
      executablePath: electronPath,
      args: [REPO_ROOT],
      cwd: REPO_ROOT,
      env: { ...env, TIEPDON_DATA_DIR: dataDir.path },
      timeout: 60_000,
    });
    let output = '';
    app.process().stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    app.process().stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(app.process(), 'exit').then(() => {
      throw new Error(`Electron exited before opening a window:\n${output}`);
    });
    page = await Promise.race([app.firstWindow(), exited]);
    await page.waitForLoadState('domcontentloaded');
  });

  after(async () => {
    await app?.close();
    dataDir?.[Symbol.dispose]();
  });

  it('opens the home window from the app origin', async () => {
    assert.equal(page.url(), 'app://tiepdon/index.html');
    assert.equal(await page.title(), 'TiepDon');
    await page.locator('#root > *').first().waitFor({ timeout: 15_000 });
  });

  it('exposes window.tiepdon with only call and on', async () => {
    const shape = await page.evaluate(() => {
      const bridge = (globalThis as unknown as { tiepdon: Record<string, unknown> }).tiepdon;
      return { keys: Object.keys(bridge).sort(), types: Object.values(bridge).map((value) => typeof value) };
    });
    assert.deepEqual(shape, { keys: ['call', 'on'], types: ['function', 'function'] });
  });

  it('gives the page no Node: no require, process, module or Buffer', async () => {
    const globals = await page.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      return ['require', 'process', 'module', 'Buffer', 'global', 'ipcRenderer'].filter((name) => typeof scope[name] !== 'undefined');
    });
    assert.deepEqual(globals, []);
  });

  it('answers system.status over the bridge, in electron mode', async () => {
    const answer = await page.evaluate(() =>
      (globalThis as unknown as { tiepdon: TiepdonOnPage }).tiepdon.call('system.status', {}),
    );
    const status = answer as { ok: boolean; value?: { mode: string; database: { ready: boolean } } };
    assert.equal(status.ok, true);
    assert.equal(status.value?.mode, 'electron');
    assert.equal(status.value?.database.ready, true);
  });

  it('refuses events that are not in the contract', async () => {
    const message = await page.evaluate(() => {
      try {
        (globalThis as unknown as { tiepdon: TiepdonOnPage }).tiepdon.on('tiepdon:call', () => {});
        return 'subscribed';
      } catch (error) {
        return String(error);
      }
    });
    assert.match(message, /Unknown event/);
  });

  it('enforces the CSP: inline script and string eval do not run', async () => {
    assert.deepEqual(await page.evaluate(probeScriptPolicy), { ran: [], violations: ['script-src', 'script-src-elem'] });
  });

  it('denies the microphone: only the camera may be asked for', async () => {
    const outcome = await page.evaluate(async () => {
      const media = (globalThis as unknown as { navigator: { mediaDevices: { getUserMedia(c: object): Promise<unknown> } } }).navigator.mediaDevices;
      try {
        await media.getUserMedia({ audio: true });
        return 'granted';
      } catch (error) {
        return (error as { name: string }).name;
      }
    });
    assert.equal(outcome, 'NotAllowedError');
  });

  it('stays on its page when the page tries to navigate away', async () => {
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
    });
    // A round trip through the page: a navigation, had it started, would have replaced it.
    assert.equal(await page.evaluate(() => (globalThis as unknown as { location: { href: string } }).location.href), 'app://tiepdon/index.html');
    assert.equal(page.url(), 'app://tiepdon/index.html');
  });

  it('hands a second launch over to the running app, which keeps its one window', async () => {
    const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const second = spawn(electronPath!, [REPO_ROOT], { cwd: REPO_ROOT, env: { ...env, TIEPDON_DATA_DIR: dataDir!.path }, stdio: 'ignore' });
    const [code] = (await once(second, 'exit')) as [number | null];
    assert.equal(code, 0);
    assert.equal(app?.windows().length, 1);
  });

  it('opens no window for window.open', async () => {
    const opened = await page.evaluate(() => (globalThis as unknown as PageScope).open('https://example.com/') === null);
    assert.equal(opened, true);
    assert.equal(app?.windows().length, 1);
  });
});
