import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCccdQr, type CccdQr } from './cccd-qr.ts';
import { formatPartialDate, type PartialDate } from './partial-date.ts';

const ADDRESS = 'Số 1 Phố Huế, Phường Hai Bà Trưng, Quận Hai Bà Trưng, Hà Nội';
const V1 = `001090012345|123456789|Nguyễn Văn An|15081990|Nam|${ADDRESS}|20122021`;
const V2 = '079303001234||Trần Thị Bích|21032003|Nữ|12 Lê Lợi, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh|14082021';

function ok(raw: string, today?: PartialDate): CccdQr {
  const result = parseCccdQr(raw, { today });
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

function error(raw: string) {
  const result = parseCccdQr(raw);
  assert.ok(!result.ok, 'expected an error');
  return result.error;
}

const codes = (qr: CccdQr) => qr.warnings.map((w) => w.code);

describe('CCCD QR, 2021 layout', () => {
  it('reads the 7 fields by position (vector V1)', () => {
    const qr = ok(V1);
    assert.equal(qr.layout, 'cccd2021');
    assert.equal(qr.confidence, 'exact');
    assert.equal(qr.idNumber, '001090012345');
    assert.equal(qr.oldIdNumber, '123456789');
    assert.equal(qr.fullName, 'Nguyễn Văn An');
    assert.equal(formatPartialDate(qr.dateOfBirth), '1990-08-15');
    assert.equal(qr.sex, 'male');
    assert.equal(qr.address, ADDRESS);
    assert.equal(formatPartialDate(qr.issueDate), '2021-12-20');
    assert.deepEqual(qr.idDecoded, {
      birthRegistrationCode: '001',
      province: 'Hà Nội',
      provinceAdminCode: '01',
      centuryDigit: 0,
      sexFromId: 'male',
      birthYearFromId: 1990,
    });
    assert.deepEqual(qr.warnings, []);
    assert.deepEqual(qr.extra, []);
    assert.equal(qr.needsConfirmation, false);
  });

  it('reads an empty old ID number as null (vector V2)', () => {
    const qr = ok(V2);
    assert.equal(qr.oldIdNumber, null);
    assert.equal(qr.sex, 'female');
    assert.equal(formatPartialDate(qr.dateOfBirth), '2003-03-21');
    assert.equal(qr.idDecoded.province, 'TP Hồ Chí Minh');
    assert.deepEqual(qr.warnings, []);
  });

  it('accepts a 12-digit old CMND number', () => {
    assert.equal(ok(V1.replace('|123456789|', '|001090012345|')).oldIdNumber, '001090012345');
  });

  it('rejects a code cut to 6 fields (vector V3), naming the missing issue date', () => {
    const e = error(`001090012345|123456789|Nguyễn Văn An|15081990|Nam|Hà Nội`);
    assert.equal(e.source, 'cccd-qr');
    assert.equal(e.code, 'FIELD_MISSING');
    assert.equal(e.field, 'issueDate');
  });

  it('accepts a birth year that disagrees with the ID number, with a warning (vector V4)', () => {
    const qr = ok('001090012345||Nguyễn Văn An|15081991|Nam|Hà Nội|20122021');
    assert.deepEqual(codes(qr), ['ID_BIRTH_YEAR_MISMATCH']);
    assert.equal(qr.warnings[0]?.field, 'dateOfBirth');
    assert.equal(qr.needsConfirmation, true);
    assert.equal(qr.confidence, 'exact');
  });

  it('accepts a sex that disagrees with the ID number, with a warning (vector V5)', () => {
    const qr = ok('001190012345||Nguyễn Văn An|15081990|Nam|Hà Nội|20122021');
    assert.deepEqual(codes(qr), ['ID_SEX_MISMATCH']);
    assert.equal(qr.sex, 'male', 'the card text wins; the clerk confirms');
  });

  it('tolerates a BOM, CR/LF, NUL padding and stray whitespace', () => {
    const framed = `\uFEFF  ${V1.split('|').join(' | ')}\r\n\0\0\0`;
    const qr = ok(framed);
    assert.equal(qr.fullName, 'Nguyễn Văn An');
    assert.equal(qr.address, ADDRESS);
    assert.equal(qr.raw.startsWith('001090012345'), true);
    assert.equal(ok(V1.replace('Nguyễn Văn An', '  Nguyễn   Văn An ')).fullName, 'Nguyễn Văn An');
  });

  it('normalises decomposed text to NFC', () => {
    const qr = ok(V2.normalize('NFD'));
    assert.equal(qr.fullName, 'Trần Thị Bích');
    assert.equal(qr.fullName, qr.fullName.normalize('NFC'));
    assert.equal(qr.sex, 'female');
    assert.deepEqual(qr.warnings, []);
  });

  it('accepts other spellings of the sex with a warning', () => {
    for (const [word, sex] of [
      ['NAM', 'male'],
      ['nam', 'male'],
      ['NỮ', 'female'],
      ['Nu', 'female'],
    ] as const) {
      const qr = ok(V1.replace('|Nam|', `|${word}|`).replace('001090012345', sex === 'female' ? '001190012345' : '001090012345'));
      assert.equal(qr.sex, sex, word);
      assert.deepEqual(codes(qr), ['SEX_SPELLING_UNUSUAL'], word);
      assert.equal(qr.needsConfirmation, false);
    }
  });

  it('accepts dd/MM/yyyy dates defensively', () => {
    const qr = ok(V1.replace('15081990', '15/08/1990').replace('20122021', '20/12/2021'));
    assert.equal(formatPartialDate(qr.dateOfBirth), '1990-08-15');
    assert.equal(formatPartialDate(qr.issueDate), '2021-12-20');
  });

  it('reads a birth date with unknown day or month as a partial date', () => {
    const qr = ok(V1.replace('15081990', '00001990'));
    assert.deepEqual(qr.dateOfBirth, { precision: 'year', year: 1990 });
    assert.deepEqual(codes(qr), ['DATE_PARTIAL']);
  });

  it('keeps unknown trailing fields raw', () => {
    const qr = ok(`${V1}|Nguyễn Văn Bố|Trần Thị Mẹ|`);
    assert.equal(qr.confidence, 'exact');
    assert.deepEqual(qr.extra, ['Nguyễn Văn Bố', 'Trần Thị Mẹ']);
    assert.deepEqual(codes(qr), ['EXTRA_FIELDS']);
  });

  it('asks the clerk to check a name damaged by the scanner', () => {
    const qr = ok(V1.replace('Nguyễn Văn An', 'Nguy?n V?n An'));
    assert.deepEqual(codes(qr), ['TEXT_MAY_BE_GARBLED']);
    assert.equal(qr.warnings[0]?.field, 'fullName');
    assert.equal(qr.needsConfirmation, true);
    const vni = ok(V1.replace('Nguyễn Văn An', 'Nguye64n Va8n An'));
    assert.deepEqual(codes(vni), ['TEXT_MAY_BE_GARBLED']);
  });

  it('accepts an empty address with a warning', () => {
    const qr = ok(V1.replace(ADDRESS, ''));
    assert.equal(qr.address, null);
    assert.deepEqual(codes(qr), ['ADDRESS_MISSING']);
  });

  it('names the field and position that is wrong', () => {
    const cases: [string, string, number][] = [
      [V1.replace('15081990', '31021990'), 'dateOfBirth', 3],
      [V1.replace('20122021', '2012202'), 'issueDate', 6],
      [V1.replace('20122021', ''), 'issueDate', 6],
      [V1.replace('Nguyễn Văn An', ''), 'fullName', 2],
      [V1.replace('Nguyễn Văn An', '12345'), 'fullName', 2],
    ];
    for (const [raw, field, position] of cases) {
      const e = error(raw);
      assert.equal(e.field, field, raw);
      assert.equal(e.position, position, raw);
      assert.ok(e.expected.length > 0);
      assert.equal(e.message.includes('Nguyễn'), false, 'messages hold no personal data');
    }
  });

  it('reads a 2021-shaped code with an unreadable sex or old number by field form, for confirmation', () => {
    const badSex = ok(V1.replace('|Nam|', '|X|'));
    assert.equal(badSex.confidence, 'heuristic');
    assert.equal(badSex.sex, 'male');
    assert.deepEqual(badSex.extra, ['X']);
    assert.ok(codes(badSex).includes('SEX_TAKEN_FROM_ID'));
    const badOld = ok(V1.replace('123456789', '12345'));
    assert.equal(badOld.confidence, 'heuristic');
    assert.equal(badOld.oldIdNumber, null);
    assert.deepEqual(badOld.extra, ['12345']);
    assert.equal(badOld.needsConfirmation, true);
  });

  it('flags dates after today when told the date', () => {
    const today = { precision: 'day', year: 2021, month: 12, day: 19 } as const;
    const qr = ok(V1.replace('|Nam|', '|Nam|'), today);
    assert.deepEqual(qr.warnings.map((w) => [w.code, w.field]), [['DATE_IN_FUTURE', 'issueDate']]);
    assert.equal(qr.needsConfirmation, true);
    assert.deepEqual(ok(V1, { precision: 'day', year: 2021, month: 12, day: 20 }).warnings, []);
    const unborn = ok('001230012345||Nguyễn Văn An|15082030|Nam|Hà Nội|20122031', today);
    assert.deepEqual(codes(unborn), ['ID_BIRTH_YEAR_IN_FUTURE', 'DATE_IN_FUTURE', 'DATE_IN_FUTURE']);
  });

  it('removes direction, invisible and control characters from a name and asks the clerk to confirm', () => {
    for (const hidden of ['\u200F', '\u202E', '\u061C', '\u180E', '\u206F', '\u200B', '\u0000', '\u0007', '\u001B[31m', '\u007F', '\uD800']) {
      const qr = ok(V1.replace('Nguyễn Văn An', `Nguy${hidden}ễn Văn${hidden} An`));
      const label = JSON.stringify(hidden);
      assert.equal(qr.fullName, 'Nguyễn Văn An', label);
      assert.equal(qr.confidence, 'exact', label);
      assert.equal(qr.needsConfirmation, true, label);
      assert.deepEqual(qr.warnings.map((w) => [w.code, w.field]), [['TEXT_CLEANED', 'fullName']], label);
      assert.equal(qr.raw.includes(hidden), false, label);
    }
  });

  it('flags the cleaned address and ID number by their own field', () => {
    const qr = ok(V1.replace('001090012345', '0010900\u200E12345').replace('Số 1', 'Số\u2066 1\u2069'));
    assert.equal(qr.idNumber, '001090012345');
    assert.equal(qr.address, ADDRESS);
    assert.deepEqual(qr.warnings.map((w) => [w.code, w.field]), [
      ['TEXT_CLEANED', 'idNumber'],
      ['TEXT_CLEANED', 'address'],
    ]);
  });

  it('flags a cleaned name in a code read by field form', () => {
    const qr = ok(['Nguy\u202Eễn Văn An', '001090012345', '15081990', 'Nam', ADDRESS, '20122021'].join('|'));
    assert.equal(qr.layout, 'heuristic');
    assert.equal(qr.fullName, 'Nguyễn Văn An');
    assert.ok(qr.warnings.some((w) => w.code === 'TEXT_CLEANED' && w.field === 'fullName'));
  });

  it('asks the clerk to confirm an issue date before the birth date', () => {
    const qr = ok(V1.replace('|20122021', '|20121980'));
    assert.deepEqual(qr.warnings.map((w) => [w.code, w.field]), [['ISSUE_BEFORE_BIRTH', 'issueDate']]);
    assert.equal(qr.needsConfirmation, true);
  });

  it('asks the clerk to confirm a birth date in the future or more than 130 years ago', () => {
    const today = { precision: 'day', year: 2026, month: 12, day: 8 } as const;
    const unborn = ok('001230012345||Nguyễn Văn An|15082030|Nam|Hà Nội|20122025', today);
    assert.ok(codes(unborn).includes('DATE_IN_FUTURE'));
    assert.ok(codes(unborn).includes('ISSUE_BEFORE_BIRTH'));
    assert.equal(unborn.needsConfirmation, true);
    const ancient = ok('001090012345||Nguyễn Văn An|15081890|Nam|Hà Nội|20122021', today);
    assert.ok(ancient.warnings.some((w) => w.code === 'AGE_IMPLAUSIBLE' && w.field === 'dateOfBirth'));
    assert.equal(ok('001090012345||Nguyễn Văn An|15081896|Nam|Hà Nội|20122021', today).warnings.some((w) => w.code === 'AGE_IMPLAUSIBLE'), false);
    const far = parseCccdQr('001090012345||Nguyễn Văn An|15082999|Nam|Hà Nội|20122021', { today });
    assert.ok(!far.ok || far.value.needsConfirmation, 'a birth date in 2999 is never taken silently');
  });

  it('reads one scan at a time', () => {
    const e = error(`${V1}\r\n${V2}\r\n`);
    assert.equal(e.code, 'WRONG_KIND');
    assert.match(e.expected, /one scan at a time/);
  });

  it('rejects what is not a CCCD QR', () => {
    assert.equal(error('').code, 'EMPTY_INPUT');
    assert.equal(error('\uFEFF\r\n\0').code, 'EMPTY_INPUT');
    assert.equal(error('hello').code, 'WRONG_KIND');
    assert.equal(error('a|b|c|d|e|f|g').code, 'WRONG_KIND');
    assert.equal(error('x'.repeat(10_000)).code, 'INPUT_TOO_LONG');
    assert.equal(error(undefined as unknown as string).code, 'WRONG_KIND');
  });
});

describe('CCCD QR, other layouts (read by field form)', () => {
  const fields = {
    id: '001090012345',
    old: '123456789',
    name: 'Nguyễn Văn An',
    dob: '15081990',
    sex: 'Nam',
    address: ADDRESS,
    issue: '20122024',
  };

  it('reads a reordered code and marks it for confirmation', () => {
    const qr = ok([fields.id, fields.name, fields.dob, fields.sex, fields.address, fields.issue, fields.old].join('|'));
    assert.equal(qr.layout, 'heuristic');
    assert.equal(qr.confidence, 'heuristic');
    assert.equal(qr.needsConfirmation, true);
    assert.equal(qr.idNumber, fields.id);
    assert.equal(qr.oldIdNumber, fields.old);
    assert.equal(qr.fullName, fields.name);
    assert.equal(formatPartialDate(qr.dateOfBirth), '1990-08-15');
    assert.equal(formatPartialDate(qr.issueDate), '2024-12-20');
    assert.equal(qr.sex, 'male');
    assert.equal(qr.address, ADDRESS);
    assert.equal(codes(qr)[0], 'LAYOUT_HEURISTIC');
  });

  it('keeps parents\u2019 names and cancelled ID numbers apart from the holder\u2019s', () => {
    const qr = ok(
      [fields.id, fields.name, fields.dob, fields.sex, fields.address, fields.issue, '', '001090054321', 'Nguyễn Văn Bố', 'Trần Thị Mẹ'].join('|'),
    );
    assert.equal(qr.idNumber, fields.id);
    assert.equal(qr.fullName, fields.name);
    assert.deepEqual(qr.otherIdNumbers, ['001090054321']);
    assert.deepEqual(qr.extra, ['Nguyễn Văn Bố', 'Trần Thị Mẹ']);
    assert.equal(qr.oldIdNumber, null);
  });

  it('chooses the ID number that agrees with a date when several are present', () => {
    const qr = ok(['001085054321', 'Nguyễn Văn An', fields.dob, fields.sex, fields.address, fields.issue, fields.id].join('|'));
    assert.equal(qr.idNumber, fields.id);
    assert.deepEqual(qr.otherIdNumbers, ['001085054321']);
  });

  it('takes the earliest date in the ID number\u2019s birth year as the birth date', () => {
    const infant = ok(['001224012345', fields.sex, '01062024', 'Nguyễn Văn An', '05012024', fields.address].join('|'));
    assert.equal(formatPartialDate(infant.dateOfBirth), '2024-01-05');
    assert.equal(formatPartialDate(infant.issueDate), '2024-06-01');
  });

  it('falls back to the ID number for the sex, with a warning', () => {
    const qr = ok([fields.id, fields.name, fields.dob, fields.address, fields.issue].join('|'));
    assert.equal(qr.sex, 'male');
    assert.ok(codes(qr).includes('SEX_TAKEN_FROM_ID'));
  });

  it('names what is missing when the form cannot be found', () => {
    assert.equal(error([fields.name, fields.dob, fields.sex, fields.address, fields.issue].join('|')).field, 'idNumber');
    assert.equal(error([fields.id, fields.sex, fields.address, fields.name].join('|')).field, 'dateOfBirth');
    assert.equal(error([fields.id, fields.dob, fields.sex, fields.address, fields.issue].join('|')).field, 'fullName');
    assert.equal(error([fields.id, fields.name, fields.dob, fields.sex, fields.address].join('|')).field, 'issueDate');
  });

  it('rejects an issue date before the birth date', () => {
    const e = error([fields.id, fields.name, fields.dob, fields.sex, fields.address, '20121980'].join('|'));
    assert.equal(e.field, 'issueDate');
  });
});
