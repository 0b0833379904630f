import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readDataObjects, ROOT_SCOPE, writeDataObject } from './tlv.ts';

describe('writeDataObject', () => {
  it('writes ID, 2-digit length and value', () => {
    assert.equal(writeDataObject('53', '704'), '5303704');
    assert.equal(writeDataObject('62', 'x'.repeat(99)), `6299${'x'.repeat(99)}`);
  });

  it('refuses values that no 2-digit length can carry', () => {
    assert.throws(() => writeDataObject('59', ''), RangeError);
    assert.throws(() => writeDataObject('59', 'x'.repeat(100)), RangeError);
    assert.throws(() => writeDataObject('5', 'x'), RangeError);
  });
});

describe('readDataObjects', () => {
  it('reads consecutive objects with their positions', () => {
    assert.deepEqual(readDataObjects('00020153037045802VN', ROOT_SCOPE), {
      ok: true,
      value: [
        { id: '00', value: '01', position: 0, valuePosition: 4 },
        { id: '53', value: '704', position: 6, valuePosition: 10 },
        { id: '58', value: 'VN', position: 13, valuePosition: 17 },
      ],
    });
  });

  it('reads an empty text as no objects', () => {
    assert.deepEqual(readDataObjects('', ROOT_SCOPE), { ok: true, value: [] });
  });

  it('names the template and offset of a malformed header', () => {
    const result = readDataObjects('08', { idPath: '62', offset: 40 });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, 'MALFORMED_OBJECT');
    assert.equal(result.error.field, 'additionalData');
    assert.equal(result.error.position, 40);
  });

  it('refuses non-digit IDs and lengths, including signs and spaces', () => {
    for (const text of ['AB01x', '0A01x', '00-1x', '00 1x', '+101x']) {
      const result = readDataObjects(text, ROOT_SCOPE);
      assert.equal(!result.ok && result.error.code, 'MALFORMED_OBJECT', text);
    }
  });

  it('refuses length 00', () => {
    const result = readDataObjects('5900', ROOT_SCOPE);
    assert.equal(!result.ok && result.error.code, 'MALFORMED_OBJECT');
    assert.equal(!result.ok && result.error.field, 'merchantName');
  });

  it('refuses a length that overruns, naming the object', () => {
    const result = readDataObjects('5404100', ROOT_SCOPE);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, 'LENGTH_OVERRUN');
    assert.equal(result.error.field, 'amount');
    assert.equal(result.error.id, '54');
    assert.equal(result.error.expected, 'a length of at most 3');
  });

  it('refuses a repeated ID, naming the nested path', () => {
    const result = readDataObjects('0803ABC0803DEF', { idPath: '62', offset: 0 });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, 'DUPLICATE_ID');
    assert.equal(result.error.field, 'additionalData.purpose');
    assert.equal(result.error.id, '62.08');
    assert.equal(result.error.position, 7);
  });
});
