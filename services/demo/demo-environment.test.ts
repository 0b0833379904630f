import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CardInserted } from '../../domain/card.ts';
import { ageOn, defaultClinic, vietnamDay, type Clinic } from '../../domain/checkin/index.ts';
import type { DemoStatus } from '../../domain/demo-api.ts';
import { parseIsoPartialDate } from '../../domain/identity/index.ts';
import type { PaymentView } from '../../domain/payment-api.ts';
import type { ScanEvent } from '../../domain/scan.ts';
import type { SyncStatus } from '../../domain/sync-api.ts';
import type { VisitCreateResult } from '../../domain/visit-api.ts';
import type { VisitExportXml0Result } from '../../domain/xml130-api.ts';
import { DEMO_CARDS } from '../../native/sim/demo/demo-samples.ts';
import { waitForEvent } from '../../test/rig/events.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createApp, type App } from '../app.ts';
import { silentLogger } from '../log.ts';
import { DEMO_CSCA_FILE, startDemoEnvironment, type DemoEnvironment } from './demo-environment.ts';

const returning = DEMO_CARDS.find((card) => card.kind === 'returning-insured')!;
const child = DEMO_CARDS.find((card) => card.kind === 'child')!;

async function call<T>(app: App, method: string, input: unknown = {}): Promise<T> {
  const answer = await app.router.dispatch(method, input);
  assert.ok(answer.ok, `${method}: ${JSON.stringify(!answer.ok && answer.error)}`);
  return answer.value as T;
}

describe('demo mode in the services', () => {
  const home = makeTempDir('tiepdon-demo-');
  const events = new EventEmitter();
  let demo: DemoEnvironment;
  let app: App;

  before(async () => {
    demo = await startDemoEnvironment({ homeDataDir: home.path, log: silentLogger });
    app = await createApp({ dataDir: demo.dataDir, mode: 'headless', demo: demo.menu, deviceHost: demo.deviceHost });
    app.events.subscribe((name, payload) => events.emit(name, payload));
    await demo.prepare(app);
    if (app.deviceHost?.state !== 'running') await new Promise<void>((resolve) => app.deviceHost?.on('state', (state) => state === 'running' && resolve()));
  });

  after(async () => {
    await app?.close();
    await demo?.close();
    home[Symbol.dispose]();
  });

  it('keeps its data in its own folder, with the demo CSCA trusted there only', () => {
    assert.equal(demo.dataDir, join(home.path, 'demo'));
    assert.ok(existsSync(join(demo.dataDir, 'tiepdon.db')));
    assert.ok(existsSync(join(demo.dataDir, 'csca', DEMO_CSCA_FILE)));
    assert.equal(existsSync(join(home.path, 'tiepdon.db')), false, 'the real data folder gets no database');
  });

  it("shows the real station's demo switch but refuses to change it, writing nothing outside the demo folder", async () => {
    const view = await app.router.dispatch('settings.demo.get', {});
    assert.deepEqual(view.ok && view.value, { enabled: true, active: true }, 'a fresh folder opens demo mode, and this run is demo');
    for (const enabled of [true, false]) {
      const answer = await app.router.dispatch('settings.demo.set', { enabled });
      assert.equal(!answer.ok && answer.error.code, 'DEMO_SWITCH_REAL_APP_ONLY', `enabled: ${enabled}`);
    }
    assert.deepEqual(readdirSync(home.path), ['demo'], 'the real data folder holds only the demo folder');
  });

  it('lists the sample cards and codes, and the demo reader and scanner as devices', async () => {
    const status = await call<DemoStatus>(app, 'demo.status');
    assert.equal(status.cards.length, 4);
    assert.equal(status.cardOnReader, null);
    const devices = await call<{ readers: { name: string }[]; scanners: { id: string; state: string }[] }>(app, 'devices.list');
    assert.equal(devices.readers.length, 1);
    assert.deepEqual(devices.scanners.map((s) => [s.id, s.state]), [['demo-scanner', 'connected']]);
  });

  it('reads a sample card put on the demo reader through the real path, passive authentication valid against the demo CSCA', async () => {
    const inserted = waitForEvent<CardInserted>(events, 'card.inserted');
    const status = await call<DemoStatus>(app, 'demo.insertCard', { cardId: child.id });
    assert.equal(status.cardOnReader, child.id);
    const { reader } = await inserted;
    const result = await call<{ holder: { fullName: string; idNumber: string }; verification: { passive: { status: string }; active: { status: string } }; photo?: unknown }>(
      app,
      'card.read',
      { key: { kind: 'cccd-id', id: child.profile.idNumber }, reader },
    );
    assert.equal(result.holder.fullName, child.profile.fullName);
    assert.equal(result.holder.idNumber, child.profile.idNumber);
    assert.equal(result.verification.passive.status, 'valid');
    assert.equal(result.verification.active.status, 'passed');
    const removed = await call<DemoStatus>(app, 'demo.removeCard');
    assert.equal(removed.cardOnReader, null);
    const absent = await app.router.dispatch('card.read', { key: { kind: 'cccd-id', id: child.profile.idNumber } });
    assert.equal(!absent.ok && absent.error.code, 'CARD_ABSENT');
  });

  it('scans sample codes through the host scan path, and remembers a CCCD for the next tap', async () => {
    const scanned = waitForEvent<ScanEvent>(events, 'scan');
    await call(app, 'demo.scan', { codeId: `cccd-${returning.id}` });
    const scan = await scanned;
    assert.equal(scan.kind, 'cccd');
    assert.deepEqual(scan.source, { kind: 'serial', scannerId: 'demo-scanner' });
    assert.equal(app.scanning.lastCccdId(), returning.profile.idNumber);
    const unknown = waitForEvent<ScanEvent>(events, 'scan');
    await call(app, 'demo.scan', { codeId: 'unknown-code' });
    assert.equal((await unknown).kind, 'unknown');
    const bad = await app.router.dispatch('demo.scan', { codeId: 'no-such-code' });
    assert.equal(!bad.ok && bad.error.code, 'BAD_INPUT');
  });

  it('has the returning patient on file and checks insurance with the gateway simulator', async () => {
    const found = await call<{ matches: { patient: { id: number; bhxhNumber?: string } }[] }>(app, 'patients.search', { query: returning.profile.idNumber });
    assert.equal(found.matches.length, 1);
    const patientId = found.matches[0]!.patient.id;
    const check = await call<{ status: string; result: { outcome: string; card: { cardCode: string } } | null }>(app, 'insurance.check', { patientId });
    assert.equal(check.status, 'done');
    assert.equal(check.result?.outcome, 'valid');
    assert.equal(check.result?.card.cardCode, returning.insurance.cardCode);
    assert.equal(demo.bhxh.stats.checks, 1);
  });

  it('points the HIS sync at the local FHIR engine', async () => {
    const status = await call<SyncStatus>(app, 'sync.status');
    assert.equal(status.configured, true);
  });

  it("checks every sample patient in: each visit's XML0 record exports, the child goes to paediatrics, a fee shows as a VietQR, the demo HIS takes them all", async () => {
    const clinics = await call<Clinic[]>(app, 'settings.clinics.get');
    const day = vietnamDay(new Date())!;
    for (const sample of DEMO_CARDS) {
      const { profile, insurance } = sample;
      const found = await call<{ matches: { patient: { id: number } }[] }>(app, 'patients.search', { query: profile.idNumber });
      const patientId =
        found.matches[0]?.patient.id ??
        (
          await call<{ patient: { id: number } }>(app, 'patients.save', {
            cccd: profile.idNumber,
            oldIdNumbers: profile.oldIdNumber ? [profile.oldIdNumber] : [],
            fullName: profile.fullName,
            birthDate: profile.dateOfBirth,
            sex: profile.sex,
            address: profile.placeOfResidence,
            relatives: [],
          })
        ).patient.id;
      const check = await call<{ result: { outcome: string } | null }>(app, 'insurance.check', { patientId });
      assert.equal(check.result?.outcome, 'valid', sample.id);

      // The clinic the desk proposes for the patient's age, as the clerk would take it.
      const clinic = defaultClinic(clinics, 'bhyt', ageOn(parseIsoPartialDate(profile.dateOfBirth)!, day))!;
      assert.equal(clinic.ages !== undefined, sample.kind === 'child', `${sample.id} goes to ${clinic.id}`);
      const { visit } = await call<VisitCreateResult>(app, 'visits.create', { patientId, visitType: 'bhyt', clinicId: clinic.id });
      const exported = await app.router.dispatch('visits.exportXml0', { visitId: visit.id });
      assert.ok(exported.ok, `${sample.id}: ${JSON.stringify(!exported.ok && exported.error)}`);
      const { xml } = exported.value as VisitExportXml0Result;
      assert.ok(xml.includes(`<MA_DICH_VU>${clinic.serviceCode}</MA_DICH_VU>`), `${sample.id}: the clinic's service code`);
      assert.ok(xml.includes(`<MA_THE_BHYT>${insurance.cardCode}</MA_THE_BHYT>`), `${sample.id}: the checked card`);
    }

    // A fee-paying visit has a fee to take by VietQR, and its XML0 record needs no card.
    const newPatient = DEMO_CARDS.find((card) => card.kind === 'new-patient')!;
    const { matches } = await call<{ matches: { patient: { id: number } }[] }>(app, 'patients.search', { query: newPatient.profile.idNumber });
    const { visit } = await call<VisitCreateResult>(app, 'visits.create', { patientId: matches[0]!.patient.id, visitType: 'fee-paying', clinicId: 'K01' });
    const payment = await call<PaymentView>(app, 'payments.start', { visitId: visit.id });
    assert.ok(payment.amount > 0 && payment.qr !== null, 'the fee is shown as a VietQR');
    await call<VisitExportXml0Result>(app, 'visits.exportXml0', { visitId: visit.id });

    const drained = (status: SyncStatus) => status.pending === 0;
    const synced = drained(app.sync.status())
      ? app.sync.status()
      : await waitForEvent<SyncStatus>(events, 'sync.changed', drained);
    assert.equal(synced.attention, 0, 'the demo HIS took every check-in');
  });
});

describe('demo mode off', () => {
  it('answers every demo.* method DEMO_MODE_OFF in a normal app', async () => {
    using home = makeTempDir('tiepdon-normal-');
    const app = await createApp({ dataDir: home.path, mode: 'headless', deviceHost: false });
    try {
      for (const [method, input] of [
        ['demo.status', {}],
        ['demo.insertCard', { cardId: returning.id }],
        ['demo.removeCard', {}],
        ['demo.scan', { codeId: 'unknown-code' }],
      ] as const) {
        const answer = await app.router.dispatch(method, input);
        assert.equal(!answer.ok && answer.error.code, 'DEMO_MODE_OFF', method);
      }
      const view = await app.router.dispatch('settings.demo.get', {});
      assert.deepEqual(view.ok && view.value, { enabled: false, active: false }, 'a folder with a database does not fall back to demo');
    } finally {
      await app.close();
    }
  });
});
