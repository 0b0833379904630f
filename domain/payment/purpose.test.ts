import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { encodeVietQr } from './encode.ts';
import { purposeFromVisitReference } from './purpose.ts';
import { PURPOSE_TO_ENCODE } from './rules.ts';

function purpose(reference: string): string {
  const result = purposeFromVisitReference(reference);
  if (!result.ok) assert.fail(result.error.message);
  return result.value;
}

describe('purposeFromVisitReference', () => {
  it('strips Vietnamese diacritics, including đ, and upper-cases', () => {
    assert.equal(purpose('Khám bệnh Đinh Thị Hương'), 'KHAM BENH DINH THI HUONG');
    assert.equal(purpose('đợt điều trị'), 'DOT DIEU TRI');
  });

  it('gives the same result for NFC and NFD input', () => {
    const nfc = 'Phí khám ưu tiên'.normalize('NFC');
    assert.equal(purpose(nfc), purpose(nfc.normalize('NFD')));
    assert.equal(purpose(nfc), 'PHI KHAM UU TIEN');
  });

  it('turns every run of other characters into one space and trims', () => {
    assert.equal(purpose('  KB/2026/000123 — lần 2!  '), 'KB 2026 000123 LAN 2');
    assert.equal(purpose('VP-KB_000123'), 'VP KB 000123');
  });

  it('keeps compatibility forms of letters and digits (full-width, ligatures)', () => {
    assert.equal(purpose('ＫＢ１２３ ﬁle'), 'KB123 FILE');
  });

  it('cuts to 25 characters without leaving a trailing space', () => {
    assert.equal(purpose('KHAM BENH KB 2026 000123 DINH'), 'KHAM BENH KB 2026 000123');
    assert.equal(purpose('A'.repeat(40)), 'A'.repeat(25));
  });

  it('refuses a reference with no letter or digit, naming it', () => {
    for (const reference of ['', '   ', '—/—', '\u0301']) {
      const result = purposeFromVisitReference(reference);
      assert.equal(result.ok, false, reference);
      if (result.ok) continue;
      assert.deepEqual([result.error.code, result.error.field], ['INVALID_VALUE', 'visitReference']);
    }
  });

  it('always gives a purpose the encoder accepts, and leaves a valid purpose unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (reference) => {
        const result = purposeFromVisitReference(reference);
        if (!result.ok) return;
        assert.match(result.value, PURPOSE_TO_ENCODE.pattern);
        assert.equal(purpose(result.value), result.value);
        assert.ok(encodeVietQr({ bankBin: '970436', account: '0123456789', purpose: result.value }).ok);
      }),
      { numRuns: 1000 },
    );
  });
});
