import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cccdNumberFor, cccdPersonArb, digitsArb } from './arbitraries.ts';
import {
  checkCccdNumber,
  decodeCccdNumber,
  parseCccdNumber,
  parseOldIdNumber,
  parsePersonalIdNumber,
} from './cccd-number.ts';
import { IDENTITY_ERROR_CODES } from './issues.ts';

const codes = (warnings: readonly { code: string }[]) => warnings.map((w) => w.code);

describe('CCCD number', () => {
  it('decodes province, century and sex, and birth year', () => {
    assert.deepEqual(decodeCccdNumber('001090012345'), {
      birthRegistrationCode: '001',
      province: 'Hà Nội',
      provinceAdminCode: '01',
      centuryDigit: 0,
      sexFromId: 'male',
      birthYearFromId: 1990,
    });
    const hcm = decodeCccdNumber('079303001234');
    assert.equal(hcm?.province, 'TP Hồ Chí Minh');
    assert.equal(hcm?.sexFromId, 'female');
    assert.equal(hcm?.birthYearFromId, 2003);
  });

  it('reads every century digit', () => {
    const expected = [
      ['0', 'male', 1999],
      ['1', 'female', 1999],
      ['2', 'male', 2099],
      ['3', 'female', 2099],
      ['4', 'male', 2199],
      ['5', 'female', 2199],
      ['6', 'male', 2299],
      ['7', 'female', 2299],
      ['8', 'male', 2399],
      ['9', 'female', 2399],
    ] as const;
    for (const [digit, sex, year] of expected) {
      const decoded = decodeCccdNumber(`001${digit}99012345`);
      assert.equal(decoded?.sexFromId, sex, digit);
      assert.equal(decoded?.birthYearFromId, year, digit);
    }
  });

  it('decodes only 12 digits', () => {
    for (const text of ['00109001234', '0010900123456', '00109001234a', '', '００１０９００１２３４５']) {
      assert.equal(decodeCccdNumber(text), null, text);
    }
  });

  it('warns, never rejects, when the number disagrees with the stated birth date or sex', () => {
    const decoded = decodeCccdNumber('001090012345');
    assert.ok(decoded);
    assert.deepEqual(checkCccdNumber(decoded, { dateOfBirth: { precision: 'day', year: 1990, month: 8, day: 15 }, sex: 'male' }), []);
    assert.deepEqual(codes(checkCccdNumber(decoded, { dateOfBirth: { precision: 'year', year: 1991 } })), ['ID_BIRTH_YEAR_MISMATCH']);
    assert.deepEqual(codes(checkCccdNumber(decoded, { sex: 'female' })), ['ID_SEX_MISMATCH']);
    const parsed = parseCccdNumber('001090012345', { sex: 'female' });
    assert.ok(parsed.ok);
    assert.equal(parsed.value.needsConfirmation, true);
  });

  it('warns about a birth year after today when told the date', () => {
    const decoded = decodeCccdNumber('001499012345');
    assert.ok(decoded);
    assert.deepEqual(codes(checkCccdNumber(decoded, { today: { precision: 'day', year: 2026, month: 1, day: 1 } })), [
      'ID_BIRTH_YEAR_IN_FUTURE',
    ]);
  });

  it('accepts a code that is not a province (birth registered abroad) with a warning', () => {
    const parsed = parseCccdNumber('999090012345');
    assert.ok(parsed.ok);
    assert.equal(parsed.value.idDecoded.province, null);
    assert.deepEqual(codes(parsed.value.warnings), ['ID_PROVINCE_UNKNOWN']);
    assert.equal(parsed.value.needsConfirmation, false);
  });

  it('forgives spaces, dots and hyphens typed between digit groups', () => {
    const parsed = parseCccdNumber(' 001 090-012.345 ');
    assert.ok(parsed.ok);
    assert.equal(parsed.value.idNumber, '001090012345');
  });

  it('says what was expected when the number is wrong', () => {
    const nine = parseCccdNumber('123456789');
    assert.ok(!nine.ok);
    assert.equal(nine.error.field, 'idNumber');
    assert.match(nine.error.expected, /9 digits is an old CMND/);
    for (const notText of [undefined, null, 12, {}] as unknown as string[]) {
      const result = parseCccdNumber(notText);
      assert.ok(!result.ok && result.error.code === 'EMPTY_INPUT');
      assert.equal(parsePersonalIdNumber(notText).ok, false);
    }
    const empty = parseCccdNumber('  ');
    assert.ok(!empty.ok);
    assert.equal(empty.error.code, 'EMPTY_INPUT');
  });

  it('recognises old CMND numbers of 9 and 12 digits', () => {
    assert.deepEqual(parseOldIdNumber('123456789'), { ok: true, value: { oldIdNumber: '123456789', kind: 'cmnd9' } });
    assert.deepEqual(parseOldIdNumber('001090012345'), { ok: true, value: { oldIdNumber: '001090012345', kind: 'cmnd12' } });
    const bad = parseOldIdNumber('1234567890');
    assert.ok(!bad.ok);
    assert.equal(bad.error.field, 'oldIdNumber');
  });

  it('tells a typed CCCD from a typed CMND', () => {
    const cmnd = parsePersonalIdNumber('123 456 789');
    assert.ok(cmnd.ok);
    assert.equal(cmnd.value.kind, 'cmnd9');
    const cccd = parsePersonalIdNumber('079303001234');
    assert.ok(cccd.ok && cccd.value.kind === 'cccd');
    assert.equal(cccd.value.idDecoded.birthYearFromId, 2003);
    const neither = parsePersonalIdNumber('12345');
    assert.ok(!neither.ok);
    assert.match(neither.error.expected, /12 digits \(CCCD\) or 9 digits/);
  });

  describe('properties', () => {
    it('decodes the province, sex and birth year a number was built from', () => {
      fc.assert(
        fc.property(cccdPersonArb, (person) => {
          const decoded = decodeCccdNumber(person.idNumber);
          assert.ok(decoded);
          assert.equal(decoded.birthYearFromId, person.dateOfBirth.year);
          assert.equal(decoded.sexFromId, person.sex);
          assert.equal(decoded.province, person.provinceName);
          assert.deepEqual(checkCccdNumber(decoded, { dateOfBirth: person.dateOfBirth, sex: person.sex }), []);
        }),
        { numRuns: 1000 },
      );
    });

    it('warns exactly when the stated birth year or sex differs', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1900, max: 2399 }),
          fc.integer({ min: 1900, max: 2399 }),
          fc.constantFrom('male' as const, 'female' as const),
          fc.constantFrom('male' as const, 'female' as const),
          digitsArb(6),
          (idYear, statedYear, idSex, statedSex, serial) => {
            const decoded = decodeCccdNumber(cccdNumberFor('001', idSex, idYear, serial));
            assert.ok(decoded);
            const found = codes(checkCccdNumber(decoded, { dateOfBirth: { precision: 'year', year: statedYear }, sex: statedSex }));
            assert.equal(found.includes('ID_BIRTH_YEAR_MISMATCH'), idYear !== statedYear);
            assert.equal(found.includes('ID_SEX_MISMATCH'), idSex !== statedSex);
          },
        ),
        { numRuns: 1000 },
      );
    });

    it('accepts every 12-digit string and nothing else, without throwing', () => {
      fc.assert(
        fc.property(fc.oneof(digitsArb(12), fc.string({ unit: 'binary', maxLength: 30 })), (text) => {
          const result = parseCccdNumber(text);
          if (result.ok) assert.match(result.value.idNumber, /^\d{12}$/);
          else {
            assert.ok(IDENTITY_ERROR_CODES.includes(result.error.code));
            assert.equal(result.error.field, 'idNumber');
            assert.ok(result.error.expected.length > 0);
          }
          parseOldIdNumber(text);
          parsePersonalIdNumber(text);
        }),
        { numRuns: 3000 },
      );
    });
  });
});
