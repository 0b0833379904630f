import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModeSchema, DeviceHostStateSchema, type AppMode, type DeviceHostState } from '../../../domain/api.ts';
import type { Diagnostics, DiagnosticsExport } from '../../../domain/diagnostics-api.ts';
import { SyncStatusSchema } from '../../../domain/sync-api.ts';
import { isSyncReason } from '../sync/sync-messages.ts';
import type { UpdateSettings } from '../../../domain/update-api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { useBridge } from '../app/bridge-context.ts';
import { Notice } from '../home/Notice.tsx';
import { recordTestEvent } from '../testing/record-test-event.ts';

type ExportState = { phase: 'idle' } | { phase: 'exporting' } | { phase: 'done'; result: DiagnosticsExport } | { phase: 'failed'; error: ApiError };

/**
 * For IT on the phone with support: versions, the device process, readers,
 * recent warnings and errors (redacted by the services), sync state, and a zip
 * to send (logs and settings, no personal data, no secrets).
 */
export function DiagnosticsSection() {
  const { t } = useTranslation();
  const { client } = useBridge();
  const [diagnostics, setDiagnostics] = useState<Diagnostics | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [exported, setExported] = useState<ExportState>({ phase: 'idle' });
  const [updates, setUpdates] = useState<UpdateSettings | undefined>(undefined);

  const load = useCallback(async () => {
    const answer = await client.call('diagnostics.get', {});
    if (answer.ok) {
      setDiagnostics(answer.value);
      setError(undefined);
      recordTestEvent('diagnostics-loaded', { errors: answer.value.recentErrors.length });
    } else {
      setError(answer.error);
    }
  }, [client]);

  useEffect(() => void load(), [load]);
  useEffect(() => {
    void client.call('settings.updates.get', {}).then((answer) => answer.ok && setUpdates(answer.value));
  }, [client]);

  async function toggleUpdates(enabled: boolean): Promise<void> {
    if (!updates) return;
    const answer = await client.call('settings.updates.set', { ...updates, enabled });
    if (answer.ok) setUpdates(answer.value);
    else setError(answer.error);
  }

  async function exportZip(): Promise<void> {
    setExported({ phase: 'exporting' });
    const answer = await client.call('diagnostics.export', {});
    if (!answer.ok) return setExported({ phase: 'failed', error: answer.error });
    if (answer.value.base64) download(answer.value.fileName, answer.value.base64);
    setExported({ phase: 'done', result: answer.value });
    recordTestEvent('diagnostics-exported', { size: answer.value.size });
  }

  return (
    <section className="settings__section" aria-labelledby="diagnostics-title" data-testid="settings-diagnostics">
      <h3 id="diagnostics-title">{t('diagnostics.title')}</h3>
      {error && <Notice code={error.code} />}
      {diagnostics && (
        <dl className="diagnostics">
          <dt>{t('diagnostics.versions')}</dt>
          <dd data-testid="diagnostics-versions">
            TiepDon {diagnostics.versions.app} · Node {diagnostics.versions.node}
            {diagnostics.versions.electron && ` · Electron ${diagnostics.versions.electron}`}
            {diagnostics.versions.chrome && ` · Chromium ${diagnostics.versions.chrome}`} · {diagnostics.versions.platform}/{diagnostics.versions.arch}
          </dd>
          <dt>{t('diagnostics.mode')}</dt>
          <dd data-testid="diagnostics-mode">{isAppMode(diagnostics.mode) ? t(`app.mode.${diagnostics.mode}`) : diagnostics.mode}</dd>
          <dt>{t('diagnostics.database')}</dt>
          <dd>
            {diagnostics.database.ready ? t('diagnostics.databaseReady') : t('diagnostics.databaseNotReady')} ·{' '}
            {t('diagnostics.schema', { version: diagnostics.database.schemaVersion })}
            {diagnostics.database.error && <Technical text={diagnostics.database.error} />}
          </dd>
          <dt>{t('diagnostics.deviceHost')}</dt>
          <dd data-testid="diagnostics-device-host">
            {isDeviceHostState(diagnostics.deviceHost.state) ? t(`deviceHost.states.${diagnostics.deviceHost.state}`) : diagnostics.deviceHost.state} ·{' '}
            {t('diagnostics.restarts', { count: diagnostics.deviceHost.restarts })}
            {diagnostics.deviceHost.lastExit && <Technical text={diagnostics.deviceHost.lastExit} />}
          </dd>
          <dt>{t('diagnostics.pcsc')}</dt>
          <dd data-testid="diagnostics-pcsc">
            {isPcscState(diagnostics.pcsc.state) ? t(`pcsc.states.${diagnostics.pcsc.state}`) : diagnostics.pcsc.state}
            {diagnostics.pcsc.message && <Technical text={diagnostics.pcsc.message} />}
          </dd>
          <dt>{t('diagnostics.readers')}</dt>
          <dd>
            {diagnostics.readers.length === 0
              ? t('diagnostics.noReaders')
              : diagnostics.readers.map((r) => `${r.name}${r.cardPresent ? ` (${t('diagnostics.cardPresent')})` : ''}`).join(', ')}
          </dd>
          <dt>{t('diagnostics.sync')}</dt>
          <dd data-testid="diagnostics-sync">
            <SyncSummary sync={diagnostics.sync} />
          </dd>
          <dt>{t('diagnostics.updates')}</dt>
          <dd>
            <label className="field--check">
              <input
                type="checkbox"
                checked={updates?.enabled ?? false}
                disabled={!updates}
                onChange={(event) => void toggleUpdates(event.target.checked)}
                data-testid="diagnostics-updates"
              />{' '}
              {t('diagnostics.updatesHint')}
            </label>
          </dd>
          <dt>{t('diagnostics.adminPin')}</dt>
          <dd>{diagnostics.admin.pinSet ? t('common.yes') : t('common.no')}</dd>
          <dt>{t('diagnostics.recentErrors')}</dt>
          <dd>
            {diagnostics.recentErrors.length === 0 ? (
              t('diagnostics.noErrors')
            ) : (
              <ol className="diagnostics__errors" data-testid="diagnostics-errors">
                {diagnostics.recentErrors.map((line, index) => (
                  <li key={index} className={`diagnostics__error diagnostics__error--${line.level}`}>
                    <time>{line.time}</time> {line.component && <strong>{line.component}</strong>} {line.message}
                  </li>
                ))}
              </ol>
            )}
          </dd>
        </dl>
      )}
      <div className="admin-gate__actions">
        <button type="button" className="button" onClick={() => void load()} data-testid="diagnostics-refresh">
          {t('diagnostics.refresh')}
        </button>
        <button type="button" className="button" disabled={exported.phase === 'exporting'} onClick={() => void exportZip()} data-testid="diagnostics-export">
          {exported.phase === 'exporting' ? t('diagnostics.exporting') : t('diagnostics.export')}
        </button>
      </div>
      {exported.phase === 'done' && (
        <p className="advice" role="status" data-testid="diagnostics-exported">
          {t('diagnostics.exported', { path: exported.result.path })}
        </p>
      )}
      {exported.phase === 'failed' && <Notice code={exported.error.code} />}
    </section>
  );
}

const PCSC_STATES = ['available', 'unavailable', 'unknown'] as const;

function isAppMode(mode: string): mode is AppMode {
  return (AppModeSchema.options as readonly string[]).includes(mode);
}

function isDeviceHostState(state: string): state is DeviceHostState {
  return (DeviceHostStateSchema.options as readonly string[]).includes(state);
}

function isPcscState(state: string): state is (typeof PCSC_STATES)[number] {
  return (PCSC_STATES as readonly string[]).includes(state);
}

/** The service's own words (English, for support), set apart from the translated state. */
function Technical({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <span className="diagnostics__technical">
      {' · '}
      {t('diagnostics.technical')}: <code>{text}</code>
    </span>
  );
}

/** The sync state in words: what waits, what needs IT, when the HIS last took something, and why the last try failed. */
function SyncSummary({ sync }: { sync: unknown }) {
  const { t, i18n } = useTranslation();
  const status = SyncStatusSchema.safeParse(sync);
  if (sync === undefined || !status.success) return <>{t('diagnostics.syncNone')}</>;
  const { configured, pending, attention, lastSuccessAt, lastFailure } = status.data;
  if (!configured) return <>{t('diagnostics.syncOff')}</>;
  const last = lastSuccessAt
    ? new Date(lastSuccessAt).toLocaleString(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })
    : t('diagnostics.syncNever');
  return (
    <>
      {t('diagnostics.syncCounts', { pending, attention })} · {t('diagnostics.syncLast', { time: last })}
      {lastFailure && ` · ${t('diagnostics.syncFailure', { reason: isSyncReason(lastFailure) ? t(`sync.reasons.${lastFailure}`) : lastFailure })}`}
    </>
  );
}

/** Browser mode: hand the zip to the browser's downloads. */
function download(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
