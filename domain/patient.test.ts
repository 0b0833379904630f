import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameSearchForm, parsePatientQuery, PatientFieldsSchema } from './patient.ts';

describe('patient fields', () => {
  it('normalise text to NFC with single spaces, phones to the national form', () => {
    const fields = PatientFieldsSchema.parse({
      fullName: '  Nguye\u0302\u0303n   Văn An ',
      birthDate: '1990-08',
      sex: 'male',
      phone: '+84 912 345 678',
      address: '',
    });
    assert.equal(fields.fullName, 'Nguyễn Văn An');
    assert.equal(fields.phone, '0912345678');
    assert.equal(fields.address, undefined);
    assert.deepEqual(fields.oldIdNumbers, []);
  });

  it('drop control, direction and invisible characters from names, addresses and relatives', () => {
    const fields = PatientFieldsSchema.parse({
      fullName: 'Nguy\u0000ễn \u202EVăn\u200F An\uDC00',
      birthDate: '1990',
      sex: 'male',
      address: '\u2067Số 1, Hà Nội\u2069\u0007',
      relatives: [{ relation: 'Con\u061C', name: 'Nguyễn\u180E Thị Bé' }],
    });
    assert.equal(fields.fullName, 'Nguyễn Văn An');
    assert.equal(fields.address, 'Số 1, Hà Nội');
    assert.deepEqual(fields.relatives, [{ relation: 'Con', name: 'Nguyễn Thị Bé' }]);
    assert.equal(PatientFieldsSchema.safeParse({ fullName: '\u200B\u202E', birthDate: '1990', sex: 'male' }).success, false);
  });

  it('refuse impossible birth dates and malformed numbers', () => {
    assert.equal(PatientFieldsSchema.safeParse({ fullName: 'A', birthDate: '1990-02-30', sex: 'male' }).success, false);
    assert.equal(PatientFieldsSchema.safeParse({ fullName: 'A', birthDate: '1990', sex: 'male', cccd: '123' }).success, false);
  });
});

describe('patient search text', () => {
  it('folds diacritics and đ', () => {
    assert.equal(nameSearchForm('Đặng Thị Ngọc Ánh'), 'dang thi ngoc anh');
  });

  it('drops hidden characters instead of splitting a word at them', () => {
    assert.equal(nameSearchForm('Đặ\u200Bng Th\u202Eị Ngọc\u2060Ánh'), 'dang thi ngocanh');
    assert.deepEqual(parsePatientQuery('Ngu\u200Fyen An 19\u200B90'), { kind: 'name', tokens: ['nguyen', 'an'], birthYear: 1990 });
  });

  it('reads numbers as every identifier they could be', () => {
    assert.deepEqual(parsePatientQuery('001 090 012 345'), { kind: 'numbers', cccd: '001090012345', oldIdNumber: '001090012345' });
    assert.deepEqual(parsePatientQuery('0912345678'), { kind: 'numbers', bhxhNumber: '0912345678', phone: '0912345678' });
    assert.deepEqual(parsePatientQuery('+84912345678'), { kind: 'numbers', phone: '0912345678' });
    assert.deepEqual(parsePatientQuery('DN4010123456789'), { kind: 'numbers', bhxhNumber: '0123456789' });
    assert.deepEqual(parsePatientQuery('123456789'), { kind: 'numbers', oldIdNumber: '123456789' });
    assert.equal(parsePatientQuery('12'), null);
  });

  it('reads a name with an optional year of birth', () => {
    assert.deepEqual(parsePatientQuery('Nguyễn Văn An 1990'), { kind: 'name', tokens: ['nguyen', 'van', 'an'], birthYear: 1990 });
    assert.deepEqual(parsePatientQuery('nguyen an'), { kind: 'name', tokens: ['nguyen', 'an'] });
    assert.equal(parsePatientQuery('!!'), null);
  });
});
