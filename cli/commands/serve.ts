import { join } from 'node:path';
import { createApp, type AppConfig } from '../../services/app.ts';
import { findChromium, hasDisplay, openAppWindow } from '../browser-launcher.ts';
import { ensureBuilt } from '../build.ts';
import { createFileLogger } from '../../services/file-log.ts';
import { RENDERER_DIR } from '../paths.ts';
import { startBrowserServer } from '../server/browser-server.ts';
import { demoDataDir } from '../../services/demo/demo-switch.ts';
import { loadOrCreateKeyFile } from '../../db/key-file.ts';
import { ClerkSchema, type Clerk } from '../../domain/clerk-api.ts';

/** The browser-mode launch token kept across restarts (see keepAddress). */
export const LAUNCH_TOKEN_FILE = 'browser-launch.key';

/** The launcher's loopback port: the same address across restarts, so an open tab reconnects by itself. */
export const LAUNCHER_PORT = 35970;

export interface ServeOptions {
  dataDir: string;
  port: number;
  open: boolean;
  /**
   * The launcher's way: the port falls back to a free one only if taken, and the launch token is kept
   * (owner-only, in the data folder) across restarts, so a tab left open reconnects once the service is back.
   */
  keepAddress?: boolean;
  /** Demo mode: sample cards and codes, simulated gateway and HIS, data in <dataDir>/demo. */
  demo?: boolean;
  /**
   * End-to-end tests only (`--test-automation`, passed by the test rig): lets
   * TIEPDON_TEST_BIOMETRIC, TIEPDON_TEST_INSURANCE_RETRY_MS and TIEPDON_TEST_CLERK take effect.
   * Without it those variables are ignored, so a stray one never decides an identity check.
   */
  testAutomation?: boolean;
}

/** Runs the services in plain Node and serves the app to a browser until interrupted. */
export async function serve({ dataDir: homeDataDir, port, open, keepAddress = false, demo: demoMode = false, testAutomation = false }: ServeOptions): Promise<void> {
  ensureBuilt('renderer');
  // Demo data, logs included, stay in the demo's own folder.
  const dataDir = demoMode ? demoDataDir(homeDataDir) : homeDataDir;
  const log = createFileLogger(dataDir);
  // Loaded only for demo mode: the simulators and the FHIR engine cost half a second to import.
  const demo = demoMode
    ? await (await import('../../services/demo/demo-environment.ts')).startDemoEnvironment({ homeDataDir, log: log.child({ component: 'demo' }) })
    : undefined;
  const biometricAutomation = testAutomation ? testBiometricAutomation(process.env['TIEPDON_TEST_BIOMETRIC']) : undefined;
  if (biometricAutomation) log.warn('test automation answers identity checks', { decision: biometricAutomation });
  const signedInClerk = testAutomation ? testClerk(process.env['TIEPDON_TEST_CLERK']) : undefined;
  if (signedInClerk) log.warn('test automation signs a clerk in at start');
  const insuranceRetry = testAutomation ? testInsuranceRetry(process.env['TIEPDON_TEST_INSURANCE_RETRY_MS']) : undefined;
  if (insuranceRetry) log.warn('test timing for BHXH gateway retries', { baseMs: insuranceRetry.background?.baseMs });
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp({
      dataDir,
      mode: 'browser',
      log,
      ...(biometricAutomation ? { biometricAutomation } : {}),
      ...(insuranceRetry ? { insuranceRetry } : {}),
      ...(signedInClerk ? { signedInClerk } : {}),
      ...(demo ? { demo: demo.menu, deviceHost: demo.deviceHost } : {}),
    });
    await demo?.prepare(app);
  } catch (error) {
    // The demo's simulators hold open servers: close them, or a failed start hangs.
    await demo?.close();
    throw error;
  }
  const server = await startBrowserServer({
    app,
    rendererDir: RENDERER_DIR,
    port,
    log,
    ...(keepAddress ? { anyPortIfTaken: true, token: loadOrCreateKeyFile(join(dataDir, LAUNCH_TOKEN_FILE)).toString('hex') } : {}),
  });
  log.info('browser mode listening', { port: server.port });
  process.stdout.write(JSON.stringify({ event: 'listening', url: server.url, port: server.port, ...(demo ? { demo: true, dataDir } : {}) }) + '\n');

  if (open) {
    const browser = findChromium();
    if (browser && hasDisplay()) {
      openAppWindow(browser, server.url, join(dataDir, 'browser-profile'));
    } else {
      process.stderr.write(`Open this address in Chrome, Chromium or Edge: ${server.url}\n`);
    }
  }

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    await app.close();
    await demo?.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** End-to-end tests shorten the waits between BHXH gateway retries, so a check waiting "to verify" lands within the test. */
function testInsuranceRetry(value: string | undefined): AppConfig['insuranceRetry'] {
  const ms = Number(value);
  if (!value || !Number.isInteger(ms) || ms < 1 || ms > 60_000) return undefined;
  return { gateway: { attempts: 2, baseMs: ms, maxMs: ms }, background: { baseMs: ms, maxMs: ms * 4, maxAttempts: 1_000, leaseMs: 60_000 } };
}

/** End-to-end tests that are not about signing in start with a clerk signed in: "KT01 Trần Thu Hà" (code, space, name). */
function testClerk(value: string | undefined): Clerk | undefined {
  const match = /^(\S+) (.+)$/.exec(value ?? '');
  if (!match) return undefined;
  const parsed = ClerkSchema.safeParse({ code: match[1], name: match[2] });
  return parsed.success ? parsed.data : undefined;
}

/** End-to-end tests stand in for the clerk's comparison of the photo, as a biometric prompt is automated in tests. */
function testBiometricAutomation(value: string | undefined): 'match' | 'no-match' | undefined {
  return value === 'match' || value === 'no-match' ? value : undefined;
}
