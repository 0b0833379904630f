import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bhytCardArb, bhytCardNumber, bhytQrText, mutatedArb, scanLikeArb, type BhytCard } from './arbitraries.ts';
import { parseBhytQr, type BhytQr } from './bhyt-qr.ts';
import { IDENTITY_ERROR_CODES, type ParseResult } from './issues.ts';
import { isSamePartialDate, makePartialDate, type PartialDate } from './partial-date.ts';

function assertDay(date: PartialDate | null): void {
  if (date === null) return;
  assert.equal(date.precision, 'day');
  assert.deepEqual(makePartialDate(date), date);
}

function assertWellFormed(result: ParseResult<BhytQr>): void {
  if (!result.ok) {
    const { error } = result;
    assert.ok(IDENTITY_ERROR_CODES.includes(error.code));
    assert.equal(error.source, 'bhyt-qr');
    assert.ok(error.field.length > 0 && error.expected.length > 0 && error.message.length > 0);
    return;
  }
  const qr = result.value;
  assert.ok(['v2015', 'v2021', 'unknown'].includes(qr.layout));
  assert.match(qr.socialInsuranceNumber, /^\d{10}$/);
  if (qr.cardNumber !== null) {
    assert.match(qr.cardNumber, /^[A-Z]{2}[1-5]\d{12}$/);
    assert.equal(qr.socialInsuranceNumber, qr.cardNumber.slice(5));
    assert.equal(qr.cardParts?.benefitLevel, qr.benefitLevel);
  } else assert.equal(qr.cardParts, null);
  assert.ok(qr.benefitLevel === null || /^[1-5]$/.test(qr.benefitLevel));
  assert.ok(qr.fullName.length > 0);
  assert.deepEqual(makePartialDate(qr.dateOfBirth), qr.dateOfBirth);
  for (const date of [qr.validFrom, qr.validTo, qr.issueDate, qr.fiveYearsContinuousFrom]) assertDay(date);
  assert.ok(qr.registeredFacility === null || /^\d{2}[0-9A-Z]{3}$/.test(qr.registeredFacility));
  assert.ok(qr.sex === null || qr.sex === 'male' || qr.sex === 'female');
  assert.equal(qr.raw, qr.raw.normalize('NFC'));
  assert.equal(qr.needsConfirmation, qr.layout === 'unknown' || qr.warnings.some((w) => w.needsConfirmation));
}

/** What the clerk relies on: a silent change to any of these would be a wrong check-in. */
function coreFields(qr: BhytQr) {
  return {
    cardNumber: qr.cardNumber,
    socialInsuranceNumber: qr.socialInsuranceNumber,
    benefitLevel: qr.benefitLevel,
    fullName: qr.fullName,
    dateOfBirth: qr.dateOfBirth,
    sex: qr.sex,
    registeredFacility: qr.registeredFacility,
    validFrom: qr.validFrom,
    validTo: qr.validTo,
  };
}

function assertMatchesCard(qr: BhytQr, card: BhytCard): void {
  assert.equal(qr.layout, card.layout);
  assert.equal(qr.cardNumber, card.layout === 'v2015' ? bhytCardNumber(card) : null);
  assert.equal(qr.socialInsuranceNumber, card.socialInsuranceNumber);
  assert.equal(qr.benefitLevel, card.benefitLevel);
  assert.equal(qr.fullName, card.fullName);
  assert.ok(isSamePartialDate(qr.dateOfBirth, card.dateOfBirth));
  assert.equal(qr.sex, card.sex);
  assert.equal(qr.address, card.address);
  assert.equal(qr.registeredFacility, `${card.facility[0]}${card.facility[1]}`);
  assert.deepEqual(qr.validFrom, card.validFrom);
  assert.deepEqual(qr.validTo, card.validTo);
  assert.deepEqual(qr.issueDate, card.issueDate);
  assert.equal(qr.managementCode, card.managementCode);
  assert.equal(qr.guardianName, card.guardianName);
  assert.equal(qr.field11, card.field11);
  assert.deepEqual(qr.fiveYearsContinuousFrom, card.fiveYearsContinuousFrom);
  assert.equal(qr.checkString, card.checkString);
  assert.equal(qr.issuingPlace, card.layout === 'v2021' ? card.issuingPlace : null);
}

describe('BHYT QR properties', () => {
  it('never throws, whatever is scanned', () => {
    fc.assert(
      fc.property(scanLikeArb, (raw) => assertWellFormed(parseBhytQr(raw))),
      { numRuns: 5000 },
    );
  });

  it('reads every field of every valid card in both layouts, through scanner framing', () => {
    fc.assert(
      fc.property(
        bhytCardArb,
        fc.constantFrom('', '\uFEFF'),
        fc.constantFrom('', '\r\n', '\0\0\0\0', '\n'),
        (card, prefix, suffix) => {
          const result = parseBhytQr(`${prefix}${bhytQrText(card)}${suffix}`);
          assertWellFormed(result);
          assert.ok(result.ok, result.ok ? '' : result.error.message);
          assertMatchesCard(result.value, card);
          const expected = result.value.warnings.map((w) => w.code).filter((c) => c !== 'DATE_PARTIAL' && c !== 'BENEFIT_LEVEL_UNUSUAL_FOR_GROUP' && c !== 'VALIDITY_REVERSED');
          assert.deepEqual(expected, []);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never silently changes what the clerk relies on when a code is cut, loses a field or a separator', () => {
    fc.assert(
      fc.property(
        mutatedArb(bhytCardArb.map(bhytQrText)).filter((m) => m.kind !== 'insert-unicode'),
        (m) => {
          const result = parseBhytQr(m.text);
          assertWellFormed(result);
          if (!result.ok || result.value.needsConfirmation) return;
          const original = parseBhytQr(m.original);
          assert.ok(original.ok);
          assert.deepEqual(coreFields(result.value), coreFields(original.value));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('stays well-formed when random unicode is inserted anywhere', () => {
    fc.assert(
      fc.property(
        mutatedArb(bhytCardArb.map(bhytQrText)).filter((m) => m.kind === 'insert-unicode'),
        (m) => assertWellFormed(parseBhytQr(m.text)),
      ),
      { numRuns: 2000 },
    );
  });
});
