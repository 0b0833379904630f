import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BIOMETRIC_REQUIREMENTS, VISIT_TYPES, type BiometricRequirement } from '../../../domain/checkin/index.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { DeskSettings } from '../../../domain/visit-api.ts';
import { useBridge } from '../app/bridge-context.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { CheckField, ErrorLine, SaveRow, TextField } from './fields.tsx';
import { useUnsavedSection } from './unsaved-sections.ts';

type SaveState = { phase: 'idle' } | { phase: 'saving' } | { phase: 'saved' } | { phase: 'failed'; error: ApiError };

/** The desk's check-in settings: hospital name on the ticket, printing, identity-check policy and retention. */
export function DeskSection() {
  const { t } = useTranslation();
  const { client } = useBridge();
  const [desk, setDesk] = useState<DeskSettings | undefined>(undefined);
  const [retentionDays, setRetentionDays] = useState('');
  const [exemptYears, setExemptYears] = useState('');
  const [idleMinutes, setIdleMinutes] = useState('');
  const [save, setSave] = useState<SaveState>({ phase: 'idle' });
  const [edited, setEdited] = useState(false);
  useUnsavedSection(t('checkin.desk.title'), edited);

  useEffect(() => {
    let live = true;
    void Promise.all([client.call('settings.desk.get', {}), client.call('settings.retention.get', {})]).then(([deskResult, retention]) => {
      if (!live) return;
      if (deskResult.ok) {
        setDesk(deskResult.value);
        setExemptYears(String(deskResult.value.biometricExemptUnderYears));
        setIdleMinutes(String(deskResult.value.idleSignOutMinutes));
      }
      else setSave({ phase: 'failed', error: deskResult.error });
      if (retention.ok) setRetentionDays(String(retention.value.identityReadDays));
    });
    return () => {
      live = false;
    };
  }, [client]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!desk) return;
    setSave({ phase: 'saving' });
    const days = Number(retentionDays);
    const years = wholeNumber(exemptYears);
    const minutes = wholeNumber(idleMinutes);
    const [deskResult, retention] = await Promise.all([
      client.call('settings.desk.set', { ...desk, biometricExemptUnderYears: years, idleSignOutMinutes: minutes }),
      client.call('settings.retention.set', { identityReadDays: Number.isInteger(days) ? days : -1 }),
    ]);
    const failed = !deskResult.ok ? deskResult.error : !retention.ok ? retention.error : undefined;
    if (failed) {
      setSave({ phase: 'failed', error: failed });
      return;
    }
    setSave({ phase: 'saved' });
    setEdited(false);
    recordTestEvent('desk-settings-saved', {});
  }

  /** A typed number kept as text: the services name what is wrong with it at save. */
  const typed = (set: (value: string) => void) => (value: string): void => {
    set(value);
    setEdited(true);
    setSave({ phase: 'idle' });
  };

  const change = (patch: Partial<DeskSettings>): void => {
    setDesk((previous) => (previous ? { ...previous, ...patch } : previous));
    setEdited(true);
    setSave({ phase: 'idle' });
  };

  return (
    <section className="settings__section" aria-labelledby="desk-title" data-testid="desk-settings">
      <h3 id="desk-title">{t('checkin.desk.title')}</h3>
      {desk && (
        <form className="settings__form" onSubmit={(event) => void submit(event)} noValidate>
          <TextField
            label={t('checkin.desk.hospitalName')}
            testId="desk-hospital-name"
            maxLength={120}
            value={desk.hospitalName}
            onChange={(hospitalName) => change({ hospitalName })}
          />
          <CheckField inline label={t('checkin.desk.autoPrint')} testId="desk-auto-print" checked={desk.autoPrint} onChange={(autoPrint) => change({ autoPrint })} />
          <TextField
            label={t('checkin.desk.printerName')}
            hint={t('checkin.desk.printerHint')}
            testId="desk-printer"
            maxLength={200}
            value={desk.printerName}
            onChange={(printerName) => change({ printerName })}
          />
          <fieldset className="field">
            <legend className="field__label">{t('checkin.desk.biometricPolicy')}</legend>
            {VISIT_TYPES.map((type) => (
              <label key={type} className="field field--inline">
                <span>{t(`checkin.desk.visitTypes.${type}`)}</span>
                <select
                  className="field__input"
                  data-testid={`desk-biometric-${type}`}
                  value={desk.biometricPolicy[type]}
                  onChange={(event) =>
                    change({ biometricPolicy: { ...desk.biometricPolicy, [type]: requirementOf(event.target.value, desk.biometricPolicy[type]) } })
                  }
                >
                  {BIOMETRIC_REQUIREMENTS.map((requirement) => (
                    <option key={requirement} value={requirement}>
                      {t(`checkin.desk.requirements.${requirement}`)}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
          <TextField
            label={t('checkin.desk.exemptUnderYears')}
            hint={t('checkin.desk.exemptUnderYearsHint')}
            testId="desk-biometric-exempt-years"
            inputMode="numeric"
            maxLength={2}
            value={exemptYears}
            onChange={typed(setExemptYears)}
          />
          <TextField
            label={t('checkin.desk.idleSignOutMinutes')}
            hint={t('checkin.desk.idleSignOutHint')}
            testId="desk-idle-sign-out-minutes"
            inputMode="numeric"
            maxLength={3}
            value={idleMinutes}
            onChange={typed(setIdleMinutes)}
          />
          <TextField
            label={t('checkin.desk.retentionDays')}
            hint={t('checkin.desk.retentionHint')}
            testId="desk-retention-days"
            inputMode="numeric"
            maxLength={4}
            value={retentionDays}
            onChange={typed(setRetentionDays)}
          />
          <SaveRow
            label={t('checkin.desk.save')}
            testId="desk-save"
            busy={save.phase === 'saving'}
            saved={save.phase === 'saved'}
            savedText={t('checkin.desk.saved')}
            savedTestId="desk-saved"
          />
        </form>
      )}
      {save.phase === 'failed' && <ErrorLine error={save.error} testId="desk-error" />}
    </section>
  );
}

/** A typed whole number, or -1 (refused by the services, which name the field) for anything else. */
function wholeNumber(typed: string): number {
  const value = typed.trim() === '' ? Number.NaN : Number(typed);
  return Number.isInteger(value) ? value : -1;
}

function requirementOf(value: string, fallback: BiometricRequirement): BiometricRequirement {
  return BIOMETRIC_REQUIREMENTS.find((requirement) => requirement === value) ?? fallback;
}
