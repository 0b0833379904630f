import { useTranslation } from 'react-i18next';
import { VISIT_TYPES, type Clinic, type VisitType } from '../../../domain/checkin/index.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { LoadStatus, SaveFailedLine, SaveRow } from './fields.tsx';
import { useSettingsForm, type SettingsSource } from './use-settings-form.ts';

interface ClinicRow {
  id: string;
  name: string;
  room: string;
  serviceCode: string;
  visitTypes: VisitType[];
  /** Not edited here: kept as it was, so saving the list does not drop paediatrics' age rule. */
  ages?: Clinic['ages'];
}

interface ClinicsForm {
  rows: ClinicRow[];
}

const toRow = (clinic: Clinic): ClinicRow => ({
  id: clinic.id,
  name: clinic.name,
  room: clinic.room ?? '',
  serviceCode: clinic.serviceCode ?? '',
  visitTypes: [...clinic.visitTypes],
  ...(clinic.ages ? { ages: clinic.ages } : {}),
});

const toClinic = (row: ClinicRow): Clinic => ({
  id: row.id.trim(),
  name: row.name.trim(),
  room: row.room.trim() === '' ? null : row.room.trim(),
  serviceCode: row.serviceCode.trim() === '' ? null : row.serviceCode.trim(),
  visitTypes: row.visitTypes,
  ...(row.ages ? { ages: row.ages } : {}),
});

const SOURCE: SettingsSource<Clinic[], ClinicsForm> = {
  load: (client) => client.call('settings.clinics.get', {}),
  save: (client, form) => client.call('settings.clinics.set', form.rows.map(toClinic)),
  toForm: (clinics) => ({ rows: clinics.map(toRow) }),
  saved: (clinics) => recordTestEvent('clinics-saved', { count: clinics.length }),
};

const EMPTY_ROW: ClinicRow = { id: '', name: '', room: '', serviceCode: '', visitTypes: [...VISIT_TYPES] };

/** IT's clinic list: code, name, room, the service code XML0 needs, and the visit types each clinic takes. */
export function ClinicsSection() {
  const { t } = useTranslation();
  const { form, loadError, save, submit, change, errorAt } = useSettingsForm(SOURCE, t('checkin.clinics.title'));

  const setRow = (index: number, patch: Partial<ClinicRow>): void => {
    if (!form) return;
    change({ rows: form.rows.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  };
  const toggleType = (index: number, type: VisitType, on: boolean): void => {
    const row = form?.rows[index];
    if (!row) return;
    setRow(index, { visitTypes: VISIT_TYPES.filter((candidate) => (candidate === type ? on : row.visitTypes.includes(candidate))) });
  };

  return (
    <section className="settings__section" aria-labelledby="clinics-title" data-testid="clinics-settings">
      <h3 id="clinics-title">{t('checkin.clinics.title')}</h3>
      <p className="advice">{t('checkin.clinics.intro')}</p>
      <LoadStatus loaded={form !== undefined} error={loadError} loadingText={t('checkin.clinics.loading')} />
      {form && (
        <form className="settings__form" onSubmit={(event) => void submit(event)} noValidate>
          <table className="clinics-table">
            <thead>
              <tr>
                <th scope="col">{t('checkin.clinics.id')}</th>
                <th scope="col">{t('checkin.clinics.name')}</th>
                <th scope="col">{t('checkin.clinics.room')}</th>
                <th scope="col">{t('checkin.clinics.serviceCode')}</th>
                <th scope="col">{t('checkin.clinics.visitTypes')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {form.rows.map((row, index) => (
                <tr key={index} data-testid="clinic-row">
                  {(['id', 'name', 'room', 'serviceCode'] as const).map((field) => {
                    const error = errorAt(`${index}.${field}`);
                    return (
                      <td key={field}>
                        <input
                          className={error ? 'field__input field__input--bad' : 'field__input'}
                          data-testid={`clinic-${field}`}
                          aria-label={t(`checkin.clinics.${field}`)}
                          aria-invalid={error !== undefined}
                          title={error}
                          maxLength={field === 'name' ? 120 : field === 'room' ? 60 : field === 'id' ? 32 : 50}
                          value={row[field]}
                          onChange={(event) => setRow(index, { [field]: event.target.value })}
                        />
                      </td>
                    );
                  })}
                  <td className="clinics-table__types" title={errorAt(`${index}.visitTypes`)}>
                    {VISIT_TYPES.map((type) => (
                      <label key={type} className="field--inline">
                        <input
                          type="checkbox"
                          data-testid={`clinic-type-${type}`}
                          checked={row.visitTypes.includes(type)}
                          onChange={(event) => toggleType(index, type, event.target.checked)}
                        />
                        <span>{t(`visit.visitTypes.${type}`)}</span>
                      </label>
                    ))}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      data-testid="clinic-remove"
                      onClick={() => change({ rows: form.rows.filter((_, i) => i !== index) })}
                    >
                      {t('checkin.clinics.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="button" data-testid="clinic-add" onClick={() => change({ rows: [...form.rows, { ...EMPTY_ROW }] })}>
            {t('checkin.clinics.add')}
          </button>
          <SaveRow
            label={t('checkin.clinics.save')}
            testId="clinics-save"
            saved={save.phase === 'saved'}
            savedText={t('checkin.clinics.saved')}
            savedTestId="clinics-saved"
            busy={save.phase === 'saving'}
          />
          <SaveFailedLine save={save} testId="clinics-error" fieldsText={t('checkin.clinics.refused')} />
        </form>
      )}
    </section>
  );
}
