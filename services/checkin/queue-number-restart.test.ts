import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createAuditLog } from '../../db/audit.ts';
import { openDatabase } from '../../db/connection.ts';
import { loadOrCreateKeyFile } from '../../db/key-file.ts';
import type { PatientSaveResult } from '../../domain/patient.ts';
import type { VisitCreateResult, VisitsTodayResult } from '../../domain/visit-api.ts';
import { startFhirSim } from '../../native/sim/his/fhir-server.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createApp, type App, type AppConfig } from '../app.ts';
import { createLogger } from '../log.ts';

const PATIENT = { fullName: 'Lê Thị Cúc', birthDate: '1972-11-20', sex: 'female', cccd: '001172004321' };

describe('queue numbers after a same-day restart', () => {
  it('never issues again a number the desk holds when the restarted HIS counts from 1 again', async () => {
    using dir = makeTempDir();
    const logLines: string[] = [];
    const config: AppConfig = {
      dataDir: dir.path,
      mode: 'headless',
      deviceHost: false,
      desk: 'A',
      user: 'lan',
      log: createLogger((line) => logLines.push(line), 'debug'),
    };
    const startWithHis = async (hisUrl: string): Promise<App> => {
      const app = await createApp(config);
      const set = await app.router.dispatch('settings.his.set', { baseUrl: hisUrl, authKind: 'none' });
      assert.ok(set.ok, JSON.stringify(set));
      return app;
    };
    const checkIn = async (app: App, patientId: number): Promise<VisitCreateResult['visit']> => {
      const result = await app.router.dispatch('visits.create', { patientId, visitType: 'fee-paying', clinicId: 'K01', priorities: [] });
      assert.ok(result.ok, JSON.stringify(result));
      return (result.value as VisitCreateResult).visit;
    };

    const firstHis = await startFhirSim();
    let app = await startWithHis(firstHis.url);
    const saved = await app.router.dispatch('patients.save', PATIENT);
    assert.ok(saved.ok, JSON.stringify(saved));
    const patientId = (saved.value as PatientSaveResult).patient.id;
    const before = [];
    for (let i = 0; i < 3; i += 1) before.push(await checkIn(app, patientId));
    assert.deepEqual(before.map((v) => [v.queueNumber.display, v.queueFallbackReason]), [['001', null], ['002', null], ['003', null]]);
    await app.close();
    await firstHis.stop();

    // The same data folder, and an HIS whose counter starts again at 1 for the same clinic and day.
    const restartedHis = await startFhirSim();
    try {
      app = await startWithHis(restartedHis.url);
      const after = [];
      for (let i = 0; i < 4; i += 1) after.push(await checkIn(app, patientId));
      assert.deepEqual(after.map((v) => [v.queueNumber.display, v.queueFallbackReason]), [
        ['A-001', 'his-number-taken'],
        ['A-002', 'his-number-taken'],
        ['A-003', 'his-number-taken'],
        ['004', null],
      ]);
      const today = await app.router.dispatch('visits.today', { clinicId: 'K01' });
      assert.ok(today.ok, JSON.stringify(today));
      const shown = (today.value as VisitsTodayResult).visits.map((v) => v.queueNumber.display);
      assert.equal(shown.length, 7);
      assert.equal(new Set(shown).size, shown.length, 'no number is shared by two visits of the clinic and day');
    } finally {
      await app.close();
      await restartedHis.stop();
    }

    const db = openDatabase({ file: join(dir.path, 'tiepdon.db'), key: loadOrCreateKeyFile(join(dir.path, 'db.key')) });
    const created = createAuditLog(db.db).query({ limit: 100 }).filter((e) => e.action === 'visit.create');
    db.close();
    assert.deepEqual(
      created.map((e) => (e.detail as { queueFallback: string | null }).queueFallback).sort(),
      ['his-number-taken', 'his-number-taken', 'his-number-taken', null, null, null, null].sort(),
      'the audit records each collision',
    );
    const warnings = logLines.filter((line) => line.includes('already holds'));
    assert.equal(warnings.length, 3, 'the log records each collision');
    assert.doesNotMatch(logLines.join('\n'), /Cúc|001172004321/, 'no personal data in the log');
    assert.ok(!logLines.some((line) => line.includes('UNIQUE')), 'no constraint failure on the way');
  });
});
