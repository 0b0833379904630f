/**
 * HIS sync as the app sees it: starts the outbox worker when an HIS address
 * is set (and restarts it when the settings change), reports where the queue
 * stands for the indicator on every screen, lists what needs IT's attention,
 * retries it, and tests the connection from the settings panel.
 */
import type { HisOutbox } from '../../db/his-outbox.ts';
import type { Patient } from '../../domain/patient.ts';
import { AppError } from '../../domain/errors.ts';
import type { HisFailureCode, HisSettingsInput, HisSettingsView, HisTestResult, SyncAttentionResult, SyncStatus } from '../../domain/sync-api.ts';
import type { Logger } from '../log.ts';
import { createFhirHisAdapter, type FhirHisAdapter, type FhirHisAdapterOptions } from './fhir/fhir-his-adapter.ts';
import { isHisError, type HisAdapter } from './his-adapter.ts';
import type { HisSettingsStore } from './his-settings.ts';
import { createSyncWorker, type SyncWorker, type SyncWorkerOptions } from './sync-worker.ts';

export interface SyncServiceOptions {
  /** Undefined while the database is not open: nothing is sent, the status says 0. */
  outbox: HisOutbox | undefined;
  patient: (id: number) => Patient | undefined;
  settings: HisSettingsStore;
  log: Logger;
  /** Called whenever the status changes. */
  onChange: (status: SyncStatus) => void;
  worker?: Pick<SyncWorkerOptions, 'policy' | 'leaseMs' | 'batchSize' | 'idlePollMs' | 'now' | 'random'>;
  createAdapter?: (options: FhirHisAdapterOptions) => FhirHisAdapter;
  /** How often the status is recounted for the indicator (new check-ins, no HIS). */
  statusPollMs?: number;
}

export interface SyncService {
  start(): Promise<void>;
  status(): SyncStatus;
  attention(limit: number): SyncAttentionResult;
  retry(id?: number): { retried: number };
  settingsView(): Promise<HisSettingsView>;
  setSettings(input: HisSettingsInput): Promise<HisSettingsView>;
  /** Pings the HIS with the stored settings, or with `typed` ones, which are neither saved nor given to the sync. */
  test(typed?: HisSettingsInput): Promise<HisTestResult>;
  /** The HIS in use (queue numbers, payment status, clinics), or null when none is set. */
  adapter(): HisAdapter | null;
  /** New work was queued: send it now rather than at the next poll. */
  wake(): void;
  close(): Promise<void>;
}

export function createSyncService(options: SyncServiceOptions): SyncService {
  const { outbox, settings, log } = options;
  const createAdapter = options.createAdapter ?? ((connection: FhirHisAdapterOptions) => createFhirHisAdapter(connection));
  let adapter: FhirHisAdapter | null = null;
  let worker: SyncWorker | null = null;
  let lastEmitted = '';
  let closed = false;
  /** Why the settings could not be used (the stored secret unreadable, an http:// address), shown until a start succeeds. */
  let startFailure: HisFailureCode | null = null;
  /** The start in progress: starts run one after another, so one worker at most is ever running. */
  let starting: Promise<void> = Promise.resolve();

  const status = (): SyncStatus => {
    const counts = outbox?.status() ?? { pending: 0, attention: 0, lastSuccessAt: null };
    return { configured: adapter !== null, ...counts, lastFailure: worker?.lastFailure ?? startFailure };
  };

  const emitIfChanged = () => {
    const current = status();
    const text = JSON.stringify(current);
    if (text === lastEmitted) return;
    lastEmitted = text;
    options.onChange(current);
  };

  const stopWorker = async () => {
    await worker?.stop();
    worker = null;
    adapter?.close();
    adapter = null;
  };

  /** The connection the settings describe, or null (none set, or unreadable: logged by code and shown in the status). */
  const readConnection = async (): Promise<FhirHisAdapterOptions | null> => {
    try {
      return await settings.connection();
    } catch (error) {
      startFailure = 'HIS_CREDENTIALS_UNREADABLE';
      log.warn('HIS credentials cannot be read: sync is off until they are entered again', { error: error instanceof AppError ? error.code : 'INTERNAL' });
      return null;
    }
  };

  const restart = async () => {
    await stopWorker();
    startFailure = null;
    if (closed) return;
    const connection = await readConnection();
    // close() may have run while the settings were read: it must not be outlived by a new worker.
    if (closed || !connection || !outbox) {
      emitIfChanged();
      return;
    }
    try {
      adapter = createAdapter(connection);
    } catch (error) {
      if (isHisError(error)) startFailure = error.code;
      log.warn('HIS settings cannot be used', { error: isHisError(error) ? error.code : 'INVALID' });
      emitIfChanged();
      return;
    }
    worker = createSyncWorker({ outbox, his: adapter, patient: options.patient, log, onChange: emitIfChanged, ...options.worker });
    worker.start();
    log.info('HIS sync started');
    emitIfChanged();
  };

  /** Queued behind any start in progress; a failed start does not block the next. */
  const startWorker = (): Promise<void> => {
    const next = starting.then(restart, restart);
    starting = next.catch(() => undefined);
    return next;
  };

  const poll = setInterval(emitIfChanged, options.statusPollMs ?? 2_000);
  poll.unref();

  return {
    start: startWorker,
    status,
    attention: (limit) => ({ items: outbox?.attention(limit) ?? [] }),
    retry(id) {
      const retried = outbox?.retry(new Date(), id) ?? 0;
      worker?.resume();
      emitIfChanged();
      return { retried };
    },
    settingsView: () => settings.view(),
    async setSettings(input) {
      const view = await settings.set(input);
      await startWorker();
      return view;
    },
    async test(typed) {
      let connection: FhirHisAdapterOptions | null;
      try {
        connection = await settings.connection(typed);
      } catch {
        return { ok: false, code: 'HIS_CREDENTIALS_UNREADABLE', message: 'The stored HIS token or password cannot be read: enter it again' };
      }
      if (!connection) return { ok: false, code: 'HIS_NOT_CONFIGURED', message: 'No HIS address is set' };
      let probe: FhirHisAdapter | undefined;
      const started = performance.now();
      try {
        probe = createAdapter(connection);
        const { server, fhirVersion } = await probe.ping();
        return { ok: true, server: server.slice(0, 200), fhirVersion: fhirVersion?.slice(0, 20) ?? null, latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        if (isHisError(error)) return { ok: false, code: error.code, message: error.message.slice(0, 300) };
        return { ok: false, code: 'INTERNAL', message: 'The test failed unexpectedly' };
      } finally {
        probe?.close();
      }
    },
    adapter: () => adapter,
    wake: () => worker?.wake(),
    async close() {
      closed = true;
      clearInterval(poll);
      await starting;
      await stopWorker();
    },
  };
}
