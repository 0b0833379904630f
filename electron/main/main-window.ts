/** The clerk's window: sandboxed, isolated, no Node, our origin only. */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { Logger } from '../../services/log.ts';
import { APP_ENTRY_URL } from './app-origin.ts';
import type { TrackedContents, TrustedContents } from './trusted-contents.ts';

export function secureWebPreferences(preloadPath: string, allowDevTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // The spellchecker would see patient names and fetch dictionaries over the network.
    spellcheck: false,
    devTools: allowDevTools,
  };
}

export function mainWindowOptions(preloadPath: string, allowDevTools: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'TiepDon',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath, allowDevTools),
  };
}

export interface WindowLike<C extends TrackedContents> {
  readonly webContents: C;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}

export interface MainWindowOptions<W extends WindowLike<C>, C extends TrackedContents> {
  createWindow: (options: BrowserWindowConstructorOptions) => W;
  preloadPath: string;
  allowDevTools: boolean;
  trusted: TrustedContents<C>;
  log: Logger;
}

export function openMainWindow<W extends WindowLike<C>, C extends TrackedContents>(options: MainWindowOptions<W, C>): W {
  const window = options.createWindow(mainWindowOptions(options.preloadPath, options.allowDevTools));
  // Trusted before the first load, so the page's first call is not refused.
  options.trusted.add(window.webContents);
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    options.log.error('renderer failed to load', { error: error instanceof Error ? error.message : String(error) });
  });
  return window;
}
