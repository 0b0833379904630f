import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { bhytCardArb, bhytCardNumber } from './arbitraries.ts';
import { parseBhytCardNumber, parseSocialInsuranceNumber } from './bhyt-card-number.ts';
import { BHYT_GROUPS, findBhytGroup } from './bhyt-codes.ts';

describe('BHYT card number', () => {
  it('splits into group, benefit level, province and BHXH number', () => {
    const result = parseBhytCardNumber('DN4010123456789');
    assert.ok(result.ok);
    const { cardNumber, cardParts, warnings } = result.value;
    assert.equal(cardNumber, 'DN4010123456789');
    assert.equal(cardParts.groupCode, 'DN');
    assert.equal(cardParts.benefitLevel, '4');
    assert.equal(cardParts.provinceCode, '01');
    assert.equal(cardParts.provinceName, 'Hà Nội');
    assert.equal(cardParts.socialInsuranceNumber, '0123456789');
    assert.equal(cardParts.group?.usualBenefitLevel, '4');
    assert.deepEqual(warnings, []);
  });

  it('forgives case and spaces typed by the clerk', () => {
    const result = parseBhytCardNumber(' te1 79 0123456789 ');
    assert.ok(result.ok);
    assert.equal(result.value.cardNumber, 'TE1790123456789');
  });

  it('names the part that is wrong', () => {
    const cases: [string, string][] = [
      ['D44010123456789', 'groupCode'],
      ['DN6010123456789', 'benefitLevel'],
      ['DN40A0123456789', 'provinceCode'],
      ['DN401012345678X', 'socialInsuranceNumber'],
      ['DN401012345678', 'cardNumber'],
    ];
    for (const [text, field] of cases) {
      const result = parseBhytCardNumber(text);
      assert.ok(!result.ok, text);
      assert.equal(result.error.field, field, text);
      assert.equal(result.error.source, 'bhyt-card-number');
    }
    const empty = parseBhytCardNumber('');
    assert.ok(!empty.ok && empty.error.code === 'EMPTY_INPUT');
  });

  it('leaves unknown groups and provinces to the gateway, with warnings', () => {
    const result = parseBhytCardNumber('ZZ4000123456789');
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.warnings.map((w) => w.code),
      ['GROUP_CODE_UNKNOWN', 'PROVINCE_CODE_UNKNOWN'],
    );
    assert.equal(result.value.needsConfirmation, false);
  });

  it('notes a level unusual for the group, without doubting the card', () => {
    const result = parseBhytCardNumber('TE4010123456789');
    assert.ok(result.ok);
    assert.deepEqual(result.value.warnings.map((w) => w.code), ['BENEFIT_LEVEL_UNUSUAL_FOR_GROUP']);
    assert.equal(result.value.cardParts.benefitLevel, '4');
    assert.equal(result.value.needsConfirmation, false);
  });

  it('reads the 10-digit BHXH number', () => {
    assert.deepEqual(parseSocialInsuranceNumber(' 0123456789 '), { ok: true, value: '0123456789' });
    const bad = parseSocialInsuranceNumber('012345678');
    assert.ok(!bad.ok && bad.error.field === 'socialInsuranceNumber');
  });

  it('keeps the group list as data with unique codes', () => {
    assert.equal(new Set(BHYT_GROUPS.map((g) => g.code)).size, BHYT_GROUPS.length);
    for (const group of BHYT_GROUPS) assert.match(group.code, /^[A-Z]{2}$/);
    assert.equal(findBhytGroup('QN')?.usualBenefitLevel, '5');
    assert.equal(findBhytGroup('TV')?.usualBenefitLevel, null);
    assert.equal(findBhytGroup('constructor'), undefined);
  });

  describe('properties', () => {
    it('reads back the parts of every generated card number', () => {
      fc.assert(
        fc.property(bhytCardArb, (card) => {
          const result = parseBhytCardNumber(bhytCardNumber(card));
          assert.ok(result.ok);
          assert.equal(result.value.cardParts.groupCode, card.groupCode);
          assert.equal(result.value.cardParts.benefitLevel, card.benefitLevel);
          assert.equal(result.value.cardParts.provinceCode, card.provinceCode);
          assert.equal(result.value.cardParts.socialInsuranceNumber, card.socialInsuranceNumber);
          assert.ok(!result.value.warnings.some((w) => w.code === 'GROUP_CODE_UNKNOWN' || w.code === 'PROVINCE_CODE_UNKNOWN'));
        }),
        { numRuns: 1000 },
      );
    });

    it('never throws and returns only well-formed numbers', () => {
      fc.assert(
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.stringMatching(/^[A-Za-z]{2}\d{13}$/)), (text) => {
          const result = parseBhytCardNumber(text);
          if (result.ok) assert.match(result.value.cardNumber, /^[A-Z]{2}[1-5]\d{12}$/);
          else assert.ok(result.error.expected.length > 0);
          parseSocialInsuranceNumber(text);
        }),
        { numRuns: 3000 },
      );
    });
  });
});
