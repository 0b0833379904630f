import { useTranslation } from 'react-i18next';
import type { ClerkSettingsInput, ClerkSettingsView } from '../../../domain/clerk-api.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { LoadStatus, SaveFailedLine, SaveRow, TextField } from './fields.tsx';
import { useSettingsForm, type SettingsSource } from './use-settings-form.ts';

interface ClerkForm {
  code: string;
  name: string;
  osAccount: string;
  /** Blank keeps the stored PIN (a new clerk needs one: the services say so at the field). */
  pin: string;
}

interface ClerksForm {
  clerks: ClerkForm[];
}

const clerkSettings: SettingsSource<ClerkSettingsView, ClerksForm> = {
  load: (client) => client.call('settings.clerks.get', {}),
  save: (client, form) => client.call('settings.clerks.set', toInput(form)),
  toForm: (view) => ({ clerks: view.clerks.map((clerk) => ({ code: clerk.code, name: clerk.name, osAccount: clerk.osAccount ?? '', pin: '' })) }),
  saved: (view) => recordTestEvent('clerks-saved', { clerks: view.clerks.length }),
  refused: (error, paths) => recordTestEvent('settings-save-failed', { code: error.code, paths: paths.join(',') }),
};

/** IT's list of the clerks who may sign in at this desk: staff code, name, a computer account that signs in by itself, a new PIN. */
export function ClerksSection() {
  const { t } = useTranslation();
  const { form, loadError, save, submit, change, errorAt } = useSettingsForm(clerkSettings, t('clerk.settings.title'));
  const setClerk = (index: number, patch: Partial<ClerkForm>): void => {
    if (form) change({ clerks: form.clerks.map((clerk, i) => (i === index ? { ...clerk, ...patch } : clerk)) });
  };

  return (
    <section className="settings__section" aria-labelledby="clerks-settings-title" data-testid="clerk-settings">
      <h3 id="clerks-settings-title">{t('clerk.settings.title')}</h3>
      <p className="advice">{t('clerk.settings.intro')}</p>
      <LoadStatus loaded={form !== undefined} error={loadError} loadingText={t('settings.loading')} />
      {form && (
        <form className="settings__form" onSubmit={(event) => void submit(event)} noValidate data-testid="clerk-settings-form">
          {form.clerks.length === 0 && <p className="advice">{t('clerk.settings.none')}</p>}
          {form.clerks.map((clerk, index) => {
            const at = (field: string) => `clerks.${index}.${field}`;
            return (
              <fieldset key={index} className="scanner-form" data-testid="clerk-item" data-index={index}>
                <legend>{t('clerk.settings.item', { number: index + 1 })}</legend>
                <TextField label={t('clerk.code')} testId="clerk-code" maxLength={16} value={clerk.code} error={errorAt(at('code'))} onChange={(code) => setClerk(index, { code })} />
                <TextField label={t('clerk.name')} testId="clerk-name" maxLength={44} value={clerk.name} error={errorAt(at('name'))} onChange={(name) => setClerk(index, { name })} />
                <TextField
                  label={t('clerk.newPin')}
                  hint={t('clerk.newPinHint')}
                  testId="clerk-pin"
                  type="password"
                  inputMode="numeric"
                  autoComplete="new-password"
                  maxLength={12}
                  value={clerk.pin}
                  error={errorAt(at('pin'))}
                  onChange={(pin) => setClerk(index, { pin: pin.replace(/\D/g, '') })}
                />
                <TextField
                  label={t('clerk.osAccount')}
                  hint={t('clerk.osAccountHint')}
                  testId="clerk-os-account"
                  maxLength={64}
                  value={clerk.osAccount}
                  error={errorAt(at('osAccount'))}
                  onChange={(osAccount) => setClerk(index, { osAccount })}
                />
                <button
                  type="button"
                  className="button button--quiet"
                  data-testid="clerk-remove"
                  onClick={() => change({ clerks: form.clerks.filter((_, i) => i !== index) })}
                >
                  {t('clerk.settings.remove')}
                </button>
              </fieldset>
            );
          })}
          <button
            type="button"
            className="button"
            data-testid="clerk-add"
            onClick={() => change({ clerks: [...form.clerks, { code: '', name: '', osAccount: '', pin: '' }] })}
          >
            {t('clerk.settings.add')}
          </button>
          <SaveRow
            label={save.phase === 'saving' ? t('clerk.settings.saving') : t('clerk.settings.save')}
            testId="clerk-settings-save"
            busy={save.phase === 'saving'}
            saved={save.phase === 'saved'}
            savedText={t('clerk.settings.saved')}
            savedTestId="clerk-settings-saved"
          />
          <SaveFailedLine save={save} testId="clerk-settings-error" fieldsText={t('settings.saveFailed')} />
        </form>
      )}
    </section>
  );
}

function toInput(form: ClerksForm): ClerkSettingsInput {
  return {
    clerks: form.clerks.map((clerk) => ({
      code: clerk.code,
      name: clerk.name,
      osAccount: clerk.osAccount.trim() === '' ? null : clerk.osAccount.trim(),
      ...(clerk.pin === '' ? {} : { pin: clerk.pin }),
    })),
  };
}
