import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBhytQr, type BhytQr } from './bhyt-qr.ts';
import { encodeHexUtf8 } from './hex-text.ts';
import { formatPartialDate, type PartialDate } from './partial-date.ts';

const NAME_HEX = '4E677579E1BB856E2056C4836E20416E';
const ADDRESS_HEX =
  '53E1BB912031205068E1BB91204875E1BABF2C205068C6B0E1BB9D6E67204861692042C3A0205472C6B06E672C205468C3A06E68207068E1BB912048C3A0204EE1BB9969';
const OLD = `DN4010123456789|${NAME_HEX}|15/08/1990|1|${ADDRESS_HEX}|01 - 001|01/01/2025|31/12/2025|20/12/2024|01010123456789|-|4|01/01/2030|0000000000000000-0000|$`;
const NEW =
  '0123456789|4e677579e1bb856e2056c4836e20416e|15/08/1990|1|-|01 - 001|01/01/2025|-|20/12/2024|01010123456789|-|4| 01/01/2030|0000000000000000-0000|4|5068c6b0e1bb9d6e67204861692042c3a0205472c6b06e672c205468c3a06e68207068e1bb912048c3a0204ee1bb9969|$';

function ok(raw: string): BhytQr {
  const result = parseBhytQr(raw);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  return result.value;
}

function error(raw: string) {
  const result = parseBhytQr(raw);
  assert.ok(!result.ok, 'expected an error');
  return result.error;
}

const iso = (date: PartialDate | null) => (date === null ? null : formatPartialDate(date));
const codes = (qr: BhytQr) => qr.warnings.map((w) => w.code);

/** Replaces field `index` of a "|"-separated code. */
function withField(raw: string, index: number, value: string): string {
  const fields = raw.split('|');
  fields[index] = value;
  return fields.join('|');
}

describe('BHYT QR', () => {
  it('reads the 2015 layout (15 parts with the "$")', () => {
    const qr = ok(OLD);
    assert.equal(qr.layout, 'v2015');
    assert.equal(qr.cardNumber, 'DN4010123456789');
    assert.equal(qr.cardParts?.groupCode, 'DN');
    assert.equal(qr.cardParts?.benefitLevel, '4');
    assert.equal(qr.cardParts?.provinceCode, '01');
    assert.equal(qr.socialInsuranceNumber, '0123456789');
    assert.equal(qr.benefitLevel, '4');
    assert.equal(qr.fullName, 'Nguyễn Văn An');
    assert.equal(iso(qr.dateOfBirth), '1990-08-15');
    assert.equal(qr.sex, 'male');
    assert.equal(qr.address, 'Số 1 Phố Huế, Phường Hai Bà Trưng, Thành phố Hà Nội');
    assert.equal(qr.registeredFacility, '01001');
    assert.equal(iso(qr.validFrom), '2025-01-01');
    assert.equal(iso(qr.validTo), '2025-12-31');
    assert.equal(iso(qr.issueDate), '2024-12-20');
    assert.equal(qr.managementCode, '01010123456789');
    assert.equal(qr.guardianName, null);
    assert.equal(qr.field11, '4');
    assert.equal(iso(qr.fiveYearsContinuousFrom), '2030-01-01');
    assert.equal(qr.checkString, '0000000000000000-0000');
    assert.equal(qr.issuingPlace, null);
    assert.deepEqual(qr.warnings, []);
    assert.equal(qr.needsConfirmation, false);
  });

  it('reads the 2021 layout (17 parts with the "$"), lower-case hex and a padded date', () => {
    const qr = ok(NEW);
    assert.equal(qr.layout, 'v2021');
    assert.equal(qr.cardNumber, null);
    assert.equal(qr.cardParts, null);
    assert.equal(qr.socialInsuranceNumber, '0123456789');
    assert.equal(qr.benefitLevel, '4');
    assert.equal(qr.fullName, 'Nguyễn Văn An');
    assert.equal(qr.address, null);
    assert.equal(qr.registeredFacility, '01001');
    assert.equal(iso(qr.validFrom), '2025-01-01');
    assert.equal(qr.validTo, null, 'open-ended');
    assert.equal(iso(qr.fiveYearsContinuousFrom), '2030-01-01');
    assert.equal(qr.issuingPlace, 'Phường Hai Bà Trưng, Thành phố Hà Nội');
    assert.deepEqual(qr.warnings, []);
  });

  it('reads birth dates known to the month or the year', () => {
    assert.deepEqual(ok(withField(OLD, 2, '08/1990')).dateOfBirth, { precision: 'month', year: 1990, month: 8 });
    const yearOnly = ok(withField(OLD, 2, '1990'));
    assert.deepEqual(yearOnly.dateOfBirth, { precision: 'year', year: 1990 });
    assert.deepEqual(codes(yearOnly), ['DATE_PARTIAL']);
    assert.equal(yearOnly.needsConfirmation, false);
  });

  it('tolerates plain text where hex is expected', () => {
    const qr = ok(withField(withField(OLD, 1, 'Nguyễn Văn An'), 10, 'Trần Thị Bích'));
    assert.equal(qr.fullName, 'Nguyễn Văn An');
    assert.equal(qr.guardianName, 'Trần Thị Bích');
    assert.deepEqual(qr.warnings, []);
  });

  it('keeps hex that does not decode, and asks for confirmation', () => {
    const qr = ok(withField(OLD, 1, 'C3C3'));
    assert.equal(qr.fullName, 'C3C3');
    assert.deepEqual(codes(qr), ['TEXT_UNDECODABLE']);
    assert.equal(qr.needsConfirmation, true);
  });

  it('decodes a guardian name for a child card', () => {
    const qr = ok(withField(OLD, 10, encodeHexUtf8('Trần Thị Bích', 'lower')));
    assert.equal(qr.guardianName, 'Trần Thị Bích');
  });

  it('tolerates a BOM, NUL padding, CR/LF and a missing trailing bar', () => {
    assert.equal(ok(`\uFEFF${OLD}\r\n\0\0`).layout, 'v2015');
    const noBar = ok(OLD.replace('|$', '$'));
    assert.equal(noBar.layout, 'v2015');
    assert.equal(noBar.checkString, '0000000000000000-0000');
    assert.equal(ok(OLD.replace('01 - 001', '01–001')).registeredFacility, '01001');
    assert.equal(ok(OLD.replace('01 - 001', '01 - c54')).registeredFacility, '01C54');
  });

  it('warns when the "$" end marker is missing or followed by more text', () => {
    const cut = ok(OLD.slice(0, -2));
    assert.deepEqual(codes(cut), ['END_MARKER_MISSING']);
    assert.equal(cut.needsConfirmation, true);
    const doubled = ok(`${OLD}${OLD}`);
    assert.deepEqual(codes(doubled), ['TRAILING_TEXT_IGNORED']);
  });

  it('reads an unknown number of fields by form, for confirmation', () => {
    const short = ok(`DN4010123456789|${NAME_HEX}|15/08/1990|1|-|79 - 032|01/10/2012|30/09/2013|06/09/2013|$`);
    assert.equal(short.layout, 'unknown');
    assert.equal(short.registeredFacility, '79032');
    assert.equal(iso(short.validTo), '2013-09-30');
    assert.equal(short.checkString, null);
    assert.deepEqual(codes(short), ['LAYOUT_UNKNOWN']);
    assert.equal(short.needsConfirmation, true);

    // The address field lost: everything after it has shifted one place left.
    const shifted = ok(OLD.replace(`|${ADDRESS_HEX}|`, '|'));
    assert.equal(shifted.layout, 'unknown');
    assert.equal(shifted.address, null);
    assert.equal(shifted.registeredFacility, '01001', 'the facility code anchors the fields after it');
    assert.equal(iso(shifted.validFrom), '2025-01-01');
    assert.equal(iso(shifted.validTo), '2025-12-31');
    assert.equal(shifted.checkString, '0000000000000000-0000');

    // No facility code to anchor on: nothing after the sex field is trusted.
    const unanchored = ok(`DN4010123456789|${NAME_HEX}|15/08/1990|1|-|-|01/01/2025|31/12/2025|$`);
    assert.equal(unanchored.validFrom, null);
    assert.equal(unanchored.validTo, null);
    assert.equal(unanchored.sex, 'male');
  });

  it('flags a layout that disagrees with the kind of number', () => {
    const qr = ok(OLD.replace('DN4010123456789', '0123456789'));
    assert.equal(qr.layout, 'v2015');
    assert.equal(qr.cardNumber, null);
    assert.equal(qr.benefitLevel, null);
    assert.deepEqual(codes(qr), ['LAYOUT_MISMATCH']);
  });

  it('flags a benefit level field that disagrees with the card number', () => {
    const fields = NEW.split('|');
    fields[0] = 'HT3010123456789';
    const qr = ok(fields.join('|'));
    assert.equal(qr.benefitLevel, '3', 'the card number wins');
    assert.deepEqual(codes(qr), ['LAYOUT_MISMATCH', 'BENEFIT_LEVEL_CONFLICT']);
  });

  it('turns bad optional fields into warnings naming them', () => {
    const cases: [number, string, string, string][] = [
      [3, '3', 'SEX_INVALID', 'sex'],
      [5, '7 - 032', 'FACILITY_CODE_INVALID', 'registeredFacility'],
      [6, '31/02/2025', 'DATE_INVALID', 'validFrom'],
      [7, '2025', 'DATE_INVALID', 'validTo'],
      [8, 'x', 'DATE_INVALID', 'issueDate'],
      [12, '01-2030', 'DATE_INVALID', 'fiveYearsContinuousFrom'],
    ];
    for (const [index, value, code, field] of cases) {
      const qr = ok(withField(OLD, index, value));
      assert.deepEqual(
        qr.warnings.map((w) => [w.code, w.field]),
        [[code, field]],
        `${index}=${value}`,
      );
      assert.equal(qr.needsConfirmation, true);
    }
    const badLevel = ok(withField(NEW, 14, '9'));
    assert.deepEqual(codes(badLevel), ['BENEFIT_LEVEL_INVALID']);
    assert.equal(badLevel.benefitLevel, null);
  });

  it('warns when the card is valid to a date before it is valid from', () => {
    assert.deepEqual(codes(ok(withField(OLD, 7, '31/12/2024'))), ['VALIDITY_REVERSED']);
  });

  it('keeps field 11 and the check string raw, unvalidated', () => {
    const qr = ok(withField(withField(OLD, 11, 'K9'), 13, 'not-a-check'));
    assert.equal(qr.field11, 'K9');
    assert.equal(qr.checkString, 'not-a-check');
    assert.deepEqual(qr.warnings, []);
  });

  it('flags a birth or issue date after today when told the date', () => {
    const result = parseBhytQr(OLD, { today: { precision: 'day', year: 2024, month: 12, day: 1 } });
    assert.ok(result.ok);
    assert.deepEqual(result.value.warnings.map((w) => [w.code, w.field]), [['DATE_IN_FUTURE', 'issueDate']]);
  });

  it('removes direction and invisible characters from hex and plain text, asking for confirmation', () => {
    const hexName = encodeHexUtf8('Nguy\u202Eễn Văn\u200F An');
    const qr = ok(withField(OLD, 1, hexName));
    assert.equal(qr.fullName, 'Nguyễn Văn An');
    assert.deepEqual(qr.warnings.map((w) => [w.code, w.field]), [['TEXT_CLEANED', 'fullName']]);
    assert.equal(qr.needsConfirmation, true);

    const plain = ok(withField(OLD, 1, 'Nguy\u061Cễn Văn\u180E An'));
    assert.equal(plain.fullName, 'Nguyễn Văn An');
    assert.deepEqual(plain.warnings.map((w) => [w.code, w.field]), [['TEXT_CLEANED', 'fullName']]);

    const guardian = ok(withField(OLD, 10, encodeHexUtf8('Trần\u206F Thị Bích')));
    assert.equal(guardian.guardianName, 'Trần Thị Bích');
    assert.deepEqual(guardian.warnings.map((w) => [w.code, w.field]), [['TEXT_CLEANED', 'guardianName']]);
  });

  it('asks the clerk to confirm an issue date before the birth date or an age over 130', () => {
    const reversed = ok(withField(OLD, 8, '20/12/1980'));
    assert.deepEqual(codes(reversed), ['ISSUE_BEFORE_BIRTH']);
    assert.equal(reversed.needsConfirmation, true);
    const today = { precision: 'day', year: 2026, month: 12, day: 8 } as const;
    const ancient = parseBhytQr(withField(OLD, 2, '1890'), { today });
    assert.ok(ancient.ok);
    assert.ok(ancient.value.warnings.some((w) => w.code === 'AGE_IMPLAUSIBLE' && w.field === 'dateOfBirth'));
    assert.equal(ancient.value.needsConfirmation, true);
  });

  it('reads one scan at a time', () => {
    const e = error(`${OLD}\n${NEW}`);
    assert.equal(e.code, 'WRONG_KIND');
  });

  it('names the field when the code cannot be used', () => {
    const cases: [string, string, string, number | undefined][] = [
      [withField(OLD, 0, 'DN40101234'), 'FIELD_INVALID', 'cardNumber', 0],
      [withField(OLD, 1, '-'), 'FIELD_MISSING', 'fullName', 1],
      [withField(OLD, 1, '15/08/1990'), 'FIELD_INVALID', 'fullName', 1],
      [withField(OLD, 2, '31/02/1990'), 'FIELD_INVALID', 'dateOfBirth', 2],
      [withField(OLD, 2, '-'), 'FIELD_MISSING', 'dateOfBirth', 2],
      ['DN4010123456789|$', 'WRONG_KIND', 'input', undefined],
      ['', 'EMPTY_INPUT', 'input', undefined],
      ['x'.repeat(9000), 'INPUT_TOO_LONG', 'input', undefined],
    ];
    for (const [raw, code, field, position] of cases) {
      const e = error(raw);
      assert.equal(e.source, 'bhyt-qr');
      assert.equal(e.code, code, raw.slice(0, 40));
      assert.equal(e.field, field, raw.slice(0, 40));
      assert.equal(e.position, position);
    }
  });
});
