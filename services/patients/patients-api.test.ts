import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createAuditLog } from '../../db/audit.ts';
import { openDatabase } from '../../db/connection.ts';
import { loadOrCreateKeyFile } from '../../db/key-file.ts';
import { AppError } from '../../domain/errors.ts';
import type { Patient, PatientSaveResult, PatientSearchResult } from '../../domain/patient.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createApp } from '../app.ts';

const AN = { fullName: 'Nguyễn Văn An', birthDate: '1990-08-15', sex: 'male', cccd: '001090012345', bhxhNumber: '0123456789', phone: '0912345678' };

describe('patients through the API', () => {
  it('registers, finds by every identifier with the reason, opens, and audits each access with the desk', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false, desk: 'desk-3', user: 'lan' });
    const saved = await app.router.dispatch('patients.save', AN);
    assert.ok(saved.ok, JSON.stringify(saved));
    const { patient, warnings } = saved.value as PatientSaveResult;
    assert.deepEqual(warnings, []);

    const reasons = async (query: string) => {
      const found = await app.router.dispatch('patients.search', { query });
      assert.ok(found.ok, JSON.stringify(found));
      return (found.value as PatientSearchResult).matches.map((m) => [m.patient.id, m.matchedBy]);
    };
    assert.deepEqual(await reasons('001090012345'), [[patient.id, 'cccd']]);
    assert.deepEqual(await reasons('0123456789'), [[patient.id, 'bhxh-number']]);
    assert.deepEqual(await reasons('HN4010123456789'), [[patient.id, 'bhxh-number']]);
    assert.deepEqual(await reasons('0912 345 678'), [[patient.id, 'phone']]);
    assert.deepEqual(await reasons('nguyen van an'), [[patient.id, 'name']]);
    assert.deepEqual(await reasons('nguyen an 1990'), [[patient.id, 'name-and-birth-year']]);
    assert.deepEqual(await reasons('nguyen an 1991'), []);

    const opened = await app.router.dispatch('patients.get', { id: patient.id });
    assert.equal(opened.ok && (opened.value as Patient).fullName, 'Nguyễn Văn An');
    const missing = await app.router.dispatch('patients.get', { id: 999 });
    assert.equal(missing.ok ? 'ok' : missing.error.code, 'PATIENT_NOT_FOUND');
    await app.close();

    const db = openDatabase({ file: join(dir.path, 'tiepdon.db'), key: loadOrCreateKeyFile(join(dir.path, 'db.key')) });
    const entries = createAuditLog(db.db).query({ limit: 100 });
    db.close();
    assert.deepEqual(
      entries.map((e) => e.action).reverse(),
      ['patient.create', ...Array<string>(7).fill('patient.search'), 'patient.open'],
    );
    assert.ok(entries.every((e) => e.desk === 'desk-3' && e.user === 'lan'));
    assert.equal(entries.find((e) => e.action === 'patient.open')?.patientId, patient.id);
    assert.doesNotMatch(JSON.stringify(entries), /nguyen|Nguyễn|0912345678|001090012345/i, 'no personal data in the audit log');
  });

  it('refuses a duplicate CCCD with PATIENT_DUPLICATE and warns of the same name, birth date and sex', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false });
    const first = await app.router.dispatch('patients.save', AN);
    assert.ok(first.ok);
    const duplicate = await app.router.dispatch('patients.save', { ...AN, fullName: 'Lê Văn Bình' });
    assert.equal(duplicate.ok ? 'ok' : duplicate.error.code, 'PATIENT_DUPLICATE');
    const similar = await app.router.dispatch('patients.save', { fullName: 'NGUYEN VAN AN', birthDate: '1990-08-15', sex: 'male' });
    assert.ok(similar.ok);
    assert.deepEqual(
      (similar.value as PatientSaveResult).warnings.map((w) => w.reason),
      ['same-name-birth-date-sex'],
    );
    const bad = await app.router.dispatch('patients.save', { ...AN, cccd: '123', birthDate: '1990-02-30' });
    assert.equal(bad.ok ? 'ok' : bad.error.code, 'BAD_INPUT');
    await app.close();
  });

  it('stores a name and address without control, direction or invisible characters, so search and the duplicate check see them', async () => {
    using dir = makeTempDir();
    const app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false });
    const first = await app.router.dispatch('patients.save', { fullName: 'Nguyễn Văn An', birthDate: '1990-08-15', sex: 'male' });
    assert.ok(first.ok);
    const hostile = {
      fullName: 'Nguy\u0000ễn\u0007 V\u202Eăn\u001B[31m A\u200Fn\u061C\u180E\u206F\u007F\uD800',
      birthDate: '1990-08-15',
      sex: 'male',
      address: 'Số 1\u2066 Phố Huế,\u0085 Hà\uFEFF Nội\u0009',
      relatives: [{ relation: 'Mẹ\u200B', name: 'Trần\u202E Thị Bích' }],
    };
    const saved = await app.router.dispatch('patients.save', hostile);
    assert.ok(saved.ok, JSON.stringify(saved));
    const { patient, warnings } = saved.value as PatientSaveResult;
    assert.equal(patient.fullName, 'Nguyễn Văn An');
    assert.equal(patient.address, 'Số 1 Phố Huế, Hà Nội');
    assert.deepEqual(patient.relatives, [{ relation: 'Mẹ', name: 'Trần Thị Bích' }]);
    assert.deepEqual(
      warnings.map((w) => [w.reason, w.patientId]),
      [['same-name-birth-date-sex', (first.value as PatientSaveResult).patient.id]],
    );

    const opened = await app.router.dispatch('patients.get', { id: patient.id });
    assert.equal(opened.ok && (opened.value as Patient).fullName, 'Nguyễn Văn An');
    const found = await app.router.dispatch('patients.search', { query: 'nguyen van an' });
    assert.ok(found.ok);
    assert.deepEqual(
      (found.value as PatientSearchResult).matches.map((m) => m.patient.id).sort(),
      [(first.value as PatientSaveResult).patient.id, patient.id].sort(),
    );
    const typedHostile = await app.router.dispatch('patients.search', { query: 'Ngu\u200Byen V\u202Ean An' });
    assert.ok(typedHostile.ok);
    assert.equal((typedHostile.value as PatientSearchResult).matches.length, 2);
    await app.close();
  });

  it('answers DB_NOT_READY when the database cannot be opened', async () => {
    using dir = makeTempDir();
    const app = await createApp({
      dataDir: dir.path,
      mode: 'headless',
      deviceHost: false,
      databaseKey: () => {
        throw new AppError('DB_NOT_READY', 'no key');
      },
    });
    for (const [method, input] of [
      ['patients.search', { query: 'nguyen' }],
      ['patients.get', { id: 1 }],
      ['patients.save', AN],
    ] as const) {
      const result = await app.router.dispatch(method, input);
      assert.equal(result.ok ? 'ok' : result.error.code, 'DB_NOT_READY', method);
    }
    await app.close();
  });
});
