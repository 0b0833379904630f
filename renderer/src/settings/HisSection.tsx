import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HIS_AUTH_KINDS,
  type HisSettingsInput,
  type HisSettingsView,
  type SyncAttentionItem,
  type SyncStatus,
} from '../../../domain/sync-api.ts';
import { useBridge } from '../app/bridge-context.ts';
import { isSyncReason } from '../sync/sync-messages.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { CheckField, ErrorLine, Field, LoadStatus, SaveFailedLine, SaveRow, SecretField, TextField } from './fields.tsx';
import { useConnectionTest } from './use-connection-test.ts';
import { useSettingsForm, type SettingsSource } from './use-settings-form.ts';

type AuthKind = (typeof HIS_AUTH_KINDS)[number];

/** The form as typed: secrets start empty (write-only) and the time-out stays text until saved. */
interface HisForm {
  baseUrl: string;
  authKind: AuthKind;
  user: string;
  token: string;
  password: string;
  removeSecret: boolean;
  tokenSet: boolean;
  passwordSet: boolean;
  caPem: string;
  timeoutMs: string;
}

const hisSettings: SettingsSource<HisSettingsView, HisForm> = {
  load: (client) => client.call('settings.his.get', {}),
  save: (client, form) => client.call('settings.his.set', toInput(form)),
  toForm,
  loaded: (view) => recordTestEvent('his-settings-loaded', { configured: view.baseUrl !== '' }),
  saved: (view) => recordTestEvent('his-settings-saved', { configured: view.baseUrl !== '' }),
  refused: (error, paths) => recordTestEvent('his-settings-save-failed', { code: error.code, paths: paths.join(',') }),
};

/**
 * The HIS settings for IT: the FHIR address, the sign-in (token or password
 * are write-only), the hospital's CA certificate, a connection test, and the
 * send queue — the items the HIS refused, with the reason and a retry.
 */
export function HisSection() {
  const { t } = useTranslation();
  const settings = useSettingsForm(hisSettings, t('hisSettings.title'));
  const { form, loadError, save, submit, change, errorAt } = settings;
  const { test, startTest } = useConnectionTest(
    settings,
    (client, typed) => client.call('settings.his.test', { settings: toInput(typed) }),
    (answer) =>
      recordTestEvent(
        'his-test-done',
        answer.ok ? (answer.value.ok ? { ok: true } : { ok: false, code: answer.value.code }) : { ok: false, code: answer.error.code },
      ),
  );

  const secretSet = form ? (form.authKind === 'bearer' ? form.tokenSet : form.passwordSet) : false;

  return (
    <section className="settings__section" aria-labelledby="his-settings-title" data-testid="his-settings">
      <h3 id="his-settings-title">{t('hisSettings.title')}</h3>
      <p className="advice">{t('hisSettings.intro')}</p>
      <LoadStatus loaded={form !== undefined} error={loadError} loadingText={t('hisSettings.loading')} />
      {form && (
        <form className="settings__form" onSubmit={(event) => void submit(event)} noValidate data-testid="his-settings-form">
          <TextField
            label={t('hisSettings.baseUrl')}
            error={errorAt('baseUrl')}
            hint={t('hisSettings.baseUrlHint')}
            testId="his-settings-url"
            type="url"
            value={form.baseUrl}
            autoComplete="off"
            spellCheck={false}
            onChange={(baseUrl) => change({ baseUrl })}
          />
          <Field label={t('hisSettings.authKind')} error={errorAt('authKind')}>
            <select
              className="field__input"
              data-testid="his-settings-auth"
              value={form.authKind}
              onChange={(event) => change({ authKind: event.target.value as AuthKind, token: '', password: '', removeSecret: false })}
            >
              {HIS_AUTH_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`hisSettings.authKinds.${kind}`)}
                </option>
              ))}
            </select>
          </Field>
          {form.authKind === 'basic' && (
            <TextField label={t('hisSettings.user')} error={errorAt('user')} testId="his-settings-user" value={form.user} autoComplete="off" onChange={(user) => change({ user })} />
          )}
          {form.authKind !== 'none' && (
            <SecretField
              label={form.authKind === 'bearer' ? t('hisSettings.token') : t('hisSettings.password')}
              error={errorAt(form.authKind === 'bearer' ? 'token' : 'password')}
              stored={secretSet}
              storedHint={t('hisSettings.secretSet')}
              missingHint={t('hisSettings.secretNotSet')}
              testId="his-settings-secret"
              value={form.authKind === 'bearer' ? form.token : form.password}
              onChange={(secret) => change(form.authKind === 'bearer' ? { token: secret, removeSecret: false } : { password: secret, removeSecret: false })}
            />
          )}
          {form.authKind !== 'none' && secretSet && (
            <CheckField
              inline
              label={t('hisSettings.removeSecret')}
              testId="his-settings-remove-secret"
              checked={form.removeSecret}
              onChange={(removeSecret) => change({ removeSecret, token: '', password: '' })}
            />
          )}
          <Field label={t('hisSettings.caPem')} error={errorAt('caPem')} hint={t('hisSettings.caPemHint')}>
            <textarea
              className="field__input field__input--mono"
              data-testid="his-settings-ca"
              rows={4}
              value={form.caPem}
              spellCheck={false}
              onChange={(event) => change({ caPem: event.target.value })}
            />
          </Field>
          <TextField
            label={t('hisSettings.timeoutMs')}
            error={errorAt('timeoutMs')}
            testId="his-settings-timeout"
            inputMode="numeric"
            value={form.timeoutMs}
            onChange={(timeoutMs) => change({ timeoutMs })}
          />
          <SaveRow
            label={t('hisSettings.save')}
            testId="his-settings-save"
            busy={save.phase === 'saving'}
            saved={save.phase === 'saved'}
            savedText={t('hisSettings.saved')}
            savedTestId="his-settings-saved"
          >
            <button type="button" className="button" data-testid="his-settings-test" disabled={test.phase === 'testing'} onClick={() => void startTest()}>
              {test.phase === 'testing' ? t('hisSettings.testing') : t('hisSettings.test')}
            </button>
          </SaveRow>
          <SaveFailedLine save={save} testId="his-settings-error" fieldsText={t('hisSettings.saveFailed')} />
          {test.phase === 'done' && (
            <p
              className={test.result.ok ? 'settings__saved' : 'patient-error'}
              role="status"
              data-testid="his-settings-test-result"
              data-ok={test.result.ok}
              data-unsaved={test.unsaved}
            >
              {test.result.ok
                ? t('hisSettings.testOk', { server: test.result.server, version: test.result.fhirVersion ?? '?', ms: Math.round(test.result.latencyMs) })
                : t('hisSettings.testFailed', { reason: isSyncReason(test.result.code) ? t(`sync.reasons.${test.result.code}`) : test.result.message })}
              {test.unsaved && (
                <>
                  <br />
                  {t('hisSettings.testedUnsaved')}
                </>
              )}
            </p>
          )}
          {test.phase === 'failed' && <ErrorLine error={test.error} testId="his-settings-test-result" data-ok={false} />}
        </form>
      )}
      <SyncQueue />
    </section>
  );
}

/** The send queue for IT: counts, and every refused item with its reason and a retry. */
function SyncQueue() {
  const { t, i18n } = useTranslation();
  const { client } = useBridge();
  const [status, setStatus] = useState<SyncStatus | undefined>(undefined);
  const [items, setItems] = useState<SyncAttentionItem[]>([]);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const load = useCallback(async () => {
    const [current, stuck] = await Promise.all([client.call('sync.status', {}), client.call('sync.attention', {})]);
    if (current.ok) setStatus(current.value);
    if (stuck.ok) setItems(stuck.value.items);
  }, [client]);

  useEffect(() => {
    void load();
    return client.on('sync.changed', () => void load());
  }, [client, load]);

  async function retry(id?: number): Promise<void> {
    const result = await client.call('sync.retry', id === undefined ? {} : { id });
    if (result.ok) {
      setNotice(t('hisSettings.retried', { count: result.value.retried }));
      recordTestEvent('sync-retried', { retried: result.value.retried });
    } else setNotice(t(`errors.${result.error.code}`));
    await load();
  }

  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
  const kind = (value: string) => (value === 'his.checkin' ? t('sync.kinds.checkin') : value === 'his.visit-change' ? t('sync.kinds.change') : t('sync.kinds.other'));
  const reason = (text: string) => {
    const code = text.split(':')[0] ?? '';
    return isSyncReason(code) ? `${t(`sync.reasons.${code}`)} (${text})` : text;
  };

  return (
    <div className="settings__subsection" data-testid="sync-queue">
      <h4>{t('hisSettings.queueTitle')}</h4>
      {status && <p data-testid="sync-queue-summary">{t('hisSettings.queueSummary', { pending: status.pending, attention: status.attention })}</p>}
      {items.length === 0 ? (
        <p className="advice" data-testid="sync-queue-empty">
          {t('hisSettings.noneStuck')}
        </p>
      ) : (
        <>
          <p className="advice">{t('hisSettings.stuckIntro')}</p>
          <table className="settings__table" data-testid="sync-attention">
            <thead>
              <tr>
                <th>{t('hisSettings.visit')}</th>
                <th>{t('hisSettings.reason')}</th>
                <th>{t('hisSettings.attempts')}</th>
                <th>{t('hisSettings.since')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} data-testid="sync-attention-item" data-id={item.id}>
                  <td>
                    {kind(item.kind)} {item.visitId !== null ? `#${item.visitId}` : ''}
                  </td>
                  <td>{reason(item.reason)}</td>
                  <td>{item.attempts}</td>
                  <td>{when(item.since)}</td>
                  <td>
                    <button type="button" className="button button--quiet" data-testid="sync-retry-one" onClick={() => void retry(item.id)}>
                      {t('hisSettings.retry')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="button" data-testid="sync-retry-all" onClick={() => void retry()}>
            {t('hisSettings.retryAll')}
          </button>
        </>
      )}
      {notice && (
        <p className="settings__saved" role="status" data-testid="sync-retry-notice">
          {notice}
        </p>
      )}
    </div>
  );
}

function toForm(settings: HisSettingsView): HisForm {
  return {
    baseUrl: settings.baseUrl,
    authKind: settings.authKind,
    user: settings.user,
    token: '',
    password: '',
    removeSecret: false,
    tokenSet: settings.tokenSet,
    passwordSet: settings.passwordSet,
    caPem: settings.caPem,
    timeoutMs: String(settings.timeoutMs),
  };
}

function toInput(form: HisForm): HisSettingsInput {
  const timeout = Number(form.timeoutMs.replace(/[\s.,]/g, ''));
  const secret = (typed: string) => (form.removeSecret ? '' : typed === '' ? undefined : typed);
  return {
    baseUrl: form.baseUrl,
    authKind: form.authKind,
    user: form.user,
    caPem: form.caPem,
    timeoutMs: Number.isFinite(timeout) ? timeout : Number.NaN,
    ...(form.authKind === 'bearer' && secret(form.token) !== undefined ? { token: secret(form.token)! } : {}),
    ...(form.authKind === 'basic' && secret(form.password) !== undefined ? { password: secret(form.password)! } : {}),
  };
}
