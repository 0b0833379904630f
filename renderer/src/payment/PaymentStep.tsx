import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { PaymentMethod, PaymentView } from '../../../domain/payment-api.ts';
import { DESK_KEYS, keyLabel } from '../keyboard/desk-keys.ts';
import { useShowDeskStep } from '../keyboard/desk-step.ts';
import { useShortcut } from '../keyboard/use-shortcut.ts';
import { useStepIntoView } from '../app/use-step-into-view.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { PaymentQr } from './PaymentQr.tsx';

export interface PaymentStepProps {
  client: ApiClient;
  /** The visit whose fee is taken (the id visits.create returned). */
  visitId: number;
  /**
   * Leaves the step with the payment still waiting (and watched); opening the step again shows it.
   * On its own screen Esc goes back; within a check-in it is "pay later", a button only, so Esc
   * cannot end a check-in unpaid by accident.
   */
  onBack: () => void;
  /** 'back' on the payment's own screen, 'later' within a check-in. */
  leaving?: 'back' | 'later';
  /** Enter once paid, or when nothing is to be paid (payment null): go on with the check-in. */
  onDone?: (payment: PaymentView | null) => void;
  /** False while a dialog covers the step: its keys are then left alone. */
  active?: boolean;
  /** Within the check-in: nothing to pay goes straight on (onDone(null)) instead of saying so. */
  skipWhenNothingToPay?: boolean;
}

type StepState = { phase: 'loading' } | { phase: 'failed'; error: ApiError } | { phase: 'ready'; payment: PaymentView };

interface ConfirmForm {
  method: PaymentMethod;
  receiptNumber: string;
  submitting: boolean;
  error: ApiError | null;
}

/**
 * The payment step of the check-in, after the ticket: the visit's fee as a
 * VietQR, large, with bank, account holder, amount and transfer message; the
 * status turns from waiting to paid by itself when the HIS reports the
 * transfer. Ctrl+K: the clerk saw the transfer arrive; Ctrl+M: cash instead;
 * both ask for the receipt number. Enter goes on once paid.
 */
export function PaymentStep({ client, visitId, onBack, onDone, active = true, skipWhenNothingToPay = false, leaving = 'back' }: PaymentStepProps) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<StepState>({ phase: 'loading' });
  const [form, setForm] = useState<ConfirmForm | null>(null);
  const [attempt, setAttempt] = useState(0);
  const receiptInput = useRef<HTMLInputElement>(null);
  const section = useRef<HTMLElement>(null);
  const doneButton = useRef<HTMLButtonElement>(null);
  const latestDone = useRef(onDone);
  useEffect(() => {
    latestDone.current = onDone;
  });
  const money = new Intl.NumberFormat(i18n.resolvedLanguage === 'en' ? 'en-US' : 'vi-VN', { style: 'currency', currency: 'VND' });

  const ready = state.phase === 'ready' ? state.payment : undefined;
  useStepIntoView(section, ready !== undefined);
  const announced = useRef<number | undefined>(undefined);
  useEffect(() => {
    // Announced once the payment is on screen (and scrolled into view), once per payment.
    if (!ready || announced.current === ready.id) return;
    announced.current = ready.id;
    recordTestEvent('payment-ready', { visitId, paymentId: ready.id, status: ready.status, hasQr: ready.qr !== null });
  }, [ready, visitId]);

  useEffect(() => {
    let live = true;
    setState({ phase: 'loading' });
    void client.call('payments.start', { visitId }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setState({ phase: 'ready', payment: result.value });
      } else {
        setState({ phase: 'failed', error: result.error });
        recordTestEvent('payment-failed', { visitId, code: result.error.code });
        if (result.error.code === 'PAYMENT_NOT_NEEDED' && skipWhenNothingToPay) latestDone.current?.(null);
      }
    });
    const stop = client.on('payment.changed', (changed) => {
      if (!live || changed.visitId !== visitId) return;
      setState((current) =>
        current.phase === 'ready' && changed.id < current.payment.id ? current : { phase: 'ready', payment: changed },
      );
      if (changed.status !== 'waiting') setForm(null);
      recordTestEvent('payment-changed', { visitId, paymentId: changed.id, status: changed.status });
    });
    return () => {
      live = false;
      stop();
    };
  }, [client, visitId, attempt]);

  useEffect(() => {
    if (form && !form.submitting) receiptInput.current?.focus();
  }, [form]);

  const payment = state.phase === 'ready' ? state.payment : null;
  const waiting = payment?.status === 'waiting';

  const openForm = useCallback((method: PaymentMethod) => setForm({ method, receiptNumber: '', submitting: false, error: null }), []);

  useShowDeskStep(waiting ? 'payment' : undefined);
  // While the fee waits, the focus is on the step itself (its keys, Ctrl+K and Ctrl+M, act from anywhere),
  // not left behind on a button of the step before.
  const choosingOnScreen = active && waiting && form === null;
  useEffect(() => {
    if (choosingOnScreen) section.current?.focus({ preventScroll: true });
  }, [choosingOnScreen]);
  const choosing = active && waiting && !form?.submitting;
  useShortcut(DESK_KEYS.transferReceived, () => openForm('vietqr'), choosing && payment.canConfirmByHand);
  useShortcut(DESK_KEYS.cashReceived, () => openForm('cash'), choosing && payment.canTakeCash);
  useShortcut({ code: 'Escape' }, () => {
    if (!active) return;
    if (form && !form.submitting) setForm(null);
    else if (!form && leaving === 'back') leave();
  });
  function leave(): void {
    recordTestEvent('payment-back', { visitId });
    onBack();
  }
  const finished = payment?.status === 'paid' || (state.phase === 'failed' && state.error.code === 'PAYMENT_NOT_NEEDED');
  // Enter goes on through the focused button, so Enter in the receipt form still submits it.
  useEffect(() => {
    if (finished) doneButton.current?.focus();
  }, [finished]);

  async function confirm(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!form || form.submitting) return;
    const receiptNumber = form.receiptNumber.trim();
    setForm({ ...form, submitting: true, error: null });
    const result = await client.call('payments.confirm', { visitId, method: form.method, receiptNumber });
    if (result.ok) {
      setState({ phase: 'ready', payment: result.value });
      setForm(null);
      recordTestEvent('payment-changed', { visitId, paymentId: result.value.id, status: result.value.status });
    } else {
      setForm((current) => (current ? { ...current, submitting: false, error: result.error } : current));
      recordTestEvent('payment-confirm-failed', { visitId, code: result.error.code });
    }
  }

  return (
    <section ref={section} className="payment" data-testid="payment-step" data-visit-id={visitId} aria-labelledby="payment-title" tabIndex={-1}>
      <h2 id="payment-title" className="payment__title">
        {t('payment.title')}
      </h2>

      {state.phase === 'loading' && (
        <p className="loading" data-testid="payment-loading">
          {t('payment.loading')}
        </p>
      )}

      {state.phase === 'failed' && (
        <div className="notice" role="alert" data-testid="payment-error" data-code={state.error.code}>
          <p>{t(`errors.${state.error.code}`)}</p>
          {state.error.code !== 'PAYMENT_NOT_NEEDED' && (
            <button type="button" className="button" data-testid="payment-retry" onClick={() => setAttempt((n) => n + 1)}>
              {t('payment.retry')}
            </button>
          )}
        </div>
      )}

      {payment && (
        <div className="payment__body">
          <div className="payment__code">
            {/* Once settled the code goes: a second scan must not make a second transfer. */}
            {payment.qr && payment.status === 'waiting' ? (
              <PaymentQr payload={payment.qr.payload} label={t('payment.qrLabel', { amount: money.format(payment.amount) })} />
            ) : payment.status !== 'waiting' ? (
              <p className={`payment__settled payment__settled--${payment.status}`} data-testid="payment-settled" aria-hidden="true">
                {payment.status === 'paid' ? '✓' : '✕'}
              </p>
            ) : (
              <p className="advice" data-testid="payment-cash-only">
                {t('payment.cashOnly')}
              </p>
            )}
          </div>
          <div className="payment__facts">
            <p className="payment__amount" data-testid="payment-amount" data-amount={payment.amount}>
              <span className="payment__label">{t('payment.amount')}</span>
              {money.format(payment.amount)}
            </p>
            {payment.qr && (
              <dl className="payment__details">
                <dt>{t('payment.bank')}</dt>
                <dd data-testid="payment-bank">
                  {payment.qr.bank.shortName}
                  {payment.qr.bank.name && <span className="payment__bank-name"> — {payment.qr.bank.name}</span>}
                </dd>
                <dt>{t('payment.accountNumber')}</dt>
                <dd data-testid="payment-account">{payment.qr.accountNumber}</dd>
                <dt>{t('payment.accountName')}</dt>
                <dd data-testid="payment-account-name">{payment.qr.accountName}</dd>
                <dt>{t('payment.purpose')}</dt>
                <dd data-testid="payment-purpose" className="payment__purpose">
                  {payment.qr.purpose}
                </dd>
              </dl>
            )}
            <p
              className={`payment__status payment__status--${payment.status}`}
              role="status"
              data-testid="payment-status"
              data-status={payment.status}
            >
              {t(`payment.statuses.${payment.status}`)}
            </p>
            {payment.status === 'waiting' && payment.qr && <p className="advice">{t('payment.scanHint')}</p>}
            {payment.status === 'paid' && (
              <p className="payment__paid" data-testid="payment-paid">
                {t(`payment.methods.${payment.method}`)}
                {payment.receiptNumber && (
                  <>
                    {' · '}
                    {t('payment.receipt')}: <strong data-testid="payment-receipt">{payment.receiptNumber}</strong>
                  </>
                )}
                {' · '}
                {payment.confirmation === 'his' ? t('payment.confirmedByHis') : t('payment.confirmedByClerk', { user: payment.confirmedBy ?? '' })}
              </p>
            )}
          </div>
        </div>
      )}

      {form && (
        <form className="payment__confirm" data-testid="payment-confirm-form" data-method={form.method} onSubmit={(event) => void confirm(event)} noValidate>
          <h3>{form.method === 'cash' ? t('payment.takeCash') : t('payment.confirmTransfer')}</h3>
          <label className="field__label" htmlFor="payment-receipt-number">
            {t('payment.receiptNumber')}
          </label>
          <input
            ref={receiptInput}
            id="payment-receipt-number"
            className="field__input"
            data-testid="payment-receipt-input"
            value={form.receiptNumber}
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            aria-invalid={form.error !== null}
            aria-describedby="payment-receipt-hint"
            disabled={form.submitting}
            onChange={(event) => setForm({ ...form, receiptNumber: event.target.value, error: null })}
          />
          <p id="payment-receipt-hint" className="advice">
            {t('payment.receiptHint')}
          </p>
          {form.error && (
            <p className="field__error" role="alert" data-testid="payment-confirm-error" data-code={form.error.code}>
              {t(`errors.${form.error.code}`)}
            </p>
          )}
          <div className="payment__actions">
            <button type="submit" className="button button--primary" data-testid="payment-confirm-submit" disabled={form.submitting}>
              {form.submitting ? t('payment.confirming') : t('payment.submit')} <kbd>{t('payment.submitShortcut')}</kbd>
            </button>
            <button type="button" className="button" onClick={() => setForm(null)} disabled={form.submitting}>
              {t('payment.cancelForm')} <kbd>{t('payment.backShortcut')}</kbd>
            </button>
          </div>
        </form>
      )}

      <div className="payment__actions">
        {waiting && payment.canConfirmByHand && !form && (
          <button type="button" className="button" data-testid="payment-confirm-transfer" onClick={() => openForm('vietqr')}>
            {t('payment.confirmTransfer')} <kbd>{keyLabel(DESK_KEYS.transferReceived)}</kbd>
          </button>
        )}
        {waiting && payment.canTakeCash && !form && (
          <button type="button" className="button" data-testid="payment-take-cash" onClick={() => openForm('cash')}>
            {t('payment.takeCash')} <kbd>{keyLabel(DESK_KEYS.cashReceived)}</kbd>
          </button>
        )}
        {finished && onDone && active && (
          <button ref={doneButton} type="button" className="button button--primary" data-testid="payment-done" onClick={() => onDone(payment)}>
            {t('payment.done')} <kbd>{t('payment.doneShortcut')}</kbd>
          </button>
        )}
        {!form && leaving === 'back' && (
          <button type="button" className="button" data-testid="payment-back" onClick={leave}>
            {t('payment.back')} <kbd>{t('payment.backShortcut')}</kbd>
          </button>
        )}
        {!form && leaving === 'later' && waiting && (
          <button type="button" className="button button--quiet" data-testid="payment-later" onClick={leave}>
            {t('payment.later')}
          </button>
        )}
      </div>
    </section>
  );
}
