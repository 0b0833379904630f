import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './app-origin.ts';
import { openMainWindow, secureWebPreferences } from './main-window.ts';
import { FakeWebContents, recordingLogger } from './test-fakes.ts';
import { TrustedContents } from './trusted-contents.ts';

class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  shown = false;
  loadResult: Promise<void> = Promise.resolve();

  readonly options: BrowserWindowConstructorOptions;

  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
  }

  show(): void {
    this.shown = true;
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    return this.loadResult;
  }
}

describe('webPreferences', () => {
  it('isolates and sandboxes the renderer, with no Node anywhere', () => {
    const preferences = secureWebPreferences('/app/out/preload/index.cjs', false);
    assert.equal(preferences.contextIsolation, true);
    assert.equal(preferences.sandbox, true);
    assert.equal(preferences.nodeIntegration, false);
    assert.equal(preferences.nodeIntegrationInWorker, false);
    assert.equal(preferences.nodeIntegrationInSubFrames, false);
    assert.equal(preferences.webSecurity, true);
    assert.equal(preferences.allowRunningInsecureContent, false);
    assert.equal(preferences.webviewTag, false);
    assert.equal(preferences.experimentalFeatures, false);
    assert.equal(preferences.preload, '/app/out/preload/index.cjs');
    assert.equal(preferences.devTools, false);
  });
});

describe('openMainWindow', () => {
  function open() {
    const trusted = new TrustedContents<FakeWebContents>();
    const { log, records } = recordingLogger();
    let created: FakeWindow | undefined;
    const window = openMainWindow({
      createWindow: (options) => (created = new FakeWindow(options)),
      preloadPath: '/app/out/preload/index.cjs',
      allowDevTools: true,
      trusted,
      log,
    });
    return { window, created, trusted, records };
  }

  it('creates the window with the secure preferences and the preload', () => {
    const { created } = open();
    assert.equal(created?.options.webPreferences?.sandbox, true);
    assert.equal(created?.options.webPreferences?.contextIsolation, true);
    assert.equal(created?.options.webPreferences?.preload, '/app/out/preload/index.cjs');
    assert.equal(created?.options.show, false);
  });

  it('trusts its webContents before loading our entry URL', () => {
    const { window, trusted } = open();
    assert.equal(trusted.has(window.webContents), true);
    assert.deepEqual(window.loaded, [APP_ENTRY_URL]);
  });

  it('shows the window only when it is ready to show', () => {
    const { window } = open();
    assert.equal(window.shown, false);
    window.emit('ready-to-show');
    assert.equal(window.shown, true);
  });

  it('logs a failed load instead of leaving an unhandled rejection', async () => {
    const trusted = new TrustedContents<FakeWebContents>();
    const { log, records } = recordingLogger();
    let failing: FakeWindow | undefined;
    openMainWindow({
      createWindow: (options) => {
        failing = new FakeWindow(options);
        failing.loadResult = Promise.reject(new Error('ERR_FILE_NOT_FOUND'));
        return failing;
      },
      preloadPath: '/p.cjs',
      allowDevTools: false,
      trusted,
      log,
    });
    await failing?.loadResult.catch(() => {});
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(records.map(({ msg, error }) => ({ msg, error })), [{ msg: 'renderer failed to load', error: 'ERR_FILE_NOT_FOUND' }]);
  });
});
