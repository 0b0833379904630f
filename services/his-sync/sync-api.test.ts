import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Encounter, PaymentNotice } from '@medplum/fhirtypes';
import { DEFAULT_FHIR_SYSTEMS as SYS } from '../../domain/his/fhir-systems.ts';
import type { PaymentView } from '../../domain/payment-api.ts';
import type { HisSettingsView, HisTestResult, SyncAttentionResult, SyncStatus } from '../../domain/sync-api.ts';
import type { VisitCreateResult } from '../../domain/visit-api.ts';
import { startFaultProxy, type FaultProxy } from '../../native/sim/his/fault-proxy.ts';
import { startFhirSim, type FhirSim } from '../../native/sim/his/fhir-server.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createApp, type App } from '../app.ts';

const PATIENT = { fullName: 'Trần Thị Bình', birthDate: '1985-03-02', sex: 'female', cccd: '079185000123' };

function value<T>(result: { ok: boolean; value?: unknown; error?: unknown }): T {
  assert.ok(result.ok, `expected ok, got ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** The next sync.changed status that `accept` takes (or the current one, if it already does). */
function syncStatus(app: App, accept: (status: SyncStatus) => boolean): Promise<SyncStatus> {
  return new Promise((resolve) => {
    const now = app.sync.status();
    if (accept(now)) return resolve(now);
    const off = app.events.subscribe((name, payload) => {
      if (name !== 'sync.changed' || !accept(payload as SyncStatus)) return;
      off();
      resolve(payload as SyncStatus);
    });
  });
}

describe('sync API over the app with the FHIR engine behind the fault proxy', () => {
  const dir = makeTempDir();
  let sim: FhirSim;
  let proxy: FaultProxy;
  let app: App;
  let patientId: number;

  const encounterOf = async (visitId: number): Promise<Encounter | undefined> =>
    (await sim.repo.searchResources<Encounter>({ resourceType: 'Encounter', filters: [{ code: 'identifier', operator: 'eq' as never, value: `${SYS.visit}|desk-A-${visitId}` }] }))[0];

  const checkIn = async (): Promise<number> =>
    value<VisitCreateResult>(await app.router.dispatch('visits.create', { patientId, visitType: 'fee-paying', clinicId: 'K01' })).visit.id;

  before(async () => {
    sim = await startFhirSim();
    proxy = await startFaultProxy(sim.url);
    app = await createApp({
      dataDir: dir.path,
      mode: 'headless',
      deviceHost: false,
      desk: 'desk-A',
      hisSync: { idlePollMs: 20, policy: { baseMs: 20, maxMs: 100, maxRetryAfterMs: 1_000 } },
    });
    patientId = value<{ patient: { id: number } }>(await app.router.dispatch('patients.save', PATIENT)).patient.id;
  });
  after(async () => {
    await app.close();
    await proxy.stop();
    await sim.stop();
    dir[Symbol.dispose]();
  });

  it('is not configured at first, stores the token write-only, and tests the connection', async () => {
    assert.equal(value<SyncStatus>(await app.router.dispatch('sync.status', {})).configured, false);
    const untested = value<HisTestResult>(await app.router.dispatch('settings.his.test', {}));
    assert.deepEqual(untested.ok ? 'ok' : untested.code, 'HIS_NOT_CONFIGURED');
    const typed = value<HisTestResult>(await app.router.dispatch('settings.his.test', { settings: { baseUrl: proxy.url } }));
    assert.equal(typed.ok && typed.fhirVersion, '4.0.1', 'the typed address, before it is saved');
    assert.equal(value<HisSettingsView>(await app.router.dispatch('settings.his.get', {})).baseUrl, '', 'a test saves nothing');
    assert.equal(app.sync.status().configured, false, 'and does not start the sync');
    const refused = await app.router.dispatch('settings.his.set', { baseUrl: 'ftp://his', authKind: 'none' });
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'BAD_INPUT');

    const view = value<HisSettingsView>(await app.router.dispatch('settings.his.set', { baseUrl: proxy.url, authKind: 'bearer', token: 'desk-token' }));
    assert.equal(view.tokenSet, true);
    assert.equal(JSON.stringify(view).includes('desk-token'), false, 'the token never comes back');
    const tested = value<HisTestResult>(await app.router.dispatch('settings.his.test', {}));
    assert.equal(tested.ok && tested.fhirVersion, '4.0.1');
    assert.equal(app.sync.status().configured, true);
  });

  it('tests the settings as typed without saving them; a blank token is the stored one', async () => {
    const guarded = await startFhirSim({ authorization: 'Bearer desk-token' });
    try {
      const saved = value<HisSettingsView>(await app.router.dispatch('settings.his.get', {}));
      const test = async (settings: object) => {
        const tested = value<HisTestResult>(await app.router.dispatch('settings.his.test', { settings }));
        return tested.ok ? tested.fhirVersion : tested.code;
      };
      const typed = { baseUrl: guarded.url, authKind: 'bearer' };
      const before = guarded.requests;
      assert.equal(await test(typed), '4.0.1', 'the typed address, with the stored token');
      assert.equal(guarded.requests, before + 1, 'asked at the typed address');
      assert.equal(await test({ ...typed, token: 'desk-token' }), '4.0.1');
      assert.equal(await test({ ...typed, token: 'other-token' }), 'HIS_UNAUTHORISED', 'the typed token');
      assert.equal(await test({ ...typed, token: '' }), 'HIS_UNAUTHORISED', 'an empty token is none');
      assert.equal(await test({ baseUrl: '' }), 'HIS_NOT_CONFIGURED');

      const refused = await app.router.dispatch('settings.his.test', { settings: { ...typed, timeoutMs: 10 } });
      assert.ok(!refused.ok);
      assert.equal(refused.error.code, 'BAD_INPUT');
      assert.deepEqual(
        (refused.error.detail as { path: string[]; rule: string }[]).map((issue) => [issue.path.join('.'), issue.rule]),
        [['settings.timeoutMs', 'too_small']],
        'refused as settings.his.set refuses it, by field',
      );

      assert.deepEqual(value<HisSettingsView>(await app.router.dispatch('settings.his.get', {})), saved, 'nothing typed is saved');
      assert.equal(app.sync.status().configured, true);
      const stored = value<HisTestResult>(await app.router.dispatch('settings.his.test', {}));
      assert.equal(stored.ok && stored.fhirVersion, '4.0.1', 'the stored settings and token are as saved');
    } finally {
      await guarded.stop();
    }
  });

  it('sends a check-in without the clerk waiting, and reports it synced', async () => {
    const visitId = await checkIn();
    await syncStatus(app, (s) => s.pending === 0 && s.lastSuccessAt !== null);
    assert.equal((await encounterOf(visitId))?.status, 'arrived');
    const today = value<{ visits: { id: number; sync: string }[] }>(await app.router.dispatch('visits.today', {}));
    assert.equal(today.visits.find((v) => v.id === visitId)?.sync, 'synced');
  });

  it('delivers a cancellation made while the HIS was down after its check-in', async () => {
    await proxy.set({ kind: 'down' });
    const visitId = await checkIn();
    value(await app.router.dispatch('visits.cancel', { visitId, reasonCode: 'patient-left' }));
    const waiting = await syncStatus(app, (s) => s.pending === 2 && s.lastFailure === 'HIS_UNREACHABLE');
    assert.equal(waiting.attention, 0);
    await proxy.set({ kind: 'pass' });
    app.sync.retry();
    await syncStatus(app, (s) => s.pending === 0);
    const encounter = await encounterOf(visitId);
    assert.equal(encounter?.status, 'cancelled');
    assert.deepEqual(encounter?.statusHistory?.map((h) => h.status), ['arrived']);
    assert.equal(sim.countByIdentifier('Encounter', SYS.visit, `desk-A-${visitId}`), 1);
  });

  it('sends a cash payment the clerk took to the HIS once, after its check-in', async () => {
    value(await app.router.dispatch('settings.payment.set', { fees: { bhyt: 0, 'fee-paying': 50_600, 'on-demand': 100_000 }, allowCash: true }));
    const visitId = await checkIn();
    value(await app.router.dispatch('payments.start', { visitId }));
    value(await app.router.dispatch('payments.confirm', { visitId, method: 'cash', receiptNumber: 'BL0001' }));
    await syncStatus(app, (s) => s.pending === 0);
    const notices = await sim.repo.searchResources({ resourceType: 'PaymentNotice' });
    assert.equal(notices.length, 1);
    const encounter = await encounterOf(visitId);
    assert.equal((notices[0] as { request?: { reference?: string } }).request?.reference, `Encounter/${encounter?.id}`);
    assert.equal((notices[0] as { amount?: { value?: number } }).amount?.value, 50_600);
  });

  it('undoes at the HIS, exactly once, a payment the clerk confirmed by mistake; the payment taken again is sent as a new one', async () => {
    value(await app.router.dispatch('settings.payment.set', { fees: { bhyt: 0, 'fee-paying': 50_600, 'on-demand': 100_000 }, allowCash: true }));
    const visitId = await checkIn();
    const first = value<PaymentView>(await app.router.dispatch('payments.start', { visitId }));
    value(await app.router.dispatch('payments.confirm', { visitId, method: 'cash', receiptNumber: 'BL0002' }));
    await syncStatus(app, (s) => s.pending === 0);
    const paymentKey = `payment-desk-A-${first.id}`;
    const noticeOf = async (key: string): Promise<PaymentNotice | undefined> =>
      (await sim.repo.searchResources<PaymentNotice>({ resourceType: 'PaymentNotice', filters: [{ code: 'identifier', operator: 'eq' as never, value: `${SYS.payment}|${key}` }] }))[0];
    assert.equal((await noticeOf(paymentKey))?.status, 'active');

    // Reopened while the HIS is away: the reversal waits behind nothing and is sent once it is back.
    await proxy.set({ kind: 'down' });
    const reopened = value<PaymentView>(await app.router.dispatch('payments.reopen', { visitId, reason: 'thu nhầm lượt khám' }));
    await syncStatus(app, (s) => s.pending === 1 && s.lastFailure === 'HIS_UNREACHABLE');
    await proxy.set({ kind: 'pass' });
    app.sync.retry();
    await syncStatus(app, (s) => s.pending === 0 && s.attention === 0);

    const reversed = await noticeOf(paymentKey);
    assert.equal(reversed?.status, 'entered-in-error');
    assert.equal(reversed.amount?.value, 50_600, 'the notice is kept as it was, only its status changed');
    assert.equal(sim.countByIdentifier('PaymentNotice', SYS.payment, paymentKey), 1);
    const history = await sim.repo.readHistory('PaymentNotice', reversed.id!);
    assert.deepEqual(history.entry?.map((entry) => (entry.resource as PaymentNotice).status).reverse(), ['active', 'entered-in-error'], 'updated once');
    // A repeat (a retry after a lost answer) changes nothing.
    await app.sync.adapter()!.reversePayment({ visitKey: `desk-A-${visitId}`, paymentKey, at: new Date().toISOString() });
    assert.equal((await sim.repo.readHistory('PaymentNotice', reversed.id!)).entry?.length, 2);
    const status = await app.sync.adapter()!.paymentStatus(`desk-A-${visitId}`);
    assert.equal(status.paidVnd, 0, 'the reversed notice is no money received');

    value(await app.router.dispatch('payments.confirm', { visitId, method: 'cash', receiptNumber: 'BL0003' }));
    await syncStatus(app, (s) => s.pending === 0);
    assert.equal((await noticeOf(`payment-desk-A-${reopened.id}`))?.status, 'active');
    assert.equal((await app.sync.adapter()!.paymentStatus(`desk-A-${visitId}`)).paidVnd, 50_600);
  });

  it('lists a refused item for IT with its reason, and sends it on retry', async () => {
    await proxy.set({ kind: 'reject-400' });
    const visitId = await checkIn();
    await syncStatus(app, (s) => s.attention === 1);
    const { items } = value<SyncAttentionResult>(await app.router.dispatch('sync.attention', {}));
    assert.deepEqual(items.map((i) => [i.kind, i.visitId, i.reason.split(':')[0]]), [['his.checkin', visitId, 'HIS_REJECTED']]);
    assert.doesNotMatch(JSON.stringify(items), /Trần|079185000123/, 'no personal data');
    await proxy.set({ kind: 'pass' });
    assert.deepEqual(value(await app.router.dispatch('sync.retry', { id: items[0]!.id })), { retried: 1 });
    await syncStatus(app, (s) => s.attention === 0 && s.pending === 0);
    assert.equal((await encounterOf(visitId))?.status, 'arrived');
  });
});
