import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PaymentRecord } from '../../db/payments.ts';
import type { InsuranceCheckView } from '../../domain/insurance-api.ts';
import { insuranceChangeOf, paymentChangeOf } from './visit-change-bridge.ts';

const PAID: PaymentRecord = {
  id: 4, visitId: 9, reference: 'TD 9', amount: 50_600, method: 'cash', payload: null, bankBin: null, accountNumber: null, accountName: null,
  desk: 'desk A', status: 'paid', confirmation: 'clerk', receiptNumber: 'BL0001', confirmedBy: 'clerk1',
  createdAt: '2026-11-23T01:00:00.000Z', updatedAt: '2026-11-23T01:01:00.000Z', paidAt: '2026-11-23T01:01:00.000Z', cancelledAt: null,
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
