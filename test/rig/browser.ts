/**
 * End-to-end rig: the real `tiepdon serve` on a fresh data directory, and the
 * Debian Chromium driven by playwright-core. Every wait is on a DOM state or a
 * test event announced by the app, with a bounded timeout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import {
  TEST_EVENT_TYPE,
  TEST_EVENTS_KEY,
  TEST_HOOKS_KEY,
  type TestEvent,
  type TestEventDetail,
  type TestEventName,
} from '../../renderer/src/testing/test-event-names.ts';
import { EVENT_WAIT_CEILING_MS } from './events.ts';
import { vietnameseInMonospace } from './screen.ts';
import { makeTempDir } from './temp-dir.ts';

export type { TestEvent } from '../../renderer/src/testing/test-event-names.ts';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTEFACTS_DIR = join(REPO_ROOT, 'test-results');
export const CHROMIUM_PATH = process.env.TIEPDON_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const RENDERER_INDEX = join(REPO_ROOT, 'out', 'renderer', 'index.html');
const BUILT_FROM_STAMP = join(REPO_ROOT, 'out', 'renderer', '.built-from');
/** What the built renderer is made from: a change in any of these means it must be rebuilt. */
const RENDERER_SOURCES = ['renderer', 'domain', 'electron.vite.config.ts', 'package.json'];
const SERVER_START_TIMEOUT_MS = 30_000;
const SERVER_STOP_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------
// Build

/**
 * Builds the renderer when out/renderer is missing or older than its sources.
 * Only the renderer: it uses electron-vite's own resolved renderer config, so a
 * main or preload build that is broken elsewhere does not block browser tests.
 */
export async function ensureRendererBuilt(): Promise<void> {
  const newest = newestSourceMtime();
  if (existsSync(RENDERER_INDEX) && builtFrom() >= newest) return;
  const { resolveConfig } = await import('electron-vite');
  const { build } = await import('vite');
  const resolved = await resolveConfig({ root: REPO_ROOT, logLevel: 'warn' }, 'build', 'production');
  const renderer = resolved.config?.renderer;
  if (!renderer) throw new Error('electron.vite.config.ts has no renderer section');
  await build({ ...renderer, logLevel: 'warn' });
  if (!existsSync(RENDERER_INDEX)) throw new Error(`the renderer build did not produce ${RENDERER_INDEX}`);
  // The sources as they were when this build started: a file saved during the build makes the next test build again.
  writeFileSync(BUILT_FROM_STAMP, String(newest));
}

/** The newest source time the bundle was built from; a bundle with no stamp (built by `npm run build`) counts by its own time. */
function builtFrom(): number {
  if (existsSync(BUILT_FROM_STAMP)) {
    const stamped = Number(readFileSync(BUILT_FROM_STAMP, 'utf8'));
    if (Number.isFinite(stamped) && statSync(BUILT_FROM_STAMP).mtimeMs >= statSync(RENDERER_INDEX).mtimeMs) return stamped;
  }
  return statSync(RENDERER_INDEX).mtimeMs;
}

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (path: string): void => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const source of RENDERER_SOURCES) visit(join(REPO_ROOT, source));
  return newest;
}

// ---------------------------------------------------------------------------
// Server

export interface ServedApp {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** Everything the server wrote to stderr so far, for failure messages. */
  stderr(): string;
  /** The service stopped and started again with the same data and arguments; resolves with its new address. */
  restart(): Promise<{ url: string; port: number }>;
  /** SIGTERM, then SIGKILL if it has not exited in time. Safe to call twice. */
  stop(): Promise<void>;
}

/** The clerk signed in at start, unless a test asks for the sign-in (TIEPDON_TEST_CLERK: ''). */
export const TEST_CLERK = 'KT01 Trần Thu Hà';

/** Starts `tiepdon serve` on a free port with a fresh data directory, and waits for its listening line. */
export async function startServer(options: { env?: Readonly<Record<string, string>>; args?: readonly string[] } = {}): Promise<ServedApp> {
  const dataDir = makeTempDir('tiepdon-e2e-');
  let stderr = '';
  const spawnServe = (): { child: ChildProcess; exited: Promise<void> } => {
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'cli', 'tiepdon.ts'), 'serve', '--port', '0', '--data-dir', dataDir.path, '--no-open', '--test-automation', ...(options.args ?? [])],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TIEPDON_TEST_CLERK: TEST_CLERK, ...options.env } },
    );
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
    });
    return { child, exited: new Promise<void>((resolve) => child.once('exit', () => resolve())) };
  };
  let running = spawnServe();

  const halt = async (): Promise<void> => {
    const { child, exited } = running;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), SERVER_STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
  };
  const stop = async (): Promise<void> => {
    await halt();
    dataDir[Symbol.dispose]();
  };
  const restart = async (): Promise<{ url: string; port: number }> => {
    await halt();
    running = spawnServe();
    const listening = await readListeningLine(running.child, () => stderr);
    return { url: listening.url, port: listening.port };
  };

  try {
    const listening = await readListeningLine(running.child, () => stderr);
    return {
      url: listening.url,
      port: listening.port,
      dataDir: dataDir.path,
      get process() {
        return running.child;
      },
      stderr: () => stderr,
      restart,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface ListeningLine {
  event: 'listening';
  url: string;
  port: number;
}

function readListeningLine(child: ChildProcess, stderr: () => string): Promise<ListeningLine> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const finish = (outcome: () => void): void => {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.off('line', onLine);
      outcome();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`tiepdon serve did not report listening in ${SERVER_START_TIMEOUT_MS} ms\n${stderr()}`))),
      SERVER_START_TIMEOUT_MS,
    );
    const onExit = (code: number | null, signal: string | null): void =>
      finish(() => reject(new Error(`tiepdon serve exited (${signal ?? code}) before listening\n${stderr()}`)));
    const onLine = (line: string): void => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return;
      }
      if (isListeningLine(parsed)) finish(() => resolve(parsed));
    };
    child.once('exit', onExit);
    lines.on('line', onLine);
  });
}

function isListeningLine(value: unknown): value is ListeningLine {
  const line = value as Partial<ListeningLine> | null;
  return line?.event === 'listening' && typeof line.url === 'string' && typeof line.port === 'number';
}

// ---------------------------------------------------------------------------
// Browser

export interface LaunchBrowserOptions {
  /** Chromium flags on top of CHROMIUM_FLAGS, e.g. fakeCameraFlags() for a fake webcam. */
  extraArgs?: readonly string[];
}

export function launchBrowser(options: LaunchBrowserOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS, ...(options.extraArgs ?? [])], headless: true });
}

export interface AppSession {
  readonly server: ServedApp;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Browser console errors and uncaught page errors seen so far. */
  readonly pageErrors: string[];
}

export interface OpenAppOptions {
  /** Share one browser across a file's tests; each test still gets a fresh context and server. */
  browser?: Browser;
  /** Extra Chromium flags for the browser openApp launches itself (ignored with `browser`). */
  browserArgs?: readonly string[];
  viewport?: { width: number; height: number };
  /** Runs before the page opens: e.g. page.routeWebSocket to stand in for the services. */
  prepare?: (page: Page) => Promise<void>;
  /** Extra environment for `tiepdon serve`, e.g. TIEPDON_TEST_BIOMETRIC=match. */
  serverEnv?: Readonly<Record<string, string>>;
  /** Extra arguments for `tiepdon serve`, e.g. ['--demo']. */
  serverArgs?: readonly string[];
}

/**
 * Builds if needed, starts a server with a fresh data directory, opens the app
 * in a fresh browser context and waits for `app-ready`. Everything is torn down
 * when the test ends, pass or fail.
 */
export async function openApp(t: TestContext, options: OpenAppOptions = {}): Promise<AppSession> {
  await ensureRendererBuilt();
  const cleanups: Array<() => Promise<unknown>> = [];
  t.after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  });

  const server = await startServer({ ...(options.serverEnv ? { env: options.serverEnv } : {}), ...(options.serverArgs ? { args: options.serverArgs } : {}) });
  cleanups.push(() => server.stop());
  let browser = options.browser;
  if (!browser) {
    const owned = await launchBrowser({ extraArgs: options.browserArgs ?? [] });
    cleanups.push(() => owned.close());
    browser = owned;
  }
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  cleanups.push(() => context.close());
  // The app keeps test events only when told, before any of its code runs: the desk in use records none.
  await context.addInitScript((key) => {
    (globalThis as unknown as Record<string, boolean>)[key] = true;
  }, TEST_HOOKS_KEY);
  // Locator waits end on the DOM state they wait for; the ceiling is for a machine that is busy, not for speed.
  context.setDefaultTimeout(EVENT_WAIT_CEILING_MS);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`${message.text()} (${message.location().url})`);
  });

  await options.prepare?.(page);
  await page.goto(server.url);
  try {
    await waitForTestEvent(page, 'app-ready');
  } catch (error) {
    throw new Error(`${(error as Error).message}\npage errors: ${pageErrors.join('\n') || 'none'}\nserver stderr:\n${server.stderr()}`, {
      cause: error,
    });
  }
  return { server, browser, context, page, pageErrors };
}

// ---------------------------------------------------------------------------
// Test events

export interface WaitForTestEventOptions {
  /** Only events whose detail has these values. */
  match?: TestEventDetail;
  /** Only events recorded after this sequence number (see lastTestEventSeq). */
  after?: number;
  timeoutMs?: number;
}

/** Shapes used inside the page, where the test's own globals do not exist. */
interface PageWindow {
  [TEST_EVENTS_KEY]?: TestEvent[];
  addEventListener(type: string, listener: (event: { detail: TestEvent }) => void): void;
  removeEventListener(type: string, listener: (event: { detail: TestEvent }) => void): void;
}

/**
 * Resolves with the first matching event: one already recorded, or the next one
 * announced. Rejects after the timeout.
 */
export async function waitForTestEvent(
  page: Page,
  names: TestEventName | TestEventName[],
  options: WaitForTestEventOptions = {},
): Promise<TestEvent> {
  const wanted = Array.isArray(names) ? names : [names];
  const args = {
    wanted,
    match: options.match ?? {},
    after: options.after ?? 0,
    timeoutMs: options.timeoutMs ?? EVENT_WAIT_CEILING_MS,
    key: TEST_EVENTS_KEY,
    type: TEST_EVENT_TYPE,
  };
  return page.evaluate(
    ({ wanted, match, after, timeoutMs, key, type }) =>
      new Promise<TestEvent>((resolve, reject) => {
        const win = globalThis as unknown as PageWindow;
        const matches = (event: TestEvent): boolean =>
          event.seq > after &&
          wanted.includes(event.name) &&
          Object.entries(match).every(([field, value]) => event.detail[field] === value);
        const already = (win[key as typeof TEST_EVENTS_KEY] ?? []).find(matches);
        if (already) {
          resolve(already);
          return;
        }
        const onEvent = (event: { detail: TestEvent }): void => {
          if (!matches(event.detail)) return;
          clearTimeout(timer);
          win.removeEventListener(type, onEvent);
          resolve(event.detail);
        };
        const timer = setTimeout(() => {
          win.removeEventListener(type, onEvent);
          const seen = (win[key as typeof TEST_EVENTS_KEY] ?? []).map((e) => `${e.seq}:${e.name} ${JSON.stringify(e.detail)}`);
          reject(new Error(`no ${wanted.join('/')} event matching ${JSON.stringify(match)} after #${after} in ${timeoutMs} ms; seen:\n${seen.join('\n')}`));
        }, timeoutMs);
        win.addEventListener(type, onEvent);
      }),
    args,
  );
}

/** Every test event of the current page load, oldest first. */
export function testEvents(page: Page): Promise<TestEvent[]> {
  return page.evaluate((key) => [...((globalThis as unknown as PageWindow)[key as typeof TEST_EVENTS_KEY] ?? [])], TEST_EVENTS_KEY);
}

/** The sequence number of the newest event, to wait for what happens after an action. */
export async function lastTestEventSeq(page: Page): Promise<number> {
  return (await testEvents(page)).at(-1)?.seq ?? 0;
}

// ---------------------------------------------------------------------------
// Artefacts

/**
 * Saves a full-page PNG under test-results/ and returns its path. Every screen
 * a test saves is also checked for Vietnamese text set in a monospace font,
 * which loses its marks: the screenshot is written first, to look at.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTEFACTS_DIR, { recursive: true });
  const path = join(ARTEFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  const monospaced = await vietnameseInMonospace(page);
  if (monospaced.length > 0) throw new Error(`${name}: Vietnamese text in a monospace font:\n${monospaced.join('\n')}`);
  return path;
}
