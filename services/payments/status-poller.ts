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
  /** Called once when the source reports the payment paid; the poller then forgets it. */
  onPaid: (payment: WatchedPayment, receiptNumber: string | null) => void;
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

  const ask = async (payment: WatchedPayment, attempt: number): Promise<void> => {
    let report: unknown;
    try {
      report = await options.source.status({ visitId: payment.visitId, reference: payment.reference, amount: payment.amount });
    } catch (error) {
      // The reference is not personal data; the error text may come from the HIS, so only its kind is logged.
      options.log.warn('payment status not available', { paymentId: payment.id, error: error instanceof Error ? error.name : typeof error });
      report = { state: 'unknown' } as const;
    }
    if (!cancels.has(payment.id)) return; // unwatched while the question was out
    // An adapter's answer is checked, not trusted: anything but a clear "paid" means ask again.
    if (isPaid(report)) {
      cancels.delete(payment.id);
      options.onPaid(payment, typeof report.receiptNumber === 'string' ? report.receiptNumber : null);
      return;
    }
    next(payment, attempt + 1);
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

function isPaid(report: unknown): report is Extract<PaymentStatusReport, { state: 'paid' }> {
  return typeof report === 'object' && report !== null && (report as { state?: unknown }).state === 'paid';
}
