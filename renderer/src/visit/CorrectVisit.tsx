import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import { BIOMETRIC_DECISIONS, type BiometricRecord } from '../../../domain/checkin/index.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { PaymentView } from '../../../domain/payment-api.ts';
import type { VisitView } from '../../../domain/visit-api.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { ReopenPayment } from './ReopenPayment.tsx';

type Decision = BiometricRecord['decision'];

interface CorrectVisitProps {
  client: ApiClient;
  visit: VisitView;
  onClose: () => void;
  onCorrected: () => void;
  /** A change that keeps the correction open (a payment taken back): the list shows the visit's new status. */
  onChanged?: () => void;
}

/**
 * A visit's decisions looked at again from today's list: the identity check
 * changed with a reason (audited beside the one it replaces), a payment the
 * clerk confirmed by mistake taken back with a reason, and a fee left for later
 * (or taken back) taken from here.
 */
export function CorrectVisit({ client, visit, onClose, onCorrected, onChanged }: CorrectVisitProps) {
  const { t, i18n } = useTranslation();
  const money = new Intl.NumberFormat(i18n.resolvedLanguage === 'en' ? 'en-US' : 'vi-VN', { style: 'currency', currency: 'VND' });
  const [reopened, setReopened] = useState(false);
  const takePayment = useRef<HTMLAnchorElement>(null);
  const current = visit.biometric?.decision;
  const [decision, setDecision] = useState<Decision>(current === 'match' ? 'no-match' : 'match');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [payment, setPayment] = useState<PaymentView | null | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void client.call('payments.get', { visitId: visit.id }).then((result) => {
      if (live) setPayment(result.ok ? result.value : null);
    });
    return () => {
      live = false;
    };
  }, [client, visit.id]);

  useEffect(() => {
    // After a payment is taken back, taking it again is the next key (Enter).
    if (reopened) takePayment.current?.focus();
  }, [reopened]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    const result = await client.call('visits.recordBiometric', { visitId: visit.id, decision, reason: reason.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    recordTestEvent('visit-corrected', { visitId: visit.id, decision });
    onCorrected();
  }

  return (
    <div className="visit-correct" data-testid="visit-correct" role="group" aria-label={t('checkin.correct.title')}>
      <p className="visit-correct__now" data-testid="visit-correct-current">
        {t('checkin.correct.identityNow')}: <strong>{current ? t(`checkin.biometric.decided.${current}`) : t('checkin.correct.none')}</strong>
      </p>
      <form className="visit-correct__form" onSubmit={(event) => void submit(event)} noValidate>
        <label className="field">
          <span className="field__label">{t('checkin.correct.identityTo')}</span>
          <select
            className="field__input"
            data-testid="visit-correct-decision"
            value={decision}
            onChange={(event) => setDecision(BIOMETRIC_DECISIONS.find((value) => value === event.target.value) ?? decision)}
          >
            {BIOMETRIC_DECISIONS.map((value) => (
              <option key={value} value={value}>
                {t(`checkin.correct.decisions.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('checkin.correct.reason')}</span>
          <input
            className="field__input"
            data-testid="visit-correct-reason"
            maxLength={200}
            autoComplete="off"
            required
            value={reason}
            aria-invalid={error?.code === 'BAD_INPUT'}
            onChange={(event) => {
              setReason(event.target.value);
              setError(undefined);
            }}
          />
        </label>
        <div className="visit__actions">
          <button type="submit" className="button button--small button--primary" data-testid="visit-correct-save" disabled={busy || reason.trim() === ''}>
            {t('checkin.correct.save')}
          </button>
          <button type="button" className="button button--small button--quiet" data-testid="visit-correct-close" onClick={onClose}>
            {t('checkin.correct.close')}
          </button>
        </div>
        {error && (
          <p className="patient-error" role="alert" data-testid="visit-correct-error" data-code={error.code}>
            {t(`errors.${error.code}`)}
          </p>
        )}
      </form>
      {payment?.status === 'waiting' && (
        <>
          <p className="advice" data-testid="visit-correct-waiting" role={reopened ? 'status' : undefined}>
            {reopened ? t('checkin.correct.reopened') : t('checkin.correct.waiting', { amount: money.format(payment.amount) })}
          </p>
          <a className="button button--small" data-testid="visit-take-payment" href={`?payment=${visit.id}`} ref={takePayment}>
            {t('checkin.correct.takePayment')}
          </a>
        </>
      )}
      {payment?.status === 'paid' && (
        <p className="advice" data-testid="visit-correct-paid">
          {t('checkin.correct.paid', { receipt: payment.receiptNumber ?? '—' })}
        </p>
      )}
      {payment?.status === 'paid' && payment.confirmation === 'clerk' && (
        <ReopenPayment
          client={client}
          payment={payment}
          onReopened={(waiting) => {
            setPayment(waiting);
            setReopened(true);
            onChanged?.();
          }}
        />
      )}
    </div>
  );
}
