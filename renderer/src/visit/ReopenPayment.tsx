import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { PaymentView } from '../../../domain/payment-api.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

interface ReopenPaymentProps {
  client: ApiClient;
  payment: PaymentView;
  onReopened: (payment: PaymentView) => void;
}

/**
 * Takes back a payment the clerk confirmed by mistake: a button, then the
 * reason (required) with the focus in it; Enter undoes, Esc goes back.
 */
export function ReopenPayment({ client, payment, onReopened }: ReopenPaymentProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const reasonInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (open) reasonInput.current?.focus();
  }, [open]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (reason.trim() === '' || busy) return;
    setBusy(true);
    const result = await client.call('payments.reopen', { visitId: payment.visitId, reason: reason.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      recordTestEvent('payment-reopen-failed', { visitId: payment.visitId, code: result.error.code });
      return;
    }
    recordTestEvent('payment-reopened', { visitId: payment.visitId, paymentId: result.value.id });
    onReopened(result.value);
  }

  if (!open) {
    return (
      <button type="button" className="button button--small" data-testid="payment-reopen-open" onClick={() => setOpen(true)}>
        {t('checkin.correct.reopen')}
      </button>
    );
  }
  return (
    <form
      className="visit-correct__form"
      data-testid="payment-reopen"
      aria-label={t('checkin.correct.reopen')}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          setOpen(false);
        }
      }}
      noValidate
    >
      <label className="field">
        <span className="field__label">{t('checkin.correct.reopenReason')}</span>
        <input
          className="field__input"
          data-testid="payment-reopen-reason"
          maxLength={200}
          autoComplete="off"
          ref={reasonInput}
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
        <button type="submit" className="button button--small button--primary" data-testid="payment-reopen-save" disabled={busy || reason.trim() === ''}>
          {t('checkin.correct.reopenSave')}
        </button>
        <button type="button" className="button button--small button--quiet" data-testid="payment-reopen-back" onClick={() => setOpen(false)}>
          {t('checkin.correct.reopenBack')}
        </button>
      </div>
      {error && (
        <p className="patient-error" role="alert" data-testid="payment-reopen-error" data-code={error.code}>
          {t(`errors.${error.code}`)}
        </p>
      )}
    </form>
  );
}
