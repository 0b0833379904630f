import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { InsuranceResultEvent } from '../../domain/insurance-api.ts';
import { InsuranceSettingsSchema, type InsuranceSettings } from '../../domain/insurance-api.ts';
import { AppError, isAppError } from '../../domain/errors.ts';
import { createInsuranceCheckRepository } from '../../db/insurance-checks.ts';
import { createPatientRepository } from '../../db/patients.ts';
import { openTestDatabase, type TestDatabase } from '../../db/testing/test-database.ts';
import { DEMO_VALID_CARD, demoCards } from '../../native/sim/bhxh/demo-cards.ts';
import { startBhxhSimulator, type BhxhSimulator } from '../../native/sim/bhxh/simulator.ts';
import { setTimeout as delay } from 'node:timers/promises';
import { createCardLookup, type CardLookup } from './card-lookup.ts';
import { createInsuranceService, type InsuranceServiceOptions } from './insurance-service.ts';
import { simClient } from './testing.ts';

const SETTINGS: InsuranceSettings = InsuranceSettingsSchema.parse({ baseUrl: 'http://gateway.invalid', username: '01013_BV', staffName: 'X', staffCccd: '001190000001' });

describe('insurance check service', () => {
  let sim: BhxhSimulator;
  let t: TestDatabase;
  let clock: number;
  let events: InsuranceResultEvent[];
  let changedVisits: number[];
  let patientId: number;
  const visitId = 7;

  before(async () => {
    sim = await startBhxhSimulator({ cards: demoCards() });
  });
  after(async () => {
    t?.[Symbol.dispose]();
    await sim.close();
  });
  beforeEach(async () => {
    await sim.comeBack();
    sim.setFault(null);
    t?.[Symbol.dispose]();
    t = openTestDatabase();
    clock = Date.parse('2026-03-02T01:00:00Z');
    events = [];
    changedVisits = [];
    const saved = createPatientRepository(t.db).save({
      cccd: DEMO_VALID_CARD.cccd,
      oldIdNumbers: [],
      fullName: DEMO_VALID_CARD.fullName,
      birthDate: '1990-08-15',
      sex: 'male',
      relatives: [],
    });
    patientId = saved.patient.id;
    t.db
      .prepare("INSERT INTO visits (id, patient_id, visit_date, clinic, visit_type, status, desk, created_at) VALUES (?, ?, '2026-03-02', 'K01', 'bhyt', 'queued', 'A', '')")
      .run(visitId, patientId);
  });

  function service(extra: Partial<InsuranceServiceOptions> = {}) {
    const client = simClient(sim, { retry: { attempts: 2, baseMs: 1, maxMs: 1 } });
    const now = () => new Date(clock);
    return createInsuranceService({
      checks: createInsuranceCheckRepository(t.db, now),
      patients: createPatientRepository(t.db),
      client,
      lookup: createCardLookup(client),
      settings: () => SETTINGS,
      emit: (event) => events.push(event),
      onVisitInsuranceChanged: (id) => changedVisits.push(id),
      retry: { baseMs: 30_000, maxMs: 600_000, maxAttempts: 3, leaseMs: 300_000 },
      now,
      ...extra,
    });
  }

  it('a check of a visit lands: stored, announced without names, passed on to other systems', async () => {
    const insurance = service();
    const view = await insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode });
    assert.equal(view.status, 'done');
    assert.equal(view.result?.outcome, 'valid');
    assert.deepEqual(insurance.forVisit(visitId), view);
    assert.deepEqual(insurance.forPatient(patientId)?.id, view.id);
    assert.deepEqual(events, [{ checkId: view.id, patientId, visitId, status: 'done', code: '000', outcome: 'valid', action: 'accept' }]);
    assert.deepEqual(changedVisits, [visitId]);
    const row = t.db.prepare('SELECT * FROM insurance_checks WHERE id = ?').get(view.id) as Record<string, unknown>;
    assert.equal(row.request, null);
    assert.equal(JSON.stringify(row).includes('Nguyễn'), false, 'no name is stored with the check');
  });

  it('looks up by the CCCD number when no card code is given', async () => {
    const view = await service().check({ patientId });
    assert.equal(view.result?.lookedUpBy, 'cccd');
    assert.equal(view.visitId, null);
  });

  it('gateway down: "to verify", then the result lands on the visit when it is back', async () => {
    const insurance = service();
    await sim.goDown();
    const waiting = await insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode });
    assert.deepEqual([waiting.status, waiting.lastFailure, waiting.result], ['to-verify', 'network', null]);
    assert.equal(waiting.nextAttemptAt, '2026-03-02T01:00:30.000Z');
    assert.deepEqual(changedVisits, []);
    assert.equal(await insurance.runDue(), 0, 'not due before its time');

    clock += 30_000;
    assert.equal(await insurance.runDue(), 1);
    const still = insurance.forVisit(visitId)!;
    assert.deepEqual([still.status, still.attempts, still.nextAttemptAt], ['to-verify', 2, '2026-03-02T01:01:30.000Z'], 'waits longer each time');

    await sim.comeBack();
    clock += 60_000;
    assert.equal(await insurance.runDue(), 1);
    const landed = insurance.forVisit(visitId)!;
    assert.deepEqual([landed.status, landed.result?.code, landed.attempts], ['done', '000', 3]);
    assert.deepEqual(events.map((e) => e.status), ['to-verify', 'to-verify', 'done']);
    assert.deepEqual(changedVisits, [visitId]);
  });

  it('checking again while an earlier check waits replaces it: only the newest is retried and lands', async () => {
    const insurance = service();
    await sim.goDown();
    const first = await insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode });
    const second = await insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode });
    assert.equal(createInsuranceCheckRepository(t.db).get(first.id)?.status, 'superseded');
    await sim.comeBack();
    clock += 30_000;
    assert.equal(await insurance.runDue(), 1);
    assert.equal(insurance.forVisit(visitId)?.id, second.id);
    assert.equal(insurance.forVisit(visitId)?.status, 'done');
    assert.deepEqual(changedVisits, [visitId]);
  });

  it('a maintenance page instead of JSON is retried like an outage; after the attempts a person must look', async () => {
    const insurance = service();
    sim.setFault({ kind: 'html', on: 'check' });
    assert.equal((await insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode })).status, 'to-verify');
    for (let i = 0; i < 2; i += 1) {
      clock += 600_000;
      await insurance.runDue();
    }
    const halted = insurance.forVisit(visitId)!;
    assert.deepEqual([halted.status, halted.lastFailure, halted.attempts], ['needs-review', 'malformed', 3]);
    assert.deepEqual(changedVisits, [visitId]);
  });

  it('a refused login needs IT, not background retries', async () => {
    const client = simClient(sim, { account: () => ({ baseUrl: sim.url, username: 'sai_BV', passwordMd5: '0'.repeat(32), staffName: 'X', staffCccd: '001190000001' }) });
    const insurance = service({ client, lookup: createCardLookup(client) });
    const view = await insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode });
    assert.deepEqual([view.status, view.lastFailure], ['needs-review', 'login-refused']);
    assert.deepEqual(await insurance.testConnection(), { ok: false, reason: 'login-refused', code: '401' });
    assert.deepEqual(await service().testConnection(), { ok: true, tokenLifetimeS: 600 });
  });

  it('a corrected name after 060 is used for that check only', async () => {
    const insurance = service();
    t.db.prepare("UPDATE patients SET full_name = 'Trần Văn Sai' WHERE id = ?").run(patientId);
    const wrong = await insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode });
    assert.deepEqual([wrong.result?.code, wrong.result?.mismatch?.field], ['060', 'name']);
    const corrected = await insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode, fullName: 'Nguyễn Văn An' });
    assert.equal(corrected.result?.code, '000');
  });

  it('refuses with typed errors: unknown patient or visit, nothing to look up by, gateway not set up', async () => {
    const code = (promise: Promise<unknown>) => promise.then(() => 'ok', (error: unknown) => (isAppError(error) ? error.code : 'other'));
    assert.equal(await code(service().check({ patientId: 999 })), 'PATIENT_NOT_FOUND');
    assert.equal(await code(service().check({ patientId, visitId: 999, cardCode: DEMO_VALID_CARD.cardCode })), 'VISIT_NOT_FOUND');
    assert.equal(await code(service({ settings: () => ({ ...SETTINGS, cccdLookup: false }) }).check({ patientId })), 'INSURANCE_NO_CARD');
    assert.equal(await code(service({ settings: () => InsuranceSettingsSchema.parse({}) }).check({ patientId })), 'INSURANCE_CONFIG');
    assert.equal(await code(service({ checks: undefined }).check({ patientId })), 'DB_NOT_READY');
  });

  it('a failure outside the gateway (credentials locked) is retried counting attempts, then needs a person; the clerk hears why', async () => {
    const client = simClient(sim, {
      account: () => {
        throw new AppError('SECRETS_UNAVAILABLE', 'The credentials store is locked');
      },
    });
    const insurance = service({ client, lookup: createCardLookup(client) });
    const code = await insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode }).then(
      () => 'ok',
      (error: unknown) => (isAppError(error) ? error.code : 'other'),
    );
    assert.equal(code, 'SECRETS_UNAVAILABLE');
    const waiting = insurance.forVisit(visitId)!;
    assert.deepEqual([waiting.status, waiting.attempts], ['to-verify', 1], 'not left running');
    for (let i = 0; i < 2; i += 1) {
      clock += 600_000;
      assert.equal(await insurance.runDue(), 1);
    }
    const halted = insurance.forVisit(visitId)!;
    assert.deepEqual([halted.status, halted.attempts], ['needs-review', 3]);
    clock += 600_000;
    assert.equal(await insurance.runDue(), 0, 'no attempt after maxAttempts');
  });

  it('records the result for the HIS inside the transaction that lands it', async () => {
    const recorded: Array<[number, string, boolean]> = [];
    const insurance = service({
      transaction: (work) => t.db.transaction(work)(),
      recordVisitResult: (id, check) => recorded.push([id, check.status, t.db.inTransaction]),
    });
    await insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode });
    assert.deepEqual(recorded, [[visitId, 'done', true]]);
    assert.deepEqual(changedVisits, [visitId], 'and announces it after the commit');
  });

  it('a landing whose HIS record fails is rolled back: the check is to verify again, not done without the HIS hearing', async () => {
    const insurance = service({
      transaction: (work) => t.db.transaction(work)(),
      recordVisitResult: () => {
        throw new Error('outbox write failed');
      },
    });
    await assert.rejects(insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode }), /outbox write failed/);
    const check = insurance.forVisit(visitId)!;
    assert.deepEqual([check.status, check.result], ['to-verify', null]);
    assert.deepEqual(changedVisits, []);
  });

  it('an older check still running when a newer one starts lands nothing', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let started: () => void = () => {};
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    const client = simClient(sim);
    const real = createCardLookup(client);
    let calls = 0;
    const lookup: CardLookup = {
      counts: () => real.counts(),
      async run(subject, options) {
        calls += 1;
        if (calls === 1) {
          started();
          await held;
        }
        return real.run(subject, options);
      },
    };
    const insurance = service({ client, lookup });
    const first = insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode });
    await firstStarted;
    const second = await insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode });
    release();
    const older = await first;
    assert.equal(older.status, 'superseded');
    assert.equal(older.result, null);
    assert.equal(insurance.forVisit(visitId)?.id, second.id);
    assert.deepEqual(events.map((e) => [e.checkId, e.status]), [[second.id, 'done']], 'only the newer check is announced');
    assert.deepEqual(changedVisits, [visitId]);
  });

  it('close() ends a check waiting between gateway retries and waits for it: nothing is written after', async () => {
    const closing = new AbortController();
    let sleeping: () => void = () => {};
    const inRetryWait = new Promise<void>((resolve) => (sleeping = resolve));
    const client = simClient(sim, {
      retry: { attempts: 3, baseMs: 600_000, maxMs: 600_000 },
      signal: closing.signal,
      sleep: (ms) => {
        sleeping();
        return delay(ms, undefined, { ref: false });
      },
    });
    const insurance = service({ client, lookup: createCardLookup(client) });
    insurance.start();
    await sim.goDown();
    let settled = false;
    const check = insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode }).finally(() => (settled = true));
    await inRetryWait;
    closing.abort();
    await insurance.close();
    assert.equal(settled, true, 'the check ended before close() resolved');
    const view = await check;
    assert.deepEqual([view.status, view.lastFailure], ['to-verify', 'network'], 'kept to verify after the restart');
    const rows = JSON.stringify(t.db.prepare('SELECT * FROM insurance_checks').all());
    await assert.rejects(insurance.check({ patientId, visitId, cardCode: DEMO_VALID_CARD.cardCode }), (error: unknown) => isAppError(error) && error.code === 'DB_NOT_READY');
    assert.equal(JSON.stringify(t.db.prepare('SELECT * FROM insurance_checks').all()), rows, 'nothing written after close()');
  });
});
