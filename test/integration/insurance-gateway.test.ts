/**
 * The insurance check through the whole app (API router, services, encrypted
 * database, secret store) against the gateway simulator: settings and the login
 * test, a check on a visit, an outage in the middle of a check-in ("to verify",
 * then the result landing), and a pending check that survives a restart.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { InsuranceCheckView, InsuranceResultEvent, InsuranceSettingsView, InsuranceTestResult } from '../../domain/insurance-api.ts';
import type { PatientSaveResult } from '../../domain/patient.ts';
import type { VisitCreateResult } from '../../domain/visit-api.ts';
import { DEMO_VALID_CARD, demoCards } from '../../native/sim/bhxh/demo-cards.ts';
import { SIM_DEFAULTS, startBhxhSimulator, type BhxhSimulator } from '../../native/sim/bhxh/simulator.ts';
import { createApp, type App, type AppConfig } from '../../services/app.ts';
import { makeTempDir } from '../rig/temp-dir.ts';

const FAST_RETRY: AppConfig['insuranceRetry'] = {
  gateway: { attempts: 2, baseMs: 5, maxMs: 20 },
  background: { baseMs: 20, maxMs: 200, maxAttempts: 1_000, leaseMs: 60_000 },
};

async function simulator(): Promise<BhxhSimulator & AsyncDisposable> {
  const sim = await startBhxhSimulator({ cards: demoCards() });
  return Object.assign(sim, { [Symbol.asyncDispose]: () => sim.close() });
}

async function call<T>(app: App, method: string, input: unknown): Promise<T> {
  const result = await app.router.dispatch(method, input);
  assert.ok(result.ok, `${method}: ${JSON.stringify(result)}`);
  return result.value as T;
}

/** Resolves with the first insurance.result event the predicate accepts (no timers: the test runner's timeout bounds it). */
function nextResult(app: App, accept: (event: InsuranceResultEvent) => boolean): Promise<InsuranceResultEvent> {
  return new Promise((resolve) => {
    const stop = app.events.subscribe((name, payload) => {
      if (name !== 'insurance.result') return;
      const event = payload as InsuranceResultEvent;
      if (!accept(event)) return;
      stop();
      resolve(event);
    });
  });
}

/** The simulator's account as IT types it in the settings. */
function accountOf(sim: BhxhSimulator) {
  const [staff] = SIM_DEFAULTS.staff;
  return {
    baseUrl: sim.url,
    username: SIM_DEFAULTS.username,
    password: SIM_DEFAULTS.password,
    staffName: staff!.name,
    staffCccd: staff!.cccd,
    timeouts: { loginMs: 5_000, checkMs: 5_000 },
  };
}

async function setUp(app: App, sim: BhxhSimulator): Promise<InsuranceSettingsView> {
  return call<InsuranceSettingsView>(app, 'settings.insurance.set', accountOf(sim));
}

/** The app on a fresh folder, recording the visits whose insurance result was handed on to the HIS. */
async function appRecordingChanges(dataDir: string): Promise<{ app: App; changed: number[] }> {
  const changed: number[] = [];
  const app = await createApp({
    dataDir,
    mode: 'headless',
    deviceHost: false,
    insuranceRetry: FAST_RETRY,
    onVisitInsuranceChanged: (visitId) => changed.push(visitId),
  });
  return { app, changed };
}

async function savePatient(app: App): Promise<number> {
  const saved = await call<PatientSaveResult>(app, 'patients.save', {
    fullName: DEMO_VALID_CARD.fullName,
    birthDate: '1990-08-15',
    sex: 'male',
    cccd: DEMO_VALID_CARD.cccd,
  });
  return saved.patient.id;
}

async function checkInPatient(app: App): Promise<{ patientId: number; visitId: number }> {
  const patientId = await savePatient(app);
  const visit = await call<VisitCreateResult>(app, 'visits.create', { patientId, visitType: 'bhyt', clinicId: 'K01' });
  return { patientId, visitId: visit.visit.id };
}

describe('insurance check through the app and the gateway simulator', () => {
  it('settings keep the password write-only; the login test says ok or why not', async () => {
    using dir = makeTempDir();
    await using sim = await simulator();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false, insuranceRetry: FAST_RETRY });
    try {
      const before = await call<InsuranceTestResult>(app, 'settings.insurance.test', {});
      assert.deepEqual(before, { ok: false, reason: 'not-configured', code: null });
      const view = await setUp(app, sim);
      assert.equal(view.passwordSet, true);
      assert.equal('password' in view, false);
      assert.deepEqual(await call(app, 'settings.insurance.test', {}), { ok: true, tokenLifetimeS: 600 });
      const stored = readdirSync(join(dir.path, 'secrets')).map((file) => readFileSync(join(dir.path, 'secrets', file)).toString('latin1')).join('');
      assert.equal(stored.includes(SIM_DEFAULTS.password), false, 'the password is not stored in clear');

      await call(app, 'settings.insurance.set', { ...view, password: 'sai-mat-khau' });
      assert.deepEqual(await call(app, 'settings.insurance.test', {}), { ok: false, reason: 'login-refused', code: '401' });
      const kept = await call<InsuranceSettingsView>(app, 'settings.insurance.set', { ...view });
      assert.equal(kept.passwordSet, true, 'no password field keeps the stored one');
      const removed = await call<InsuranceSettingsView>(app, 'settings.insurance.set', { ...view, password: '' });
      assert.equal(removed.passwordSet, false);
      const refused = await app.router.dispatch('settings.insurance.set', { ...view, staffCccd: '123' });
      assert.equal(refused.ok ? 'ok' : refused.error.code, 'BAD_INPUT');
    } finally {
      await app.close();
    }
  });

  it('the login test tries the settings as typed, before they are saved, and saves nothing of them', async () => {
    using dir = makeTempDir();
    await using sim = await simulator();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false, insuranceRetry: FAST_RETRY });
    try {
      const typed = accountOf(sim);
      assert.deepEqual(await call(app, 'settings.insurance.test', { settings: typed }), { ok: true, tokenLifetimeS: 600 }, 'the typed address and account');
      const untouched = await call<InsuranceSettingsView>(app, 'settings.insurance.get', {});
      assert.deepEqual([untouched.baseUrl, untouched.username, untouched.passwordSet], ['', '', false], 'nothing typed is saved');
      assert.deepEqual(await call(app, 'settings.insurance.test', {}), { ok: false, reason: 'not-configured', code: null });

      const refused = await app.router.dispatch('settings.insurance.test', { settings: { ...typed, staffCccd: '123' } });
      assert.ok(!refused.ok);
      assert.equal(refused.error.code, 'BAD_INPUT');
      assert.deepEqual(
        (refused.error.detail as { path: string[] }[]).map((issue) => issue.path.join('.')),
        ['settings.staffCccd'],
        'refused as settings.insurance.set refuses it, by field',
      );

      const saved = await setUp(app, sim);
      const { password: _password, ...withoutPassword } = typed;
      assert.deepEqual(await call(app, 'settings.insurance.test', { settings: withoutPassword }), { ok: true, tokenLifetimeS: 600 }, 'no password: the stored one');
      assert.deepEqual(await call(app, 'settings.insurance.test', { settings: { ...typed, password: 'sai-mat-khau' } }), {
        ok: false,
        reason: 'login-refused',
        code: '401',
      });
      assert.deepEqual(await call(app, 'settings.insurance.test', { settings: { ...typed, password: '' } }), { ok: false, reason: 'not-configured', code: null }, 'an empty password is none');
      assert.deepEqual(await call(app, 'settings.insurance.test', { settings: { ...typed, baseUrl: 'http://127.0.0.1:9/' } }), { ok: false, reason: 'network', code: null });
      assert.deepEqual(await call(app, 'settings.insurance.get', {}), saved, 'the stored settings are as saved');
      assert.deepEqual(await call(app, 'settings.insurance.test', {}), { ok: true, tokenLifetimeS: 600 }, 'the stored password still logs in');
    } finally {
      await app.close();
    }
  });

  it('checks a visit by CCCD: valid, benefit level, facility, 5-year date, exemption; forVisit returns it', async () => {
    using dir = makeTempDir();
    await using sim = await simulator();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false, insuranceRetry: FAST_RETRY });
    try {
      await setUp(app, sim);
      const { patientId, visitId } = await checkInPatient(app);
      const landed = nextResult(app, (event) => event.visitId === visitId);
      const view = await call<InsuranceCheckView>(app, 'insurance.check', { patientId, visitId });
      assert.equal(view.status, 'done');
      assert.deepEqual(
        [view.result?.outcome, view.result?.lookedUpBy, view.result?.card?.benefitLevel, view.result?.card?.registeredFacility, view.result?.exemption?.status],
        ['valid', 'cccd', '4', '01001', 'exempt'],
      );
      assert.deepEqual(await landed, { checkId: view.id, patientId, visitId, status: 'done', code: '000', outcome: 'valid', action: 'accept' });
      assert.deepEqual(await call(app, 'insurance.forVisit', { visitId }), view);
      assert.equal(await call(app, 'insurance.forVisit', { visitId: visitId + 100 }), null);
    } finally {
      await app.close();
    }
  });

  it('a check made at identification becomes the visit’s when the visit is created, and the HIS hears of it', async () => {
    using dir = makeTempDir();
    await using sim = await simulator();
    const { app, changed } = await appRecordingChanges(dir.path);
    try {
      await setUp(app, sim);
      const patientId = await savePatient(app);
      const atIdentification = await call<InsuranceCheckView>(app, 'insurance.check', { patientId });
      assert.equal(atIdentification.visitId, null);
      const created = await call<VisitCreateResult>(app, 'visits.create', { patientId, visitType: 'bhyt', clinicId: 'K01' });
      const visitId = created.visit.id;
      const ofVisit = await call<InsuranceCheckView | null>(app, 'insurance.forVisit', { visitId });
      assert.equal(ofVisit?.id, atIdentification.id);
      assert.equal(ofVisit?.visitId, visitId);
      assert.deepEqual(changed, [visitId], 'the landed result goes to the HIS with the visit');

      const second = await call<VisitCreateResult>(app, 'visits.create', { patientId, visitType: 'fee-paying', clinicId: 'K01' });
      assert.equal(await call(app, 'insurance.forVisit', { visitId: second.visit.id }), null, 'a check is given to one visit only');
    } finally {
      await app.close();
    }
  });

  it('an outage in the middle of a check-in: "to verify", then the result lands on the visit when the gateway is back', async () => {
    using dir = makeTempDir();
    await using sim = await simulator();
    const { app, changed } = await appRecordingChanges(dir.path);
    try {
      await setUp(app, sim);
      const { patientId, visitId } = await checkInPatient(app);
      await sim.goDown();
      const retried = nextResult(app, (event) => event.visitId === visitId && event.status === 'to-verify');
      const waiting = await call<InsuranceCheckView>(app, 'insurance.check', { patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode });
      assert.deepEqual([waiting.status, waiting.lastFailure], ['to-verify', 'network']);
      await retried;
      assert.equal((await call<InsuranceCheckView>(app, 'insurance.forVisit', { visitId })).status, 'to-verify');

      const landed = nextResult(app, (event) => event.visitId === visitId && event.status === 'done');
      await sim.comeBack();
      const event = await landed;
      assert.deepEqual([event.code, event.outcome], ['000', 'valid']);
      const final = await call<InsuranceCheckView>(app, 'insurance.forVisit', { visitId });
      assert.equal(final.result?.card?.cardCode, DEMO_VALID_CARD.cardCode);
      assert.ok(final.attempts >= 2);
      assert.deepEqual(changed, [visitId]);
    } finally {
      await app.close();
    }
  });

  it('a check waiting "to verify" survives a restart and lands afterwards', async () => {
    using dir = makeTempDir();
    await using sim = await simulator();
    const config: AppConfig = { dataDir: dir.path, mode: 'headless', deviceHost: false, insuranceRetry: FAST_RETRY };
    let app = await createApp(config);
    let visitId: number;
    try {
      await setUp(app, sim);
      const checkedIn = await checkInPatient(app);
      visitId = checkedIn.visitId;
      sim.setFault({ kind: 'http-503', on: 'check' });
      const waiting = await call<InsuranceCheckView>(app, 'insurance.check', { patientId: checkedIn.patientId, visitId });
      assert.deepEqual([waiting.status, waiting.lastFailure], ['to-verify', 'http-error']);
    } finally {
      await app.close();
    }
    sim.setFault(null);
    app = await createApp(config);
    try {
      const landed = nextResult(app, (event) => event.visitId === visitId && event.status === 'done');
      const pending = await call<InsuranceCheckView | null>(app, 'insurance.forVisit', { visitId });
      if (pending?.status !== 'done') await landed;
      const final = await call<InsuranceCheckView>(app, 'insurance.forVisit', { visitId });
      assert.deepEqual([final.status, final.result?.code], ['done', '000']);
    } finally {
      await app.close();
    }
  });
});
