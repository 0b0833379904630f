import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HisError, type HisPaymentStatus } from '../his-sync/his-adapter.ts';
import { hisPaymentStatusSource } from './his-payment-status.ts';

function his(answer: HisPaymentStatus | Error) {
  const asked: string[] = [];
  return {
    asked,
    paymentStatus: (visitKey: string) => {
      asked.push(visitKey);
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  };
}

const QUERY = { visitId: 12, reference: 'TD A12 20260302', amount: 150_000 };
const STATUS: HisPaymentStatus = { visitKey: 'quay-1-12', state: 'unpaid', dueVnd: 150_000, paidVnd: 0, lastPaidAt: null };

describe('the HIS as a payment status source', () => {
  it("asks about the visit by the desk's visit key, and reads paid, partly paid and unpaid", async () => {
    const unpaid = his(STATUS);
    assert.deepEqual(await hisPaymentStatusSource(unpaid, 'quay-1').status(QUERY), { state: 'waiting' });
    assert.deepEqual(unpaid.asked, ['quay-1-12']);
    const partly = his({ ...STATUS, state: 'partially-paid', paidVnd: 50_000 });
    assert.deepEqual(await hisPaymentStatusSource(partly, 'quay-1').status(QUERY), { state: 'waiting' });
    const paid = his({ ...STATUS, state: 'paid', paidVnd: 150_000 });
    assert.deepEqual(await hisPaymentStatusSource(paid, 'quay-1').status(QUERY), { state: 'paid', receiptNumber: null });
    // The HIS's charge may differ from the desk's fee: what the desk asked for, once booked, is paid.
    const enough = his({ ...STATUS, state: 'partially-paid', dueVnd: 200_000, paidVnd: 150_000 });
    assert.deepEqual(await hisPaymentStatusSource(enough, 'quay-1').status(QUERY), { state: 'paid', receiptNumber: null });
  });

  it('says unknown while the HIS has no encounter yet, and lets other failures through for the poller', async () => {
    const missing = his(new HisError('permanent', 'HIS_NOT_FOUND', 'no encounter'));
    assert.deepEqual(await hisPaymentStatusSource(missing, 'quay-1').status(QUERY), { state: 'unknown' });
    const down = his(new HisError('retryable', 'HIS_UNREACHABLE', 'down'));
    await assert.rejects(hisPaymentStatusSource(down, 'quay-1').status(QUERY), HisError);
  });

  it('asks the adapter in use at each question, and says unknown while there is none', async () => {
    let adapter: ReturnType<typeof his> | null = null;
    const source = hisPaymentStatusSource(() => adapter, 'quay-1');
    assert.deepEqual(await source.status(QUERY), { state: 'unknown' });
    adapter = his({ ...STATUS, state: 'paid', paidVnd: 150_000 });
    assert.deepEqual(await source.status(QUERY), { state: 'paid', receiptNumber: null });
    assert.deepEqual(adapter.asked, ['quay-1-12']);
  });
});
