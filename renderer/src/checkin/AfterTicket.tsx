import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import type { BiometricRecord } from '../../../domain/checkin/index.ts';
import type { ApiError } from '../../../domain/errors.ts';
import type { VisitView } from '../../../domain/visit-api.ts';
import { PaymentStep } from '../payment/PaymentStep.tsx';
import { useShowDeskStep } from '../keyboard/desk-step.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { BiometricCheck } from './BiometricCheck.tsx';
import { printTicket } from './print-ticket.ts';

interface AfterTicketProps {
  client: ApiClient;
  visit: VisitView;
  active: boolean;
  /** Print as soon as the number is issued (desk setting); undefined while the desk settings load. */
  autoPrint: boolean | undefined;
  onNewVisit: () => void;
  onFinished: () => void;
}

type PrintState = { phase: 'idle' } | { phase: 'printing' } | { phase: 'printed'; times: number } | { phase: 'failed'; error: ApiError };

/**
 * What follows the queue number: the ticket printed (by itself or with Enter),
 * the identity check, the fee (skipped when there is nothing to pay; "pay
 * later" leaves a waiting payment for later), then done — Enter goes on to the next
 * patient.
 */
export function AfterTicket({ client, visit, active, autoPrint, onNewVisit, onFinished }: AfterTicketProps) {
  const { t } = useTranslation();
  const [print, setPrint] = useState<PrintState>({ phase: 'idle' });
  const [biometric, setBiometric] = useState<{ done: false } | { done: true; decision: BiometricRecord | null }>({ done: false });
  const printButton = useRef<HTMLButtonElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);
  const [payment, setPayment] = useState<'pending' | 'paid' | 'nothing-to-pay' | 'later'>('pending');
  // A printer out of paper must not hold the patient up: the check-in goes on after the first try, printed or not.
  const [printTried, setPrintTried] = useState(false);
  const printedOnce = print.phase === 'printed';
  const finished = printTried && biometric.done && payment !== 'pending';
  useShowDeskStep(finished ? 'done' : 'ticket');

  const runPrint = useCallback(
    async (reprint: boolean) => {
      setPrint({ phase: 'printing' });
      const result = await printTicket(client, visit.id, reprint);
      if (result.ok) setPrint((previous) => ({ phase: 'printed', times: previous.phase === 'printed' ? previous.times + 1 : 1 }));
      else setPrint({ phase: 'failed', error: result.error });
      setPrintTried(true);
    },
    [client, visit.id],
  );

  const autoPrinted = useRef(false);
  useEffect(() => {
    if (autoPrint === undefined) return;
    if (autoPrint && !autoPrinted.current) {
      autoPrinted.current = true;
      void runPrint(false);
    } else if (!autoPrint) printButton.current?.focus();
  }, [autoPrint, runPrint]);

  useEffect(() => {
    if (finished) {
      nextButton.current?.focus();
      recordTestEvent('checkin-finished', {
        visitId: visit.id,
        biometric: biometric.done && biometric.decision ? biometric.decision.decision : 'not-needed',
        payment,
      });
    }
  }, [finished, visit.id, biometric, payment]);

  return (
    <>
      <div className="visit__actions" data-testid="ticket-print-state" data-phase={print.phase}>
        <button
          ref={printButton}
          type="button"
          className={printedOnce ? 'button' : 'button button--primary'}
          data-testid="visit-print"
          disabled={print.phase === 'printing'}
          onClick={() => void runPrint(printTried)}
        >
          {print.phase === 'printing' ? t('checkin.print.printing') : printedOnce ? t('checkin.print.reprint') : t('visit.print')}
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
      {print.phase === 'failed' && (
        <p className="patient-error" role="alert" data-testid="ticket-print-error" data-code={print.error.code}>
          {print.error.code === 'PRINT_FAILED' ? t('errors.PRINT_FAILED') : t('checkin.print.failed')}
        </p>
      )}
      {printTried && (
        <BiometricCheck client={client} visitId={visit.id} active={active} onFinished={(decision) => setBiometric({ done: true, decision })} />
      )}
      {printTried && biometric.done && (payment === 'pending' || payment === 'paid') && (
        <PaymentStep
          client={client}
          visitId={visit.id}
          active={active && payment === 'pending'}
          skipWhenNothingToPay
          leaving="later"
          onBack={() => setPayment('later')}
          onDone={(paid) => setPayment(paid ? 'paid' : 'nothing-to-pay')}
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
