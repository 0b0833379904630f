import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cccdPersonArb, cccdQrFields, cccdQrText, mutatedArb, scanLikeArb, type CccdPerson } from './arbitraries.ts';
import { decodeCccdNumber } from './cccd-number.ts';
import { parseCccdQr, type CccdQr } from './cccd-qr.ts';
import { IDENTITY_ERROR_CODES, type ParseResult } from './issues.ts';
import { isSamePartialDate, makePartialDate } from './partial-date.ts';

function assertWellFormed(result: ParseResult<CccdQr>): void {
  if (!result.ok) {
    const { error } = result;
    assert.ok(IDENTITY_ERROR_CODES.includes(error.code));
    assert.equal(error.source, 'cccd-qr');
    assert.ok(error.field.length > 0 && error.expected.length > 0 && error.message.length > 0);
    if (error.position !== undefined) assert.ok(Number.isInteger(error.position) && error.position >= 0);
    return;
  }
  const qr = result.value;
  assert.match(qr.idNumber, /^\d{12}$/);
  assert.deepEqual(qr.idDecoded, decodeCccdNumber(qr.idNumber));
  assert.ok(qr.oldIdNumber === null || /^(\d{9}|\d{12})$/.test(qr.oldIdNumber));
  assert.ok(qr.fullName.length > 0 && qr.fullName === qr.fullName.normalize('NFC'));
  assert.ok(qr.sex === 'male' || qr.sex === 'female');
  assert.deepEqual(makePartialDate(qr.dateOfBirth), qr.dateOfBirth);
  assert.equal(qr.issueDate.precision, 'day');
  assert.deepEqual(makePartialDate(qr.issueDate), qr.issueDate);
  for (const text of [qr.fullName, qr.address ?? '', ...qr.extra, ...qr.otherIdNumbers]) assert.ok(!text.includes('|'));
  assert.equal(qr.raw, qr.raw.normalize('NFC'));
  assert.equal(qr.confidence === 'heuristic', qr.layout === 'heuristic');
  assert.equal(qr.needsConfirmation, qr.confidence === 'heuristic' || qr.warnings.some((w) => w.needsConfirmation));
}

function recovers(qr: CccdQr, person: CccdPerson): boolean {
  return (
    qr.idNumber === person.idNumber &&
    qr.oldIdNumber === person.oldIdNumber &&
    qr.fullName === person.fullName &&
    isSamePartialDate(qr.dateOfBirth, person.dateOfBirth) &&
    qr.sex === person.sex &&
    qr.address === person.address &&
    isSamePartialDate(qr.issueDate, person.issueDate)
  );
}

/** Scanner framing and keyboard noise around a valid code. */
const framedArb = fc.record({
  person: cccdPersonArb,
  bom: fc.boolean(),
  suffix: fc.constantFrom('', '\r', '\n', '\r\n', '\0\0\0', ' \t'),
  padFields: fc.boolean(),
  nfd: fc.boolean(),
});

describe('CCCD QR properties', () => {
  it('never throws, whatever is scanned', () => {
    fc.assert(
      fc.property(scanLikeArb, (raw) => assertWellFormed(parseCccdQr(raw))),
      { numRuns: 5000 },
    );
  });

  it('reads every valid 2021 code exactly, through scanner framing and NFD text', () => {
    fc.assert(
      fc.property(framedArb, ({ person, bom, suffix, padFields, nfd }) => {
        let raw = cccdQrFields(person).join(padFields ? ' | ' : '|');
        if (nfd) raw = raw.normalize('NFD');
        raw = `${bom ? '\uFEFF' : ''}${raw}${suffix}`;
        const result = parseCccdQr(raw);
        assertWellFormed(result);
        assert.ok(result.ok);
        assert.equal(result.value.confidence, 'exact');
        assert.ok(recovers(result.value, person));
        assert.deepEqual(result.value.warnings, []);
        assert.equal(result.value.idDecoded.province, person.provinceName);
      }),
      { numRuns: 1000 },
    );
  });

  it('recovers every field of a reordered code, or asks the clerk to confirm', () => {
    const withNineDigitOld = cccdPersonArb.filter((p) => p.oldIdNumber === null || p.oldIdNumber.length === 9);
    fc.assert(
      fc.property(
        withNineDigitOld.chain((person) => fc.tuple(fc.constant(person), fc.shuffledSubarray(cccdQrFields(person), { minLength: 7, maxLength: 7 }))),
        ([person, fields]) => {
          const result = parseCccdQr(fields.join('|'));
          assertWellFormed(result);
          assert.ok(result.ok, result.ok ? '' : result.error.message);
          const qr = result.value;
          if (qr.confidence === 'heuristic') assert.ok(recovers(qr, person));
          else assert.ok(recovers(qr, person) || qr.needsConfirmation);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('rejects every code cut short', () => {
    fc.assert(
      fc.property(
        mutatedArb(cccdPersonArb.map(cccdQrText)).filter((m) => m.kind === 'truncate'),
        (m) => {
          const result = parseCccdQr(m.text);
          assertWellFormed(result);
          assert.equal(result.ok, false);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never reads a code with a lost field or a changed separator as exact', () => {
    fc.assert(
      fc.property(
        mutatedArb(cccdPersonArb.map(cccdQrText)).filter((m) => m.kind === 'delete-field' || m.kind === 'change-separator'),
        (m) => {
          const result = parseCccdQr(m.text);
          assertWellFormed(result);
          if (result.ok) assert.equal(result.value.needsConfirmation, true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('stays well-formed when random unicode is inserted anywhere', () => {
    fc.assert(
      fc.property(
        mutatedArb(cccdPersonArb.map(cccdQrText)).filter((m) => m.kind === 'insert-unicode'),
        (m) => assertWellFormed(parseCccdQr(m.text)),
      ),
      { numRuns: 2000 },
    );
  });
});
