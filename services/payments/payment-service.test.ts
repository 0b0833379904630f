import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCheckinStore } from '../../db/checkin-store.ts';
import { createPaymentRepository } from '../../db/payments.ts';
import { openTestDatabase } from '../../db/testing/test-database.ts';
import type { Desk } from '../../domain/checkin/index.ts';
import { AppError, type ErrorCode } from '../../domain/errors.ts';
import { DEFAULT_PAYMENT_SETTINGS, type PaymentSettings, type PaymentView } from '../../domain/payment-api.ts';
import { parseVietQr } from '../../domain/payment/index.ts';
import type { PaymentStatusQuery, PaymentStatusReport, PaymentStatusSource } from './payment-status-source.ts';
import { createPaymentService, visitReference, type PaymentServiceOptions } from './payment-service.ts';
import { ManualScheduler } from './testing-scheduler.ts';

const DESK: Desk = { id: 'quay-1', prefix: 'A', name: 'Quầy 1' };
const CONFIGURED: PaymentSettings = {
  ...DEFAULT_PAYMENT_SETTINGS,
  bankBin: '970436',
  accountNumber: '0011001234567',
  accountName: 'BENH VIEN DA KHOA THU',
  fees: { bhyt: 0, 'fee-paying': 150_000, 'on-demand': 300_000 },
};

interface Harness {
  service: ReturnType<typeof createPaymentService>;
  store: ReturnType<typeof createCheckinStore>;
  payments: ReturnType<typeof createPaymentRepository>;
  changes: PaymentView[];
  visitChanges: number[];
  scheduler: ManualScheduler;
  settings: { current: PaymentSettings };
  /** The clock of the service and its repositories. */
  clock: { now: Date };
  addVisit(visitType?: string, status?: string): number;
  [Symbol.dispose](): void;
}

function harness(overrides: Partial<PaymentServiceOptions> = {}, settings: PaymentSettings = CONFIGURED): Harness {
  const t = openTestDatabase();
  t.db.prepare(
    "INSERT INTO patients (id, full_name, name_search, birth_date, birth_year, sex, created_at, updated_at) VALUES (1, 'A', 'a', '1990', 1990, 'male', '', '')",
  ).run();
  const clock = { now: new Date('2026-03-02T03:00:00.000Z') };
  const now = () => clock.now;
  const store = createCheckinStore(t.db, now);
  const changes: PaymentView[] = [];
  const visitChanges: number[] = [];
  const scheduler = new ManualScheduler();
  const current = { current: settings };
  const payments = createPaymentRepository(t.db, now);
  const service = createPaymentService({
    store: { ...store, payments },
    desk: DESK,
    user: () => 'thu.ngan',
    settings: () => current.current,
    statusSource: null,
    onChanged: (view) => changes.push(view),
    onVisitPaymentChanged: (visitId) => visitChanges.push(visitId),
    scheduler,
    now,
    ...overrides,
  });
  return {
    service,
    store,
    payments,
    changes,
    visitChanges,
    scheduler,
    settings: current,
    clock,
    addVisit(visitType = 'fee-paying', status = 'queued') {
      return store.visits.insert({
        patientId: 1,
        day: '2026-03-02',
        clinicId: 'K01',
        clinicName: 'Khám Nội',
        clinicRoom: null,
        visitType,
        priorities: [],
        reason: null,
        referralNumber: null,
        appointmentNumber: null,
        queueNumber: null,
        queueFallback: null,
        status,
        desk: DESK.id,
      }).id;
    },
    [Symbol.dispose]() {
      service.close();
      t[Symbol.dispose]();
    },
  };
}

function refusedWith(code: ErrorCode, work: () => unknown): void {
  assert.throws(work, (error: unknown) => error instanceof AppError && error.code === code);
}

function scripted(script: PaymentStatusReport[]): PaymentStatusSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    status: ({ reference }) => {
      asked.push(reference);
      return Promise.resolve(script.shift() ?? { state: 'waiting' });
    },
  };
}

describe('payment service: starting', () => {
  it("makes a dynamic VietQR for the visit type's fee, with the visit reference as its purpose", () => {
    using h = harness();
    const visitId = h.addVisit('on-demand');
    const view = h.service.start({ visitId });
    assert.equal(view.status, 'waiting');
    assert.equal(view.amount, 300_000);
    assert.equal(view.method, 'vietqr');
    assert.equal(view.reference, `TD A${visitId} 20260302`);
    assert.equal(view.reference, visitReference(DESK, { id: visitId, day: '2026-03-02' }));
    assert.ok(view.qr);
    assert.deepEqual(view.qr.bank, { bin: '970436', shortName: 'Vietcombank', name: 'Ngân hàng TMCP Ngoại thương Việt Nam' });
    assert.equal(view.qr.accountName, 'BENH VIEN DA KHOA THU');
    const parsed = parseVietQr(view.qr.payload);
    assert.ok(parsed.ok, !parsed.ok ? parsed.error.message : '');
    assert.equal(parsed.value.initiation, 'dynamic');
    assert.equal(parsed.value.amount, 300_000);
    assert.equal(parsed.value.bankBin, '970436');
    assert.equal(parsed.value.account, '0011001234567');
    assert.equal(parsed.value.purpose, view.reference);
    assert.equal(view.canConfirmByHand, true);
    assert.equal(view.canTakeCash, true);
    assert.deepEqual(h.changes.map((c) => c.status), ['waiting']);
    assert.deepEqual(h.visitChanges, [visitId]);
  });

  it('gives the same waiting payment when started again, and audits the start once', () => {
    using h = harness();
    const visitId = h.addVisit();
    const first = h.service.start({ visitId });
    const again = h.service.start({ visitId });
    assert.deepEqual(again, first);
    assert.deepEqual(h.service.get({ visitId }), first);
    const starts = h.store.audit.query().filter((line) => line.action === 'payment.start');
    assert.equal(starts.length, 1);
    assert.deepEqual(starts[0]!.detail, { visitId, paymentId: first.id, amount: 150_000, method: 'vietqr', reference: first.reference });
    assert.equal(starts[0]!.desk, 'quay-1');
    assert.equal(starts[0]!.user, 'thu.ngan');
    assert.equal(starts[0]!.patientId, 1);
  });

  it('says there is nothing to pay when the fee is 0 (BHYT) or the visit is cancelled, and names an unknown visit', () => {
    using h = harness();
    refusedWith('PAYMENT_NOT_NEEDED', () => h.service.start({ visitId: h.addVisit('bhyt') }));
    refusedWith('VISIT_NOT_FOUND', () => h.service.start({ visitId: 999 }));
    refusedWith('PAYMENT_NOT_NEEDED', () => h.service.start({ visitId: h.addVisit('fee-paying', 'cancelled') }));
    refusedWith('PAYMENT_NOT_FOUND', () => h.service.get({ visitId: h.addVisit() }));
  });

  it('without a bank account takes cash only, and refuses when cash is not allowed either', () => {
    using h = harness({}, { ...CONFIGURED, bankBin: null });
    const view = h.service.start({ visitId: h.addVisit() });
    assert.equal(view.qr, null);
    assert.equal(view.method, 'cash');
    assert.equal(view.canConfirmByHand, false);
    assert.equal(view.canTakeCash, true);
    h.settings.current = { ...CONFIGURED, bankBin: null, allowCash: false };
    refusedWith('PAYMENT_NOT_CONFIGURED', () => h.service.start({ visitId: h.addVisit() }));
  });

  it('answers DB_NOT_READY without a database', () => {
    const service = createPaymentService({ store: undefined, desk: DESK, user: () => 'x', settings: () => CONFIGURED, statusSource: null });
    refusedWith('DB_NOT_READY', () => service.start({ visitId: 1 }));
  });
});

describe('payment service: waiting → paid or cancelled', () => {
  it('the clerk confirms a transfer seen on the account: paid, receipt kept, visit paid, audited with desk, user and time', () => {
    using h = harness();
    const visitId = h.addVisit('fee-paying', 'ticket-printed');
    const started = h.service.start({ visitId });
    const paid = h.service.confirm({ visitId, method: 'vietqr', receiptNumber: 'BL-000123' });
    assert.equal(paid.status, 'paid');
    assert.equal(paid.method, 'vietqr');
    assert.equal(paid.confirmation, 'clerk');
    assert.equal(paid.confirmedBy, 'thu.ngan');
    assert.equal(paid.receiptNumber, 'BL-000123');
    assert.ok(paid.paidAt);
    assert.equal(paid.canConfirmByHand, false);
    assert.equal(paid.canTakeCash, false);
    assert.equal(h.store.visits.find(visitId)?.status, 'paid');
    const line = h.store.audit.query().find((entry) => entry.action === 'payment.confirm');
    assert.ok(line);
    assert.equal(line.desk, 'quay-1');
    assert.equal(line.user, 'thu.ngan');
    assert.match(line.at, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(line.detail, {
      visitId,
      paymentId: started.id,
      method: 'vietqr',
      amount: 150_000,
      confirmation: 'clerk',
      receiptNumber: 'BL-000123',
    });
    assert.deepEqual(h.changes.map((c) => c.status), ['waiting', 'paid']);
    assert.deepEqual(h.visitChanges, [visitId, visitId]);
    // Settled is final.
    refusedWith('PAYMENT_SETTLED', () => h.service.confirm({ visitId, method: 'cash', receiptNumber: 'BL-2' }));
    refusedWith('PAYMENT_SETTLED', () => h.service.cancel({ visitId }));
    assert.deepEqual(h.service.start({ visitId }), paid);
  });

  it('cash instead: the method becomes cash; a queued visit keeps its status (it cannot jump to paid)', () => {
    using h = harness();
    const visitId = h.addVisit();
    h.service.start({ visitId });
    const paid = h.service.confirm({ visitId, method: 'cash', receiptNumber: 'TM/2026/77' });
    assert.equal(paid.method, 'cash');
    assert.equal(paid.receiptNumber, 'TM/2026/77');
    assert.equal(h.store.visits.find(visitId)?.status, 'queued');
    assert.equal(h.store.audit.query().find((entry) => entry.action === 'payment.confirm')?.detail['method'], 'cash');
  });

  it("refuses what the desk's settings do not allow, and confirmation before any start", () => {
    using h = harness({}, { ...CONFIGURED, allowManualConfirm: false, allowCash: false });
    const visitId = h.addVisit();
    refusedWith('PAYMENT_NOT_FOUND', () => h.service.confirm({ visitId, method: 'cash', receiptNumber: 'BL-1' }));
    const view = h.service.start({ visitId });
    assert.equal(view.canConfirmByHand, false);
    assert.equal(view.canTakeCash, false);
    refusedWith('PAYMENT_NOT_ALLOWED', () => h.service.confirm({ visitId, method: 'vietqr', receiptNumber: 'BL-1' }));
    refusedWith('PAYMENT_NOT_ALLOWED', () => h.service.confirm({ visitId, method: 'cash', receiptNumber: 'BL-1' }));
    assert.equal(h.service.get({ visitId }).status, 'waiting');
  });

  it('cancels a waiting payment (audited without the reason text); a new start makes a new payment', () => {
    using h = harness();
    const visitId = h.addVisit();
    const first = h.service.start({ visitId });
    const cancelled = h.service.cancel({ visitId, reason: 'Người bệnh đổi ý' });
    assert.equal(cancelled.status, 'cancelled');
    assert.ok(cancelled.cancelledAt);
    const line = h.store.audit.query().find((entry) => entry.action === 'payment.cancel');
    assert.deepEqual(line?.detail, { visitId, paymentId: first.id, amount: 150_000, reasonGiven: true });
    assert.ok(!JSON.stringify(h.store.audit.query()).includes('đổi ý'));
    refusedWith('PAYMENT_SETTLED', () => h.service.cancel({ visitId }));
    const second = h.service.start({ visitId });
    assert.notEqual(second.id, first.id);
    assert.equal(second.status, 'waiting');
  });
});

describe('payment service: the HIS reports the transfer', () => {
  it('polls with backoff until paid, records the HIS receipt, audits it as the HIS, and announces it', async () => {
    const source = scripted([{ state: 'waiting' }, { state: 'unknown' }, { state: 'paid', receiptNumber: 'HIS-55' }]);
    using h = harness({ statusSource: source, poll: { initialMs: 100, factor: 2, maxMs: 1_000 } });
    const visitId = h.addVisit('fee-paying', 'biometric-done');
    const started = h.service.start({ visitId });
    while (await h.scheduler.runNext());
    assert.deepEqual(source.asked, Array(3).fill(started.reference));
    assert.deepEqual(h.scheduler.delays, [100, 200, 400]);
    const paid = h.service.get({ visitId });
    assert.equal(paid.status, 'paid');
    assert.equal(paid.confirmation, 'his');
    assert.equal(paid.confirmedBy, 'his');
    assert.equal(paid.receiptNumber, 'HIS-55');
    assert.equal(h.store.visits.find(visitId)?.status, 'paid');
    const line = h.store.audit.query().find((entry) => entry.action === 'payment.paid');
    assert.equal(line?.user, 'his');
    assert.equal(line?.desk, 'quay-1');
    assert.equal(line?.detail['receiptNumber'], 'HIS-55');
    assert.deepEqual(h.changes.map((c) => c.status), ['waiting', 'paid']);
  });

  it('keeps a paid report whose receipt number is malformed, without the receipt', async () => {
    const source = scripted([{ state: 'paid', receiptNumber: '<script>' }]);
    using h = harness({ statusSource: source });
    const visitId = h.addVisit();
    h.service.start({ visitId });
    while (await h.scheduler.runNext());
    const paid = h.service.get({ visitId });
    assert.equal(paid.status, 'paid');
    assert.equal(paid.receiptNumber, null);
  });

  it('stops asking once the clerk settles the payment; resumes asking about waiting payments after a restart', async () => {
    const source = scripted([]);
    using h = harness({ statusSource: source });
    const visitId = h.addVisit();
    h.service.start({ visitId });
    assert.equal(h.scheduler.pending, 1);
    h.service.confirm({ visitId, method: 'cash', receiptNumber: 'BL-1' });
    assert.equal(h.scheduler.pending, 0);

    const other = h.addVisit();
    h.service.start({ visitId: other });
    h.service.close();
    assert.equal(h.scheduler.pending, 0);
    h.service.resume();
    assert.equal(h.scheduler.pending, 1);
    await h.scheduler.runNext();
    assert.deepEqual(source.asked, [visitReference(DESK, { id: other, day: '2026-03-02' })]);
  });

  it('does not poll a cash-only payment', () => {
    using h = harness({ statusSource: scripted([]) }, { ...CONFIGURED, bankBin: null });
    h.service.start({ visitId: h.addVisit() });
    assert.equal(h.scheduler.pending, 0);
  });
});

describe('payment service: what the HIS is told, and when asking stops', () => {
  it('records a paid payment inside its own transaction: when the record fails, the payment stays waiting', () => {
    let fail = true;
    const recorded: Array<[number, string]> = [];
    using h = harness({
      recordPaid: (payment) => {
        if (fail) throw new Error('outbox full');
        recorded.push([payment.visitId, payment.status]);
      },
    });
    const visitId = h.addVisit();
    h.service.start({ visitId });
    assert.throws(() => h.service.confirm({ visitId, method: 'cash', receiptNumber: 'BL-1' }), /outbox full/);
    assert.equal(h.service.get({ visitId }).status, 'waiting', 'rolled back with the record');
    fail = false;
    h.service.confirm({ visitId, method: 'cash', receiptNumber: 'BL-1' });
    assert.deepEqual(recorded, [[visitId, 'paid']]);
  });

  it('a "paid" from the HIS that cannot be recorded is asked about again, not lost', async () => {
    let busy = true;
    const source = scripted([{ state: 'paid', receiptNumber: 'HIS-1' }, { state: 'paid', receiptNumber: 'HIS-1' }]);
    using h = harness({
      statusSource: source,
      recordPaid: () => {
        if (busy) {
          busy = false;
          throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
        }
      },
    });
    const visitId = h.addVisit();
    h.service.start({ visitId });
    assert.equal(await h.scheduler.runNext(), true, 'the first report does not reject');
    assert.equal(h.service.get({ visitId }).status, 'waiting');
    while (await h.scheduler.runNext());
    assert.equal(h.service.get({ visitId }).status, 'paid');
    assert.equal(source.asked.length, 2);
  });

  it('stops asking the HIS once the visit day is over in Vietnam; the payment stays waiting and a restart does not ask again', async () => {
    const source = scripted([]);
    using h = harness({ statusSource: source });
    const visitId = h.addVisit();
    h.service.start({ visitId });
    await h.scheduler.runNext();
    h.clock.now = new Date('2026-03-02T16:59:00.000Z'); // 23:59 in Vietnam
    await h.scheduler.runNext();
    assert.equal(source.asked.length, 2);
    h.clock.now = new Date('2026-03-02T17:00:00.000Z'); // midnight in Vietnam: 3 March
    await h.scheduler.runNext();
    assert.equal(source.asked.length, 2, 'not asked on the next day');
    assert.equal(h.scheduler.pending, 0);
    assert.equal(h.service.get({ visitId }).status, 'waiting', 'left for the clerk');

    h.service.close();
    h.service.resume();
    assert.equal(h.scheduler.pending, 0, 'a restart asks only about today’s payments');
  });
});

describe('payment service: the visit is cancelled', () => {
  it('cancels the waiting payment inside the visit’s cancellation, stops asking, and announces it after the commit', async () => {
    const source = scripted([]);
    using h = harness({ statusSource: source });
    const visitId = h.addVisit();
    h.service.start({ visitId });
    assert.equal(h.scheduler.pending, 1);
    h.store.transaction(() => {
      h.service.cancelWithVisit(visitId);
      h.store.visits.update(visitId, { status: 'cancelled' });
    });
    assert.equal(h.service.get({ visitId }).status, 'cancelled');
    await Promise.resolve();
    assert.deepEqual(h.changes.map((c) => c.status), ['waiting', 'cancelled']);
    assert.equal(h.scheduler.pending, 0);
    const line = h.store.audit.query().find((entry) => entry.action === 'payment.cancel');
    assert.equal(line?.detail['visitCancelled'], true);
    refusedWith('PAYMENT_NOT_NEEDED', () => h.service.start({ visitId }));
    refusedWith('PAYMENT_NOT_NEEDED', () => h.service.confirm({ visitId, method: 'cash', receiptNumber: 'BL-2' }));
  });

  it('keeps the payment waiting and says nothing when the cancellation rolls back', async () => {
    using h = harness();
    const visitId = h.addVisit();
    h.service.start({ visitId });
    assert.throws(() =>
      h.store.transaction(() => {
        h.service.cancelWithVisit(visitId);
        throw new Error('cancellation refused');
      }),
    );
    await Promise.resolve();
    assert.equal(h.service.get({ visitId }).status, 'waiting');
    assert.deepEqual(h.changes.map((c) => c.status), ['waiting']);
  });

  it('refuses to take money for a visit cancelled with its payment still waiting', () => {
    using h = harness();
    const visitId = h.addVisit();
    h.service.start({ visitId });
    h.store.visits.update(visitId, { status: 'cancelled' });
    refusedWith('PAYMENT_NOT_NEEDED', () => h.service.confirm({ visitId, method: 'cash', receiptNumber: 'BL-1' }));
    refusedWith('PAYMENT_NOT_NEEDED', () => h.service.start({ visitId }));
    assert.equal(h.service.get({ visitId }).status, 'waiting');
  });
});

describe('payment service: taking back a payment the clerk confirmed by mistake', () => {
  const REASON = 'Bấm nhầm: người bệnh chưa chuyển khoản';

  it('keeps the paid record as reversed, undoes the visit’s paid status and waits again for the same amount with a fresh VietQR, audited without the reason', () => {
    const reversed: Array<[number, string]> = [];
    using h = harness({ recordReversed: (payment) => reversed.push([payment.id, payment.status]) });
    const visitId = h.addVisit('fee-paying', 'ticket-printed');
    const started = h.service.start({ visitId });
    h.service.confirm({ visitId, method: 'cash', receiptNumber: 'TM-12' });
    assert.equal(h.store.visits.find(visitId)?.status, 'paid');
    // The fee changed since: the patient still owes what was due when the visit was taken.
    h.settings.current = { ...CONFIGURED, fees: { ...CONFIGURED.fees, 'fee-paying': 200_000 } };

    const reopened = h.service.reopen({ visitId, reason: REASON });
    assert.notEqual(reopened.id, started.id);
    assert.equal(reopened.status, 'waiting');
    assert.equal(reopened.amount, 150_000);
    assert.equal(reopened.method, 'vietqr');
    assert.equal(reopened.confirmation, null);
    assert.equal(reopened.canTakeCash, true);
    assert.ok(reopened.qr);
    const qr = parseVietQr(reopened.qr.payload);
    assert.ok(qr.ok);
    assert.equal(qr.value.amount, 150_000);
    assert.equal(qr.value.purpose, reopened.reference);
    assert.deepEqual(h.service.get({ visitId }), reopened, 'the new payment is the visit’s payment now');

    const kept = h.payments.find(started.id);
    assert.equal(kept?.status, 'reversed', 'the paid record is kept, marked reversed');
    assert.equal(kept.receiptNumber, 'TM-12');
    assert.equal(kept.confirmedBy, 'thu.ngan');
    assert.equal(kept.reversedBy, 'thu.ngan');
    assert.ok(kept.paidAt && kept.reversedAt);
    assert.deepEqual(reversed, [[started.id, 'reversed']]);
    assert.equal(h.store.visits.find(visitId)?.status, 'ticket-printed', 'back to the step before the payment');

    const line = h.store.audit.query().find((entry) => entry.action === 'payment.reopen');
    assert.equal(line?.user, 'thu.ngan');
    assert.equal(line?.desk, 'quay-1');
    assert.deepEqual(line?.detail, {
      visitId,
      paymentId: started.id,
      newPaymentId: reopened.id,
      amount: 150_000,
      method: 'cash',
      receiptNumber: 'TM-12',
      reasonGiven: true,
    });
    assert.ok(!JSON.stringify(h.store.audit.query()).includes('Bấm nhầm'), 'free text is not audited');
    assert.deepEqual(h.changes.map((c) => c.status), ['waiting', 'paid', 'waiting']);

    // Taken again from there.
    const paidAgain = h.service.confirm({ visitId, method: 'vietqr', receiptNumber: 'BL-13' });
    assert.equal(paidAgain.id, reopened.id);
    assert.equal(h.store.visits.find(visitId)?.status, 'paid');
  });

  it('puts a visit whose identity was checked back to identity checked', () => {
    using h = harness();
    const visitId = h.addVisit('fee-paying', 'biometric-done');
    h.store.visits.update(visitId, { biometric: { decision: 'match', reason: null, by: 'thu.ngan', at: '2026-03-02T03:00:00.000Z' } });
    h.service.start({ visitId });
    h.service.confirm({ visitId, method: 'cash', receiptNumber: 'TM-1' });
    h.service.reopen({ visitId, reason: REASON });
    assert.equal(h.store.visits.find(visitId)?.status, 'biometric-done');
  });

  it('does it all in one transaction: when the HIS change cannot be queued, the payment stays paid and nothing is added', () => {
    using h = harness({
      recordReversed: () => {
        throw new Error('outbox full');
      },
    });
    const visitId = h.addVisit('fee-paying', 'ticket-printed');
    const started = h.service.start({ visitId });
    h.service.confirm({ visitId, method: 'cash', receiptNumber: 'TM-1' });
    assert.throws(() => h.service.reopen({ visitId, reason: REASON }), /outbox full/);
    const payment = h.service.get({ visitId });
    assert.equal(payment.id, started.id);
    assert.equal(payment.status, 'paid');
    assert.equal(h.store.visits.find(visitId)?.status, 'paid');
    assert.equal(h.store.audit.query().filter((entry) => entry.action === 'payment.reopen').length, 0);
    assert.deepEqual(h.changes.map((c) => c.status), ['waiting', 'paid']);
  });

  it('refuses a payment the HIS reported, one not paid, a visit with no payment or a cancelled visit, and says which', async () => {
    using h = harness({ statusSource: scripted([{ state: 'paid', receiptNumber: 'HIS-9' }]) });
    refusedWith('PAYMENT_NOT_FOUND', () => h.service.reopen({ visitId: h.addVisit(), reason: REASON }));
    refusedWith('VISIT_NOT_FOUND', () => h.service.reopen({ visitId: 99_999, reason: REASON }));

    const byHis = h.addVisit();
    h.service.start({ visitId: byHis });
    refusedWith('PAYMENT_NOT_PAID', () => h.service.reopen({ visitId: byHis, reason: REASON }));
    while (await h.scheduler.runNext());
    assert.equal(h.service.get({ visitId: byHis }).confirmation, 'his');
    refusedWith('PAYMENT_CONFIRMED_BY_HIS', () => h.service.reopen({ visitId: byHis, reason: REASON }));
    assert.equal(h.service.get({ visitId: byHis }).status, 'paid');

    const cancelledVisit = h.addVisit();
    h.service.start({ visitId: cancelledVisit });
    h.service.confirm({ visitId: cancelledVisit, method: 'cash', receiptNumber: 'TM-2' });
    h.store.visits.update(cancelledVisit, { status: 'cancelled' });
    refusedWith('PAYMENT_NOT_NEEDED', () => h.service.reopen({ visitId: cancelledVisit, reason: REASON }));
    assert.equal(h.service.get({ visitId: cancelledVisit }).status, 'paid');

    const cancelledPayment = h.addVisit();
    h.service.start({ visitId: cancelledPayment });
    h.service.cancel({ visitId: cancelledPayment });
    refusedWith('PAYMENT_NOT_PAID', () => h.service.reopen({ visitId: cancelledPayment, reason: REASON }));
    assert.equal(h.store.audit.query().filter((entry) => entry.action === 'payment.reopen').length, 0);
  });

  it('asks the HIS about the new payment without counting the reversed one it may still hold', async () => {
    const asked: PaymentStatusQuery[] = [];
    using h = harness({
      statusSource: {
        status: (query) => {
          asked.push(query);
          return Promise.resolve({ state: 'waiting' });
        },
      },
    });
    const visitId = h.addVisit();
    const first = h.service.start({ visitId });
    h.service.confirm({ visitId, method: 'vietqr', receiptNumber: 'BL-1' });
    h.service.reopen({ visitId, reason: REASON });
    await h.scheduler.runNext();
    assert.deepEqual(asked.map((query) => query.reversedPaymentIds), [[first.id]]);
  });
});
