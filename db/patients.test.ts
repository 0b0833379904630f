import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAppError } from '../domain/errors.ts';
import { PatientFieldsSchema, type PatientFields } from '../domain/patient.ts';
import { createPatientRepository } from './patients.ts';
import { openTestDatabase } from './testing/test-database.ts';

const fields = (input: Partial<PatientFields> & { fullName: string }): PatientFields =>
  PatientFieldsSchema.parse({ birthDate: '1990-08-15', sex: 'male', ...input });

describe('patient repository', () => {
  it('saves NFC text and reads it back by CCCD, old ID, BHXH number and phone', () => {
    using t = openTestDatabase();
    const patients = createPatientRepository(t.db, () => new Date('2026-03-02T01:00:00Z'));
    const { patient, warnings } = patients.save(
      fields({
        fullName: 'Nguye\u0302\u0303n Văn An',
        cccd: '001090012345',
        oldIdNumbers: ['012345678'],
        bhxhNumber: '0123456789',
        phone: '0912 345 678',
        relatives: [{ relation: 'mẹ', name: 'Trần Thị Bình' }],
      }),
    );
    assert.deepEqual(warnings, []);
    assert.equal(patient.fullName, 'Nguyễn Văn An');
    assert.equal(patient.createdAt, '2026-03-02T01:00:00.000Z');
    assert.deepEqual(patients.findByCccd('001090012345'), patient);
    assert.deepEqual(patients.findByOldIdNumber('012345678'), [patient]);
    assert.deepEqual(patients.findByBhxhNumber('0123456789'), [patient]);
    assert.deepEqual(patients.findByPhone('0912345678'), [patient]);
    assert.deepEqual(patients.get(patient.id)?.relatives, [{ relation: 'mẹ', name: 'Trần Thị Bình' }]);
  });

  it('refuses a second patient with the same CCCD, on registration and on update', () => {
    using t = openTestDatabase();
    const patients = createPatientRepository(t.db);
    const first = patients.save(fields({ fullName: 'Nguyễn Văn An', cccd: '001090012345' })).patient;
    const isDuplicate = (error: unknown) => isAppError(error) && error.code === 'PATIENT_DUPLICATE' && (error.detail as { patientId: number }).patientId === first.id;
    assert.throws(() => patients.save(fields({ fullName: 'Lê Văn Bình', cccd: '001090012345' })), isDuplicate);
    const other = patients.save(fields({ fullName: 'Lê Văn Bình', cccd: '001090099999' })).patient;
    assert.throws(() => patients.save(fields({ fullName: 'Lê Văn Bình', cccd: '001090012345' }), other.id), isDuplicate);
    assert.equal(patients.get(other.id)?.cccd, '001090099999');
    // Saving a patient with their own CCCD is an update, not a duplicate.
    assert.equal(patients.save(fields({ fullName: 'Nguyễn Văn An', cccd: '001090012345', phone: '0912345678' }), first.id).patient.phone, '0912345678');
  });

  it('warns, with the reason, of the same name + birth date + sex or the same phone, and still saves', () => {
    using t = openTestDatabase();
    const patients = createPatientRepository(t.db);
    const first = patients.save(fields({ fullName: 'Nguyễn Văn An', phone: '0912345678' })).patient;
    const second = patients.save(fields({ fullName: 'NGUYEN VAN AN', phone: '0987654321' }));
    assert.deepEqual(second.warnings, [{ reason: 'same-name-birth-date-sex', patientId: first.id, fullName: 'Nguyễn Văn An', birthDate: '1990-08-15' }]);
    const third = patients.save(fields({ fullName: 'Trần Thị Cúc', sex: 'female', phone: '0912345678' }));
    assert.deepEqual(third.warnings, [{ reason: 'same-phone', patientId: first.id, fullName: 'Nguyễn Văn An', birthDate: '1990-08-15' }]);
    assert.deepEqual(patients.save(fields({ fullName: 'Nguyễn Văn An', sex: 'female', birthDate: '1990' })).warnings, []);
    // A patient is no duplicate of itself.
    assert.deepEqual(patients.save(fields({ fullName: 'Nguyễn Văn An', phone: '0912345678' }), first.id).warnings.map((w) => w.patientId), [second.patient.id, third.patient.id]);
  });

  it('answers PATIENT_NOT_FOUND when updating a patient that does not exist', () => {
    using t = openTestDatabase();
    assert.throws(
      () => createPatientRepository(t.db).save(fields({ fullName: 'A' }), 999),
      (error) => isAppError(error) && error.code === 'PATIENT_NOT_FOUND',
    );
  });
});

describe('patient name search', () => {
  function seeded() {
    const t = openTestDatabase();
    const patients = createPatientRepository(t.db);
    const ids = Object.fromEntries(
      [
        ['an', 'Nguyễn Văn An', '1990-08-15'],
        ['anh', 'Nguyễn Thị Ánh', '1985'],
        ['an1975', 'Nguyễn Văn An', '1975-02'],
        ['dang', 'Đặng Văn An', '1990-01-01'],
        ['binh', 'Trần Văn Bình', '1990-05-05'],
      ].map(([key, fullName, birthDate]) => [key, patients.save(fields({ fullName: fullName!, birthDate: birthDate! })).patient.id]),
    ) as Record<'an' | 'anh' | 'an1975' | 'dang' | 'binh', number>;
    return { t, patients, ids };
  }

  it('finds "Nguyễn Văn An" typed without diacritics, in full, with the middle name left out, or as prefixes', () => {
    const { t, patients, ids } = seeded();
    using _ = t;
    const search = (tokens: string[], birthYear?: number) =>
      patients.searchByName(tokens, { limit: 10, ...(birthYear === undefined ? {} : { birthYear }) }).map((p) => p.id);
    assert.deepEqual(search(['nguyen', 'van', 'an']).slice(0, 2).sort(), [ids.an, ids.an1975].sort());
    assert.ok(search(['nguyen', 'an']).includes(ids.an));
    assert.deepEqual(new Set(search(['Nguyen', 'Van'])), new Set([ids.an, ids.an1975]));
    assert.deepEqual(new Set(search(['ngu', 'va'])), new Set([ids.an, ids.an1975]));
    assert.deepEqual(search(['nguyen', 'an'], 1990), [ids.an]);
    assert.deepEqual(search(['nguyen', 'an'], 1975), [ids.an1975]);
    assert.deepEqual(search(['dang', 'an']), [ids.dang]);
    assert.deepEqual(search(['nguyen', 'an'], 2001), []);
  });

  it('ranks names where every typed word is whole before names that only share prefixes', () => {
    const { t, patients, ids } = seeded();
    using _ = t;
    assert.deepEqual(patients.searchByName(['nguyen', 'an'], { limit: 10 }).map((p) => p.id).slice(-1), [ids.anh]);
  });

  it('keeps the index in step with renames and deletions', () => {
    const { t, patients, ids } = seeded();
    using _ = t;
    patients.save(fields({ fullName: 'Phạm Văn Bình', birthDate: '1990-05-05' }), ids.binh);
    assert.deepEqual(patients.searchByName(['tran'], { limit: 10 }), []);
    assert.deepEqual(patients.searchByName(['pham', 'binh'], { limit: 10 }).map((p) => p.id), [ids.binh]);
    t.db.prepare('DELETE FROM patients WHERE id = ?').run(ids.binh);
    assert.deepEqual(patients.searchByName(['pham'], { limit: 10 }), []);
    assert.equal((t.db.prepare("INSERT INTO patient_names (patient_names, rank) VALUES ('integrity-check', 1)").run().changes >= 0), true);
  });
});
