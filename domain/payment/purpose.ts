import { failure, type VietQrResult } from './errors.ts';
import { PURPOSE_MAX_LENGTH, PURPOSE_TO_ENCODE } from './rules.ts';

/**
 * Turns a visit reference into a transfer purpose the encoder accepts: diacritics
 * removed (đ → D), upper-cased, every run of other characters made one space,
 * cut to 25 characters. "Khám bệnh – KB/2026/000123" → "KHAM BENH KB 2026 000123".
 * Truncation keeps the start, so callers should put the distinguishing part first.
 */
export function purposeFromVisitReference(visitReference: string): VietQrResult<string> {
  const purpose = toPurposeCharacters(typeof visitReference === 'string' ? visitReference : '')
    .slice(0, PURPOSE_MAX_LENGTH)
    .trimEnd();
  if (!PURPOSE_TO_ENCODE.pattern.test(purpose)) {
    return failure('INVALID_VALUE', 'visitReference', null, 'at least one letter or digit');
  }
  return { ok: true, value: purpose };
}

function toPurposeCharacters(text: string): string {
  return text
    .replace(/đ/g, 'd')
    .replace(/[ĐÐ]/g, 'D')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}
