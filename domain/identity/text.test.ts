import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { cleanScanText, foldDiacritics, isChangedByCleaning, looksGarbled, normaliseField, splitScanLines, splitScans } from './text.ts';

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

describe('free-text field cleaning', () => {
  const HIDDEN: readonly (readonly [string, string])[] = [
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['ESC', '\u001B'],
    ['DEL', '\u007F'],
    ['C1 NEL', '\u0085'],
    ['C1 CSI', '\u009B'],
    ['soft hyphen', '\u00AD'],
    ['combining grapheme joiner', '\u034F'],
    ['Arabic letter mark', '\u061C'],
    ['Mongolian vowel separator', '\u180E'],
    ['zero-width space', '\u200B'],
    ['zero-width non-joiner', '\u200C'],
    ['zero-width joiner', '\u200D'],
    ['left-to-right mark', '\u200E'],
    ['right-to-left mark', '\u200F'],
    ['left-to-right embedding', '\u202A'],
    ['right-to-left embedding', '\u202B'],
    ['pop directional formatting', '\u202C'],
    ['left-to-right override', '\u202D'],
    ['right-to-left override', '\u202E'],
    ['word joiner', '\u2060'],
    ['invisible times', '\u2062'],
    ['U+2065', '\u2065'],
    ['left-to-right isolate', '\u2066'],
    ['right-to-left isolate', '\u2067'],
    ['first strong isolate', '\u2068'],
    ['pop directional isolate', '\u2069'],
    ['nominal digit shapes', '\u206F'],
    ['Hangul filler', '\u3164'],
    ['variation selector', '\uFE0F'],
    ['BOM / zero-width no-break space', '\uFEFF'],
    ['noncharacter', '\uFFFF'],
    ['lone high surrogate', '\uD800'],
    ['lone low surrogate', '\uDC00'],
    ['tag character', '\u{E0041}'],
  ];

  for (const [label, char] of HIDDEN) {
    it(`removes ${label} (U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}) and says so`, () => {
      const dirty = `Nguy${char}ễn Văn${char} An${char}`;
      assert.equal(normaliseField(dirty), 'Nguyễn Văn An');
      assert.equal(isChangedByCleaning(dirty), true);
    });
  }

  it('removes a terminal colour sequence whole', () => {
    assert.equal(normaliseField('Nguyễn\u001B[31;1m Văn An\u001B[0m'), 'Nguyễn Văn An');
    assert.equal(isChangedByCleaning('Nguyễn\u001B[31m Văn An'), true);
  });

  it('turns tabs and line breaks into single spaces, not flagged', () => {
    assert.equal(normaliseField('Nguyễn\tVăn\r\nAn'), 'Nguyễn Văn An');
    assert.equal(isChangedByCleaning('Nguyễn\tVăn\r\nAn'), false);
  });

  it('leaves Vietnamese text with every diacritic untouched', () => {
    const letters =
      'aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ';
    const text = `${letters} ${letters.toUpperCase()} Số 1, Phố Huế – Phường Hai Bà Trưng; Nguyễn Thị Ngọc Ánh (bé)`;
    assert.equal(normaliseField(text), text);
    assert.equal(isChangedByCleaning(text), false);
  });

  it('composes decomposed text to NFC after removing what sat between a letter and its marks', () => {
    const nfd = 'Nguyễn Thị Nữ'.normalize('NFD');
    assert.equal(normaliseField(nfd), 'Nguyễn Thị Nữ');
    assert.equal(normaliseField('Nu\u200B\u031B\u0303'), 'Nữ');
    assert.equal(isChangedByCleaning(nfd), false);
  });

  it('keeps hidden characters inside a scan line for the parser, and removes the framing around it', () => {
    assert.deepEqual(splitScanLines('\uFEFF a\u202Eb|c \0\0\r\n\0\n'), ['a\u202Eb|c']);
    assert.deepEqual(splitScans('\uFEFF a\u202Eb|c \0\0\r\n\0\n'), ['ab|c']);
  });

  it('cleans any text idempotently to well-formed NFC without hidden characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (raw) => {
        const once = normaliseField(raw);
        assert.equal(normaliseField(once), once);
        assert.equal(once, once.normalize('NFC'));
        assert.ok(once.isWellFormed());
        assert.equal(isChangedByCleaning(once), false);
      }),
      { numRuns: 3000 },
    );
  });
});
