import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createPaymentRepository, type PaymentRecordInput } from './payments.ts';
import { openTestDatabase } from './testing/test-database.ts';

function addVisit(db: ReturnType<typeof openTestDatabase>['db'], id: number): void {
  db.prepare(
    "INSERT OR IGNORE INTO patients (id, full_name, name_search, birth_date, birth_year, sex, created_at, updated_at) VALUES (1, 'A', 'a', '1990', 1990, 'male', '', '')",
  ).run();
  db.prepare("INSERT INTO visits (id, patient_id, visit_date, clinic, visit_type, status, desk, created_at) VALUES (?, 1, '2026-03-02', 'K01', 'fee-paying', 'queued', 'A', '')").run(id);
}

const PAYMENT: PaymentRecordInput = {
  visitId: 7,
  reference: 'TD A7 20260302',
  amount: 150_000,
  method: 'vietqr',
  payload: '000201…',
  bankBin: '970436',
  accountNumber: '0011001234567',
  accountName: 'BENH VIEN THU',
  desk: 'desk-a',
};

describe('payments', () => {
  const times = ['2026-03-02T01:00:00.000Z', '2026-03-02T01:05:00.000Z', '2026-03-02T01:06:00.000Z'];
  const clock = () => {
    let i = 0;
    return () => new Date(times[Math.min(i++, times.length - 1)]!);
  };

  it('stores a waiting payment and settles it once as paid, with who and when', () => {
    using t = openTestDatabase();
    addVisit(t.db, 7);
    const payments = createPaymentRepository(t.db, clock());
    const stored = payments.insert(PAYMENT);
    assert.deepEqual(stored, {
      ...PAYMENT,
      id: stored.id,
      status: 'waiting',
      confirmation: null,
      receiptNumber: null,
      confirmedBy: null,
      createdAt: times[0],
      updatedAt: times[0],
      paidAt: null,
      cancelledAt: null,
      reversedAt: null,
      reversedBy: null,
    });
    assert.deepEqual(payments.waiting(), [stored]);
    assert.deepEqual(payments.waiting({ since: stored.createdAt }), [stored]);
    assert.deepEqual(payments.waiting({ since: new Date(Date.parse(stored.createdAt) + 1).toISOString() }), [], 'created before `since`');
    const paid = payments.markPaid(stored.id, { method: 'cash', confirmation: 'clerk', receiptNumber: 'BL-0001', confirmedBy: 'thu.ngan' });
    assert.equal(paid?.status, 'paid');
    assert.equal(paid?.method, 'cash');
    assert.equal(paid?.receiptNumber, 'BL-0001');
    assert.equal(paid?.confirmedBy, 'thu.ngan');
    assert.equal(paid?.paidAt, times[1]);
    assert.equal(paid?.updatedAt, times[1]);
    assert.deepEqual(payments.waiting(), []);
    // Settled is final: neither a second confirmation nor a cancellation changes it.
    assert.equal(payments.markPaid(stored.id, { method: 'vietqr', confirmation: 'his', receiptNumber: 'X', confirmedBy: 'his' }), undefined);
    assert.equal(payments.markCancelled(stored.id, 'thu.ngan'), undefined);
    assert.equal(payments.find(stored.id)?.receiptNumber, 'BL-0001');
  });

  it('cancels a waiting payment, and the visit may then start another; the newest is the latest', () => {
    using t = openTestDatabase();
    addVisit(t.db, 7);
    const payments = createPaymentRepository(t.db, clock());
    const first = payments.insert(PAYMENT);
    assert.throws(() => payments.insert(PAYMENT), /UNIQUE/);
    const cancelled = payments.markCancelled(first.id, 'thu.ngan');
    assert.equal(cancelled?.status, 'cancelled');
    assert.equal(cancelled?.confirmedBy, 'thu.ngan');
    assert.ok(cancelled?.cancelledAt);
    assert.equal(cancelled.cancelledAt, cancelled.updatedAt);
    const second = payments.insert({ ...PAYMENT, amount: 200_000 });
    assert.equal(payments.latestForVisit(7)?.id, second.id);
    assert.equal(payments.latestForVisit(8), undefined);
    assert.equal(payments.markPaid(999, { method: 'cash', confirmation: 'clerk', receiptNumber: null, confirmedBy: 'x' }), undefined);
  });

  it("reverses only a paid payment the clerk confirmed, keeping the row with who and when, and lists the visit's reversed ones", () => {
    using t = openTestDatabase();
    addVisit(t.db, 7);
    const payments = createPaymentRepository(t.db, clock());
    const first = payments.insert(PAYMENT);
    assert.equal(payments.markReversed(first.id, 'thu.ngan'), undefined, 'a waiting payment is not reversed');
    const paid = payments.markPaid(first.id, { method: 'cash', confirmation: 'clerk', receiptNumber: 'BL-1', confirmedBy: 'thu.ngan' });
    const reversed = payments.markReversed(first.id, 'to.truong');
    assert.equal(reversed?.status, 'reversed');
    assert.equal(reversed?.reversedBy, 'to.truong');
    assert.ok(reversed?.reversedAt);
    assert.equal(reversed.reversedAt, reversed.updatedAt);
    assert.equal(reversed.paidAt, paid?.paidAt, 'when it was paid is kept');
    assert.equal(reversed?.receiptNumber, 'BL-1');
    assert.equal(payments.markReversed(first.id, 'to.truong'), undefined, 'reversed once');
    assert.deepEqual(payments.reversedOfVisit(7), [first.id]);

    const second = payments.insert(PAYMENT);
    payments.markPaid(second.id, { method: 'vietqr', confirmation: 'his', receiptNumber: null, confirmedBy: 'his' });
    assert.equal(payments.markReversed(second.id, 'to.truong'), undefined, "the HIS's own word is not reversed here");
    assert.deepEqual(payments.reversedOfVisit(7), [first.id]);
  });

  it('refuses a payment for a visit that does not exist', () => {
    using t = openTestDatabase();
    const payments = createPaymentRepository(t.db);
    assert.throws(() => payments.insert(PAYMENT), /FOREIGN KEY/);
  });
});
