/**
 * Composes the application services. Electron main and `tiepdon serve` both
 * call createApp() and expose `router` and `events` over their transport.
 */
import { existsSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { methods, type AppMode, type DevicesSnapshot, type SystemStatus } from '../domain/api.ts';
import type { ScannerSettings } from '../domain/scan.ts';
import { AppError, isAppError } from '../domain/errors.ts';
import { openDatabase, type OpenedDatabase } from '../db/connection.ts';
import { loadOrCreateKeyFile } from '../db/key-file.ts';
import { ownerOnlyDir } from '../db/owner-only-files.ts';
import { createSettingsStore } from '../db/settings-store.ts';
import { createAuditLog } from '../db/audit.ts';
import { createPatientRepository } from '../db/patients.ts';
import { createCheckinStore } from '../db/checkin-store.ts';
import type { Desk } from '../domain/checkin/index.ts';
import { clerkLabel, requiresClerk, type Clerk } from '../domain/clerk-api.ts';
import { createClerkService, type ClerkService } from './clerks/clerk-service.ts';
import { HostDevicesSchema, type HostDevices, type HostLauncher } from '../native/devicehost/protocol.ts';
import { ApiRouter } from './api-router.ts';
import { cardInsertions } from './card/card-insertions.ts';
import { createCardService, type CardService } from './card/card-service.ts';
import { createTrustStoreLoader } from './card/trust-store.ts';
import { CardProgressSchema } from '../domain/card.ts';
import { DeviceHostSupervisor, type BackoffPolicy } from './device-host/supervisor.ts';
import { createForkLauncher } from './device-host/fork-launcher.ts';
import { EventBus } from './event-bus.ts';
import { RecentLogLines, recordingRecentErrors, silentLogger, type Logger } from './log.ts';
import { requiresAdmin } from '../domain/admin-api.ts';
import { listSettings } from '../db/settings-list.ts';
import { ADMIN_PIN_SETTING, createAdminService, type AdminService } from './admin/admin-service.ts';
import { createDiagnosticsService } from './diagnostics/diagnostics-service.ts';
import { UPDATE_SETTINGS } from './settings/update-settings.ts';
import { createKeyFileSecretStore } from './secrets/key-file-secrets.ts';
import type { SecretStore } from './secrets/secret-store.ts';
import { createInsuranceCheckRepository } from '../db/insurance-checks.ts';
import { createCardLookup } from './insurance/card-lookup.ts';
import { createGatewayClient, type GatewayAccount, type GatewayTimeouts, type RetryPolicy } from './insurance/gateway-client.ts';
import { createInsuranceService, type BackgroundRetryPolicy, type InsuranceService } from './insurance/insurance-service.ts';
import { createInsuranceSettingsStore } from './insurance/insurance-settings.ts';
import { createPatientService, type PatientService } from './patients/patient-service.ts';
import { startIdentityReadRecorder } from './checkin/identity-read-recorder.ts';
import { createVisitService, type VisitService } from './checkin/visit-service.ts';
import { cardFromInsuranceChecks, createXml0ExportService, type Xml0ExportService } from './checkin/xml0-export.ts';
import { FACILITY_SETTINGS } from './settings/facility-settings.ts';
import { createPaymentRepository } from '../db/payments.ts';
import { createPaymentService, type PaymentService } from './payments/payment-service.ts';
import { PAYMENT_SETTINGS } from './payments/payment-settings.ts';
import type { PaymentStatusSource } from './payments/payment-status-source.ts';
import { hisPaymentStatusSource } from './payments/his-payment-status.ts';
import { CLINIC_SETTINGS, DESK_SETTINGS, RETENTION_SETTINGS } from './settings/checkin-settings.ts';
import { createScanService, type ScanService } from './scanning/scan-service.ts';
import { SCANNER_SETTINGS } from './settings/scanner-settings.ts';
import { createSettingsRepository, type SettingsRepository } from './settings/settings-repository.ts';
import { appVersion } from './version.ts';
import { createHisOutbox } from '../db/his-outbox.ts';
import { createHisSettingsStore } from './his-sync/his-settings.ts';
import { createSyncService, type SyncService, type SyncServiceOptions } from './his-sync/sync-service.ts';
import { createVisitCancellation } from './his-sync/visit-cancellation.ts';
import { insuranceChangeOf, paymentChangeOf, paymentReversalOf, queueVisitChange } from './his-sync/visit-change-bridge.ts';
import { demoApiHandlers } from './demo/demo-api-handlers.ts';
import type { DemoMenu } from './demo/demo-menu.ts';

export interface AppConfig {
  dataDir: string;
  mode: AppMode;
  /** Written to the audit log with every access to patient data; defaults to the computer's name. */
  desk?: string;
  /** Who the audit log names when no clerk is signed in (command-line use); by default the computer's account. */
  user?: string;
  /**
   * Whether the desk asks for a signed-in clerk before touching patient data (domain/clerk-api.ts);
   * by default the desk modes (electron, browser) do and headless use does not.
   */
  clerkSignIn?: boolean;
  /** Test automation only: this clerk is signed in from the start, with no staff record. */
  signedInClerk?: Clerk;
  /** The letter of this desk's own queue numbers ("A-012"); by default the desk name's first letter. */
  deskPrefix?: string;
  /** Printed at the top of the ticket unless the desk settings name the hospital. */
  hospitalName?: string;
  /** Test automation only: every identity check is answered with this decision when opened. */
  biometricAutomation?: 'match' | 'no-match';
  version?: string;
  log?: Logger;
  /** Where the database key comes from; browser mode defaults to a 0600 key file in dataDir. */
  databaseKey?: () => Buffer;
  /** Where credentials are kept (services/secrets); browser mode defaults to a 0600 key file in dataDir. */
  secrets?: SecretStore;
  /** Called when a BHXH check result lands on a visit (the HIS outbox hook). */
  onVisitInsuranceChanged?: (visitId: number) => void;
  /** Retry timing of the BHXH gateway calls and of checks waiting as "to verify" (tests shorten them). */
  insuranceRetry?: { gateway?: RetryPolicy; background?: BackgroundRetryPolicy };
  /** How to start the device host; `false` runs without one (unit tests of the API alone). */
  /** The HIS's word on VietQR transfers, polled with backoff; by default the HIS adapter in use, null for none (the clerk confirms). */
  paymentStatusSource?: PaymentStatusSource | null;
  /** Called after each change of a visit's payment (the HIS outbox hook). */
  onVisitPaymentChanged?: (visitId: number) => void;
  deviceHost?: { launch?: HostLauncher; backoff?: BackoffPolicy } | false;
  /** HIS sync worker timing (tests shorten the idle poll and the backoff). */
  hisSync?: SyncServiceOptions['worker'];
  /**
   * False for one-shot command-line use (status, card read, XML0 export…): no
   * HIS sender, no insurance retries, no payment polling, so a short command
   * never takes over work from the running app.
   */
  background?: boolean;
  /** Demo mode only (services/demo): the menu behind demo.*; absent, every demo.* answers DEMO_MODE_OFF. */
  demo?: DemoMenu;
}

export interface App {
  readonly router: ApiRouter;
  readonly events: EventBus;
  readonly deviceHost: DeviceHostSupervisor | undefined;
  readonly card: CardService;
  readonly scanning: ScanService;
  readonly settings: SettingsRepository;
  readonly patients: PatientService;
  readonly visits: VisitService;
  /** XML0 check-in records for IT (`visits.exportXml0`, `tiepdon xml0`). */
  readonly xml0: Xml0ExportService;
  readonly payments: PaymentService;
  readonly config: AppConfig;
  /** HIS and BHXH credentials: see services/secrets/secret-store.ts. */
  readonly secrets: SecretStore;
  /** The HIS outbox worker, its status and the HIS adapter in use. */
  readonly sync: SyncService;
  /** BHXH card checks, with background retries while the gateway is down. */
  readonly insurance: InsuranceService;
  readonly admin: AdminService;
  readonly clerks: ClerkService;
  status(): SystemStatus;
  close(): Promise<void>;
}


const UNKNOWN_DEVICES: HostDevices = { pcsc: { state: 'unknown' }, readers: [] };

export async function createApp(config: AppConfig): Promise<App> {
  const recentErrors = new RecentLogLines();
  const log = recordingRecentErrors(config.log ?? silentLogger, recentErrors);
  const startedAt = new Date().toISOString();
  const version = config.version ?? appVersion();
  ownerOnlyDir(config.dataDir);

  const events = new EventBus(log);
  const database = openAppDatabase(config, log);

  const deviceHost =
    config.deviceHost === false
      ? undefined
      : new DeviceHostSupervisor({
          launch: config.deviceHost?.launch ?? createForkLauncher(),
          log: log.child({ component: 'devicehost' }),
          ...(config.deviceHost?.backoff ? { backoff: config.deviceHost.backoff } : {}),
        });

  const settings = createSettingsRepository(
    database.ok ? createSettingsStore(database.value.db) : undefined,
    log.child({ component: 'settings' }),
  );
  let scannerSettings: ScannerSettings = settings.get(SCANNER_SETTINGS);
  const admin = createAdminService({ settings, log: log.child({ component: 'admin' }) });
  const secrets = config.secrets ?? createKeyFileSecretStore(config.dataDir);
  const insuranceSettings = createInsuranceSettingsStore(settings, secrets);
  // Aborted by close(): a gateway call or retry wait in flight ends at once, so the database can close after it.
  const insuranceShutdown = new AbortController();
  const gatewayClient = (account: () => Promise<GatewayAccount | null>, timeouts: () => GatewayTimeouts) =>
    createGatewayClient({
      signal: insuranceShutdown.signal,
      account,
      timeouts,
      ...(config.insuranceRetry?.gateway ? { retry: config.insuranceRetry.gateway } : {}),
      log: log.child({ component: 'insurance' }),
    });
  const insuranceClient = gatewayClient(() => insuranceSettings.account(), () => insuranceSettings.get().timeouts);
  // Payment and insurance results reach the HIS through the outbox, queued in the transaction that
  // makes them (ids and codes; see visit-change-bridge.ts).
  const hisLog = log.child({ component: 'his-sync' });
  const insurance = createInsuranceService({
    checks: database.ok ? createInsuranceCheckRepository(database.value.db) : undefined,
    patients: database.ok ? createPatientRepository(database.value.db) : undefined,
    client: insuranceClient,
    lookup: createCardLookup(insuranceClient),
    settings: () => insuranceSettings.get(),
    emit: (event) => events.emit('insurance.result', event),
    transaction: <T>(work: () => T): T => (checkinStore ? checkinStore.transaction(work) : work()),
    recordVisitResult: (visitId, check) => {
      if (checkinStore) queueVisitChange(checkinStore, visitId, insuranceChangeOf(check), hisLog);
    },
    onVisitInsuranceChanged: (visitId) => {
      sync.wake();
      config.onVisitInsuranceChanged?.(visitId);
    },
    ...(config.insuranceRetry?.background ? { retry: config.insuranceRetry.background } : {}),
    log: log.child({ component: 'insurance' }),
  });
  if (config.background !== false) insurance.start();

  const deskName = config.desk ?? hostname();
  const computerAccount = osUser();
  const fallbackUser = config.user ?? computerAccount;
  const auditLog = database.ok ? createAuditLog(database.value.db) : undefined;
  const clerks = createClerkService({
    settings,
    log: log.child({ component: 'clerks' }),
    required: config.clerkSignIn ?? config.mode !== 'headless',
    osAccount: computerAccount,
    ...(config.signedInClerk ? { signedIn: config.signedInClerk } : {}),
    onChange: (status) => events.emit('clerk.changed', status),
    audit: (action, clerk, reason) => auditLog?.append({ desk: deskName, user: clerkLabel(clerk), action, ...(reason ? { detail: { reason } } : {}) }),
  });
  /** Who acts: the signed-in clerk, else (command-line use) the configured or computer account. */
  const user = (): string => clerks.current() ?? fallbackUser;
  const patients = createPatientService({
    store: database.ok && auditLog ? { patients: createPatientRepository(database.value.db), audit: auditLog } : undefined,
    desk: deskName,
    user,
  });
  const checkinStore = database.ok ? createCheckinStore(database.value.db) : undefined;
  const desk = deskOf(deskName, config.deskPrefix);
  const visits = createVisitService({
    store: checkinStore,
    desk,
    user,
    clerkName: () => clerks.signedIn()?.name,
    clinics: () => settings.get(CLINIC_SETTINGS),
    his: () => sync.adapter(),
    deskSettings: () => {
      const desk = settings.get(DESK_SETTINGS);
      return desk.hospitalName === '' && config.hospitalName ? { ...desk, hospitalName: config.hospitalName } : desk;
    },
    ...(config.biometricAutomation ? { biometricAutomation: config.biometricAutomation } : {}),
    log: log.child({ component: 'checkin' }),
  });
  const identityReads = startIdentityReadRecorder({
    store: checkinStore,
    events,
    log: log.child({ component: 'identity-reads' }),
    desk: deskName,
    user,
    retentionDays: () => settings.get(RETENTION_SETTINGS).identityReadDays,
  });
  const payments = createPaymentService({
    store: checkinStore && database.ok ? { ...checkinStore, payments: createPaymentRepository(database.value.db) } : undefined,
    desk,
    user,
    settings: () => settings.get(PAYMENT_SETTINGS),
    // The HIS adapter in use when polled (sync is set up below; the first question comes after it).
    statusSource: config.paymentStatusSource === undefined ? hisPaymentStatusSource(() => sync.adapter(), desk.id) : config.paymentStatusSource,
    onChanged: (payment) => events.emit('payment.changed', payment),
    recordPaid: (payment) => {
      if (checkinStore) queueVisitChange(checkinStore, payment.visitId, paymentChangeOf(payment), hisLog);
    },
    recordReversed: (payment) => {
      if (checkinStore) queueVisitChange(checkinStore, payment.visitId, paymentReversalOf(payment), hisLog);
    },
    onVisitPaymentChanged: (visitId) => {
      sync.wake();
      config.onVisitPaymentChanged?.(visitId);
    },
    log: log.child({ component: 'payments' }),
  });
  if (config.background !== false) payments.resume();
  const xml0 = createXml0ExportService({
    store: checkinStore,
    desk: desk.id,
    user,
    clinics: () => settings.get(CLINIC_SETTINGS),
    facility: () => settings.get(FACILITY_SETTINGS),
    ...(database.ok ? { cardFor: cardFromInsuranceChecks(createInsuranceCheckRepository(database.value.db)) } : {}),
  });

  const sync = createSyncService({
    outbox: database.ok ? createHisOutbox(database.value.db) : undefined,
    patient: (id) => checkinStore?.patients.get(id),
    settings: createHisSettingsStore(settings, secrets),
    log: log.child({ component: 'his-sync' }),
    onChange: (status) => events.emit('sync.changed', status),
    ...(config.hisSync ? { worker: config.hisSync } : {}),
  });
  if (config.background !== false) await sync.start();
  const cancellation = createVisitCancellation({
    store: checkinStore,
    desk: desk.id,
    user,
    cancelPayment: (visitId) => payments.cancelWithVisit(visitId),
    onQueued: () => sync.wake(),
  });

  let hostDevices: HostDevices = UNKNOWN_DEVICES;
  const devicesSnapshot = (): DevicesSnapshot => {
    const devices = deviceHost?.state === 'running' ? hostDevices : UNKNOWN_DEVICES;
    return {
      host: {
        state: deviceHost?.state ?? 'stopped',
        restarts: deviceHost?.restarts ?? 0,
        ...(deviceHost?.pid ? { pid: deviceHost.pid } : {}),
        ...(deviceHost?.lastExit ? { lastExit: deviceHost.lastExit } : {}),
      },
      pcsc: devices.pcsc,
      readers: devices.readers,
      serialPorts: devices.serialPorts ?? [],
      hidDevices: devices.hidDevices ?? [],
      scanners: devices.scanners ?? [],
    };
  };

  const scanning = createScanService({
    events,
    log: log.child({ component: 'scanning' }),
    knownScanner: (id) =>
      id === 'keyboard-wedge' || id === 'camera' || [...scannerSettings.serial, ...scannerSettings.hid].some((s) => s.id === id),
    refusal: () => clerks.refusal(),
  });

  /**
   * The host runs the scanners it was last told about: tell it after every
   * start and every change, one call at a time so the last settings win.
   */
  let configuring: Promise<void> = Promise.resolve();
  const pushScannerSettings = (): Promise<void> => {
    if (!deviceHost) return Promise.resolve();
    const { serial, hid } = scannerSettings;
    configuring = configuring.then(async () => {
      if (deviceHost.state !== 'running') return;
      try {
        await deviceHost.call('scanners.configure', { serial, hid });
      } catch (error) {
        log.warn('scanner settings not applied', { error: error instanceof Error ? error.message : String(error) });
      }
    });
    return configuring;
  };

  deviceHost?.on('devices', (devices) => {
    const before = hostDevices;
    hostDevices = devices;
    events.emit('devices.changed', devicesSnapshot());
    for (const inserted of cardInsertions(before, devices)) events.emit('card.inserted', inserted);
  });
  deviceHost?.on('hostEvent', (name, payload) => {
    if (name === 'scan') {
      scanning.fromHost(payload);
      return;
    }
    if (name !== 'card.progress') return;
    const progress = CardProgressSchema.safeParse(payload);
    if (progress.success) events.emit('card.progress', progress.data);
  });

  const card = createCardService({
    deviceHost,
    events,
    log: log.child({ component: 'card' }),
    trustStore: createTrustStoreLoader(config.dataDir, log.child({ component: 'trust' })),
    lastScannedKey: () => scanning.lastCccdKey(),
  });
  deviceHost?.on('state', (state) => {
    if (state !== 'running') hostDevices = UNKNOWN_DEVICES;
    else void pushScannerSettings();
    events.emit('devices.changed', devicesSnapshot());
  });

  const status = (): SystemStatus => ({
    version,
    mode: config.mode,
    startedAt,
    database: database.ok
      ? { ready: true, encrypted: true, schemaVersion: database.value.schemaVersion }
      : { ready: false, encrypted: true, schemaVersion: 0, error: database.error.message },
    devices: devicesSnapshot(),
  });

  const diagnostics = createDiagnosticsService({
    dataDir: config.dataDir,
    version,
    status: () => status(),
    recent: recentErrors,
    adminPinSet: () => settings.get(ADMIN_PIN_SETTING) !== null,
    settings: () => (database.ok ? listSettings(database.value.db) : []),
    syncStatus: async () => sync.status(),
    returnBytes: config.mode !== 'electron',
  });

  const router = new ApiRouter(
    {
      'admin.status': (_input, caller) => admin.status(caller),
      'admin.setPin': (input, caller) => admin.setPin(caller, input),
      'admin.unlock': (input, caller) => admin.unlock(caller, input.pin),
      'admin.lock': (_input, caller) => admin.lock(caller),
      'clerks.status': () => clerks.status(),
      'clerks.signIn': (input) => clerks.signIn(input.code, input.pin),
      'clerks.signOut': ({ reason }) => clerks.signOut(reason),
      'settings.clerks.get': () => clerks.settingsView(),
      'settings.clerks.set': (input) => clerks.setSettings(input),
      'diagnostics.get': () => diagnostics.get(),
      'settings.updates.get': () => settings.get(UPDATE_SETTINGS),
      'settings.updates.set': (input) => settings.set(UPDATE_SETTINGS, input),
      'diagnostics.export': () => diagnostics.export(),
      'system.status': () => status(),
      'devices.list': async () => {
        if (!deviceHost) throw new AppError('DEVICES_UNAVAILABLE', 'This app runs without a device host');
        // Right after a start, let the scanners be configured so they are listed.
        await configuring;
        hostDevices = HostDevicesSchema.parse(await deviceHost.call('devices.snapshot'));
        return devicesSnapshot();
      },
      'card.read': async (input) => {
        const outcome = await card.read(input);
        if (!outcome.ok) throw new AppError(outcome.error.code, outcome.error.message);
        return outcome.value;
      },
      'scan.submit': (input) => scanning.submit(input),
      'scan.test': (input) => scanning.test(input),
      'settings.scanners.get': () => scannerSettings,
      'settings.scanners.set': async (input) => {
        scannerSettings = settings.set(SCANNER_SETTINGS, input);
        events.emit('settings.scanners.changed', scannerSettings);
        await pushScannerSettings();
        return scannerSettings;
      },
      'patients.search': (input) => patients.search(input),
      'patients.get': (input) => patients.get(input),
      'patients.save': (input) => {
        const saved = patients.save(input);
        identityReads.patientSaved({ id: saved.patient.id, cccd: saved.patient.cccd ?? null });
        return saved;
      },
      'visits.create': async (input) => {
        const created = await visits.create(input);
        const { id, patientId, day } = created.visit;
        try {
          insurance.visitCreated({ patientId, visitId: id, since: new Date(`${day}T00:00:00+07:00`).toISOString() });
        } catch (error) {
          log.warn('insurance check not linked to the visit', { visitId: id, error: error instanceof Error ? error.message : String(error) });
        }
        return created;
      },
      'visits.today': (input) => visits.today(input),
      'visits.recordBiometric': (input) => visits.recordBiometric(input),
      'visits.exportXml0': (input) => xml0.exportXml0(input),
      'settings.facility.get': () => settings.get(FACILITY_SETTINGS),
      'settings.facility.set': (input) => settings.set(FACILITY_SETTINGS, input),
      'settings.clinics.get': () => settings.get(CLINIC_SETTINGS),
      'settings.clinics.set': (input) => settings.set(CLINIC_SETTINGS, input),
      'insurance.check': (input) => insurance.check(input),
      'insurance.forVisit': (input) => insurance.forVisit(input.visitId),
      'insurance.forPatient': (input) => insurance.forPatient(input.patientId),
      'settings.insurance.get': () => insuranceSettings.view(),
      'settings.insurance.set': async (input) => {
        const stored = await insuranceSettings.set(input);
        insuranceClient.reset();
        return stored;
      },
      // Typed settings are tried with a client of their own: nothing of them is kept, not even a token.
      'settings.insurance.test': ({ settings: typed }) =>
        insurance.testConnection(typed ? gatewayClient(() => insuranceSettings.account(typed), () => typed.timeouts) : undefined),
      'sync.status': () => sync.status(),
      'sync.attention': ({ limit }) => sync.attention(limit),
      'sync.retry': ({ id }) => sync.retry(id),
      'settings.his.get': () => sync.settingsView(),
      'settings.his.set': (input) => sync.setSettings(input),
      'settings.his.test': ({ settings: typed }) => sync.test(typed),
      'visits.cancel': (input) => cancellation.cancel(input),
      'visits.biometricPrompt': (input) => visits.biometricPrompt(input),
      'visits.ticketPrinted': (input) => visits.ticketPrinted(input),
      'visits.printTicket': () => {
        throw new AppError('PRINT_SILENT_UNAVAILABLE', 'Silent printing needs the desktop app; print through the dialog');
      },
      'settings.desk.get': () => settings.get(DESK_SETTINGS),
      'settings.desk.set': (input) => settings.set(DESK_SETTINGS, input),
      'settings.retention.get': () => settings.get(RETENTION_SETTINGS),
      'settings.retention.set': (input) => {
        const stored = settings.set(RETENTION_SETTINGS, input);
        identityReads.purge();
        return stored;
      },
      'payments.start': (input) => payments.start(input),
      'payments.get': (input) => payments.get(input),
      'payments.confirm': (input) => payments.confirm(input),
      'payments.cancel': (input) => payments.cancel(input),
      'payments.reopen': (input) => payments.reopen(input),
      'settings.payment.get': () => settings.get(PAYMENT_SETTINGS),
      'settings.payment.set': (input) => settings.set(PAYMENT_SETTINGS, input),
      ...demoApiHandlers({ menu: config.demo, dataDir: config.dataDir }),
    },
    log.child({ component: 'api' }),
    // settings.*.set and `admin: true` methods need an unlocked admin session (domain/admin-api.ts);
    // methods on patient data need a signed-in clerk (domain/clerk-api.ts).
    (method, caller) => {
      const spec = methods[method];
      if (requiresAdmin(method, spec)) return admin.refusal(caller);
      return requiresClerk(method, spec) ? clerks.refusal() : undefined;
    },
  );

  deviceHost?.start();

  return {
    router,
    events,
    deviceHost,
    card,
    scanning,
    settings,
    patients,
    payments,
    visits,
    xml0,
    config,
    secrets,
    sync,
    insurance,
    admin,
    clerks,
    status,
    async close() {
      insuranceShutdown.abort();
      await sync.close();
      identityReads.close();
      payments.close();
      await insurance.close();
      scanning.close();
      await deviceHost?.stop();
      if (database.ok) database.value.close();
    },
  };
}

/** The signed-in account of the reception PC: who the audit log names when no clerk is configured. */
function osUser(): string {
  try {
    return userInfo().username.slice(0, 64) || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The desk as the queue numbering sees it: an id fit for the records and one
 * letter for its own numbers. Two desks must not share a letter: set
 * deskPrefix when the desk names do not start with different letters.
 */
export function deskOf(name: string, prefix?: string): Desk {
  const id = name.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 32) || 'desk';
  const letter = prefix ?? (/[A-Za-z]/.exec(name)?.[0] ?? 'A').toUpperCase();
  if (!/^[A-Z]$/.test(letter)) throw new AppError('BAD_INPUT', 'The desk prefix must be one capital letter A–Z');
  return { id, prefix: letter, name: name.slice(0, 64) || id };
}

type Opened = { ok: true; value: OpenedDatabase } | { ok: false; error: AppError };

/** A database that cannot open is reported in the status, not fatal: the clerk and IT must see why. */
function openAppDatabase(config: AppConfig, log: Logger): Opened {
  try {
    const key = (config.databaseKey ?? (() => browserModeKey(config.dataDir)))();
    return { ok: true, value: openDatabase({ file: join(config.dataDir, 'tiepdon.db'), key }) };
  } catch (error) {
    const appError = isAppError(error)
      ? error
      : new AppError('DB_NOT_READY', error instanceof Error ? error.message : String(error));
    log.error('database not ready', { code: appError.code, error: appError.message });
    return { ok: false, error: appError };
  }
}

/** A data folder whose key the Electron app moved into the OS keychain cannot be opened in browser mode. */
function browserModeKey(dataDir: string): Buffer {
  if (existsSync(join(dataDir, 'db.key.enc'))) {
    throw new AppError(
      'DB_NOT_READY',
      'This data folder is protected by the desktop app (key in the OS keychain); open it with the desktop app or use another --data-dir',
    );
  }
  return loadOrCreateKeyFile(join(dataDir, 'db.key'));
}
