/** The clerk-facing texts: complete in both languages, composed Vietnamese, same placeholders. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_CODES } from '../../domain/errors.ts';
import { en } from '../../renderer/src/i18n/en.ts';
import type { Messages } from '../../renderer/src/i18n/messages.ts';
import { vi } from '../../renderer/src/i18n/vi.ts';

function flatten(messages: object, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [inner, text] of flatten(value as object, path)) flat.set(inner, text);
  }
  return flat;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

describe('renderer texts', () => {
  const languages: Record<string, Messages> = { vi, en };

  it('have the same keys and placeholders in every language', () => {
    const viTexts = flatten(vi);
    const enTexts = flatten(en);
    assert.deepEqual([...enTexts.keys()].sort(), [...viTexts.keys()].sort());
    for (const [key, text] of viTexts) assert.deepEqual(placeholders(enTexts.get(key)!), placeholders(text), key);
  });

  it('tell the clerk what to do for every error code', () => {
    for (const [language, messages] of Object.entries(languages)) {
      for (const code of ERROR_CODES) {
        const text = messages.errors[code];
        assert.ok(text && text.trim().length >= 20, `${language}: ${code}`);
        assert.doesNotMatch(text, /\b[69][0-9A-F]{3}\b|\b[A-Z]+_[A-Z_]+\b/, `${language}: ${code} shows a code, not advice`);
      }
    }
  });

  it('are NFC-composed, trimmed, and Vietnamese is written with its diacritics', () => {
    for (const [language, messages] of Object.entries(languages)) {
      for (const [key, text] of flatten(messages)) {
        assert.equal(text, text.normalize('NFC'), `${language}: ${key} is not NFC`);
        assert.equal(text, text.trim(), `${language}: ${key} has stray spaces`);
      }
    }
    assert.equal(vi.errors.CARD_REMOVED.startsWith('Thẻ bị nhấc ra'), true);
    assert.match(vi.errors.CARD_REMOVED, /Đặt lại thẻ lên đầu đọc/);
    assert.equal(vi.deviceHost.states.restarting, 'Đang khởi động lại…');
  });
});
