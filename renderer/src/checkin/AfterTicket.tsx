import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import type { BiometricRecord, CheckinConfig, CheckinEffect, CheckinEvent, CheckinState, NumberedVisit } from '../../../domain/checkin/index.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { PaymentView } from '../../../domain/payment-api.ts';
import type { VisitView } from '../../../domain/visit-api.ts';
import { PaymentStep } from '../payment/PaymentStep.tsx';
import { useShowDeskStep } from '../keyboard/desk-step.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { BiometricCheck } from './BiometricCheck.tsx';
import { printTicket } from './print-ticket.ts';
import { useCheckinModel } from './use-checkin-model.ts';

interface AfterTicketProps {
  client: ApiClient;
  visit: VisitView;
  /** The visit as the check-in model takes it up at its ticket. */
  numbered: NumberedVisit;
  /** The desk's check-in settings; undefined while they load. */
  config: CheckinConfig | undefined;
  active: boolean;
  onNewVisit: () => void;
  onFinished: () => void;
}

/**
 * What follows the queue number, as a view of the check-in model: the ticket
 * printed (by itself or with Enter; a failed print does not hold the patient
 * up), the identity check, the fee (none to pay goes straight on; "pay later"
 * leaves it waiting), then done — Enter goes on to the next patient.
 */
export function AfterTicket({ client, visit, numbered, config, active, onNewVisit, onFinished }: AfterTicketProps) {
  const { t } = useTranslation();
  const [printError, setPrintError] = useState<ApiError | undefined>(undefined);
  const printButton = useRef<HTMLButtonElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);

  /** The one place this stage's effects become API calls; the views below report the rest as events. */
  const runEffect = useCallback(
    async (effect: CheckinEffect, state: CheckinState): Promise<CheckinEvent[]> => {
      if (effect.kind !== 'print-ticket') return [];
      const result = await printTicket(client, visit.id, state.ticketPrinted || state.attention.includes('print-failed'));
      if (!result.ok) {
        setPrintError(result.error);
        return [{ type: 'print-failed' }];
      }
      setPrintError(undefined);
      return [{ type: 'ticket-printed' }];
    },
    [client, visit.id],
  );
  const { state, dispatch } = useCheckinModel(numbered, config, runEffect);

  const printing = state?.pending === 'print';
  const pastTicket = state !== undefined && state.step !== 'ticket';
  const finished = state?.step === 'done';
  useShowDeskStep(finished ? 'done' : 'ticket');

  // Printing waits for a key: the print button takes the focus.
  const waitsForPrint = state?.step === 'ticket' && state.pending === null;
  useEffect(() => {
    if (waitsForPrint) printButton.current?.focus();
  }, [waitsForPrint]);

  useEffect(() => {
    if (!finished || !state) return;
    nextButton.current?.focus();
    recordTestEvent('checkin-finished', {
      visitId: visit.id,
      biometric: state.biometric === null || state.biometric === 'exempt' ? 'not-needed' : state.biometric,
      payment: state.payment === 'not-needed' ? 'nothing-to-pay' : (state.payment ?? ''),
    });
    // Once per check-in: the state of a finished check-in does not change.
  }, [finished]);

  function biometricDone(decision: BiometricRecord | null): void {
    if (decision) {
      dispatch({ type: 'biometric-recorded', decision: decision.decision, reason: decision.reason });
      return;
    }
    // The services ask for no check here (the desk's policy changed meanwhile): on without a decision.
    if (state?.step === 'biometric' && dispatch({ type: 'confirm' })) {
      dispatch({ type: 'biometric-recorded', decision: 'skipped', reason: 'not-needed' });
    }
  }

  function paymentDone(payment: PaymentView | null): void {
    if (!payment) {
      dispatch({ type: 'fee-quoted', amountVnd: 0 });
      return;
    }
    dispatch({ type: 'fee-quoted', amountVnd: payment.amount });
    dispatch({ type: 'payment-confirmed', method: payment.method === 'cash' ? 'cash' : 'vietqr', reference: payment.receiptNumber ?? null });
  }

  const printedOnce = state?.ticketPrinted === true;
  return (
    <>
      <div className="visit__actions" data-testid="ticket-print-state" data-phase={printing ? 'printing' : printError ? 'failed' : printedOnce ? 'printed' : 'idle'}>
        <button
          ref={printButton}
          type="button"
          className={printedOnce ? 'button' : 'button button--primary'}
          data-testid="visit-print"
          disabled={printing || !state}
          onClick={() => dispatch({ type: 'print' })}
        >
          {printing ? t('checkin.print.printing') : printedOnce ? t('checkin.print.reprint') : t('visit.print')}
        </button>
        {printedOnce && (
          <span className="patient-form__saved" role="status" data-testid="ticket-printed">
            {t('checkin.print.printed')}
          </span>
        )}
        <button type="button" className="button button--quiet" data-testid="visit-new" onClick={onNewVisit}>
          {t('visit.newVisit')}
        </button>
      </div>
      {printError && !printing && (
        <p className="patient-error" role="alert" data-testid="ticket-print-error" data-code={printError.code}>
          {printError.code === 'PRINT_FAILED' ? t('errors.PRINT_FAILED') : t('checkin.print.failed')}
        </p>
      )}
      {pastTicket && <BiometricCheck client={client} visitId={visit.id} active={active && state.step === 'biometric'} onFinished={biometricDone} />}
      {pastTicket && (state.step === 'payment' || state.payment === 'paid') && (
        <PaymentStep
          client={client}
          visitId={visit.id}
          active={active && state.step === 'payment'}
          skipWhenNothingToPay
          leaving="later"
          onBack={() => dispatch({ type: 'payment-deferred' })}
          onDone={paymentDone}
        />
      )}
      {finished && (
        <div className="checkin-done" data-testid="checkin-done" role="status">
          <strong className="checkin-done__title">{t('checkin.done.title')}</strong>
          <button ref={nextButton} type="button" className="button button--primary" data-testid="checkin-next" onClick={onFinished}>
            {t('checkin.done.next')} <kbd>{t('checkin.done.nextShortcut')}</kbd>
          </button>
        </div>
      )}
    </>
  );
}
