/** Opens the browser-mode app in a Chromium-family browser as an app window (`--app=`). */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const LINUX_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'microsoft-edge'];
const WINDOWS_PATHS = [
  'Google\\Chrome\\Application\\chrome.exe',
  'Microsoft\\Edge\\Application\\msedge.exe',
];
const MAC_PATHS = [
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
];

export function findChromium(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | undefined {
  if (env.TIEPDON_BROWSER && existsSync(env.TIEPDON_BROWSER)) return env.TIEPDON_BROWSER;
  if (platform === 'darwin') return MAC_PATHS.find((p) => existsSync(p));
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean) as string[];
    return roots.flatMap((root) => WINDOWS_PATHS.map((p) => join(root, p))).find((p) => existsSync(p));
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of LINUX_NAMES) {
    const found = dirs.map((dir) => join(dir, name)).find((p) => existsSync(p));
    if (found) return found;
  }
  return undefined;
}

export function hasDisplay(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  return platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function openAppWindow(browser: string, url: string, profileDir: string): ChildProcess {
  const child = spawn(
    browser,
    [`--app=${url}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--no-default-browser-check', '--disable-sync'],
    { stdio: 'ignore', detached: false },
  );
  child.on('error', () => undefined);
  return child;
}
