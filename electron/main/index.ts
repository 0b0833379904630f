/**
 * Electron main entry: the only module that imports 'electron'. It wires the
 * pieces (each tested in plain Node) to the real Electron objects.
 */
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, utilityProcess, webContents } from 'electron';
import { OWNER_ONLY_UMASK } from '../../db/owner-only-files.ts';
import { createApp, type App } from '../../services/app.ts';
import { createFileLogger } from '../../services/file-log.ts';
import { createLogger } from '../../services/log.ts';
import { registerApiHandler, forwardEvents } from './api-ipc.ts';
import { withSilentTicketPrinting } from './ticket-printing.ts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-origin.ts';
import { createAppRequestHandler } from './app-protocol.ts';
import { withContentSecurityPolicy } from './content-security-policy.ts';
import { loadOrCreateDatabaseKey } from './database-key.ts';
import { openMainWindow } from './main-window.ts';
import { denyNavigation } from './navigation-guard.ts';
import { installPermissionPolicy } from './permissions.ts';
import { closeServicesBeforeQuit } from './quit-guard.ts';
import { UPDATE_SETTINGS } from '../../services/settings/update-settings.ts';
import { checkForUpdates } from './auto-update.ts';
import { createSafeStorageSecretStore } from './safe-storage-secrets.ts';
import { claimSingleInstance } from './single-instance.ts';
import { reportStartupFailure } from './startup-failure.ts';
import { TrustedContents } from './trusted-contents.ts';
import { createUtilityProcessLauncher } from './utility-launcher.ts';

const here = import.meta.dirname;
const PATHS = {
  preload: join(here, '../preload/index.cjs'),
  renderer: join(here, '../renderer'),
  deviceHost: join(here, 'devicehost.js'),
};

// userData is the data folder: what Chromium and the utility process write there is the owner's only too.
process.umask(OWNER_ONLY_UMASK);

const log = createLogger((line) => process.stdout.write(line + '\n')).child({ process: 'main' });

// `tiepdon start` and the Electron tests choose the data directory (fresh per test).
if (process.env.TIEPDON_DATA_DIR) app.setPath('userData', resolve(process.env.TIEPDON_DATA_DIR));

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

let mainWindow: BrowserWindow | undefined;
if (claimSingleInstance(app, () => mainWindow, log)) {
  main().catch((error: unknown) =>
    reportStartupFailure(error, { log, showErrorBox: (title, content) => dialog.showErrorBox(title, content), exit: (code) => app.exit(code) }),
  );
}

async function main(): Promise<void> {
  const trusted = new TrustedContents<Electron.WebContents>();
  app.on('web-contents-created', (_event, contents) => denyNavigation(contents, log));
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();
  if (app.isPackaged) Menu.setApplicationMenu(null);

  const ses = session.defaultSession;
  ses.protocol.handle(APP_SCHEME, createAppRequestHandler({ root: PATHS.renderer }));
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }));
  installPermissionPolicy(ses, (contents) => trusted.has(contents), log.child({ component: 'permissions' }));

  const homeDataDir = app.getPath('userData');
  const { services, close } = wantsDemo() ? await startDemoServices(homeDataDir) : await startServices(homeDataDir);
  closeServicesBeforeQuit(app, close, log);
  // A forgotten admin PIN: IT starts the app once with --reset-admin-pin on the reception PC itself.
  if (process.argv.includes('--reset-admin-pin')) services.admin.resetPin();
  // No updater is bundled yet (electron-updater): with the setting on, the log says so.
  void checkForUpdates({ isPackaged: app.isPackaged, settings: services.settings.get(UPDATE_SETTINGS), updater: undefined, log });

  const ipcLog = log.child({ component: 'ipc' });
  const printingContents = (caller: object) => {
    const id = (caller as { webContentsId?: unknown }).webContentsId;
    return typeof id === 'number' ? webContents.fromId(id) : undefined;
  };
  registerApiHandler(ipcMain, withSilentTicketPrinting(services.router, printingContents, ipcLog), trusted, ipcLog);
  forwardEvents(services.events, trusted, ipcLog);

  mainWindow = openMainWindow({
    createWindow: (options) => new BrowserWindow(options),
    preloadPath: PATHS.preload,
    allowDevTools: !app.isPackaged,
    trusted,
    log,
  });
}

/** The services on the reception PC's own data: the database key and the credentials in the OS keychain, the device host in a utility process. */
async function startServices(dataDir: string): Promise<{ services: App; close: () => Promise<void> }> {
  const databaseKey = await loadOrCreateDatabaseKey({
    safeStorage,
    file: join(dataDir, 'db.key.enc'),
    clearKeyFile: join(dataDir, 'db.key'),
  });
  const services = await createApp({
    dataDir,
    mode: 'electron',
    version: app.getVersion(),
    log: createFileLogger(dataDir).child({ process: 'main' }),
    databaseKey: () => databaseKey,
    secrets: createSafeStorageSecretStore(safeStorage, dataDir),
    deviceHost: {
      launch: createUtilityProcessLauncher(
        (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
        PATHS.deviceHost,
        log.child({ component: 'devicehost' }),
      ),
    },
  });
  return { services, close: () => services.close() };
}

/** `tiepdon start` chose demo mode (--demo, the demo switch, or nothing configured yet). */
function wantsDemo(): boolean {
  return process.argv.includes('--demo') || process.env.TIEPDON_DEMO === '1';
}

/**
 * Demo mode: the sample cards and codes, the simulated BHXH gateway and HIS,
 * all in this process, on the demo's own data folder (never the real one).
 * Loaded only when asked for, so a normal start never runs the simulators.
 */
async function startDemoServices(homeDataDir: string): Promise<{ services: App; close: () => Promise<void> }> {
  const { startDemoEnvironment } = await import('../../services/demo/demo-environment.ts');
  const demo = await startDemoEnvironment({ homeDataDir, log: log.child({ component: 'demo' }) });
  try {
    const services = await createApp({
      dataDir: demo.dataDir,
      mode: 'electron',
      version: app.getVersion(),
      log: createFileLogger(demo.dataDir).child({ process: 'main' }),
      demo: demo.menu,
      deviceHost: demo.deviceHost,
    });
    await demo.prepare(services);
    return {
      services,
      close: async () => {
        await services.close();
        await demo.close();
      },
    };
  } catch (error) {
    await demo.close();
    throw error;
  }
}
