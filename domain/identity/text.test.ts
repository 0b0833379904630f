import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cleanScanText, foldDiacritics, looksGarbled, normaliseField, splitScans } from './text.ts';

describe('scan text cleaning', () => {
  it('removes scanner framing: BOM, NUL padding, CR/LF, surrounding whitespace', () => {
    assert.equal(cleanScanText('\uFEFF  001099012345|Nam\r\n\0\0'), '001099012345|Nam');
    assert.equal(cleanScanText('\u0000abc\u0000'), 'abc');
    assert.equal(cleanScanText('a\u200Bb'), 'ab');
  });

  it('turns line breaks and tabs inside one scan into spaces', () => {
    assert.equal(cleanScanText('Số 1\r\nPhố Huế'), 'Số 1 Phố Huế');
    assert.equal(cleanScanText('a\tb'), 'a b');
  });

  it('normalises decomposed Vietnamese to NFC', () => {
    const nfd = 'Nguyễn Thị Nữ'.normalize('NFD');
    assert.notEqual(nfd, 'Nguyễn Thị Nữ');
    assert.equal(cleanScanText(nfd), 'Nguyễn Thị Nữ');
  });

  it('splits several scans typed one after another', () => {
    assert.deepEqual(splitScans('first\r\n\r\nsecond\nthird\r'), ['first', 'second', 'third']);
    assert.deepEqual(splitScans('\uFEFF\r\n'), []);
  });

  it('collapses whitespace inside a field', () => {
    assert.equal(normaliseField('  Nguyễn   Văn\u00A0An '), 'Nguyễn Văn An');
  });

  it('folds case and diacritics for tolerant comparison', () => {
    assert.equal(foldDiacritics('NỮ'), 'nu');
    assert.equal(foldDiacritics('Đặng'), 'dang');
  });

  it('spots text damaged by a keyboard-wedge scanner', () => {
    assert.equal(looksGarbled('Nguy?n V?n An'), true);
    assert.equal(looksGarbled('Nguy\uFFFDn'), true);
    assert.equal(looksGarbled('Nguyễn Văn An'), false);
  });

  it('cleans idempotently and leaves no control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (raw) => {
        const once = cleanScanText(raw);
        assert.equal(cleanScanText(once), once);
        assert.equal(once, once.normalize('NFC'));
        const invisible = [...once].filter((c) => (c.codePointAt(0) ?? 0) < 0x20 || c === '\u007F' || c === '\uFEFF');
        assert.deepEqual(invisible, []);
      }),
      { numRuns: 3000 },
    );
  });
});
