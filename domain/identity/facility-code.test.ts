import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normaliseFacilityCode } from './facility-code.ts';

describe('facility codes', () => {
  it('joins the province and the local part as the gateway and XML want them', () => {
    assert.equal(normaliseFacilityCode('79 - 032'), '79032');
    assert.equal(normaliseFacilityCode('01 - C54'), '01C54');
    assert.equal(normaliseFacilityCode('01 – c54'), '01C54');
    assert.equal(normaliseFacilityCode('79032'), '79032');
    assert.equal(normaliseFacilityCode('01000'), '01000');
  });

  it('refuses other shapes', () => {
    for (const text of ['7 - 032', '79 - 03', 'AB - 032', '79 - 0321', '', '-', '79/032']) {
      assert.equal(normaliseFacilityCode(text), null, text);
    }
  });

  it('returns only 5-character codes, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (text) => {
        const code = normaliseFacilityCode(text);
        if (code !== null) assert.match(code, /^\d{2}[0-9A-Z]{3}$/);
      }),
      { numRuns: 3000 },
    );
  });
});
