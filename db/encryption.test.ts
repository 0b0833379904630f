import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { PatientFieldsSchema } from '../domain/patient.ts';
import { createAuditLog } from './audit.ts';
import { createIdentityReadRepository } from './identity-reads.ts';
import { createPatientRepository } from './patients.ts';
import { openTestDatabase } from './testing/test-database.ts';

const NAME = 'Nguyễn Văn Thửnghiệm';
const SECRETS = [NAME, 'nguyen van thunghiem', '079090123456', '0123456789', '0912345678', 'Phố Hàng Bông', '012345678'];

describe('database encryption at rest', () => {
  it('leaves no name or ID number in plain text in the database or WAL file', () => {
    using t = openTestDatabase();
    const patients = createPatientRepository(t.db);
    const { patient } = patients.save(
      PatientFieldsSchema.parse({
        fullName: NAME,
        cccd: '079090123456',
        oldIdNumbers: ['012345678'],
        bhxhNumber: '0123456789',
        phone: '0912345678',
        birthDate: '1990-01-01',
        sex: 'male',
        address: 'Số 1 Phố Hàng Bông, Hà Nội',
      }),
    );
    createIdentityReadRepository(t.db).record({ patientId: patient.id, source: 'chip', verification: 'valid', raw: { fullName: NAME } });
    createAuditLog(t.db).append({ desk: 'A', user: 'clerk', action: 'patient.create', patientId: patient.id });
    assert.equal(patients.searchByName(['thunghiem'], { limit: 1 })[0]?.fullName, NAME, 'the data is there and readable with the key');

    const files = [t.file, `${t.file}-wal`].filter((file) => existsSync(file));
    assert.ok(files.length === 2 && readFileSync(`${t.file}-wal`).length > 0, 'the WAL holds the writes');
    for (const file of files) {
      const bytes = readFileSync(file);
      assert.ok(bytes.length > 0);
      assert.notEqual(bytes.subarray(0, 15).toString('latin1'), 'SQLite format 3', `${file} has a plain SQLite header`);
      for (const secret of SECRETS) {
        for (const encoding of ['utf8', 'utf16le'] as const) {
          assert.equal(bytes.indexOf(Buffer.from(secret.normalize('NFC'), encoding)), -1, `${file} contains ${secret} (${encoding})`);
        }
      }
    }
  });
});
