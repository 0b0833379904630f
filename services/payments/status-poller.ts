/**
 * Asks the PaymentStatusSource about each waiting payment, one question at a
 * time per payment, with the pause growing after every answer that is not
 * "paid" (the HIS learns of a transfer within minutes, not milliseconds).
 */
import type { Logger } from '../log.ts';
import type { PaymentStatusQuery, PaymentStatusReport, PaymentStatusSource } from './payment-status-source.ts';

export interface PollPolicy {
  /** Pause before the first question. */
  initialMs: number;
  factor: number;
  maxMs: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = { initialMs: 3_000, factor: 1.5, maxMs: 30_000 };

/** The pause before question number `attempt` (0 = the first). */
export function pollDelay({ initialMs, factor, maxMs }: PollPolicy, attempt: number): number {
  return Math.min(maxMs, Math.round(initialMs * factor ** attempt));
}

/** Timers, injectable so tests step through polls without waiting. */
export interface Scheduler {
  /** Runs `task` after `delayMs`; returns a function that cancels it if it has not run. */
  schedule(task: () => Promise<void>, delayMs: number): () => void;
}

export const realScheduler: Scheduler = {
  schedule(task, delayMs) {
    const timer = setTimeout(() => void task(), delayMs);
    // A waiting payment must not keep a closing process alive.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export interface WatchedPayment extends PaymentStatusQuery {
  readonly id: number;
}

export interface StatusPollerOptions {
  source: PaymentStatusSource;
  /**
   * Called when the source reports the payment paid; the poller then forgets
   * it. When it throws (the database busy), the payment is asked about again later.
   */
  onPaid: (payment: WatchedPayment, receiptNumber: string | null) => void;
  /** Asked before each question: false forgets the payment (settled meanwhile, or its day is over). */
  stillDue?: (payment: WatchedPayment) => boolean;
  policy?: PollPolicy;
  scheduler?: Scheduler;
  log: Logger;
}

export interface StatusPoller {
  watch(payment: WatchedPayment): void;
  unwatch(paymentId: number): void;
  /** Payment ids being watched. */
  watching(): number[];
  close(): void;
}

export function createStatusPoller(options: StatusPollerOptions): StatusPoller {
  const policy = options.policy ?? DEFAULT_POLL_POLICY;
  const scheduler = options.scheduler ?? realScheduler;
  const cancels = new Map<number, () => void>();

  const next = (payment: WatchedPayment, attempt: number): void => {
    const cancel = scheduler.schedule(() => ask(payment, attempt), pollDelay(policy, attempt));
    cancels.set(payment.id, cancel);
  };

  const stillDue = (payment: WatchedPayment): boolean => {
    try {
      return options.stillDue?.(payment) ?? true;
    } catch (error) {
      options.log.warn('payment could not be looked at; asking later', { paymentId: payment.id, error: errorKind(error) });
      return true;
    }
  };

  const ask = async (payment: WatchedPayment, attempt: number): Promise<void> => {
    if (!stillDue(payment)) {
      cancels.delete(payment.id);
      return;
    }
    let report: unknown;
    try {
      report = await options.source.status({
        visitId: payment.visitId,
        reference: payment.reference,
        amount: payment.amount,
        ...(payment.reversedPaymentIds ? { reversedPaymentIds: payment.reversedPaymentIds } : {}),
      });
    } catch (error) {
      // The reference is not personal data; the error text may come from the HIS, so only its kind is logged.
      options.log.warn('payment status not available', { paymentId: payment.id, error: errorKind(error) });
      report = { state: 'unknown' } as const;
    }
    if (!cancels.has(payment.id)) return; // unwatched while the question was out
    // An adapter's answer is checked, not trusted: anything but a clear "paid" means ask again.
    if (isPaid(report)) {
      try {
        options.onPaid(payment, typeof report.receiptNumber === 'string' ? report.receiptNumber : null);
        cancels.delete(payment.id);
        return;
      } catch (error) {
        // Not recorded (e.g. the database busy): the HIS will say "paid" again at the next question.
        options.log.error('paid payment not recorded; asking again later', { paymentId: payment.id, error: errorKind(error) });
      }
    }
    if (cancels.has(payment.id)) next(payment, attempt + 1);
  };

  return {
    watch(payment) {
      if (cancels.has(payment.id)) return;
      next(payment, 0);
    },
    unwatch(paymentId) {
      cancels.get(paymentId)?.();
      cancels.delete(paymentId);
    },
    watching: () => [...cancels.keys()],
    close() {
      for (const cancel of cancels.values()) cancel();
      cancels.clear();
    },
  };
}

/** Only the kind of an error: its text may come from the HIS or the database and name a patient. */
function errorKind(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

function isPaid(report: unknown): report is Extract<PaymentStatusReport, { state: 'paid' }> {
  return typeof report === 'object' && report !== null && (report as { state?: unknown }).state === 'paid';
}
