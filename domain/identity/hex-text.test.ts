import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeHexUtf8, encodeHexUtf8, readCardText } from './hex-text.ts';

describe('hex-encoded card text', () => {
  it('decodes hex of UTF-8 in either case, to NFC', () => {
    assert.equal(decodeHexUtf8('4E677579E1BB856E2056C4836E20416E'), 'Nguyễn Văn An');
    assert.equal(decodeHexUtf8('4e677579e1bb856e2056c4836e20416e'), 'Nguyễn Văn An');
    // "Nguyễn" written decomposed: N g u y e + U+0302 + U+0303 n
    assert.equal(decodeHexUtf8(encodeHexUtf8('Nguyễn'.normalize('NFD'))), 'Nguyễn');
  });

  it('refuses odd lengths, non-hex, invalid UTF-8 and control characters', () => {
    for (const hex of ['4E6', '4G', 'C3', 'FFFE', '00', '0A41', '', 'EFBBBF41']) assert.equal(decodeHexUtf8(hex), null, hex);
  });

  it('takes plain text as it is and marks damaged hex', () => {
    assert.deepEqual(readCardText('Nguyễn  Văn An'), { text: 'Nguyễn Văn An', encoding: 'plain' });
    assert.deepEqual(readCardText('4E677579E1BB856E2056C4836E20416E'), { text: 'Nguyễn Văn An', encoding: 'hex' });
    assert.deepEqual(readCardText('4E677'), { text: '4E677', encoding: 'undecodable-hex' });
    assert.deepEqual(readCardText('4E677579E1BB856E2056 C4836E20416E').encoding, 'undecodable-hex');
    assert.deepEqual(readCardText('Bé'), { text: 'Bé', encoding: 'plain' });
    assert.deepEqual(readCardText('An'), { text: 'An', encoding: 'plain' });
  });

  it('reads back any text it encodes, in either case', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.constantFrom('upper', 'lower' as const), (text, letterCase) => {
        const decoded = decodeHexUtf8(encodeHexUtf8(text, letterCase as 'upper' | 'lower'));
        const hasControl = [...text].some((c) => (c.codePointAt(0) ?? 0) < 0x20 || ((c.codePointAt(0) ?? 0) >= 0x7f && (c.codePointAt(0) ?? 0) <= 0x9f));
        if (!hasControl && !text.includes('\uFEFF')) assert.equal(decoded, text.normalize('NFC'));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on any field', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.stringMatching(/^[0-9a-fA-F]{0,60}$/)), (field) => {
        const text = readCardText(field);
        assert.ok(['hex', 'plain', 'undecodable-hex'].includes(text.encoding));
      }),
      { numRuns: 3000 },
    );
  });
});
