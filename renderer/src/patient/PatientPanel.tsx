import { Suspense, useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { InsuranceCheckView } from '../../../domain/insurance-api.ts';
import type { DuplicateWarning, Patient } from '../../../domain/patient.ts';
import { AskFirst } from '../app/AskFirst.tsx';
import { lazyPart } from '../app/lazy-part.ts';
import { Panel } from '../home/Panel.tsx';
import { StatusPill } from '../home/StatusPill.tsx';
import { DESK_KEYS } from '../keyboard/desk-keys.ts';
import { useShowDeskStep } from '../keyboard/desk-step.ts';
import { useShortcut } from '../keyboard/use-shortcut.ts';
import { useScans } from '../scan/scan-context.ts';
import { fieldErrorsFrom } from '../settings/settings-form.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import type { TestEventDetail, TestEventName } from '../testing/test-event-names.ts';
import {
  differences,
  displayIsoDate,
  EMPTY_FORM,
  isPatientFormField,
  parseTypedBirthDate,
  toForm,
  toInput,
  unsavedFields,
  validate,
  valuesFromCard,
  valuesFromScan,
  type CardValues,
  type Difference,
  type PatientForm,
  type PatientFormField,
} from './patient-form.ts';
import { usePatientSearch } from './use-patient-search.ts';
import { usePatientVisitsToday } from './use-patient-visits-today.ts';
import { PatientBanner, type BannerPatient } from './PatientBanner.tsx';

/** The visit, ticket, identity check and payment: prefetched after start, in its own chunk. */
const VisitForm = lazyPart(() => import('../visit/VisitForm.tsx'), { prefetch: true });

interface PatientPanelProps {
  client: ApiClient;
  /** False while a dialog covers the home screen: the panel's keys are then the dialog's. */
  active: boolean;
  /** A visit of the open patient was created or moved on (printed, checked): today's list reloads. */
  onVisitChanged?: () => void;
  /** The check-in is done and the clerk goes on: the desk clears for the next patient. */
  onNextPatient?: () => void;
}

type SaveState =
  | { phase: 'idle' }
  | { phase: 'saving' }
  | { phase: 'saved'; warnings: DuplicateWarning[] }
  | { phase: 'duplicate'; existingId: number | undefined }
  | { phase: 'failed'; error: ApiError };

interface OpenRecord {
  /** The stored patient; undefined while registering a new one. */
  patient: Patient | undefined;
  form: PatientForm;
  /** The form as opened or last saved: what differs from it is unsaved typing. */
  baseline: PatientForm;
  /** What the card or QR said, when it opened the record. */
  card: CardValues | undefined;
  diffs: Difference[];
  accepted: PatientFormField[];
  errors: Partial<Record<PatientFormField, string>>;
  save: SaveState;
}

const TEXT_FIELDS = ['fullName', 'birthDate', 'cccd', 'oldIdNumber', 'bhxhNumber', 'phone', 'address'] as const;

/** What would replace or close the open record: held while the clerk says what to do with unsaved typing. */
type Replacement =
  | { kind: 'card'; card: CardValues }
  | { kind: 'new' }
  | { kind: 'open'; id: number; card: CardValues | undefined }
  | { kind: 'close' };

/**
 * Identification, search first: one box for a CCCD, BHXH number, phone or name
 * (with year of birth), live matches with why they matched, and the record
 * form. A scan or a chip read searches by its number by itself: one match opens
 * the record beside the card's differences, none opens the registration form
 * filled from the card.
 */
export function PatientPanel({ client, active, onVisitChanged, onNextPatient }: PatientPanelProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);
  const [record, setRecord] = useState<OpenRecord | undefined>(undefined);
  const [pendingCard, setPendingCard] = useState<CardValues | undefined>(undefined);
  const [openError, setOpenError] = useState<ApiError | undefined>(undefined);
  const search = usePatientSearch(client, query);
  const searchInput = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { lastScan, dismiss: dismissScan } = useScans();
  const [insurance, setInsurance] = useState<InsuranceCheckView | undefined>(undefined);
  const [issued, setIssued] = useState<string | undefined>(undefined);
  const [issueAfterSave, setIssueAfterSave] = useState(false);
  const openPatientId = record?.patient?.id;
  const visitsToday = usePatientVisitsToday(client, openPatientId, issued);
  useEffect(() => {
    setInsurance(undefined);
    setIssued(undefined);
    // The visit form of the patient just saved has taken the request already.
    setIssueAfterSave(false);
  }, [openPatientId]);

  const matches = search.phase === 'done' ? search.matches : [];
  useEffect(() => setActiveIndex(0), [search]);

  const focusName = useRef(false);
  const openedEvents = useRef<Array<[TestEventName, TestEventDetail]>>([]);
  const open = useCallback(
    async (id: number, card?: CardValues) => {
      const result = await client.call('patients.get', { id });
      if (!result.ok) {
        setOpenError(result.error);
        return;
      }
      setOpenError(undefined);
      setPendingCard(undefined);
      const form = toForm(result.value);
      const diffs = card ? differences(form, card.values) : [];
      setRecord({ patient: result.value, form, baseline: form, card, diffs, accepted: [], errors: {}, save: { phase: 'idle' } });
      openedEvents.current = [['patient-opened', { id, fromCard: card !== undefined, differences: diffs.length }]];
      if (card) openedEvents.current.push(['patient-differences', { count: diffs.length, fields: diffs.map((d) => d.field).join(',') }]);
    },
    [client],
  );

  const openNew = useCallback((card?: CardValues) => {
    setOpenError(undefined);
    setPendingCard(undefined);
    const form = { ...EMPTY_FORM, ...card?.values };
    setRecord({ patient: undefined, form, baseline: form, card, diffs: [], accepted: [], errors: {}, save: { phase: 'idle' } });
    openedEvents.current = [['patient-form-opened', { fromCard: card !== undefined }]];
  }, []);

  /** A scan or chip read: search by its number, open the one match, or register from the card. */
  const identify = useCallback(
    async (card: CardValues) => {
      const result = await client.call('patients.search', { query: card.query, limit: 5 });
      if (!result.ok) {
        setOpenError(result.error);
        return;
      }
      const found = result.value.matches;
      if (found.length === 1 && found[0]) await open(found[0].patient.id, card);
      else if (found.length === 0) {
        // A new patient from a card or a scan: the registration form takes the focus, so Ctrl+S and F9 act on it.
        focusName.current = true;
        openNew(card);
      }
      else {
        setRecord(undefined);
        setPendingCard(card);
        setQuery(card.query);
      }
    },
    [client, open, openNew],
  );

  const unsaved = record ? unsavedFields(record.form, record.baseline) : [];
  const unsavedNow = useRef(unsaved);
  unsavedNow.current = unsaved;
  const [replacement, setReplacement] = useState<Replacement | undefined>(undefined);
  const asking = useRef<Replacement | undefined>(undefined);
  asking.current = replacement;
  const focusBeforeAsking = useRef<HTMLElement | null>(null);

  const carryOut = useCallback(
    (next: Replacement) => {
      if (next.kind === 'card') void identify(next.card);
      else if (next.kind === 'new') {
        focusName.current = true;
        openNew();
      } else if (next.kind === 'open') {
        focusName.current = true;
        void open(next.id, next.card);
      } else {
        setRecord(undefined);
        searchInput.current?.focus();
      }
    },
    [identify, openNew, open],
  );

  /** Whatever replaces or closes the open record asks first while it holds unsaved typing: nothing typed is dropped silently. */
  const replace = useCallback(
    (next: Replacement) => {
      if (unsavedNow.current.length === 0) {
        carryOut(next);
        return;
      }
      if (!asking.current) focusBeforeAsking.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setReplacement(next);
      recordTestEvent('patient-unsaved-asked', { kind: next.kind, fields: unsavedNow.current.join(',') });
    },
    [carryOut],
  );

  function keepTyping(): void {
    setReplacement(undefined);
    focusBeforeAsking.current?.focus();
    recordTestEvent('patient-unsaved-kept', {});
  }

  function dropTyping(): void {
    if (!replacement) return;
    setReplacement(undefined);
    carryOut(replacement);
  }

  async function saveThenReplace(): Promise<void> {
    const next = replacement;
    setReplacement(undefined);
    if ((await save()) && next) carryOut(next);
  }

  const handledScan = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!lastScan || handledScan.current === lastScan.id) return;
    handledScan.current = lastScan.id;
    const card = valuesFromScan(lastScan);
    if (card) replace({ kind: 'card', card });
  }, [lastScan, replace]);

  useEffect(
    () =>
      client.on('card.result', (event) => {
        if (!event.ok) return;
        const card = valuesFromCard(event.result);
        if (card) replace({ kind: 'card', card });
      }),
    [client, replace],
  );

  useShortcut(
    DESK_KEYS.search,
    () => {
      searchInput.current?.focus();
      searchInput.current?.select();
    },
    active,
  );
  useShortcut(DESK_KEYS.newPatient, () => replace({ kind: 'new' }), active);
  const editable = active && record !== undefined && record.save.phase !== 'saving';
  useShortcut(DESK_KEYS.save, () => void save(), editable);
  // F9 on a record not saved yet saves it, then the visit form issues the number as soon as it opens.
  useShortcut(
    DESK_KEYS.issueNumber,
    () => {
      setIssueAfterSave(true);
      void save();
    },
    editable && !record?.patient,
  );
  useShowDeskStep(record && !record.patient ? 'register' : undefined);

  // A form opened by the clerk's key takes the focus; one opened by a scan leaves it where it is.
  useEffect(() => {
    if (record && focusName.current) {
      focusName.current = false;
      formRef.current?.querySelector<HTMLInputElement>('[data-field="fullName"] input')?.focus();
    }
    // Reported once the record is on screen with its focus, so the next key lands where the clerk sees it.
    for (const [name, detail] of openedEvents.current.splice(0)) recordTestEvent(name, detail);
  }, [record]);

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActiveIndex((i) => Math.min(i + 1, Math.max(matches.length - 1, 0)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActiveIndex((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = matches[activeIndex];
      if (chosen) replace({ kind: 'open', id: chosen.patient.id, card: pendingCard });
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setQuery('');
      setPendingCard(undefined);
    }
  }

  function backToSearch(): void {
    replace({ kind: 'close' });
  }

  function onFormKey(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      backToSearch();
    }
  }

  const update = (change: (previous: OpenRecord) => OpenRecord): void => setRecord((previous) => (previous ? change(previous) : previous));

  function setField<K extends PatientFormField>(field: K, value: PatientForm[K]): void {
    update((r) => {
      const { [field]: _cleared, ...errors } = r.errors;
      return { ...r, form: { ...r.form, [field]: value }, errors, save: r.save.phase === 'saved' ? { phase: 'idle' } : r.save };
    });
  }

  function accept(fields: readonly PatientFormField[]): void {
    update((r) => {
      const form = { ...r.form };
      for (const { field, card } of r.diffs) {
        if (!fields.includes(field)) continue;
        if (field !== 'sex') form[field] = card;
        else if (isSex(card)) form.sex = card;
      }
      return { ...r, form, accepted: [...new Set([...r.accepted, ...fields])] };
    });
  }

  /** True once the record is stored. */
  async function save(event?: FormEvent): Promise<boolean> {
    event?.preventDefault();
    if (!record || record.save.phase === 'saving') return false;
    const invalid = validate(record.form);
    const bad = Object.keys(invalid).filter(isPatientFormField);
    if (bad.length > 0) {
      const errors = Object.fromEntries(bad.map((field) => [field, t(`patient.rules.${field}`)]));
      update((r) => ({ ...r, errors, save: { phase: 'idle' } }));
      setIssueAfterSave(false);
      recordTestEvent('patient-save-failed', { code: 'invalid', fields: bad.join(',') });
      formRef.current?.querySelector<HTMLElement>(`[data-field="${bad[0]}"] input, [data-field="${bad[0]}"] select`)?.focus();
      return false;
    }
    update((r) => ({ ...r, errors: {}, save: { phase: 'saving' } }));
    const result = await client.call('patients.save', toInput(record.form, record.patient));
    if (result.ok) {
      const { patient, warnings } = result.value;
      const form = toForm(patient);
      update((r) => ({
        ...r,
        patient,
        form,
        diffs: r.card ? differences(form, r.card.values) : [],
        baseline: form,
        accepted: [],
        save: { phase: 'saved', warnings },
      }));
      recordTestEvent('patient-saved', { id: patient.id, warnings: warnings.map((w) => w.reason).join(',') });
      return true;
    }
    const { error } = result;
    if (error.code === 'PATIENT_DUPLICATE') {
      const existing = (error.detail as { patientId?: unknown } | undefined)?.patientId;
      update((r) => ({ ...r, save: { phase: 'duplicate', existingId: typeof existing === 'number' ? existing : undefined } }));
    } else if (error.code === 'BAD_INPUT') {
      const errors: Partial<Record<PatientFormField, string>> = {};
      for (const issue of fieldErrorsFrom(error.detail)) {
        const top = issue.path.split('.')[0] ?? '';
        const field = top === 'oldIdNumbers' ? 'oldIdNumber' : top;
        if (isPatientFormField(field)) errors[field] = t(`patient.rules.${field}`);
      }
      update((r) => ({ ...r, errors, save: { phase: 'failed', error } }));
    } else {
      update((r) => ({ ...r, save: { phase: 'failed', error } }));
    }
    setIssueAfterSave(false);
    recordTestEvent('patient-save-failed', { code: error.code });
    return false;
  }

  const searching = search.phase === 'searching';
  const bannerPatient: BannerPatient | undefined = record && {
    fullName: record.form.fullName.trim(),
    birth: parseTypedBirthDate(record.form.birthDate),
    sex: record.form.sex,
    cccd: record.form.cccd.trim(),
    bhxhNumber: record.form.bhxhNumber.trim(),
  };
  return (
    <Panel
      title={t('patient.title')}
      testId="patient-panel"
      status={
        <StatusPill tone={searching ? 'busy' : 'neutral'} state={search.phase} testId="patient-search-state">
          {searching
            ? t('patient.searching')
            : search.phase === 'done'
              ? t('patient.matchCount', { count: search.matches.length })
              : t('patient.searchHint')}
        </StatusPill>
      }
    >
      {bannerPatient && (
        <PatientBanner
          patient={bannerPatient}
          unsaved={!record?.patient}
          insurance={insurance}
          visitsToday={visitsToday.filter((number) => number !== issued)}
          queueNumber={issued}
        />
      )}
      {replacement && (
        <AskFirst
          testId="patient-unsaved-prompt"
          kind={replacement.kind}
          title={t('patient.unsaved.title')}
          onEscape={keepTyping}
          actions={
            <>
              <button type="button" className="button button--primary" data-testid="patient-unsaved-keep" onClick={keepTyping}>
                {t('patient.unsaved.keep')} <kbd>Esc</kbd>
              </button>
              {replacement.kind !== 'close' && (
                <button type="button" className="button" data-testid="patient-unsaved-save" onClick={() => void saveThenReplace()}>
                  {t('patient.unsaved.save')}
                </button>
              )}
              <button type="button" className="button button--quiet" data-testid="patient-unsaved-drop" onClick={dropTyping}>
                {t('patient.unsaved.discard')}
              </button>
            </>
          }
        >
          {t(`patient.unsaved.${replacement.kind === 'card' ? replacement.card.source : replacement.kind}`)}{' '}
          {t('patient.unsaved.changed', { fields: unsaved.map((field) => t(`patient.fields.${field}`)).join(', ') })}
        </AskFirst>
      )}
      <div className="patient-search" data-testid="patient-search-box" data-answered={search.phase === 'done' ? search.query : ''}>
        <label className="patient-search__label" htmlFor="patient-search">
          {t('patient.searchLabel')} <kbd>{t('patient.searchShortcut')}</kbd>
        </label>
        <div className="patient-search__row">
          <input
            id="patient-search"
            ref={searchInput}
            className="patient-search__input"
            data-testid="patient-search"
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={120}
            value={query}
            role="combobox"
            aria-expanded={matches.length > 0}
            aria-controls="patient-matches"
            aria-activedescendant={matches.length > 0 ? `patient-match-${activeIndex}` : undefined}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onSearchKey}
          />
          <button
            type="button"
            className="button"
            data-testid="patient-new"
            onClick={() => replace({ kind: 'new' })}
          >
            {t('patient.newPatient')} <kbd>{t('patient.newShortcut')}</kbd>
          </button>
        </div>
        {pendingCard && <p className="advice">{t(pendingCard.source === 'card' ? 'patient.fromCard' : 'patient.fromScan')}</p>}
        {search.phase === 'done' && search.matches.length === 0 && (
          <p className="advice" data-testid="patient-no-matches">
            {t('patient.noMatches')}
          </p>
        )}
        {search.phase === 'failed' && <ErrorLine text={t(`errors.${search.error.code}`)} code={search.error.code} />}
        {openError && <ErrorLine text={t(`errors.${openError.code}`)} code={openError.code} />}
        {matches.length > 0 && (
          <ul id="patient-matches" className="patient-matches" role="listbox" data-testid="patient-matches" aria-label={t('patient.title')}>
            {matches.map((match, index) => (
              <li
                key={match.patient.id}
                id={`patient-match-${index}`}
                role="option"
                aria-selected={index === activeIndex}
                className={index === activeIndex ? 'patient-match patient-match--active' : 'patient-match'}
                data-testid="patient-match"
                data-patient-id={match.patient.id}
                data-reason={match.matchedBy}
                onClick={() => replace({ kind: 'open', id: match.patient.id, card: pendingCard })}
              >
                <span className="patient-match__name">{match.patient.fullName}</span>
                <span className="patient-match__meta">
                  {t('patient.born')} {displayIsoDate(match.patient.birthDate)} · {t(`patient.sexes.${match.patient.sex}`)}
                  {match.patient.cccd ? ` · ${match.patient.cccd}` : ''}
                </span>
                <span className="patient-match__why" data-testid="patient-match-why">
                  {t(`patient.matchedBy.${match.matchedBy}`)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>

      {record && (
        <form
          ref={formRef}
          className="patient-form"
          data-testid="patient-form"
          data-mode={record.patient ? 'edit' : 'new'}
          data-patient-id={record.patient?.id ?? ''}
          noValidate
          onSubmit={(event) => void save(event)}
          onKeyDown={onFormKey}
        >
          <header className="patient-form__header">
            <h3 className="patient-form__title">{record.patient ? t('patient.editTitle') : t('patient.registerTitle')}</h3>
            {record.card && <span className="patient-form__source">{t(record.card.source === 'card' ? 'patient.fromCard' : 'patient.fromScan')}</span>}
          </header>
          {!record.patient && record.card && <p className="advice" data-testid="patient-not-found">{t('patient.notFound')}</p>}

          {record.diffs.length > 0 && (
            <section className="patient-diffs" data-testid="patient-differences" aria-label={t('patient.differences.title')}>
              <header className="patient-diffs__header">
                <h4 className="patient-diffs__title">{t('patient.differences.title')}</h4>
                <button type="button" className="button" data-testid="patient-accept-all" onClick={() => accept(record.diffs.map((d) => d.field))}>
                  {t('patient.differences.acceptAll')}
                </button>
              </header>
              <table className="patient-diffs__table">
                <thead>
                  <tr>
                    <th scope="col" />
                    <th scope="col">{t('patient.differences.stored')}</th>
                    <th scope="col">{t('patient.differences.card')}</th>
                    <th scope="col" />
                  </tr>
                </thead>
                <tbody>
                  {record.diffs.map((diff) => {
                    const taken = record.accepted.includes(diff.field);
                    const shown = (field: PatientFormField, value: string) =>
                      value === '' ? t('patient.differences.empty') : field === 'sex' && isSex(value) ? t(`patient.sexes.${value}`) : value;
                    return (
                      <tr key={diff.field} data-testid="patient-difference" data-field={diff.field} data-accepted={taken}>
                        <th scope="row">{t(`patient.fields.${diff.field}`)}</th>
                        <td className="patient-diffs__stored">{shown(diff.field, diff.stored)}</td>
                        <td className="patient-diffs__card">{shown(diff.field, diff.card)}</td>
                        <td>
                          {taken ? (
                            <span className="patient-diffs__taken">{t('patient.differences.accepted')}</span>
                          ) : (
                            <button type="button" className="button button--small" data-testid="patient-accept" onClick={() => accept([diff.field])}>
                              {t('patient.differences.accept')}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          )}

          <div className="patient-form__grid">
            {TEXT_FIELDS.map((field) => (
              <FormField key={field} field={field} label={t(`patient.fields.${field}`)} error={record.errors[field]}>
                <input
                  className="field__input"
                  data-testid={`patient-field-${field}`}
                  value={record.form[field]}
                  autoComplete="off"
                  spellCheck={false}
                  inputMode={field === 'fullName' || field === 'address' ? 'text' : 'numeric'}
                  placeholder={field === 'birthDate' ? t('patient.birthDateHint') : undefined}
                  aria-invalid={record.errors[field] !== undefined}
                  onChange={(event) => setField(field, event.target.value)}
                />
              </FormField>
            ))}
            <FormField field="sex" label={t('patient.fields.sex')} error={record.errors.sex}>
              <select
                className="field__input"
                data-testid="patient-field-sex"
                value={record.form.sex}
                aria-invalid={record.errors.sex !== undefined}
                onChange={(event) => setField('sex', isSex(event.target.value) ? event.target.value : '')}
              >
                <option value="">{t('patient.chooseSex')}</option>
                <option value="male">{t('patient.sexes.male')}</option>
                <option value="female">{t('patient.sexes.female')}</option>
                <option value="unspecified">{t('patient.sexes.unspecified')}</option>
              </select>
            </FormField>
          </div>

          <div className="patient-form__actions">
            <button type="submit" className="button button--primary" data-testid="patient-save" disabled={record.save.phase === 'saving'}>
              {record.save.phase === 'saving' ? t('patient.saving') : t('patient.save')} <kbd>{t('patient.saveShortcut')}</kbd>
            </button>
            <button
              type="button"
              className="button button--quiet"
              data-testid="patient-close"
              onClick={backToSearch}
            >
              {t('patient.close')} <kbd>Esc</kbd>
            </button>
            {record.save.phase === 'saved' && (
              <span className="patient-form__saved" role="status" data-testid="patient-saved">
                {t('patient.saved')}
              </span>
            )}
          </div>
          {Object.keys(record.errors).length > 0 && record.save.phase !== 'failed' && <ErrorLine text={t('patient.invalid')} code="invalid" />}
          {record.save.phase === 'failed' && <ErrorLine text={t(`errors.${record.save.error.code}`)} code={record.save.error.code} />}
          {record.save.phase === 'duplicate' && (
            <div className="patient-duplicate" role="alert" data-testid="patient-duplicate">
              <p className="patient-duplicate__text">{t('patient.duplicate')}</p>
              {record.save.existingId !== undefined && (
                <button
                  type="button"
                  className="button button--primary"
                  data-testid="patient-open-existing"
                  onClick={() => {
                    if (record.save.phase === 'duplicate' && record.save.existingId !== undefined) void open(record.save.existingId);
                  }}
                >
                  {t('patient.openExisting')}
                </button>
              )}
            </div>
          )}
          {record.save.phase === 'saved' && record.save.warnings.length > 0 && (
            <ul className="patient-warnings" data-testid="patient-warnings">
              {record.save.warnings.map((warning) => (
                <li key={`${warning.reason}-${warning.patientId}`} data-reason={warning.reason}>
                  <span>{t(`patient.warnings.${warning.reason}`, { name: warning.fullName, birthDate: displayIsoDate(warning.birthDate) })}</span>
                  <button type="button" className="button button--small" onClick={() => void open(warning.patientId)}>
                    {t('patient.openPatient')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </form>
      )}
      {record?.patient && (
        <Suspense fallback={<p className="loading">{t('app.opening')}</p>}>
        <VisitForm
          key={record.patient.id}
          client={client}
          patient={record.patient}
          active={active}
          identifiedBy={record.card?.source === 'card' ? 'chip' : record.card ? 'qr' : 'typed'}
          issueWhenReady={issueAfterSave}
          takenToday={visitsToday}
          onCreated={(result) => {
            setIssued(result.visit.queueNumber.display);
            onVisitChanged?.();
          }}
          onInsurance={setInsurance}
          onBack={backToSearch}
          onFinished={() => {
            onVisitChanged?.();
            setRecord(undefined);
            setQuery('');
            setPendingCard(undefined);
            dismissScan();
            onNextPatient?.();
          }}
        />
        </Suspense>
      )}
    </Panel>
  );
}

function isSex(value: string): value is 'male' | 'female' | 'unspecified' {
  return value === 'male' || value === 'female' || value === 'unspecified';
}

function FormField({ field, label, error, children }: { field: PatientFormField; label: string; error: string | undefined; children: React.ReactNode }) {
  return (
    <label className={error ? 'field field--bad' : 'field'} data-field={field}>
      <span className="field__label">{label}</span>
      {children}
      {error && (
        <span className="field__error" data-testid="patient-field-error" data-field={field}>
          {error}
        </span>
      )}
    </label>
  );
}

function ErrorLine({ text, code }: { text: string; code: string }) {
  return (
    <p className="patient-error" role="alert" data-testid="patient-error" data-code={code}>
      {text}
    </p>
  );
}
