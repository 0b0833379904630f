import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PaymentRecord } from '../../db/payments.ts';
import type { InsuranceCheckView } from '../../domain/insurance-api.ts';
import { createCheckinStore } from '../../db/checkin-store.ts';
import { openTestDatabase } from '../../db/testing/test-database.ts';
import { PatientFieldsSchema } from '../../domain/patient.ts';
import { silentLogger } from '../log.ts';
import { insuranceChangeOf, paymentChangeOf, queueVisitChange } from './visit-change-bridge.ts';
import { HIS_VISIT_CHANGE_KIND } from './visit-changes.ts';

const PAID: PaymentRecord = {
  id: 4, visitId: 9, reference: 'TD 9', amount: 50_600, method: 'cash', payload: null, bankBin: null, accountNumber: null, accountName: null,
  desk: 'desk A', status: 'paid', confirmation: 'clerk', receiptNumber: 'BL0001', confirmedBy: 'clerk1',
  createdAt: '2026-11-23T01:00:00.000Z', updatedAt: '2026-11-23T01:01:00.000Z', paidAt: '2026-11-23T01:01:00.000Z', cancelledAt: null, reversedAt: null, reversedBy: null,
};

describe('visit changes for the HIS from payments and insurance results', () => {
  it('sends a payment the clerk confirmed, keyed per payment; not one the HIS reported, nor an unpaid one', () => {
    assert.deepEqual(paymentChangeOf(PAID), {
      type: 'payment', paymentKey: 'payment-desk-A-4', amountVnd: 50_600, method: 'cash', reference: 'BL0001', at: '2026-11-23T01:01:00.000Z',
    });
    assert.equal(paymentChangeOf({ ...PAID, confirmation: 'his' }), null, 'the HIS booked it itself');
    assert.equal(paymentChangeOf({ ...PAID, status: 'waiting', paidAt: null }), null);
    assert.equal(paymentChangeOf(undefined), null);
  });

  it('sends an insurance result that names a card, preferring the new card the gateway gave', () => {
    const card = { cardCode: 'HT2790123456789', bhxhNumber: '0123456789', benefitLevel: '2', registeredFacility: '79032', registeredFacilityName: null, validFrom: '2026-01-01', validTo: '2026-12-31', fiveYearDate: null, area: null };
    const check = { result: { code: '000', card, newCard: null, checkedAt: '2026-11-23T01:00:00.000Z' } } as unknown as InsuranceCheckView;
    assert.deepEqual(insuranceChangeOf(check), {
      type: 'insurance', cardNumber: 'HT2790123456789', registeredFacility: '79032', validFrom: '2026-01-01', validTo: '2026-12-31', checkResult: '000', checkedAt: '2026-11-23T01:00:00.000Z',
    });
    const renewed = { result: { ...check.result!, newCard: { ...card, cardCode: 'HT2790123456780' } } } as unknown as InsuranceCheckView;
    const change = insuranceChangeOf(renewed);
    assert.equal(change?.type === 'insurance' ? change.cardNumber : null, 'HT2790123456780');
    assert.equal(insuranceChangeOf({ result: { ...check.result!, card: { ...card, cardCode: null } } } as unknown as InsuranceCheckView), null);
    assert.equal(insuranceChangeOf(null), null);
  });
});

describe('queueing a visit change in the transaction that makes it', () => {
  it('queues a change once per key, with the transaction or not at all, and leaves out one the HIS form cannot carry', () => {
    using t = openTestDatabase();
    const store = createCheckinStore(t.db, () => new Date('2026-11-23T03:00:00.000Z'));
    const patient = store.patients.save(PatientFieldsSchema.parse({ fullName: 'Nguyễn Văn An', birthDate: '1990-08-15', sex: 'male' })).patient;
    const visit = store.visits.insert({
      patientId: patient.id, day: '2026-11-23', clinicId: 'K01', clinicName: 'Nội', clinicRoom: null, visitType: 'fee-paying', priorities: [], reason: null,
      referralNumber: null, appointmentNumber: null, queueNumber: 'A-001', queueFallback: 'no-his', status: 'queued', desk: 'A',
    });
    const queued = () => (t.db.prepare('SELECT payload FROM outbox WHERE kind = ?').all(HIS_VISIT_CHANGE_KIND) as { payload: string }[]).length;
    const change = paymentChangeOf({ ...PAID, visitId: visit.id });

    assert.throws(() =>
      store.transaction(() => {
        queueVisitChange(store, visit.id, change, silentLogger);
        throw new Error('the payment was not kept');
      }),
    );
    assert.equal(queued(), 0, 'rolled back with the payment');

    assert.equal(store.transaction(() => queueVisitChange(store, visit.id, change, silentLogger)), true);
    store.transaction(() => queueVisitChange(store, visit.id, change, silentLogger));
    assert.equal(queued(), 1, 'the same change is queued once');

    assert.equal(queueVisitChange(store, visit.id, null, silentLogger), false);
    const warnings: string[] = [];
    const log = { ...silentLogger, warn: (message: string) => warnings.push(message) };
    assert.equal(queueVisitChange(store, visit.id, { type: 'cancellation', reasonCode: 'Not A Code', at: PAID.paidAt! }, log), false);
    assert.equal(queued(), 1);
    assert.equal(warnings.length, 1);
  });
});
