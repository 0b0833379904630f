import { useTranslation } from 'react-i18next';
import type { InsuranceSettingsInput, InsuranceSettingsView } from '../../../domain/insurance-api.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { CheckField, ErrorLine, LoadStatus, SaveFailedLine, SaveRow, SecretField, TextField } from './fields.tsx';
import { useConnectionTest } from './use-connection-test.ts';
import { useSettingsForm, type SettingsSource } from './use-settings-form.ts';

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

const insuranceSettings: SettingsSource<InsuranceSettingsView, InsuranceForm> = {
  load: (client) => client.call('settings.insurance.get', {}),
  save: (client, form) => client.call('settings.insurance.set', toInput(form)),
  toForm,
  loaded: (view) => recordTestEvent('insurance-settings-loaded', { configured: view.baseUrl !== '', passwordSet: view.passwordSet }),
  saved: (view) => recordTestEvent('insurance-settings-saved', { passwordSet: view.passwordSet }),
  refused: (error, paths) => recordTestEvent('insurance-settings-save-failed', { code: error.code, paths: paths.join(',') }),
};

/**
 * The BHXH gateway settings for IT: address, facility account, password
 * (write-only: the form shows only whether one is stored), the looking-up
 * staff member, timeouts, and a button that logs in and says ok or why not.
 */
export function InsuranceSection() {
  const { t } = useTranslation();
  const settings = useSettingsForm(insuranceSettings, t('insurance.settings.title'));
  const { form, loadError, save, submit, change, errorAt } = settings;
  const { test, startTest } = useConnectionTest(
    settings,
    (client, typed) => client.call('settings.insurance.test', { settings: toInput(typed) }),
    (answer) =>
      recordTestEvent(
        'insurance-test-done',
        answer.ok
          ? answer.value.ok
            ? { ok: true }
            : { ok: false, reason: answer.value.reason, code: answer.value.code ?? '' }
          : { ok: false, reason: answer.error.code, code: '' },
      ),
  );

  return (
    <section className="settings__section" aria-labelledby="insurance-settings-title" data-testid="insurance-settings">
      <h3 id="insurance-settings-title">{t('insurance.settings.title')}</h3>
      <p className="advice">{t('insurance.settings.intro')}</p>
      <LoadStatus loaded={form !== undefined} error={loadError} loadingText={t('insurance.settings.loading')} />
      {form && (
        <form className="settings__form" onSubmit={(event) => void submit(event)} noValidate data-testid="insurance-settings-form">
          <TextField
            label={t('insurance.settings.baseUrl')}
            error={errorAt('baseUrl')}
            hint={t('insurance.settings.baseUrlHint')}
            testId="insurance-settings-url"
            type="url"
            value={form.baseUrl}
            autoComplete="off"
            spellCheck={false}
            onChange={(baseUrl) => change({ baseUrl })}
          />
          <TextField
            label={t('insurance.settings.username')}
            error={errorAt('username')}
            hint={t('insurance.settings.usernameHint')}
            testId="insurance-settings-username"
            value={form.username}
            autoComplete="off"
            spellCheck={false}
            onChange={(username) => change({ username })}
          />
          <SecretField
            label={t('insurance.settings.password')}
            error={errorAt('password')}
            stored={form.passwordSet}
            storedHint={t('insurance.settings.passwordSet')}
            missingHint={t('insurance.settings.passwordNotSet')}
            testId="insurance-settings-password"
            value={form.password}
            onChange={(password) => change({ password, removePassword: false })}
          />
          {form.passwordSet && (
            <CheckField
              label={t('insurance.settings.removePassword')}
              testId="insurance-settings-remove-password"
              checked={form.removePassword}
              onChange={(removePassword) => change({ removePassword, password: '' })}
            />
          )}
          <TextField
            label={t('insurance.settings.staffName')}
            error={errorAt('staffName')}
            testId="insurance-settings-staff-name"
            value={form.staffName}
            autoComplete="off"
            onChange={(staffName) => change({ staffName })}
          />
          <TextField
            label={t('insurance.settings.staffCccd')}
            error={errorAt('staffCccd')}
            hint={t('insurance.settings.staffHint')}
            testId="insurance-settings-staff-cccd"
            inputMode="numeric"
            maxLength={12}
            value={form.staffCccd}
            autoComplete="off"
            onChange={(staffCccd) => change({ staffCccd })}
          />
          <TextField label={t('insurance.settings.loginMs')} error={errorAt('timeouts.loginMs')} inputMode="numeric" value={form.loginMs} onChange={(loginMs) => change({ loginMs })} />
          <TextField label={t('insurance.settings.checkMs')} error={errorAt('timeouts.checkMs')} inputMode="numeric" value={form.checkMs} onChange={(checkMs) => change({ checkMs })} />
          <CheckField label={t('insurance.settings.cccdLookup')} checked={form.cccdLookup} onChange={(cccdLookup) => change({ cccdLookup })} />
          <CheckField label={t('insurance.settings.exemptionLookup')} checked={form.exemptionLookup} onChange={(exemptionLookup) => change({ exemptionLookup })} />
          <SaveRow
            label={t('insurance.settings.save')}
            testId="insurance-settings-save"
            busy={save.phase === 'saving'}
            saved={save.phase === 'saved'}
            savedText={t('insurance.settings.saved')}
            savedTestId="insurance-settings-saved"
          >
            <button type="button" className="button" data-testid="insurance-settings-test" disabled={test.phase === 'testing'} onClick={() => void startTest()}>
              {test.phase === 'testing' ? t('insurance.settings.testing') : t('insurance.settings.test')}
            </button>
          </SaveRow>
          <SaveFailedLine save={save} testId="insurance-settings-error" fieldsText={t('insurance.settings.saveFailed')} />
          {test.phase === 'done' && (
            <p
              className={test.result.ok ? 'settings__saved' : 'patient-error'}
              role="status"
              data-testid="insurance-settings-test-result"
              data-ok={test.result.ok}
              data-unsaved={test.unsaved}
            >
              {test.result.ok
                ? t('insurance.settings.testOk', { seconds: test.result.tokenLifetimeS })
                : t('insurance.settings.testFailed', {
                    reason: `${t(`insurance.failures.${test.result.reason}`)}${test.result.code ? ` (${test.result.code})` : ''}`,
                  })}
              {test.unsaved && (
                <>
                  <br />
                  {t('insurance.settings.testedUnsaved')}
                </>
              )}
            </p>
          )}
          {test.phase === 'failed' && <ErrorLine error={test.error} testId="insurance-settings-test-result" data-ok={false} />}
        </form>
      )}
    </section>
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
