import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../domain/errors.ts';
import type { InsuranceSettingsInput, InsuranceSettingsView, InsuranceTestResult } from '../../../domain/insurance-api.ts';
import { useBridge } from '../app/bridge-context.ts';
import { isKnownRule } from '../i18n/messages.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

type SaveState =
  | { phase: 'idle' }
  | { phase: 'saving' }
  | { phase: 'saved' }
  | { phase: 'failed'; error: ApiError; fields: ReadonlyMap<string, FieldIssue> };

type TestState = { phase: 'idle' } | { phase: 'testing' } | { phase: 'done'; result: InsuranceTestResult } | { phase: 'failed'; error: ApiError };

interface FieldIssue {
  message: string;
  rule?: string;
  limit?: string | number;
}

/** The form as typed: timeouts stay text until saved so a bad value is refused by name. */
interface InsuranceForm {
  baseUrl: string;
  username: string;
  password: string;
  removePassword: boolean;
  passwordSet: boolean;
  staffName: string;
  staffCccd: string;
  loginMs: string;
  checkMs: string;
  cccdLookup: boolean;
  exemptionLookup: boolean;
}

/**
 * The BHXH gateway settings for IT: address, facility account, password
 * (write-only: the form shows only whether one is stored), the looking-up
 * staff member, timeouts, and a button that logs in and says ok or why not.
 */
export function InsuranceSection() {
  const { t } = useTranslation();
  const { client } = useBridge();
  const [form, setForm] = useState<InsuranceForm | undefined>(undefined);
  const [loadError, setLoadError] = useState<ApiError | undefined>(undefined);
  const [save, setSave] = useState<SaveState>({ phase: 'idle' });
  const [test, setTest] = useState<TestState>({ phase: 'idle' });

  useEffect(() => {
    let live = true;
    void client.call('settings.insurance.get', {}).then((result) => {
      if (!live) return;
      if (result.ok) {
        setForm(toForm(result.value));
        recordTestEvent('insurance-settings-loaded', { configured: result.value.baseUrl !== '', passwordSet: result.value.passwordSet });
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
    const result = await client.call('settings.insurance.set', toInput(form));
    if (result.ok) {
      setForm(toForm(result.value));
      setSave({ phase: 'saved' });
      recordTestEvent('insurance-settings-saved', { passwordSet: result.value.passwordSet });
    } else {
      const fields = fieldErrors(result.error.detail);
      setSave({ phase: 'failed', error: result.error, fields });
      recordTestEvent('insurance-settings-save-failed', { code: result.error.code, paths: [...fields.keys()].join(',') });
    }
  }

  async function runTest(): Promise<void> {
    setTest({ phase: 'testing' });
    const result = await client.call('settings.insurance.test', {});
    if (result.ok) {
      setTest({ phase: 'done', result: result.value });
      recordTestEvent('insurance-test-done', result.value.ok ? { ok: true } : { ok: false, reason: result.value.reason, code: result.value.code ?? '' });
    } else {
      setTest({ phase: 'failed', error: result.error });
      recordTestEvent('insurance-test-done', { ok: false, reason: result.error.code, code: '' });
    }
  }

  const change = (patch: Partial<InsuranceForm>): void => {
    setForm((previous) => (previous ? { ...previous, ...patch } : previous));
    setSave({ phase: 'idle' });
  };
  const errorAt = (path: string): string | undefined => {
    const issue = save.phase === 'failed' ? save.fields.get(path) : undefined;
    if (!issue) return undefined;
    return issue.rule !== undefined && isKnownRule(issue.rule) ? t(`settings.rules.${issue.rule}`, { limit: issue.limit ?? '' }) : issue.message;
  };

  return (
    <section className="settings__section" aria-labelledby="insurance-settings-title" data-testid="insurance-settings">
      <h3 id="insurance-settings-title">{t('insurance.settings.title')}</h3>
      <p className="advice">{t('insurance.settings.intro')}</p>
      {!form && !loadError && <p className="loading">{t('insurance.settings.loading')}</p>}
      {loadError && (
        <p className="patient-error" role="alert" data-code={loadError.code}>
          {t(`errors.${loadError.code}`)}
        </p>
      )}
      {form && (
        <form className="settings__form" onSubmit={(event) => void submit(event)} noValidate data-testid="insurance-settings-form">
          <Field label={t('insurance.settings.baseUrl')} error={errorAt('baseUrl')} hint={t('insurance.settings.baseUrlHint')}>
            <input
              className="field__input"
              data-testid="insurance-settings-url"
              type="url"
              value={form.baseUrl}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => change({ baseUrl: event.target.value })}
            />
          </Field>
          <Field label={t('insurance.settings.username')} error={errorAt('username')} hint={t('insurance.settings.usernameHint')}>
            <input
              className="field__input"
              data-testid="insurance-settings-username"
              value={form.username}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => change({ username: event.target.value })}
            />
          </Field>
          <Field
            label={t('insurance.settings.password')}
            error={errorAt('password')}
            hint={form.passwordSet ? t('insurance.settings.passwordSet') : t('insurance.settings.passwordNotSet')}
          >
            <input
              className="field__input"
              data-testid="insurance-settings-password"
              type="password"
              value={form.password}
              placeholder={form.passwordSet ? '••••••••' : ''}
              autoComplete="new-password"
              onChange={(event) => change({ password: event.target.value, removePassword: false })}
            />
          </Field>
          {form.passwordSet && (
            <label className="field field--check">
              <input
                type="checkbox"
                data-testid="insurance-settings-remove-password"
                checked={form.removePassword}
                onChange={(event) => change({ removePassword: event.target.checked, password: '' })}
              />
              <span>{t('insurance.settings.removePassword')}</span>
            </label>
          )}
          <Field label={t('insurance.settings.staffName')} error={errorAt('staffName')}>
            <input
              className="field__input"
              data-testid="insurance-settings-staff-name"
              value={form.staffName}
              autoComplete="off"
              onChange={(event) => change({ staffName: event.target.value })}
            />
          </Field>
          <Field label={t('insurance.settings.staffCccd')} error={errorAt('staffCccd')} hint={t('insurance.settings.staffHint')}>
            <input
              className="field__input"
              data-testid="insurance-settings-staff-cccd"
              inputMode="numeric"
              maxLength={12}
              value={form.staffCccd}
              autoComplete="off"
              onChange={(event) => change({ staffCccd: event.target.value })}
            />
          </Field>
          <Field label={t('insurance.settings.loginMs')} error={errorAt('timeouts.loginMs')}>
            <input className="field__input" inputMode="numeric" value={form.loginMs} onChange={(event) => change({ loginMs: event.target.value })} />
          </Field>
          <Field label={t('insurance.settings.checkMs')} error={errorAt('timeouts.checkMs')}>
            <input className="field__input" inputMode="numeric" value={form.checkMs} onChange={(event) => change({ checkMs: event.target.value })} />
          </Field>
          <label className="field field--check">
            <input type="checkbox" checked={form.cccdLookup} onChange={(event) => change({ cccdLookup: event.target.checked })} />
            <span>{t('insurance.settings.cccdLookup')}</span>
          </label>
          <label className="field field--check">
            <input type="checkbox" checked={form.exemptionLookup} onChange={(event) => change({ exemptionLookup: event.target.checked })} />
            <span>{t('insurance.settings.exemptionLookup')}</span>
          </label>
          <div className="settings__save">
            <button type="submit" className="button button--primary" data-testid="insurance-settings-save" disabled={save.phase === 'saving'}>
              {t('insurance.settings.save')}
            </button>
            <button type="button" className="button" data-testid="insurance-settings-test" disabled={test.phase === 'testing'} onClick={() => void runTest()}>
              {test.phase === 'testing' ? t('insurance.settings.testing') : t('insurance.settings.test')}
            </button>
            {save.phase === 'saved' && (
              <p className="settings__saved" role="status" data-testid="insurance-settings-saved">
                {t('insurance.settings.saved')}
              </p>
            )}
          </div>
          {save.phase === 'failed' && (
            <p className="patient-error" role="alert" data-testid="insurance-settings-error" data-code={save.error.code}>
              {save.fields.size > 0 ? t('insurance.settings.saveFailed') : t(`errors.${save.error.code}`)}
            </p>
          )}
          {test.phase === 'done' && (
            <p
              className={test.result.ok ? 'settings__saved' : 'patient-error'}
              role="status"
              data-testid="insurance-settings-test-result"
              data-ok={test.result.ok}
            >
              {test.result.ok
                ? t('insurance.settings.testOk', { seconds: test.result.tokenLifetimeS })
                : t('insurance.settings.testFailed', {
                    reason: `${t(`insurance.failures.${test.result.reason}`)}${test.result.code ? ` (${test.result.code})` : ''}`,
                  })}
            </p>
          )}
          {test.phase === 'failed' && (
            <p className="patient-error" role="alert" data-testid="insurance-settings-test-result" data-ok={false}>
              {t(`errors.${test.error.code}`)}
            </p>
          )}
        </form>
      )}
    </section>
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

function toForm(settings: InsuranceSettingsView): InsuranceForm {
  return {
    baseUrl: settings.baseUrl,
    username: settings.username,
    password: '',
    removePassword: false,
    passwordSet: settings.passwordSet,
    staffName: settings.staffName,
    staffCccd: settings.staffCccd,
    loginMs: String(settings.timeouts.loginMs),
    checkMs: String(settings.timeouts.checkMs),
    cccdLookup: settings.cccdLookup,
    exemptionLookup: settings.exemptionLookup,
  };
}

/** An empty password keeps the stored one; "remove" sends an empty string; a timeout that is not digits goes through as NaN to be refused by name. */
function toInput(form: InsuranceForm): InsuranceSettingsInput {
  const number = (text: string): number => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
  return {
    baseUrl: form.baseUrl.trim(),
    username: form.username.trim(),
    ...(form.removePassword ? { password: '' } : form.password !== '' ? { password: form.password } : {}),
    staffName: form.staffName,
    staffCccd: form.staffCccd.trim(),
    timeouts: { loginMs: number(form.loginMs), checkMs: number(form.checkMs) },
    cccdLookup: form.cccdLookup,
    exemptionLookup: form.exemptionLookup,
  };
}

/** The services' BAD_INPUT detail: one message per dotted field path. */
function fieldErrors(detail: unknown): ReadonlyMap<string, FieldIssue> {
  const fields = new Map<string, FieldIssue>();
  if (!Array.isArray(detail)) return fields;
  for (const issue of detail as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message, rule, limit } = issue as { path?: unknown; message?: unknown; rule?: unknown; limit?: unknown };
    if (!Array.isArray(path) || typeof message !== 'string') continue;
    fields.set(path.map(String).join('.'), {
      message,
      ...(typeof rule === 'string' ? { rule } : {}),
      ...(typeof limit === 'string' || typeof limit === 'number' ? { limit } : {}),
    });
  }
  return fields;
}
