import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { vietnamDay } from '../../../domain/checkin/index.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { InsuranceCheckInput, InsuranceCheckView } from '../../../domain/insurance-api.ts';
import type { CardSummary, InsuranceCheckResult } from '../../../domain/insurance/check-result.ts';
import { clerkStatus } from '../../../domain/insurance/clerk-status.ts';
import { useBridge } from '../app/bridge-context.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

export interface InsuranceResultProps {
  /** The patient whose card is checked. */
  patientId: number;
  /** The visit the check belongs to; its latest check is shown and a result landing later updates it. */
  visitId?: number;
  /** The card to check (a scanned BHYT QR's 15-character code or 10-digit BHXH number); by default the patient's BHXH number, then the CCCD number. */
  cardCode?: string;
  /** Run a check when the visit has none yet, or always for a patient without a visit (default true). */
  autoCheck?: boolean;
  /** Every check shown, e.g. to fill the visit's card fields or to choose the visit type. */
  onResult?: (check: InsuranceCheckView) => void;
  /** The check has an answer for now (a result, to verify later, none to run, or an error): what waits on it can go on. */
  onSettled?: () => void;
}

type State =
  | { phase: 'loading' }
  | { phase: 'running' }
  | { phase: 'none' }
  | { phase: 'failed'; error: ApiError }
  | { phase: 'shown'; check: InsuranceCheckView };

const BENEFIT_LEVELS = ['1', '2', '3', '4', '5'] as const;

function sameVietnamDay(instant: string, now: number): boolean {
  return vietnamDay(Date.parse(instant)) === vietnamDay(now);
}

/** yyyy-MM-dd → dd/MM/yyyy, as printed on cards. */
function day(iso: string | null): string {
  if (!iso) return '—';
  const [year, month, date] = iso.split('-');
  return `${date}/${month}/${year}`;
}

/**
 * The BHYT card check of a patient or visit, self-contained: it loads the
 * latest check, runs one when there is none, and follows results that land
 * later (`insurance.result`). Shows the running check; a valid card with its
 * benefit level, registered facility, validity, 5-year date and exemption; the
 * clerk's next step for every other outcome; "to verify, retrying in the
 * background" while the gateway is down; and, after 060/061/070, a form to
 * correct the name, birth date or card code and check again.
 */
export function InsuranceResult({ patientId, visitId, cardCode, autoCheck = true, onResult, onSettled }: InsuranceResultProps) {
  const { t, i18n } = useTranslation();
  const { client } = useBridge();
  const [state, setState] = useState<State>({ phase: 'loading' });
  const [correcting, setCorrecting] = useState(false);
  const onResultRef = useRef(onResult);
  onResultRef.current = onResult;
  const onSettledRef = useRef(onSettled);
  onSettledRef.current = onSettled;
  useEffect(() => {
    if (state.phase === 'none' || state.phase === 'failed' || (state.phase === 'shown' && clerkStatus(state.check) !== 'running')) onSettledRef.current?.();
  }, [state]);

  const show = useCallback(
    (check: InsuranceCheckView) => {
      setState({ phase: 'shown', check });
      onResultRef.current?.(check);
      recordTestEvent('insurance-shown', { checkId: check.id, status: clerkStatus(check), code: check.result?.code ?? '', visitId: visitId ?? 0 });
    },
    [visitId],
  );

  const run = useCallback(
    async (extra: Partial<InsuranceCheckInput> = {}) => {
      setState({ phase: 'running' });
      setCorrecting(false);
      recordTestEvent('insurance-running', { patientId, visitId: visitId ?? 0 });
      const result = await client.call('insurance.check', {
        patientId,
        ...(visitId === undefined ? {} : { visitId }),
        ...(cardCode === undefined ? {} : { cardCode }),
        ...extra,
      });
      if (result.ok) show(result.value);
      else {
        setState({ phase: 'failed', error: result.error });
        recordTestEvent('insurance-failed', { code: result.error.code });
      }
    },
    [client, patientId, visitId, cardCode, show],
  );

  useEffect(() => {
    let live = true;
    setState({ phase: 'loading' });
    // A patient opened again the same day shows the day's check instead of asking the gateway again (unless a card was scanned).
    const latest =
      visitId !== undefined
        ? client.call('insurance.forVisit', { visitId })
        : cardCode === undefined
          ? client.call('insurance.forPatient', { patientId })
          : null;
    void (async () => {
      const found = latest ? await latest : null;
      if (!live) return;
      if (found && !found.ok) {
        setState({ phase: 'failed', error: found.error });
        return;
      }
      const candidate = found?.ok ? found.value : null;
      const existing = candidate && (visitId !== undefined || sameVietnamDay(candidate.createdAt, Date.now())) ? candidate : null;
      if (existing) show(existing);
      else if (autoCheck) await run();
      else setState({ phase: 'none' });
    })();
    const stop = client.on('insurance.result', (event) => {
      if (!live) return;
      const mine = visitId !== undefined ? event.visitId === visitId : event.patientId === patientId;
      if (!mine) return;
      const reload = visitId !== undefined ? client.call('insurance.forVisit', { visitId }) : client.call('insurance.forPatient', { patientId });
      void reload.then((answer) => {
        if (live && answer.ok && answer.value) {
          show(answer.value);
        }
      });
    });
    return () => {
      live = false;
      stop();
    };
    // The check runs once per patient/visit/card; `run` and `show` change with them.
  }, [client, patientId, visitId, cardCode, autoCheck]);

  const money = new Intl.NumberFormat(i18n.resolvedLanguage === 'en' ? 'en-US' : 'vi-VN', { style: 'currency', currency: 'VND' });

  return (
    <section className="panel insurance" aria-labelledby="insurance-title" data-testid="insurance-result" data-phase={state.phase}>
      <header className="panel__header">
        <h2 className="panel__title" id="insurance-title">
          {t('insurance.title')}
        </h2>
        {state.phase === 'shown' && <StatusPill check={state.check} />}
      </header>
      <div className="panel__body" aria-live="polite">
        {state.phase === 'loading' && <p className="loading">{t('insurance.loading')}</p>}
        {state.phase === 'running' && (
          <p className="loading" data-testid="insurance-running">
            {t('insurance.running')}
          </p>
        )}
        {state.phase === 'none' && <p className="advice">{t('insurance.none')}</p>}
        {state.phase === 'failed' && (
          <p className="patient-error" role="alert" data-testid="insurance-error" data-code={state.error.code}>
            {t(`errors.${state.error.code}`)}
          </p>
        )}
        {state.phase === 'shown' && <CheckBody check={state.check} money={money} />}
        {state.phase === 'shown' && state.check.result?.action === 'correct-and-retry' && (
          correcting ? (
            <CorrectionForm result={state.check.result} onSubmit={(extra) => void run(extra)} onCancel={() => setCorrecting(false)} />
          ) : (
            <button type="button" className="button button--primary" data-testid="insurance-correct" onClick={() => setCorrecting(true)}>
              {t('insurance.correction.open')}
            </button>
          )
        )}
        {state.phase !== 'loading' && state.phase !== 'running' && !correcting && (
          <div className="insurance__actions">
            <button type="button" className="button button--quiet" data-testid="insurance-check" onClick={() => void run()}>
              {state.phase === 'none' ? t('insurance.check') : t('insurance.checkAgain')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

function StatusPill({ check }: { check: InsuranceCheckView }) {
  const { t } = useTranslation();
  const covered = check.result?.covered;
  const status = clerkStatus(check);
  const tone =
    status === 'to-verify' ? 'pill--busy' : status === 'needs-review' ? 'pill--bad' : covered === true ? 'pill--ok' : covered === false ? 'pill--bad' : 'pill--neutral';
  return (
    <span className={`pill ${tone}`} data-testid="insurance-status" data-status={status}>
      {check.result ? t(`insurance.outcomes.${check.result.outcome}`) : t(`insurance.statuses.${status}`)}
    </span>
  );
}

function CheckBody({ check, money }: { check: InsuranceCheckView; money: Intl.NumberFormat }) {
  const { t, i18n } = useTranslation();
  const result = check.result;
  if (!result) {
    const time = check.nextAttemptAt ? new Date(check.nextAttemptAt).toLocaleTimeString(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'vi-VN') : null;
    return (
      <div data-testid="insurance-waiting">
        {clerkStatus(check) === 'to-verify' && <p className="advice">{t('insurance.toVerify')}</p>}
        {check.lastFailure && <p className="advice">{t(`insurance.failures.${check.lastFailure}`)}</p>}
        {time && <p className="advice">{t('insurance.nextAttempt', { time, attempts: check.attempts })}</p>}
      </div>
    );
  }
  const card = result.newCard ?? result.card;
  return (
    <div data-testid="insurance-outcome" data-code={result.code} data-outcome={result.outcome}>
      <p className="insurance__action" data-testid="insurance-action">
        {t(`insurance.actions.${result.action}`)}
      </p>
      {result.mismatch && (
        <p className="patient-error" data-testid="insurance-mismatch" data-field={result.mismatch.field}>
          {t(`insurance.mismatch.${result.mismatch.field}`)}
        </p>
      )}
      {result.lookups > 1 && <p className="advice">{t('insurance.alreadyTried', { tried: t(`insurance.strategies.${result.strategy}`) })}</p>}
      {card && <CardFacts card={card} result={result} money={money} />}
      <p className="advice technical">{t('insurance.code', { code: result.code })}</p>
    </div>
  );
}

function CardFacts({ card, result, money }: { card: CardSummary; result: InsuranceCheckResult; money: Intl.NumberFormat }) {
  const { t } = useTranslation();
  const level = BENEFIT_LEVELS.find((value) => value === card.benefitLevel);
  return (
    <dl className="facts" data-testid="insurance-card">
      {result.newCard && (
        <>
          <dt>{t('insurance.fields.newCard')}</dt>
          <dd data-testid="insurance-new-card">{result.newCard.cardCode ?? '—'}</dd>
        </>
      )}
      {!result.newCard && (
        <>
          <dt>{t('insurance.fields.cardCode')}</dt>
          <dd data-testid="insurance-card-code">{card.cardCode ?? '—'}</dd>
        </>
      )}
      <dt>{t('insurance.fields.bhxhNumber')}</dt>
      <dd>{card.bhxhNumber ?? '—'}</dd>
      <dt>{t('insurance.fields.benefitLevel')}</dt>
      <dd data-testid="insurance-benefit-level">{level ? t(`insurance.benefitLevels.${level}`) : (card.benefitLevel ?? '—')}</dd>
      <dt>{t('insurance.fields.facility')}</dt>
      <dd data-testid="insurance-facility">
        {card.registeredFacility ?? '—'}
        {card.registeredFacilityName ? ` — ${card.registeredFacilityName}` : ''}
      </dd>
      <dt>{t('insurance.fields.validity')}</dt>
      <dd data-testid="insurance-validity">
        {day(card.validFrom)} – {card.validTo ? day(card.validTo) : t('insurance.openEnded')}
      </dd>
      <dt>{t('insurance.fields.fiveYearDate')}</dt>
      <dd data-testid="insurance-five-years">{day(card.fiveYearDate)}</dd>
      {card.area && (
        <>
          <dt>{t('insurance.fields.area')}</dt>
          <dd>{card.area}</dd>
        </>
      )}
      {result.exemption && (
        <>
          <dt>{t('insurance.fields.exemption')}</dt>
          <dd data-testid="insurance-exemption" data-status={result.exemption.status}>
            {t(`insurance.exemption.${result.exemption.status}`)}
            {result.exemption.accumulatedVnd !== null && result.exemption.thresholdVnd !== null
              ? ` (${money.format(result.exemption.accumulatedVnd)} / ${money.format(result.exemption.thresholdVnd)})`
              : ''}
          </dd>
        </>
      )}
      <dt>{t('insurance.fields.lookedUpBy')}</dt>
      <dd className="technical">{t(`insurance.lookedUpBy.${result.lookedUpBy}`)}</dd>
    </dl>
  );
}

interface Correction {
  fullName: string;
  birthDate: string;
  cardCode: string;
}

/** After 060/061/070: the field that did not match first, then the others; empty fields keep the patient's own. */
function CorrectionForm({
  result,
  onSubmit,
  onCancel,
}: {
  result: InsuranceCheckResult;
  onSubmit: (extra: Partial<InsuranceCheckInput>) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Correction>({ fullName: '', birthDate: '', cardCode: '' });
  const nameFirst = result.mismatch?.field !== 'birth-date';
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  function submit(event: FormEvent): void {
    event.preventDefault();
    const extra: Partial<InsuranceCheckInput> = {};
    if (form.fullName.trim()) extra.fullName = form.fullName.trim();
    if (form.birthDate.trim()) extra.birthDate = form.birthDate.trim();
    if (form.cardCode.trim()) extra.cardCode = form.cardCode.trim();
    onSubmit(extra);
  }

  const name = (
    <label className="field" key="name">
      <span className="field__label">{t('insurance.correction.fullName')}</span>
      <input
        ref={nameFirst ? first : undefined}
        className="field__input"
        data-testid="insurance-correct-name"
        value={form.fullName}
        maxLength={120}
        autoComplete="off"
        onChange={(event) => setForm({ ...form, fullName: event.target.value })}
      />
    </label>
  );
  const birth = (
    <label className="field" key="birth">
      <span className="field__label">{t('insurance.correction.birthDate')}</span>
      <input
        ref={nameFirst ? undefined : first}
        className="field__input"
        data-testid="insurance-correct-birth-date"
        value={form.birthDate}
        placeholder={t('insurance.correction.birthDateHint')}
        maxLength={10}
        autoComplete="off"
        onChange={(event) => setForm({ ...form, birthDate: event.target.value })}
      />
    </label>
  );
  return (
    <form className="insurance__correction" onSubmit={submit} data-testid="insurance-correction" noValidate>
      <h3>{t('insurance.correction.title')}</h3>
      {nameFirst ? [name, birth] : [birth, name]}
      <label className="field">
        <span className="field__label">{t('insurance.correction.cardCode')}</span>
        <input
          className="field__input"
          data-testid="insurance-correct-card"
          value={form.cardCode}
          maxLength={20}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setForm({ ...form, cardCode: event.target.value.toUpperCase() })}
        />
      </label>
      <div className="insurance__actions">
        <button type="submit" className="button button--primary" data-testid="insurance-correct-submit">
          {t('insurance.correction.submit')}
        </button>
        <button type="button" className="button button--quiet" onClick={onCancel}>
          {t('insurance.correction.cancel')}
        </button>
      </div>
    </form>
  );
}
