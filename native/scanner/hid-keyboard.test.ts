import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CCCD_QR_TEXT, CCCD_QR_TEXT_US_KEYBOARD, readHexFixture } from './fixtures/fixtures.ts';
import { HidKeyboardDecoder, type HidKeyboardDecoderOptions, type HidKeyboardEvent } from './hid-keyboard.ts';
import { GERMAN_LAYOUT, layoutCanTypeVietnamese, US_LAYOUT, type KeyboardLayout } from './keyboard-layouts.ts';

const SHIFT = 0x02;
const RIGHT_SHIFT = 0x20;
const CTRL = 0x01;
const ALT = 0x04;
const ALT_GR = 0x40;
const [A, B, C, Q, Y, Z] = [0x04, 0x05, 0x06, 0x14, 0x1c, 0x1d];
const [ONE, ENTER, TAB, SPACE, CAPS, F1, KP_ENTER, KP_1] = [0x1e, 0x28, 0x2b, 0x2c, 0x39, 0x3a, 0x58, 0x59];

/** A boot keyboard report: modifiers, reserved, then up to six keys. */
const kb = (modifiers: number, ...keys: number[]) => Uint8Array.from([modifiers, 0, ...keys, ...Array<number>(6 - keys.length).fill(0)]);
const up = kb(0);
/** Press and release, as a scanner sends each character. */
const tap = (key: number, modifiers = 0) => [kb(modifiers, key), up];

function decode(reports: Uint8Array[], options: HidKeyboardDecoderOptions = {}) {
  const decoder = new HidKeyboardDecoder(options);
  const events: HidKeyboardEvent[] = reports.flatMap((report) => decoder.push(report));
  const scans = events.flatMap((event) => (event.kind === 'scan' ? [event.scan] : []));
  return { decoder, events, scans, texts: scans.map((scan) => scan.text) };
}

describe('HidKeyboardDecoder with the recorded US-layout CCCD scan', () => {
  const { scans } = decode(readHexFixture('hid-keyboard-us-cccd.hex'));

  it('produces one scan ended by Enter, in which every character the scanner typed survives', () => {
    assert.equal(scans.length, 1);
    assert.equal(scans[0]?.text, CCCD_QR_TEXT_US_KEYBOARD);
    assert.equal(scans[0]?.endedBy, 'enter');
    assert.equal(scans[0]?.unmappedKeys, 0);
  });

  it('has lost the Vietnamese letters, so it is flagged as possibly garbled', () => {
    assert.notEqual(scans[0]?.text, CCCD_QR_TEXT);
    assert.equal(scans[0]?.textMayBeGarbled, true);
    assert.deepEqual(scans[0]?.warnings, ['layout-cannot-type-vietnamese']);
  });

  it('keeps the ASCII fields (ID number, dates, sex) intact', () => {
    const typed = scans[0]?.text.split('|') ?? [];
    const original = CCCD_QR_TEXT.split('|');
    for (const field of [0, 1, 3, 4, 6]) assert.equal(typed[field], original[field]);
  });
});

describe('HidKeyboardDecoder key handling', () => {
  it('counts a key held across reports (key repeat) as one press', () => {
    assert.deepEqual(decode([kb(0, A), kb(0, A), kb(0, A), up, ...tap(ENTER)]).texts, ['a']);
  });

  it('types a key twice when it is released in between', () => {
    assert.deepEqual(decode([...tap(A), ...tap(A), ...tap(ENTER)]).texts, ['aa']);
  });

  it('handles rollover: a key pressed before the previous one is released', () => {
    assert.deepEqual(decode([kb(0, A), kb(0, A, B), kb(0, B), kb(0, B, C), kb(0, C), up, ...tap(ENTER)]).texts, ['abc']);
  });

  it('takes several new keys in one report in slot order', () => {
    assert.deepEqual(decode([kb(0, C, A, B), up, ...tap(ENTER)]).texts, ['cab']);
  });

  it('applies either Shift, also when Shift went down in a report of its own', () => {
    assert.deepEqual(decode([...tap(A, SHIFT), kb(RIGHT_SHIFT), kb(RIGHT_SHIFT, ONE), kb(RIGHT_SHIFT), up, ...tap(ENTER)]).texts, ['A!']);
  });

  it('toggles Caps Lock for letters only, and Shift reverses it', () => {
    const reports = [...tap(CAPS), ...tap(A), ...tap(ONE), ...tap(B, SHIFT), ...tap(CAPS), ...tap(C), ...tap(ENTER)];
    assert.deepEqual(decode(reports).texts, ['A1bc']);
  });

  it('starts with the Caps Lock state it is given', () => {
    assert.deepEqual(decode([...tap(A), ...tap(ENTER)], { capsLock: true }).texts, ['A']);
  });

  it('ends a scan at Enter, keypad Enter or Tab, and skips empty scans', () => {
    const { scans } = decode([...tap(ENTER), ...tap(A), ...tap(TAB), ...tap(B), ...tap(KP_ENTER), ...tap(KP_1), ...tap(ENTER)]);
    assert.deepEqual(scans.map((s) => [s.text, s.endedBy]), [['a', 'tab'], ['b', 'enter'], ['1', 'enter']]);
  });

  it('types Tab as a character when only Enter ends a scan', () => {
    assert.deepEqual(decode([...tap(A), ...tap(TAB), ...tap(B), ...tap(ENTER)], { terminators: ['enter'] }).texts, ['a\tb']);
  });

  it('ignores a phantom-state report and keeps what was held', () => {
    const { texts, decoder } = decode([kb(0, A), kb(0, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01), kb(0, A), up, ...tap(ENTER)]);
    assert.deepEqual(texts, ['a']);
    assert.equal(decoder.ignoredReports, 1);
  });

  it('skips and counts keys without a character, and shortcuts', () => {
    const { scans } = decode([...tap(A), ...tap(F1), ...tap(C, CTRL), ...tap(B, ALT), ...tap(B), ...tap(ENTER)]);
    assert.equal(scans[0]?.text, 'ab');
    assert.equal(scans[0]?.unmappedKeys, 3);
    assert.deepEqual(scans[0]?.warnings, ['layout-cannot-type-vietnamese', 'unmapped-keys']);
  });

  it('reads numbered reports and ignores short or foreign ones', () => {
    const numbered = (report: Uint8Array) => Uint8Array.from([0x01, ...report]);
    const { texts, decoder } = decode(
      [numbered(kb(0, A)), numbered(up), Uint8Array.from([0x02, ...kb(0, B)]), numbered(kb(0, C)).subarray(0, 5), numbered(kb(0, ENTER))],
      { reportId: 0x01 },
    );
    assert.deepEqual(texts, ['a']);
    assert.equal(decoder.ignoredReports, 2);
  });

  it('hands over a scan without a terminator on flush', () => {
    const { decoder } = decode([...tap(A), ...tap(B)]);
    assert.deepEqual(decoder.flush(), {
      text: 'ab',
      endedBy: 'flush',
      keyPresses: 2,
      unmappedKeys: 0,
      textMayBeGarbled: true,
      warnings: ['layout-cannot-type-vietnamese'],
    });
    assert.equal(decoder.flush(), null);
  });

  it('drops a scan that grows past the limit and resumes after its terminator', () => {
    const { events, texts } = decode([...tap(A), ...tap(B), ...tap(C), ...tap(A), ...tap(ENTER), ...tap(B), ...tap(ENTER)], { maxScanChars: 3 });
    assert.deepEqual(events.filter((e) => e.kind === 'overflow'), [{ kind: 'overflow', limit: 3 }]);
    assert.deepEqual(texts, ['b']);
  });

  it('forgets a partial scan and held keys on reset', () => {
    const decoder = new HidKeyboardDecoder();
    decoder.push(kb(0, A));
    decoder.reset();
    const events = [kb(0, A), up, ...tap(ENTER)].flatMap((r) => decoder.push(r));
    assert.deepEqual(events.map((e) => e.kind === 'scan' && e.scan.text), ['a']);
  });
});

describe('HidKeyboardDecoder with another layout', () => {
  const DE_ACUTE = 0x2e;
  const DE_CIRCUMFLEX = 0x35;
  const NON_US_BACKSLASH = 0x64;
  const [N, G, H, L, O, X] = [0x11, 0x0a, 0x0b, 0x0f, 0x12, 0x1b];

  it('types German QWERTZ: Y and Z swapped, AltGr (or Ctrl+Alt) for | and @', () => {
    const reports = [...tap(Z), ...tap(Y), ...tap(NON_US_BACKSLASH, ALT_GR), ...tap(Q, ALT_GR), ...tap(Q, CTRL | ALT), ...tap(ENTER)];
    assert.deepEqual(decode(reports, { layout: GERMAN_LAYOUT }).texts, ['yz|@@']);
  });

  it('composes dead keys with the next letter, the way the layout does', () => {
    const reports = [
      ...tap(L, SHIFT), ...tap(DE_ACUTE), ...tap(A), ...tap(N), ...tap(G), // Láng
      ...tap(SPACE), ...tap(H, SHIFT), ...tap(DE_ACUTE, SHIFT), ...tap(A), // Hà
      ...tap(SPACE), ...tap(DE_CIRCUMFLEX), ...tap(O), // ô
      ...tap(DE_ACUTE), ...tap(X), // no precomposed x with acute: both characters
      ...tap(DE_CIRCUMFLEX), ...tap(SPACE), // a dead key then space types the accent itself
      ...tap(ENTER),
    ];
    assert.deepEqual(decode(reports, { layout: GERMAN_LAYOUT }).texts, ['Láng Hà ô´x^']);
  });

  it('knows from the layout data that neither US nor German can type Vietnamese', () => {
    assert.equal(layoutCanTypeVietnamese(US_LAYOUT), false);
    assert.equal(layoutCanTypeVietnamese(GERMAN_LAYOUT), false);
  });

  it('does not flag scans from a layout that can type Vietnamese', () => {
    // A cut-down layout with the Vietnamese letters on keys and a tilde dead key.
    const vietnamese: KeyboardLayout = {
      id: 'vi-test',
      name: 'Vietnamese (test subset)',
      keys: [[A, 'ă', 'Ă'], [B, 'đ', 'Đ'], [C, 'ơ', 'Ơ'], [X, 'ư', 'Ư'], [O, 'ê', 'Ê'], [N, 'n', 'N'], [0x35, '~', '~']],
      deadKeys: { '~': '\u0303' },
    };
    assert.equal(layoutCanTypeVietnamese(vietnamese), true);
    const { scans } = decode([...tap(0x35), ...tap(O), ...tap(N), ...tap(ENTER)], { layout: vietnamese });
    assert.deepEqual([scans[0]?.text, scans[0]?.textMayBeGarbled], ['ễn', false]);
  });
});
