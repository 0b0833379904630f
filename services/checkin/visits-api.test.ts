import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createAuditLog } from '../../db/audit.ts';
import { openDatabase } from '../../db/connection.ts';
import { loadOrCreateKeyFile } from '../../db/key-file.ts';
import { createOutboxRepository } from '../../db/outbox.ts';
import type { PatientSaveResult } from '../../domain/patient.ts';
import type { VisitCreateResult, VisitsTodayResult, VisitView } from '../../domain/visit-api.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createApp, deskOf } from '../app.ts';
import { queueNumberFromDisplay } from './visit-service.ts';

const AN = { fullName: 'Nguyễn Văn An', birthDate: '1990-08-15', sex: 'male', cccd: '001090012345' };

describe('visits through the API', () => {
  it('checks a patient in twice with desk numbers, lists today, records the biometric decision, audits, and queues two HIS check-ins that survive a restart', async () => {
    using dir = makeTempDir();
    const config = { dataDir: dir.path, mode: 'headless', deviceHost: false, desk: 'A', user: 'lan' } as const;
    let app = await createApp(config);
    const saved = await app.router.dispatch('patients.save', AN);
    assert.ok(saved.ok, JSON.stringify(saved));
    const patientId = (saved.value as PatientSaveResult).patient.id;

    const clinics = await app.router.dispatch('settings.clinics.get', {});
    assert.ok(clinics.ok);
    assert.deepEqual((clinics.value as { id: string }[]).map((c) => c.id), ['K01', 'K02']);

    const create = async (input: object) => {
      const result = await app.router.dispatch('visits.create', { patientId, visitType: 'bhyt', clinicId: 'K01', ...input });
      assert.ok(result.ok, JSON.stringify(result));
      return result.value as VisitCreateResult;
    };
    const first = await create({ priorities: [], reason: 'Sốt' });
    const second = await create({ priorities: ['emergency'], referralNumber: 'CV-12' });
    assert.deepEqual([first.visit.queueNumber.display, second.visit.queueNumber.display], ['A-001', 'A-002']);
    assert.equal(first.visit.queueFallbackReason, 'no-his');
    assert.equal(first.visit.status, 'queued');
    assert.equal(first.visit.sync, 'waiting');
    assert.equal(first.visit.clinic.name, 'Phòng khám Nội tổng hợp');
    const texts = first.ticket.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    assert.ok(texts.includes('A-001'));
    assert.ok(texts.some((text) => text.endsWith(': N.V. An')), 'the ticket shows the short name');
    assert.deepEqual(
      first.ticket.blocks.filter((b) => b.kind === 'qr').map((b) => b.payload),
      [`TIEPDON:VISIT:${first.visit.id}`],
    );
    assert.ok(second.ticket.blocks.some((b) => b.kind === 'text' && b.text.includes('CẤP CỨU')));

    for (const [input, code] of [
      [{ clinicId: 'K99' }, 'CLINIC_NOT_FOUND'],
      [{ patientId: 999 }, 'PATIENT_NOT_FOUND'],
      [{ priorities: ['no-such-group'] }, 'BAD_INPUT'],
    ] as const) {
      const refused = await app.router.dispatch('visits.create', { patientId, visitType: 'bhyt', clinicId: 'K01', ...input });
      assert.equal(refused.ok ? 'ok' : refused.error.code, code);
    }

    const today = await app.router.dispatch('visits.today', { clinicId: 'K01' });
    assert.ok(today.ok, JSON.stringify(today));
    const list = today.value as VisitsTodayResult;
    assert.deepEqual(list.visits.map((v) => [v.id, v.queueNumber.display, v.status, v.sync, v.patientName]), [
      [first.visit.id, 'A-001', 'queued', 'waiting', 'Nguyễn Văn An'],
      [second.visit.id, 'A-002', 'queued', 'waiting', 'Nguyễn Văn An'],
    ]);
    const other = await app.router.dispatch('visits.today', { clinicId: 'K02' });
    assert.deepEqual(other.ok && (other.value as VisitsTodayResult).visits, []);

    const skippedWithoutReason = await app.router.dispatch('visits.recordBiometric', { visitId: first.visit.id, decision: 'skipped' });
    assert.equal(skippedWithoutReason.ok ? 'ok' : skippedWithoutReason.error.code, 'BAD_INPUT');
    const missing = await app.router.dispatch('visits.recordBiometric', { visitId: 999, decision: 'match' });
    assert.equal(missing.ok ? 'ok' : missing.error.code, 'VISIT_NOT_FOUND');
    const decided = await app.router.dispatch('visits.recordBiometric', { visitId: first.visit.id, decision: 'match' });
    assert.ok(decided.ok, JSON.stringify(decided));
    assert.equal((decided.value as VisitView).biometric?.decision, 'match');
    assert.equal((decided.value as VisitView).biometric?.by, 'lan');
    // Corrected from today's list: only with a reason, audited with the decision it replaces.
    const unexplained = await app.router.dispatch('visits.recordBiometric', { visitId: second.visit.id, decision: 'no-match' });
    assert.ok(unexplained.ok, 'a first decision needs no reason');
    const correctedWithoutReason = await app.router.dispatch('visits.recordBiometric', { visitId: second.visit.id, decision: 'match' });
    assert.equal(correctedWithoutReason.ok ? 'ok' : correctedWithoutReason.error.code, 'BAD_INPUT');
    const corrected = await app.router.dispatch('visits.recordBiometric', { visitId: second.visit.id, decision: 'match', reason: 'Bấm nhầm phím' });
    assert.ok(corrected.ok, JSON.stringify(corrected));
    assert.deepEqual([(corrected.value as VisitView).biometric?.decision, (corrected.value as VisitView).biometric?.reason], ['match', 'Bấm nhầm phím']);
    await app.close();

    app = await createApp(config);
    const again = await app.router.dispatch('visits.today', {});
    assert.deepEqual(
      again.ok && (again.value as VisitsTodayResult).visits.map((v) => [v.biometric?.decision ?? null, v.sync]),
      [['match', 'waiting'], ['match', 'waiting']],
    );
    await app.close();

    const db = openDatabase({ file: join(dir.path, 'tiepdon.db'), key: loadOrCreateKeyFile(join(dir.path, 'db.key')) });
    const entries = createAuditLog(db.db).query({ limit: 100 }).reverse();
    const outbox = createOutboxRepository(db.db);
    const count = outbox.count();
    const items = [outbox.byKey(String(first.visit.id)), outbox.byKey(String(second.visit.id))];
    db.close();
    assert.equal(count, 2, 'exactly two outbox rows');
    assert.deepEqual(
      items.map((item) => item && [item.kind, item.status, (item.payload as { queueNumber: string }).queueNumber]),
      [['his.checkin', 'pending', 'A-001'], ['his.checkin', 'pending', 'A-002']],
    );
    assert.deepEqual(
      entries.filter((e) => e.action !== 'visits.today').map((e) => [e.action, e.patientId ?? null]),
      [
        ['patient.create', patientId],
        ['visit.create', patientId],
        ['visit.create', patientId],
        ['biometric.decision', patientId],
        ['biometric.decision', patientId],
        ['biometric.correction', patientId],
      ],
    );
    assert.deepEqual(entries.find((e) => e.action === 'biometric.correction')?.detail, {
      visitId: second.visit.id,
      decision: 'match',
      previous: 'no-match',
      previousBy: 'lan',
      reasonGiven: true,
    });
    assert.deepEqual(entries.find((e) => e.action === 'biometric.decision')?.detail, { visitId: first.visit.id, decision: 'match', reasonGiven: false });
    assert.ok(entries.every((e) => e.desk === 'A' && e.user === 'lan'));
    assert.doesNotMatch(JSON.stringify(entries), /nguyen|Nguyễn|001090012345|Sốt/i, 'no personal data in the audit log');
  });

  it('stores and validates the clinic list', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false, desk: 'B' });
    const clinic = { id: 'TMH', name: 'Tai Mũi Họng', room: null, serviceCode: null, visitTypes: ['fee-paying'] };
    const set = await app.router.dispatch('settings.clinics.set', [clinic]);
    assert.ok(set.ok, JSON.stringify(set));
    const got = await app.router.dispatch('settings.clinics.get', {});
    assert.deepEqual(got.ok && got.value, [clinic]);
    const twice = await app.router.dispatch('settings.clinics.set', [clinic, clinic]);
    assert.equal(twice.ok ? 'ok' : twice.error.code, 'BAD_INPUT');
    const saved = await app.router.dispatch('patients.save', AN);
    assert.ok(saved.ok);
    const wrongType = await app.router.dispatch('visits.create', {
      patientId: (saved.value as PatientSaveResult).patient.id,
      visitType: 'bhyt',
      clinicId: 'TMH',
      priorities: [],
    });
    assert.equal(wrongType.ok ? 'ok' : wrongType.error.code, 'BAD_INPUT');
    await app.close();
  });

  it('derives the desk letter and reads stored queue numbers back', () => {
    assert.deepEqual(deskOf('A'), { id: 'A', prefix: 'A', name: 'A' });
    assert.deepEqual(deskOf('quầy 2', 'C'), { id: 'qu-y-2', prefix: 'C', name: 'quầy 2' });
    assert.equal(deskOf('reception-pc').prefix, 'R');
    assert.deepEqual(queueNumberFromDisplay('K01', '2026-03-02', 'B-012'), {
      clinicId: 'K01', day: '2026-03-02', sequence: 12, origin: 'local', prefix: 'B', display: 'B-012',
    });
    assert.equal(queueNumberFromDisplay('K01', '2026-03-02', '012').origin, 'his');
  });
});
