import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventName } from '../../domain/api.ts';
import type { PaymentSettings, PaymentView } from '../../domain/payment-api.ts';
import type { PatientSaveResult } from '../../domain/patient.ts';
import type { VisitCreateResult } from '../../domain/visit-api.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createApp, type App } from '../app.ts';

const SETTINGS: PaymentSettings = {
  bankBin: '970418',
  accountNumber: '21510001234567',
  accountName: 'BENH VIEN DA KHOA THU',
  fees: { bhyt: 0, 'fee-paying': 100_000, 'on-demand': 250_000 },
  allowManualConfirm: true,
  allowCash: true,
};

async function call<T>(app: App, method: string, input: unknown): Promise<T> {
  const result = await app.router.dispatch(method, input);
  assert.ok(result.ok, `${method}: ${JSON.stringify(result)}`);
  return result.value as T;
}

async function refusal(app: App, method: string, input: unknown): Promise<{ code: string; detail?: unknown }> {
  const result = await app.router.dispatch(method, input);
  assert.ok(!result.ok, `${method} was accepted`);
  return result.error;
}

describe('payments through the API', () => {
  it('configures the desk, takes a visit fee by VietQR then cash, announces each change, and keeps it across a restart', async () => {
    using dir = makeTempDir();
    const config = { dataDir: dir.path, mode: 'headless', deviceHost: false, desk: 'Quay 2', user: 'hoa' } as const;
    let app = await createApp(config);
    const heard: Array<[EventName, PaymentView]> = [];
    app.events.subscribe((name, payload) => {
      if (name === 'payment.changed') heard.push([name, payload as PaymentView]);
    });

    await call(app, 'admin.setPin', { pin: '246813' });
    assert.deepEqual(await call(app, 'settings.payment.get', {}), {
      bankBin: null,
      accountNumber: null,
      accountName: '',
      fees: { bhyt: 0, 'fee-paying': 0, 'on-demand': 0 },
      allowManualConfirm: true,
      allowCash: true,
    });
    const badBank = await refusal(app, 'settings.payment.set', { ...SETTINGS, bankBin: '999999' });
    assert.equal(badBank.code, 'BAD_INPUT');
    assert.deepEqual((badBank.detail as { path: string[] }[]).map((issue) => issue.path.join('.')), ['bankBin']);
    const badFee = await refusal(app, 'settings.payment.set', { ...SETTINGS, fees: { ...SETTINGS.fees, 'fee-paying': 1.5 } });
    assert.deepEqual((badFee.detail as { path: string[] }[]).map((issue) => issue.path.join('.')), ['fees.fee-paying']);
    assert.deepEqual(await call(app, 'settings.payment.set', SETTINGS), SETTINGS);

    const { patient } = await call<PatientSaveResult>(app, 'patients.save', { fullName: 'Phạm Thị Hoa', birthDate: '1992-01-20', sex: 'female' });
    const visit = async (visitType: string): Promise<number> =>
      (await call<VisitCreateResult>(app, 'visits.create', { patientId: patient.id, visitType, clinicId: 'K01' })).visit.id;

    const bhyt = await visit('bhyt');
    assert.equal((await refusal(app, 'payments.start', { visitId: bhyt })).code, 'PAYMENT_NOT_NEEDED');
    assert.equal((await refusal(app, 'payments.get', { visitId: bhyt })).code, 'PAYMENT_NOT_FOUND');
    assert.equal((await refusal(app, 'payments.start', { visitId: 99_999 })).code, 'VISIT_NOT_FOUND');

    const onDemand = await visit('on-demand');
    const started = await call<PaymentView>(app, 'payments.start', { visitId: onDemand });
    assert.equal(started.amount, 250_000);
    assert.equal(started.qr?.bank.shortName, 'BIDV');
    assert.match(started.reference, new RegExp(`^TD Q${onDemand} \\d{8}$`));
    assert.equal((await refusal(app, 'payments.confirm', { visitId: onDemand, method: 'cash', receiptNumber: 'BL 1' })).code, 'BAD_INPUT');
    const paid = await call<PaymentView>(app, 'payments.confirm', { visitId: onDemand, method: 'cash', receiptNumber: 'BL-1' });
    assert.equal(paid.status, 'paid');
    assert.equal(paid.confirmedBy, 'hoa');
    assert.equal((await refusal(app, 'payments.cancel', { visitId: onDemand })).code, 'PAYMENT_SETTLED');
    assert.deepEqual(
      heard.map(([, payment]) => [payment.visitId, payment.status]),
      [
        [onDemand, 'waiting'],
        [onDemand, 'paid'],
      ],
    );

    const feePaying = await visit('fee-paying');
    await call(app, 'payments.start', { visitId: feePaying });
    await app.close();

    app = await createApp(config);
    assert.equal((await call<PaymentView>(app, 'payments.get', { visitId: onDemand })).receiptNumber, 'BL-1');
    const stillWaiting = await call<PaymentView>(app, 'payments.get', { visitId: feePaying });
    assert.equal(stillWaiting.status, 'waiting');
    assert.equal(stillWaiting.amount, 100_000);
    const cancelled = await call<PaymentView>(app, 'payments.cancel', { visitId: feePaying, reason: 'đổi sang BHYT' });
    assert.equal(cancelled.status, 'cancelled');
    await app.close();
  });

  it('cancelling a visit cancels its waiting payment with it; no money is taken for it afterwards', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false, desk: 'Quay 2', user: 'hoa', paymentStatusSource: null });
    const heard: PaymentView[] = [];
    app.events.subscribe((name, payload) => {
      if (name === 'payment.changed') heard.push(payload as PaymentView);
    });
    await call(app, 'admin.setPin', { pin: '246813' });
    await call(app, 'settings.payment.set', SETTINGS);
    const { patient } = await call<PatientSaveResult>(app, 'patients.save', { fullName: 'Phạm Thị Hoa', birthDate: '1992-01-20', sex: 'female' });
    const visitId = (await call<VisitCreateResult>(app, 'visits.create', { patientId: patient.id, visitType: 'fee-paying', clinicId: 'K01' })).visit.id;
    await call(app, 'payments.start', { visitId });

    await call(app, 'visits.cancel', { visitId, reasonCode: 'patient-left' });
    assert.equal((await call<PaymentView>(app, 'payments.get', { visitId })).status, 'cancelled');
    assert.deepEqual(heard.map((payment) => payment.status), ['waiting', 'cancelled']);
    assert.equal((await refusal(app, 'payments.confirm', { visitId, method: 'cash', receiptNumber: 'BL-1' })).code, 'PAYMENT_NOT_NEEDED');
    assert.equal((await refusal(app, 'payments.start', { visitId })).code, 'PAYMENT_NOT_NEEDED');
    await app.close();
  });

  it('takes back a payment confirmed by mistake only with a reason, and queues its undoing for the HIS after the payment', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false, desk: 'Quay 2', user: 'hoa', paymentStatusSource: null });
    await call(app, 'admin.setPin', { pin: '246813' });
    await call(app, 'settings.payment.set', SETTINGS);
    const { patient } = await call<PatientSaveResult>(app, 'patients.save', { fullName: 'Phạm Thị Hoa', birthDate: '1992-01-20', sex: 'female' });
    const visitId = (await call<VisitCreateResult>(app, 'visits.create', { patientId: patient.id, visitType: 'fee-paying', clinicId: 'K01' })).visit.id;
    const first = await call<PaymentView>(app, 'payments.start', { visitId });
    await call(app, 'payments.confirm', { visitId, method: 'cash', receiptNumber: 'BL-1' });

    for (const reason of [undefined, '', '   ']) {
      assert.equal((await refusal(app, 'payments.reopen', reason === undefined ? { visitId } : { visitId, reason })).code, 'BAD_INPUT');
    }
    const reopened = await call<PaymentView>(app, 'payments.reopen', { visitId, reason: 'thu nhầm lượt khám' });
    assert.equal(reopened.status, 'waiting');
    assert.equal(reopened.amount, 100_000);
    assert.equal((await refusal(app, 'payments.reopen', { visitId, reason: 'lần nữa' })).code, 'PAYMENT_NOT_PAID');

    assert.notEqual(reopened.id, first.id);
    const sync = await call<{ pending: number }>(app, 'sync.status', {});
    assert.equal(sync.pending, 3, 'the check-in, the payment and its reversal wait for the HIS');
    await app.close();
  });
});
