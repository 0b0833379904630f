import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import {
  ageOn,
  defaultCheckinConfig,
  defaultClinic,
  priorityGroupsOn,
  proposePriorities,
  vietnamDay,
  VISIT_TYPES,
  type Clinic,
  type VisitType,
} from '../../../domain/checkin/index.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { parseIsoPartialDate } from '../../../domain/identity/partial-date.ts';
import type { InsuranceCheckView } from '../../../domain/insurance-api.ts';
import type { Patient } from '../../../domain/patient.ts';
import { DEFAULT_DESK_SETTINGS, type DeskSettings, type VisitCreateResult } from '../../../domain/visit-api.ts';
import { AskFirst } from '../app/AskFirst.tsx';
import { InsuranceResult } from '../insurance/InsuranceResult.tsx';
import { IssuedTicket } from './IssuedTicket.tsx';
import { numberedVisit } from '../checkin/numbered-visit.ts';
import { DESK_KEYS, keyLabel } from '../keyboard/desk-keys.ts';
import { useShowDeskStep } from '../keyboard/desk-step.ts';
import { useShortcut } from '../keyboard/use-shortcut.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

interface VisitFormProps {
  client: ApiClient;
  /** The saved patient the visit is for. */
  patient: Patient;
  /** False while a dialog covers the home screen. */
  active: boolean;
  /** How the clerk found the patient, kept with the visit. */
  identifiedBy: 'chip' | 'qr' | 'typed';
  onCreated: (result: VisitCreateResult) => void;
  /** Issue the number as soon as the form can (F9 pressed on a new patient's form: saved, then issued). */
  issueWhenReady?: boolean;
  /** The queue numbers this patient already holds today: another one is issued only once the clerk confirms. */
  takenToday?: readonly string[];
  /** Each insurance check result shown for this patient, for the banner. */
  onInsurance?: (check: InsuranceCheckView) => void;
  /** Esc before a number is taken: back to the patient search. */
  onBack: () => void;
  /** The check-in is complete: on to the next patient. */
  onFinished: () => void;
}

type CreateState = { phase: 'idle' } | { phase: 'creating' } | { phase: 'created'; result: VisitCreateResult } | { phase: 'failed'; error: ApiError };

/**
 * The visit for the open patient: type, clinic, priorities, reason and the
 * referral or follow-up number; F9 or Enter issues the queue number, then the
 * ticket prints (by itself when the desk says so) and the identity check and
 * payment follow. Esc goes back to the search.
 */
export default function VisitForm({
  client,
  patient,
  active,
  identifiedBy,
  issueWhenReady = false,
  takenToday: takenBefore = [],
  onCreated,
  onInsurance,
  onBack,
  onFinished,
}: VisitFormProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'vi';
  const day = useMemo(() => vietnamDay(Date.now()) ?? '', []);
  const groups = useMemo(() => priorityGroupsOn(day), [day]);
  const birth = useMemo(() => parseIsoPartialDate(patient.birthDate), [patient.birthDate]);
  const age = useMemo(() => (birth === null ? null : ageOn(birth, day)), [birth, day]);
  const proposals = useMemo(() => (birth === null ? [] : proposePriorities(birth, day)), [birth, day]);
  const certain = useMemo(() => new Set(proposals.filter((p) => p.certainty === 'certain').map((p) => p.code)), [proposals]);
  const possible = useMemo(() => new Set(proposals.filter((p) => p.certainty === 'possible').map((p) => p.code)), [proposals]);

  const [clinics, setClinics] = useState<readonly Clinic[] | undefined>(undefined);
  const [clinicsError, setClinicsError] = useState<ApiError | undefined>(undefined);
  const [visitType, setVisitType] = useState<VisitType>(patient.bhxhNumber ? 'bhyt' : 'fee-paying');
  const [typeChosen, setTypeChosen] = useState(false);
  /** The clinic the clerk picked; until then the one the visit type and the patient's age point to. */
  const [chosenClinicId, setChosenClinicId] = useState<string | undefined>(undefined);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(certain);
  const [reason, setReason] = useState('');
  const [referralNumber, setReferralNumber] = useState('');
  const [appointmentNumber, setAppointmentNumber] = useState('');
  const [desk, setDesk] = useState<DeskSettings | undefined>(undefined);
  const [state, setState] = useState<CreateState>({ phase: 'idle' });
  // A second number the same day: asked once, then F9 (or the button) issues it.
  const [askingSecond, setAskingSecond] = useState(false);
  // Numbers issued here count at once, before today's list has been asked again.
  const [issuedHere, setIssuedHere] = useState<readonly string[]>([]);
  const takenToday = useMemo(() => [...new Set([...takenBefore, ...issuedHere])], [takenBefore, issuedHere]);
  const secondConfirmed = useRef(false);

  useEffect(() => {
    let live = true;
    void client.call('settings.clinics.get', {}).then((result) => {
      if (!live) return;
      if (result.ok) setClinics(result.value);
      else setClinicsError(result.error);
    });
    return () => {
      live = false;
    };
  }, [client]);

  useEffect(() => {
    let live = true;
    void client.call('settings.desk.get', {}).then((result) => {
      // Unknown desk settings: the clerk prints with the button rather than a ticket printing unasked.
      if (live) setDesk(result.ok ? result.value : { ...DEFAULT_DESK_SETTINGS, autoPrint: false });
    });
    return () => {
      live = false;
    };
  }, [client]);

  const clinicId = chosenClinicId ?? (clinics ? (defaultClinic(clinics, visitType, age)?.id ?? '') : '');
  const [lastInsurance, setLastInsurance] = useState<InsuranceCheckView | undefined>(undefined);
  const checkinConfig = useMemo(
    () =>
      clinics && desk
        ? defaultCheckinConfig(clinics, { autoPrint: desk.autoPrint, biometricPolicy: desk.biometricPolicy, biometricExemptUnderYears: desk.biometricExemptUnderYears })
        : undefined,
    [clinics, desk],
  );

  async function create(event?: FormEvent): Promise<void> {
    event?.preventDefault();
    if (state.phase === 'creating' || state.phase === 'created' || clinicId === '') return;
    if (takenToday.length > 0 && !secondConfirmed.current) {
      setAskingSecond(true);
      recordTestEvent('visit-second-asked', { taken: takenToday.length });
      return;
    }
    setAskingSecond(false);
    secondConfirmed.current = false;
    setState({ phase: 'creating' });
    const trimmed = reason.trim();
    const referral = referralNumber.trim();
    const appointment = appointmentNumber.trim();
    const result = await client.call('visits.create', {
      patientId: patient.id,
      visitType,
      clinicId,
      priorities: groups.map((g) => g.code).filter((code) => chosen.has(code)),
      identifiedBy,
      ...(trimmed === '' ? {} : { reason: trimmed }),
      ...(referral === '' ? {} : { referralNumber: referral }),
      ...(appointment === '' ? {} : { appointmentNumber: appointment }),
    });
    if (result.ok) {
      setState({ phase: 'created', result: result.value });
      setIssuedHere((numbers) => [...numbers, result.value.visit.queueNumber.display]);
      recordTestEvent('visit-created', { id: result.value.visit.id, queueNumber: result.value.visit.queueNumber.display });
      onCreated(result.value);
    } else {
      setState({ phase: 'failed', error: result.error });
      recordTestEvent('visit-create-failed', { code: result.error.code });
    }
  }

  /**
   * An issue asked for before the form can issue is kept, not dropped: F9 (or Enter) before the clinic list
   * has arrived waits for it; issueWhenReady (F9 on a new patient's form) also waits for the insurance
   * check's answer, so the visit type follows the card.
   */
  const pendingIssue = useRef<'none' | 'clinics' | 'clinics-and-insurance'>(issueWhenReady ? 'clinics-and-insurance' : 'none');
  const [insuranceSettled, setInsuranceSettled] = useState(false);
  function requestIssue(): void {
    if (clinicId === '' && clinics === undefined) pendingIssue.current = 'clinics';
    else void create();
  }
  useEffect(() => {
    if (pendingIssue.current === 'none' || clinicId === '') return;
    if (pendingIssue.current === 'clinics-and-insurance' && !insuranceSettled) return;
    pendingIssue.current = 'none';
    void create();
    // create reads the form as it is now; it runs once, when what it waits for has arrived.
  }, [clinicId, insuranceSettled]);

  const issuing = state.phase === 'creating' || state.phase === 'created';
  function confirmSecond(): void {
    secondConfirmed.current = true;
    void create();
  }
  function cancelSecond(): void {
    setAskingSecond(false);
    typeSelect.current?.focus();
  }
  useShortcut(DESK_KEYS.issueNumber, () => (askingSecond ? confirmSecond() : requestIssue()), active && !issuing);
  useShowDeskStep(state.phase === 'created' ? undefined : 'visit');

  // Opened by a card or a scan (focus still in the ID box or nowhere): the visit takes the focus, Enter issues the number.
  const typeSelect = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const focused = document.activeElement;
    if (!focused || focused === document.body || focused.id === 'card-key') typeSelect.current?.focus();
  }, []);

  function onKey(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      onBack();
      return;
    }
    if (event.key !== 'Enter' || event.target instanceof HTMLButtonElement) return;
    event.preventDefault();
    requestIssue();
  }

  function toggle(code: string, on: boolean): void {
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  }

  if (state.phase === 'created') {
    return (
      <IssuedTicket
        client={client}
        result={state.result}
        active={active}
        numbered={numberedVisit(state.result.visit, patient, identifiedBy, lastInsurance)}
        config={checkinConfig}
        onNewVisit={() => setState({ phase: 'idle' })}
        onFinished={onFinished}
      />
    );
  }

  return (
    <section className="visit" data-testid="visit-section" aria-label={t('visit.title')}>
      <h3 className="visit__title">{t('visit.title')}</h3>
      <InsuranceResult
        patientId={patient.id}
        onResult={(check) => {
          setLastInsurance(check);
          onInsurance?.(check);
          // A card found valid by the CCCD makes an insured visit, unless the clerk chose otherwise.
          if (check.result?.outcome === 'valid' && !typeChosen) setVisitType('bhyt');
        }}
        onSettled={() => setInsuranceSettled(true)}
      />
      {askingSecond && (
        <AskFirst
          testId="visit-second-prompt"
          onEscape={cancelSecond}
          actions={
            <>
              <button type="button" className="button button--primary" data-testid="visit-second-confirm" onClick={confirmSecond}>
                {t('visit.secondConfirm')} <kbd>{keyLabel(DESK_KEYS.issueNumber)}</kbd>
              </button>
              <button type="button" className="button" data-testid="visit-second-cancel" onClick={cancelSecond}>
                {t('visit.secondCancel')} <kbd>Esc</kbd>
              </button>
            </>
          }
        >
          {t('visit.secondToday', { numbers: takenToday.join(', '), count: takenToday.length })}
        </AskFirst>
      )}
      <form className="visit__form" data-testid="visit-form" noValidate onSubmit={(event) => void create(event)} onKeyDown={onKey}>
        <div className="visit__grid">
          <label className="field">
            <span className="field__label">{t('visit.visitType')}</span>
            <select
              ref={typeSelect}
              className="field__input"
              data-testid="visit-type"
              value={visitType}
              onChange={(event) => {
                setTypeChosen(true);
                setVisitType(VISIT_TYPES.find((type) => type === event.target.value) ?? visitType);
              }}
            >
              {VISIT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`visit.visitTypes.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('visit.clinic')}</span>
            {clinics ? (
              <select
                className="field__input"
                data-testid="visit-clinic"
                value={clinicId}
                onChange={(event) => setChosenClinicId(event.target.value)}
              >
                {clinics.map((clinic) => (
                  <option key={clinic.id} value={clinic.id}>
                    {clinic.name}
                    {clinic.room ? ` — ${clinic.room}` : ''}
                  </option>
                ))}
              </select>
            ) : (
              <span className="advice">{t('visit.clinicsLoading')}</span>
            )}
          </label>
          <TextField label={t('visit.reason')} testId="visit-reason" maxLength={500} value={reason} onChange={setReason} wide />
          <TextField label={t('checkin.referralNumber')} testId="visit-referral" maxLength={50} value={referralNumber} onChange={setReferralNumber} />
          <TextField
            label={t('checkin.appointmentNumber')}
            testId="visit-appointment"
            maxLength={50}
            value={appointmentNumber}
            onChange={setAppointmentNumber}
          />
        </div>
        <fieldset className="visit__priorities" data-testid="visit-priorities">
          <legend className="field__label">{t('visit.priorities')}</legend>
          {groups.map((group) =>
            // A priority the birth date gives by right is shown as set, in the colours of a set thing, not as a greyed-out box.
            certain.has(group.code) ? (
              <span
                key={group.code}
                className="visit__priority visit__priority--set"
                data-code={group.code}
                data-testid={`visit-priority-${group.code}`}
                data-set="by-age"
                role="checkbox"
                aria-checked="true"
                aria-readonly="true"
              >
                <span aria-hidden="true">✓</span> {group.label[language]} <span className="visit__priority-why">{t('visit.byBirthDate')}</span>
              </span>
            ) : (
              <label key={group.code} className="visit__priority" data-code={group.code}>
                <input
                  type="checkbox"
                  data-testid={`visit-priority-${group.code}`}
                  checked={chosen.has(group.code)}
                  onChange={(event) => toggle(group.code, event.target.checked)}
                />
                <span>
                  {group.label[language]}
                  {possible.has(group.code) ? ` ${t('visit.possible')}` : ''}
                </span>
              </label>
            ),
          )}
        </fieldset>
        <div className="visit__actions">
          <button
            type="submit"
            className="button button--primary"
            data-testid="visit-create"
            disabled={state.phase === 'creating' || clinicId === ''}
          >
            {state.phase === 'creating' ? t('visit.creating') : t('visit.create')} <kbd>{t('visit.createShortcut')}</kbd>
          </button>
        </div>
        {state.phase === 'failed' && (
          <p className="patient-error" role="alert" data-testid="visit-error" data-code={state.error.code}>
            {t(`errors.${state.error.code}`)}
          </p>
        )}
        {clinicsError && (
          <p className="patient-error" role="alert" data-testid="visit-error" data-code={clinicsError.code}>
            {t(`errors.${clinicsError.code}`)}
          </p>
        )}
      </form>
    </section>
  );
}

interface TextFieldProps {
  label: string;
  testId: string;
  maxLength: number;
  value: string;
  onChange: (value: string) => void;
  /** Spans the form's width (the reason). */
  wide?: boolean;
}

function TextField({ label, testId, maxLength, value, onChange, wide = false }: TextFieldProps) {
  return (
    <label className={wide ? 'field visit__reason' : 'field'}>
      <span className="field__label">{label}</span>
      <input
        className="field__input"
        data-testid={testId}
        type="text"
        autoComplete="off"
        maxLength={maxLength}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
