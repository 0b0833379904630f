import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInsuranceCheckRepository } from './insurance-checks.ts';
import { openTestDatabase } from './testing/test-database.ts';

function addPatient(db: ReturnType<typeof openTestDatabase>['db'], id: number): void {
  db.prepare(
    "INSERT INTO patients (id, full_name, name_search, birth_date, birth_year, sex, created_at, updated_at) VALUES (?, 'A', 'a', '1990', 1990, 'male', '', '')",
  ).run(id);
}

function clock(start: string) {
  let at = new Date(start).getTime();
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

describe('insurance checks', () => {
  it('a check is created running, postponed to-verify, claimed when due, and keeps only its result once done', () => {
    using t = openTestDatabase();
    addPatient(t.db, 1);
    const time = clock('2026-03-02T01:00:00Z');
    const checks = createInsuranceCheckRepository(t.db, time.now);
    const created = checks.create({ patientId: 1, visitId: null, request: { cardCode: 'DN4010123456789' }, leaseMs: 60_000 });
    assert.equal(created.status, 'running');
    assert.equal(created.attempts, 1);
    assert.deepEqual(created.request, { cardCode: 'DN4010123456789' });

    const waiting = checks.postpone(created.id, { failure: 'network', nextAttemptAt: '2026-03-02T01:00:30.000Z' });
    assert.equal(waiting.status, 'to-verify');
    assert.equal(waiting.lastFailure, 'network');
    assert.equal(checks.nextDueAt(), '2026-03-02T01:00:30.000Z');
    assert.deepEqual(checks.claimDue(60_000), [], 'not due yet');

    time.advance(30_000);
    const [claimed] = checks.claimDue(60_000);
    assert.equal(claimed?.id, created.id);
    assert.equal(claimed?.status, 'running');
    assert.equal(claimed?.attempts, 2);
    assert.deepEqual(checks.claimDue(60_000), [], 'a claimed check is leased');

    const done = checks.complete(created.id, { status: 'done', code: '000', outcome: 'valid', strategy: 'as-given', result: { code: '000' } });
    assert.equal(done?.status, 'done');
    assert.equal(done?.request, null, 'the request is dropped once the result lands');
    assert.deepEqual(done?.result, { code: '000' });
    assert.equal(done?.nextAttemptAt, null);
    assert.equal(checks.nextDueAt(), undefined);
  });

  it('a check whose claimer died comes back when its lease ends', () => {
    using t = openTestDatabase();
    addPatient(t.db, 1);
    const time = clock('2026-03-02T01:00:00Z');
    const checks = createInsuranceCheckRepository(t.db, time.now);
    const created = checks.create({ patientId: 1, visitId: null, request: {}, leaseMs: 60_000 });
    assert.deepEqual(checks.claimDue(60_000), []);
    time.advance(60_000);
    assert.deepEqual(checks.claimDue(60_000).map((c) => c.id), [created.id]);
  });

  it("the latest check of a visit and of a patient; a halted check waits for a person", () => {
    using t = openTestDatabase();
    addPatient(t.db, 1);
    addPatient(t.db, 2);
    t.db
      .prepare("INSERT INTO visits (id, patient_id, visit_date, clinic, visit_type, status, desk, created_at) VALUES (7, 1, '2026-03-02', 'K01', 'bhyt', 'queued', 'A', '')")
      .run();
    const checks = createInsuranceCheckRepository(t.db);
    checks.create({ patientId: 1, visitId: 7, request: {}, leaseMs: 1 });
    const second = checks.create({ patientId: 1, visitId: 7, request: {}, leaseMs: 1 });
    const other = checks.create({ patientId: 2, visitId: null, request: {}, leaseMs: 1 });
    assert.equal(checks.latestForVisit(7)?.id, second.id);
    assert.equal(checks.latestForPatient(1)?.id, second.id);
    assert.equal(checks.latestForPatient(2)?.id, other.id);
    assert.equal(checks.latestForVisit(8), undefined);
    const halted = checks.halt(other.id, 'login-refused');
    assert.equal(halted.status, 'needs-review');
    assert.equal(halted.nextAttemptAt, null);
    assert.throws(() => checks.create({ patientId: 1, visitId: 99, request: {}, leaseMs: 1 }), /FOREIGN KEY/);
  });

  it('a newer check supersedes an older one still running: the older lands, postpones and halts nothing', () => {
    using t = openTestDatabase();
    addPatient(t.db, 1);
    t.db
      .prepare("INSERT INTO visits (id, patient_id, visit_date, clinic, visit_type, status, desk, created_at) VALUES (7, 1, '2026-03-02', 'K01', 'bhyt', 'queued', 'A', '')")
      .run();
    const checks = createInsuranceCheckRepository(t.db);
    const older = checks.create({ patientId: 1, visitId: 7, request: { cardCode: 'DN4010123456789' }, leaseMs: 60_000 });
    const newer = checks.create({ patientId: 1, visitId: 7, request: {}, leaseMs: 60_000 });
    assert.equal(checks.supersede(newer), 1);
    const result = { status: 'done', code: '000', outcome: 'valid', strategy: 'as-given', result: { code: '000' } } as const;
    assert.equal(checks.complete(older.id, result), undefined, 'the older result does not land');
    assert.equal(checks.postpone(older.id, { failure: 'network', nextAttemptAt: '2026-03-02T01:00:30.000Z' }).status, 'superseded');
    assert.equal(checks.halt(older.id, 'network').status, 'superseded');
    assert.equal(checks.get(older.id)?.result, null);
    assert.equal(checks.complete(newer.id, result)?.status, 'done');
    assert.equal(checks.complete(newer.id, result), undefined, 'a result lands once');
    assert.equal(checks.latestForVisit(7)?.id, newer.id);
    assert.equal(checks.nextDueAt(), undefined);
  });
});
