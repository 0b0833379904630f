import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../domain/errors.ts';
import {
  HIS_AUTH_KINDS,
  type HisSettingsInput,
  type HisSettingsView,
  type HisTestResult,
  type SyncAttentionItem,
  type SyncStatus,
} from '../../../domain/sync-api.ts';
import { useBridge } from '../app/bridge-context.ts';
import { isKnownRule } from '../i18n/messages.ts';
import { isSyncReason } from '../sync/sync-messages.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

type AuthKind = (typeof HIS_AUTH_KINDS)[number];

type SaveState =
  | { phase: 'idle' }
  | { phase: 'saving' }
  | { phase: 'saved' }
  | { phase: 'failed'; error: ApiError; fields: ReadonlyMap<string, FieldIssue> };

type TestState = { phase: 'idle' } | { phase: 'testing' } | { phase: 'done'; result: HisTestResult } | { phase: 'failed'; error: ApiError };

interface FieldIssue {
  message: string;
  rule?: string;
  limit?: string | number;
}

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

/**
 * The HIS settings for IT: the FHIR address, the sign-in (token or password
 * are write-only), the hospital's CA certificate, a connection test, and the
 * send queue — the items the HIS refused, with the reason and a retry.
 */
export function HisSection() {
  const { t } = useTranslation();
  const { client } = useBridge();
  const [form, setForm] = useState<HisForm | undefined>(undefined);
  const [loadError, setLoadError] = useState<ApiError | undefined>(undefined);
  const [save, setSave] = useState<SaveState>({ phase: 'idle' });
  const [test, setTest] = useState<TestState>({ phase: 'idle' });

  useEffect(() => {
    let live = true;
    void client.call('settings.his.get', {}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setForm(toForm(result.value));
        recordTestEvent('his-settings-loaded', { configured: result.value.baseUrl !== '' });
      } else setLoadError(result.error);
    });
    return () => {
      live = false;
    };
  }, [client]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!form || save.phase === 'saving') return;
    setSave({ phase: 'saving' });
    const result = await client.call('settings.his.set', toInput(form));
    if (result.ok) {
      setForm(toForm(result.value));
      setSave({ phase: 'saved' });
      recordTestEvent('his-settings-saved', { configured: result.value.baseUrl !== '' });
    } else {
      const fields = fieldErrors(result.error.detail);
      setSave({ phase: 'failed', error: result.error, fields });
      recordTestEvent('his-settings-save-failed', { code: result.error.code, paths: [...fields.keys()].join(',') });
    }
  }

  async function runTest(): Promise<void> {
    setTest({ phase: 'testing' });
    const result = await client.call('settings.his.test', {});
    if (result.ok) {
      setTest({ phase: 'done', result: result.value });
      recordTestEvent('his-test-done', result.value.ok ? { ok: true } : { ok: false, code: result.value.code });
    } else {
      setTest({ phase: 'failed', error: result.error });
      recordTestEvent('his-test-done', { ok: false, code: result.error.code });
    }
  }

  const change = (patch: Partial<HisForm>): void => {
    setForm((previous) => (previous ? { ...previous, ...patch } : previous));
    setSave({ phase: 'idle' });
  };
  const errorAt = (path: string): string | undefined => {
    const issue = save.phase === 'failed' ? save.fields.get(path) : undefined;
    if (!issue) return undefined;
    return issue.rule !== undefined && isKnownRule(issue.rule) ? t(`settings.rules.${issue.rule}`, { limit: issue.limit ?? '' }) : issue.message;
  };
  const secretSet = form ? (form.authKind === 'bearer' ? form.tokenSet : form.passwordSet) : false;

  return (
    <section className="settings__section" aria-labelledby="his-settings-title" data-testid="his-settings">
      <h3 id="his-settings-title">{t('sync.settings.title')}</h3>
      <p className="advice">{t('sync.settings.intro')}</p>
      {!form && !loadError && <p className="loading">{t('sync.settings.loading')}</p>}
      {loadError && (
        <p className="patient-error" role="alert" data-code={loadError.code}>
          {t(`errors.${loadError.code}`)}
        </p>
      )}
      {form && (
        <form className="settings__form" onSubmit={(event) => void submit(event)} noValidate data-testid="his-settings-form">
          <Field label={t('sync.settings.baseUrl')} error={errorAt('baseUrl')} hint={t('sync.settings.baseUrlHint')}>
            <input
              className="field__input"
              data-testid="his-settings-url"
              type="url"
              value={form.baseUrl}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => change({ baseUrl: event.target.value })}
            />
          </Field>
          <Field label={t('sync.settings.authKind')} error={errorAt('authKind')}>
            <select
              className="field__input"
              data-testid="his-settings-auth"
              value={form.authKind}
              onChange={(event) => change({ authKind: event.target.value as AuthKind, token: '', password: '', removeSecret: false })}
            >
              {HIS_AUTH_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`sync.settings.authKinds.${kind}`)}
                </option>
              ))}
            </select>
          </Field>
          {form.authKind === 'basic' && (
            <Field label={t('sync.settings.user')} error={errorAt('user')}>
              <input className="field__input" data-testid="his-settings-user" value={form.user} autoComplete="off" onChange={(event) => change({ user: event.target.value })} />
            </Field>
          )}
          {form.authKind !== 'none' && (
            <Field
              label={form.authKind === 'bearer' ? t('sync.settings.token') : t('sync.settings.password')}
              error={errorAt(form.authKind === 'bearer' ? 'token' : 'password')}
              hint={secretSet ? t('sync.settings.secretSet') : t('sync.settings.secretNotSet')}
            >
              <input
                className="field__input"
                data-testid="his-settings-secret"
                type="password"
                value={form.authKind === 'bearer' ? form.token : form.password}
                placeholder={secretSet ? '••••••••' : ''}
                autoComplete="new-password"
                onChange={(event) => change(form.authKind === 'bearer' ? { token: event.target.value, removeSecret: false } : { password: event.target.value, removeSecret: false })}
              />
            </Field>
          )}
          {form.authKind !== 'none' && secretSet && (
            <label className="field field--inline">
              <input type="checkbox" data-testid="his-settings-remove-secret" checked={form.removeSecret} onChange={(event) => change({ removeSecret: event.target.checked, token: '', password: '' })} />
              <span>{t('sync.settings.removeSecret')}</span>
            </label>
          )}
          <Field label={t('sync.settings.caPem')} error={errorAt('caPem')} hint={t('sync.settings.caPemHint')}>
            <textarea
              className="field__input field__input--mono"
              data-testid="his-settings-ca"
              rows={4}
              value={form.caPem}
              spellCheck={false}
              onChange={(event) => change({ caPem: event.target.value })}
            />
          </Field>
          <Field label={t('sync.settings.timeoutMs')} error={errorAt('timeoutMs')}>
            <input className="field__input" inputMode="numeric" data-testid="his-settings-timeout" value={form.timeoutMs} onChange={(event) => change({ timeoutMs: event.target.value })} />
          </Field>
          <div className="settings__save">
            <button type="submit" className="button button--primary" data-testid="his-settings-save" disabled={save.phase === 'saving'}>
              {t('sync.settings.save')}
            </button>
            <button type="button" className="button" data-testid="his-settings-test" disabled={test.phase === 'testing'} onClick={() => void runTest()}>
              {test.phase === 'testing' ? t('sync.settings.testing') : t('sync.settings.test')}
            </button>
            {save.phase === 'saved' && (
              <p className="settings__saved" role="status" data-testid="his-settings-saved">
                {t('sync.settings.saved')}
              </p>
            )}
          </div>
          {save.phase === 'failed' && (
            <p className="patient-error" role="alert" data-testid="his-settings-error" data-code={save.error.code}>
              {save.fields.size > 0 ? t('sync.settings.saveFailed') : t(`errors.${save.error.code}`)}
            </p>
          )}
          {test.phase === 'done' && (
            <p className={test.result.ok ? 'settings__saved' : 'patient-error'} role="status" data-testid="his-settings-test-result" data-ok={test.result.ok}>
              {test.result.ok
                ? t('sync.settings.testOk', { server: test.result.server, version: test.result.fhirVersion ?? '?', ms: Math.round(test.result.latencyMs) })
                : t('sync.settings.testFailed', { reason: isSyncReason(test.result.code) ? t(`sync.reasons.${test.result.code}`) : test.result.message })}
            </p>
          )}
          {test.phase === 'failed' && (
            <p className="patient-error" role="alert" data-testid="his-settings-test-result" data-ok={false}>
              {t(`errors.${test.error.code}`)}
            </p>
          )}
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
      setNotice(t('sync.settings.retried', { count: result.value.retried }));
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
      <h4>{t('sync.settings.queueTitle')}</h4>
      {status && <p data-testid="sync-queue-summary">{t('sync.settings.queueSummary', { pending: status.pending, attention: status.attention })}</p>}
      {items.length === 0 ? (
        <p className="advice" data-testid="sync-queue-empty">
          {t('sync.settings.noneStuck')}
        </p>
      ) : (
        <>
          <p className="advice">{t('sync.settings.stuckIntro')}</p>
          <table className="settings__table" data-testid="sync-attention">
            <thead>
              <tr>
                <th>{t('sync.settings.visit')}</th>
                <th>{t('sync.settings.reason')}</th>
                <th>{t('sync.settings.attempts')}</th>
                <th>{t('sync.settings.since')}</th>
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
                      {t('sync.settings.retry')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="button" data-testid="sync-retry-all" onClick={() => void retry()}>
            {t('sync.settings.retryAll')}
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

function Field({ label, error, hint, children }: { label: string; error: string | undefined; hint?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <label className={error ? 'field field--bad' : 'field'}>
      <span className="field__label">{label}</span>
      {children}
      {hint && <span className="advice">{hint}</span>}
      {error && (
        <span className="field__error" data-testid="field-error">
          {t('settings.invalid')}: {error}
        </span>
      )}
    </label>
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

function fieldErrors(detail: unknown): ReadonlyMap<string, FieldIssue> {
  const fields = new Map<string, FieldIssue>();
  if (!Array.isArray(detail)) return fields;
  for (const issue of detail as { path?: unknown; message?: unknown; rule?: unknown; limit?: unknown }[]) {
    if (!Array.isArray(issue.path) || typeof issue.message !== 'string') continue;
    const path = issue.path.join('.');
    if (fields.has(path)) continue;
    fields.set(path, {
      message: issue.message,
      ...(typeof issue.rule === 'string' ? { rule: issue.rule } : {}),
      ...(typeof issue.limit === 'string' || typeof issue.limit === 'number' ? { limit: issue.limit } : {}),
    });
  }
  return fields;
}
