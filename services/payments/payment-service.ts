/**
 * The fee of a visit at the desk: start a payment (the amount from the visit
 * type's fee, a dynamic VietQR whose purpose carries the visit reference), then
 * waiting → paid when the HIS reports the transfer, when the clerk confirms it
 * seen on the account, or when the clerk takes cash; or waiting → cancelled.
 * A payment the clerk confirmed by mistake is reopened: paid → reversed, and a
 * new waiting payment of the same amount takes its place.
 * Every change is audited with desk and user; the audit holds ids, amounts and
 * receipt numbers, never personal data.
 */
import type { AuditLog } from '../../db/audit.ts';
import type { PaymentRecord, PaymentRepository } from '../../db/payments.ts';
import type { VisitRecord, VisitRepository } from '../../db/visits.ts';
import { canChangeVisitStatus, vietnamDay, type Desk, type VisitStatus, type VisitType } from '../../domain/checkin/index.ts';
import { AppError } from '../../domain/errors.ts';
import {
  ReceiptNumberSchema,
  type PaymentCancelInput,
  type PaymentConfirmInput,
  type PaymentQr,
  type PaymentReopenInput,
  type PaymentSettings,
  type PaymentView,
  type PaymentVisitInput,
} from '../../domain/payment-api.ts';
import { encodeVietQr, findBankByBin, purposeFromVisitReference } from '../../domain/payment/index.ts';
import { silentLogger, type Logger } from '../log.ts';
import type { PaymentStatusSource } from './payment-status-source.ts';
import { createStatusPoller, type PollPolicy, type Scheduler, type StatusPoller } from './status-poller.ts';

/** What the service writes through; its writes are grouped in one transaction. */
export interface PaymentStore {
  payments: PaymentRepository;
  visits: Pick<VisitRepository, 'find' | 'update'>;
  audit: AuditLog;
  transaction<T>(work: () => T): T;
}

export interface PaymentServiceOptions {
  /** Undefined while the database is not open: every call answers DB_NOT_READY. */
  store: PaymentStore | undefined;
  desk: Desk;
  /** Who acts, as the audit log and the records name them: the signed-in clerk. */
  user: () => string;
  settings: () => PaymentSettings;
  /** The HIS's word on transfers; null until there is an adapter (the clerk confirms). */
  statusSource: PaymentStatusSource | null;
  /** Every change of a payment, for the payment.changed event. */
  onChanged?: (payment: PaymentView) => void;
  /** After every change of a visit's payment has committed. */
  onVisitPaymentChanged?: (visitId: number) => void;
  /**
   * Runs inside the transaction that marks a payment paid (by the clerk or
   * the HIS), e.g. to queue the HIS update with it: both are kept or neither.
   */
  recordPaid?: (payment: PaymentRecord) => void;
  /** Runs inside the transaction that reverses a paid payment, e.g. to queue the HIS's undoing of it. */
  recordReversed?: (payment: PaymentRecord) => void;
  poll?: PollPolicy;
  scheduler?: Scheduler;
  log?: Logger;
  /** The clock that says when a visit's day is over (tests set it). */
  now?: () => Date;
}

export interface PaymentService {
  /** The visit's payment: the one waiting or paid, or a new one. */
  start(input: PaymentVisitInput): PaymentView;
  get(input: PaymentVisitInput): PaymentView;
  confirm(input: PaymentConfirmInput): PaymentView;
  cancel(input: PaymentCancelInput): PaymentView;
  /**
   * Takes back a payment the clerk confirmed by mistake: the paid record is
   * kept as reversed, the visit waits for payment again, and a new waiting
   * payment of the same amount (a fresh VietQR) is returned.
   */
  reopen(input: PaymentReopenInput): PaymentView;
  /**
   * The visit is being cancelled: its waiting payment is cancelled too. Call
   * it inside the cancellation's transaction; the payment.changed event
   * follows once that transaction has committed.
   */
  cancelWithVisit(visitId: number): void;
  /** Asks the status source again about every waiting payment of today (after a restart). */
  resume(): void;
  close(): void;
}

/** The "confirmed by" of a payment the HIS reported. */
export const HIS_CONFIRMER = 'his';

/**
 * The reference a transfer purpose carries: desk letter and visit id (unique
 * across the desks, whose letters differ) and the day, e.g. "TD A12 20260302".
 */
export function visitReference(desk: Desk, visit: Pick<VisitRecord, 'id' | 'day'>): string {
  return `TD ${desk.prefix}${visit.id} ${visit.day.replaceAll('-', '')}`;
}

export function createPaymentService(options: PaymentServiceOptions): PaymentService {
  const { desk, user } = options;
  const log = options.log ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const ready = (): PaymentStore => {
    if (!options.store) throw new AppError('DB_NOT_READY', 'The payment database is not open');
    return options.store;
  };

  const toView = (record: PaymentRecord, visitType: VisitType): PaymentView => {
    const settings = options.settings();
    const waiting = record.status === 'waiting';
    const qr =
      record.payload === null || record.bankBin === null || record.accountNumber === null
        ? null
        : {
            payload: record.payload,
            bank: bankOf(record.bankBin),
            accountNumber: record.accountNumber,
            accountName: record.accountName ?? '',
            purpose: record.reference,
          };
    return {
      id: record.id,
      visitId: record.visitId,
      visitType,
      reference: record.reference,
      amount: record.amount,
      method: record.method,
      status: record.status,
      qr,
      confirmation: record.confirmation,
      receiptNumber: record.receiptNumber,
      confirmedBy: record.confirmedBy,
      canConfirmByHand: waiting && qr !== null && settings.allowManualConfirm,
      canTakeCash: waiting && settings.allowCash,
      desk: record.desk,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      paidAt: record.paidAt,
      cancelledAt: record.cancelledAt,
    };
  };

  const visitOf = (store: PaymentStore, visitId: number): VisitRecord => {
    const visit = store.visits.find(visitId);
    if (!visit) throw new AppError('VISIT_NOT_FOUND', `No visit ${visitId}`);
    return visit;
  };

  const announce = (view: PaymentView): PaymentView => {
    try {
      options.onChanged?.(view);
      options.onVisitPaymentChanged?.(view.visitId);
    } catch (error) {
      log.error('payment change listener failed', { paymentId: view.id, error: error instanceof Error ? error.message : String(error) });
    }
    return view;
  };

  /** Marks the visit paid when its status allows it; the payment row is the record either way. */
  const markVisitPaid = (store: PaymentStore, visit: VisitRecord): void => {
    if (canChangeVisitStatus(visit.status as VisitStatus, 'paid')) store.visits.update(visit.id, { status: 'paid' });
  };

  const paidByHis = (paymentId: number, reported: string | null): void => {
    const store = options.store;
    if (!store) return;
    const receipt = reported === null ? null : ReceiptNumberSchema.safeParse(reported);
    if (receipt && !receipt.success) log.warn('the HIS gave a malformed receipt number; payment recorded without it', { paymentId });
    const receiptNumber = receipt?.success ? receipt.data : null;
    const settled = store.transaction(() => {
      const paid = store.payments.markPaid(paymentId, { method: 'vietqr', confirmation: 'his', receiptNumber, confirmedBy: HIS_CONFIRMER });
      if (!paid) return undefined;
      const visit = visitOf(store, paid.visitId);
      markVisitPaid(store, visit);
      options.recordPaid?.(paid);
      store.audit.append({
        desk: desk.id,
        user: HIS_CONFIRMER,
        action: 'payment.paid',
        patientId: visit.patientId,
        detail: { visitId: visit.id, paymentId, method: 'vietqr', amount: paid.amount, confirmation: 'his', receiptNumber },
      });
      return { paid, visit };
    });
    if (settled) announce(toView(settled.paid, settled.visit.visitType as VisitType));
  };

  const poller: StatusPoller | null = options.statusSource
    ? createStatusPoller({
        source: options.statusSource,
        onPaid: (payment, receiptNumber) => paidByHis(payment.id, receiptNumber),
        stillDue: (payment) => stillDue(payment.id),
        ...(options.poll ? { policy: options.poll } : {}),
        ...(options.scheduler ? { scheduler: options.scheduler } : {}),
        log,
      })
    : null;
  const watch = (record: PaymentRecord): void => {
    if (record.status === 'waiting' && record.payload !== null) {
      // The visit's reversed payments may still be booked at the HIS until their undoing reaches it: not counted as paid.
      const reversed = options.store?.payments.reversedOfVisit(record.visitId) ?? [];
      poller?.watch({ id: record.id, visitId: record.visitId, reference: record.reference, amount: record.amount, ...(reversed.length > 0 ? { reversedPaymentIds: reversed } : {}) });
    }
  };

  /**
   * Whether to keep asking the HIS about a payment: it still waits and its
   * visit's day (in Vietnam) is not over. A payment of an earlier day stays
   * waiting for the clerk to settle or cancel.
   */
  function stillDue(paymentId: number): boolean {
    const store = options.store;
    const payment = store?.payments.find(paymentId);
    if (!store || payment?.status !== 'waiting') return false;
    const visit = store.visits.find(payment.visitId);
    if (!visit || visit.status === 'cancelled') return false;
    const today = vietnamDay(now());
    if (today !== null && visit.day < today) {
      log.info('waiting payment no longer asked about: its day is over', { paymentId });
      return false;
    }
    return true;
  }

  const refuseCancelledVisit = (visit: VisitRecord): void => {
    if (visit.status === 'cancelled') throw new AppError('PAYMENT_NOT_NEEDED', `Visit ${visit.id} is cancelled`);
  };

  /** The visit's payment still waiting; the errors say why there is none. */
  const waitingPayment = (store: PaymentStore, visitId: number): PaymentRecord => {
    const payment = store.payments.latestForVisit(visitId);
    if (!payment) throw new AppError('PAYMENT_NOT_FOUND', `Visit ${visitId} has no payment`);
    if (payment.status !== 'waiting') throw new AppError('PAYMENT_SETTLED', `The payment of visit ${visitId} is ${payment.status}`);
    return payment;
  };

  /** A new waiting payment of `amount` for the visit, with a VietQR from the current settings. Call it inside a transaction. */
  const insertWaiting = (store: PaymentStore, visit: VisitRecord, amount: number): PaymentRecord => {
    const settings = options.settings();
    const reference = visitReference(desk, visit);
    const qr = vietQrFor(settings, amount, reference);
    if (qr === null && !settings.allowCash) {
      throw new AppError('PAYMENT_NOT_CONFIGURED', 'No receiving bank account is set and cash is not allowed');
    }
    return store.payments.insert({
      visitId: visit.id,
      reference,
      amount,
      method: qr === null ? 'cash' : 'vietqr',
      payload: qr,
      bankBin: qr === null ? null : settings.bankBin,
      accountNumber: qr === null ? null : settings.accountNumber,
      accountName: qr === null ? null : settings.accountName,
      desk: desk.id,
    });
  };

  /** The visit's newest payment when it is one the clerk confirmed paid; the errors say why it cannot be reopened. */
  const paidByClerk = (store: PaymentStore, visitId: number): PaymentRecord => {
    const payment = store.payments.latestForVisit(visitId);
    if (!payment) throw new AppError('PAYMENT_NOT_FOUND', `Visit ${visitId} has no payment`);
    if (payment.status !== 'paid') throw new AppError('PAYMENT_NOT_PAID', `The payment of visit ${visitId} is ${payment.status}`);
    if (payment.confirmation !== 'clerk') {
      throw new AppError('PAYMENT_CONFIRMED_BY_HIS', `The HIS reported the payment of visit ${visitId}: it is corrected at the HIS`);
    }
    return payment;
  };

  /**
   * The visit goes back to the step before its payment. A deliberate move
   * backwards, outside the forward transitions: only a reopened payment makes it.
   */
  const markVisitUnpaid = (store: PaymentStore, visit: VisitRecord): void => {
    if (visit.status === 'paid') store.visits.update(visit.id, { status: visit.biometric === null ? 'ticket-printed' : 'biometric-done' });
  };

  return {
    start({ visitId }) {
      const store = ready();
      const visit = visitOf(store, visitId);
      const visitType = visit.visitType as VisitType;
      const existing = store.payments.latestForVisit(visitId);
      if (existing?.status === 'paid') return toView(existing, visitType);
      refuseCancelledVisit(visit);
      if (existing?.status === 'waiting') {
        watch(existing);
        return toView(existing, visitType);
      }

      const amount = options.settings().fees[visitType] ?? 0;
      if (amount === 0) throw new AppError('PAYMENT_NOT_NEEDED', `No fee is set for ${visitType} visits`);

      const record = store.transaction(() => {
        const inserted = insertWaiting(store, visit, amount);
        store.audit.append({
          desk: desk.id,
          user: user(),
          action: 'payment.start',
          patientId: visit.patientId,
          detail: { visitId, paymentId: inserted.id, amount, method: inserted.method, reference: inserted.reference },
        });
        return inserted;
      });
      watch(record);
      return announce(toView(record, visitType));
    },

    get({ visitId }) {
      const store = ready();
      const visit = visitOf(store, visitId);
      const payment = store.payments.latestForVisit(visitId);
      if (!payment) throw new AppError('PAYMENT_NOT_FOUND', `Visit ${visitId} has no payment`);
      return toView(payment, visit.visitType as VisitType);
    },

    confirm({ visitId, method, receiptNumber }) {
      const store = ready();
      const visit = visitOf(store, visitId);
      refuseCancelledVisit(visit);
      const payment = waitingPayment(store, visitId);
      const settings = options.settings();
      if (method === 'vietqr' && !(settings.allowManualConfirm && payment.payload !== null)) {
        throw new AppError('PAYMENT_NOT_ALLOWED', 'This desk may not confirm a VietQR payment by hand');
      }
      if (method === 'cash' && !settings.allowCash) throw new AppError('PAYMENT_NOT_ALLOWED', 'This desk may not take cash');

      const paid = store.transaction(() => {
        refuseCancelledVisit(visitOf(store, visitId));
        const settled = store.payments.markPaid(payment.id, { method, confirmation: 'clerk', receiptNumber, confirmedBy: user() });
        if (!settled) throw new AppError('PAYMENT_SETTLED', `The payment of visit ${visitId} was settled meanwhile`);
        markVisitPaid(store, visit);
        options.recordPaid?.(settled);
        store.audit.append({
          desk: desk.id,
          user: user(),
          action: 'payment.confirm',
          patientId: visit.patientId,
          detail: { visitId, paymentId: payment.id, method, amount: payment.amount, confirmation: 'clerk', receiptNumber },
        });
        return settled;
      });
      poller?.unwatch(payment.id);
      return announce(toView(paid, visit.visitType as VisitType));
    },

    cancel({ visitId, reason }) {
      const store = ready();
      const visit = visitOf(store, visitId);
      const payment = waitingPayment(store, visitId);
      const cancelled = store.transaction(() => {
        const settled = store.payments.markCancelled(payment.id, user());
        if (!settled) throw new AppError('PAYMENT_SETTLED', `The payment of visit ${visitId} was settled meanwhile`);
        // The reason is free text: whether there was one is audited, not what it says.
        store.audit.append({
          desk: desk.id,
          user: user(),
          action: 'payment.cancel',
          patientId: visit.patientId,
          detail: { visitId, paymentId: payment.id, amount: payment.amount, reasonGiven: (reason ?? '') !== '' },
        });
        return settled;
      });
      poller?.unwatch(payment.id);
      return announce(toView(cancelled, visit.visitType as VisitType));
    },

    reopen({ visitId, reason }) {
      const store = ready();
      refuseCancelledVisit(visitOf(store, visitId));
      const paid = paidByClerk(store, visitId);
      const reopened = store.transaction(() => {
        const visit = visitOf(store, visitId);
        refuseCancelledVisit(visit);
        if (paidByClerk(store, visitId).id !== paid.id) throw new AppError('PAYMENT_SETTLED', `The payment of visit ${visitId} changed meanwhile`);
        const reversed = store.payments.markReversed(paid.id, user());
        if (!reversed) throw new AppError('PAYMENT_SETTLED', `The payment of visit ${visitId} changed meanwhile`);
        markVisitUnpaid(store, visit);
        const waiting = insertWaiting(store, visit, paid.amount);
        options.recordReversed?.(reversed);
        // The reason is free text: whether there was one is audited, not what it says.
        store.audit.append({
          desk: desk.id,
          user: user(),
          action: 'payment.reopen',
          patientId: visit.patientId,
          detail: {
            visitId,
            paymentId: paid.id,
            newPaymentId: waiting.id,
            amount: paid.amount,
            method: paid.method,
            receiptNumber: paid.receiptNumber,
            reasonGiven: reason.trim() !== '',
          },
        });
        return { waiting, visit };
      });
      watch(reopened.waiting);
      return announce(toView(reopened.waiting, reopened.visit.visitType as VisitType));
    },

    cancelWithVisit(visitId) {
      const store = ready();
      const payment = store.payments.latestForVisit(visitId);
      if (payment?.status !== 'waiting') return;
      const visit = visitOf(store, visitId);
      const cancelled = store.payments.markCancelled(payment.id, user());
      if (!cancelled) return;
      store.audit.append({
        desk: desk.id,
        user: user(),
        action: 'payment.cancel',
        patientId: visit.patientId,
        detail: { visitId, paymentId: payment.id, amount: payment.amount, visitCancelled: true },
      });
      // Runs after the caller's transaction: announced only if the cancellation was kept.
      queueMicrotask(() => {
        const kept = options.store?.payments.find(payment.id);
        if (kept?.status !== 'cancelled') return;
        poller?.unwatch(payment.id);
        announce(toView(kept, visit.visitType as VisitType));
      });
    },

    resume() {
      if (!poller || !options.store) return;
      const today = vietnamDay(now());
      if (today === null) return;
      // A payment is made on its visit's day: those of earlier days are the clerk's to settle.
      const since = new Date(`${today}T00:00:00+07:00`).toISOString();
      for (const payment of options.store.payments.waiting({ since })) watch(payment);
    },

    close() {
      poller?.close();
    },
  };
}

/** The dynamic VietQR for the desk's account, or null when no account is set. */
function vietQrFor(settings: PaymentSettings, amount: number, reference: string): string | null {
  if (settings.bankBin === null || settings.accountNumber === null) return null;
  const purpose = purposeFromVisitReference(reference);
  if (!purpose.ok) throw new AppError('INTERNAL', `The visit reference makes no transfer purpose: ${purpose.error.message}`);
  const payload = encodeVietQr({ bankBin: settings.bankBin, account: settings.accountNumber, amount, purpose: purpose.value });
  if (!payload.ok) throw new AppError('PAYMENT_NOT_CONFIGURED', `The payment settings make no VietQR: ${payload.error.message}`, payload.error);
  return payload.value;
}

function bankOf(bin: string): PaymentQr['bank'] {
  const bank = findBankByBin(bin);
  return bank ? { bin, shortName: bank.shortName, name: bank.name } : { bin, shortName: bin, name: '' };
}
