/** The keyboard-wedge burst detector: scanner bursts become scans, the clerk's typing passes untouched. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { KeyboardWedgeSettingsSchema } from '../../../domain/scan.ts';
import {
  DEFAULT_WEDGE_SETTINGS,
  WedgeDetector,
  wedgeSettingsFrom,
  type WedgeDecision,
  type WedgeScan,
  type WedgeSettings,
} from '../../../renderer/src/scan/wedge.ts';

const SETTINGS: WedgeSettings = { enabled: true, maxGapMs: 30, minLength: 8, endGapMs: 100, terminator: 'enter' };
const CCCD = '001090012345|123456789|Nguyen Van An|15081990|Nam|Ha Noi|20122021';

interface Fed {
  decisions: WedgeDecision[];
  scans: WedgeScan[];
  /** What reached the page (not consumed), in order. */
  passed: string[];
  time: number;
}

/** Types `text` one key per `gap` ms from `start`, optionally followed by a terminator key. */
function feed(detector: WedgeDetector, keys: readonly string[], gap: number, start = 1_000): Fed {
  const fed: Fed = { decisions: [], scans: [], passed: [], time: start };
  keys.forEach((key, index) => {
    fed.time = start + index * gap;
    const decision = detector.key({ key, time: fed.time });
    fed.decisions.push(decision);
    if (decision.scan) fed.scans.push(decision.scan);
    if (!decision.consume) fed.passed.push(key);
  });
  return fed;
}

const chars = (text: string): string[] => [...text];

describe('keyboard wedge detector', () => {
  it('recognises a fast burst ended by Enter as one scan, and consumes the Enter', () => {
    const detector = new WedgeDetector(SETTINGS);
    const fed = feed(detector, [...chars(CCCD), 'Enter'], 4);
    assert.equal(fed.scans.length, 1);
    assert.equal(fed.scans[0]!.text, CCCD);
    assert.equal(fed.scans[0]!.endedBy, 'enter');
    assert.equal(fed.decisions.at(-1)!.consume, true, 'the Enter does not submit a form');
    // Only the characters before recognition reached the page, and the caller was told once.
    assert.deepEqual(fed.passed, chars(CCCD).slice(0, SETTINGS.minLength - 1));
    assert.equal(fed.decisions.filter((d) => d.recognised).length, 1);
    assert.equal(fed.decisions[SETTINGS.minLength - 1]!.recognised, true);
    assert.equal(fed.decisions[0]!.startsCandidate, true);
  });

  it('ends a burst with the configured terminator, or with silence when the scanner sends none', () => {
    const tab = new WedgeDetector({ ...SETTINGS, terminator: 'tab' });
    assert.equal(feed(tab, [...chars(CCCD), 'Tab'], 3).scans[0]!.endedBy, 'tab');
    // Enter inside a Tab-terminated scan is a line break of the code, kept from the page.
    const multi = feed(tab, [...chars('0123456789'), 'Enter', ...chars('abc'), 'Tab'], 3, 5_000);
    assert.equal(multi.scans[0]!.text, '0123456789\nabc');
    assert.equal(multi.decisions[10]!.consume, true);

    const none = new WedgeDetector({ ...SETTINGS, terminator: 'none' });
    const sent = feed(none, [...chars(CCCD), 'Enter'], 3);
    assert.equal(sent.scans.length, 0);
    assert.equal(sent.decisions.at(-1)!.consume, true, 'a stray Enter after the code does not submit a form');
    assert.equal(none.idle(sent.time + 200)?.text, `${CCCD}\n`);

    const quiet = new WedgeDetector(SETTINGS);
    const fed = feed(quiet, chars('0123456789|4e67|15/08/1990|$'), 3);
    assert.equal(fed.scans.length, 0);
    const deadline = quiet.nextDeadline();
    assert.ok(deadline !== undefined && deadline > fed.time + SETTINGS.endGapMs);
    assert.equal(quiet.idle(fed.time + SETTINGS.endGapMs - 1), undefined, 'not yet quiet');
    const scan = quiet.idle(deadline);
    assert.equal(scan?.text, '0123456789|4e67|15/08/1990|$');
    assert.equal(scan?.endedBy, 'idle');
    assert.equal(quiet.nextDeadline(), undefined);
  });

  it('emits the quiet burst when the next key comes after the end gap', () => {
    const detector = new WedgeDetector(SETTINGS);
    const fed = feed(detector, chars('ABCDEFGHIJ'), 2);
    const next = detector.key({ key: 'x', time: fed.time + SETTINGS.endGapMs + 50 });
    assert.equal(next.scan?.text, 'ABCDEFGHIJ');
    assert.equal(next.consume, false, 'the key after the silence is the clerk’s');
    assert.equal(next.startsCandidate, true);
  });

  it('forgives one stall before recognition, not two', () => {
    const stalled = new WedgeDetector(SETTINGS);
    const first = feed(stalled, chars('0123'), 3);
    const rest = feed(stalled, [...chars('456789|abc'), 'Enter'], 3, first.time + 80);
    assert.equal(rest.scans[0]?.text, '0123456789|abc');

    const twice = new WedgeDetector(SETTINGS);
    const a = feed(twice, chars('0123'), 3);
    const b = feed(twice, chars('45'), 3, a.time + 80);
    const c = feed(twice, [...chars('6789|abc'), 'Enter'], 3, b.time + 80);
    assert.equal(c.scans[0]?.text, '6789|abc', 'the second stall starts a new burst');
    assert.equal(c.decisions[0]!.startsCandidate, true);
  });

  it('lets human typing through untouched, however long', () => {
    const detector = new WedgeDetector(SETTINGS);
    const fed = feed(detector, [...chars('001090012345 Nguyen Van An'), 'Enter'], 120);
    assert.equal(fed.scans.length, 0);
    assert.deepEqual(fed.passed, [...chars('001090012345 Nguyen Van An'), 'Enter']);
    assert.ok(fed.decisions.every((d) => !d.recognised));
  });

  it('does not take a short fast run (key rollover) for a scan', () => {
    const detector = new WedgeDetector(SETTINGS);
    const fed = feed(detector, [...chars('abcdefg'), 'Enter'], 5);
    assert.equal(fed.scans.length, 0);
    assert.equal(fed.passed.length, 8, 'seven characters and the Enter all reach the page');
  });

  it('tolerates a scanner pausing mid-code once the burst is recognised', () => {
    const detector = new WedgeDetector(SETTINGS);
    const first = feed(detector, chars('001090012345|'), 3);
    const second = feed(detector, [...chars('123456789|An'), 'Enter'], 3, first.time + 60);
    assert.equal(second.scans[0]?.text, '001090012345|123456789|An');
    assert.ok(second.decisions.every((d) => d.consume));
  });

  it('breaks a candidate on shortcuts and editing keys, but not on Shift', () => {
    const detector = new WedgeDetector(SETTINGS);
    feed(detector, chars('abcd'), 3);
    assert.equal(detector.key({ key: 'c', time: 1_012, command: true }).consume, false);
    const after = feed(detector, [...chars('efgh'), 'Enter'], 3, 1_015);
    assert.equal(after.scans.length, 0, 'four characters after Ctrl+C are not eight');

    const withShift = new WedgeDetector(SETTINGS);
    const fed = feed(withShift, ['A', 'Shift', 'B', 'Shift', 'C', 'D', 'E', 'F', 'G', 'H', 'Enter'], 2);
    assert.equal(fed.scans[0]?.text, 'ABCDEFGH');

    const backspace = new WedgeDetector(SETTINGS);
    assert.equal(feed(backspace, [...chars('abcd'), 'Backspace', ...chars('efgh'), 'Enter'], 2).scans.length, 0);
  });

  it('follows an input method erasing and retyping inside a recognised burst', () => {
    const detector = new WedgeDetector(SETTINGS);
    const fed = feed(detector, [...chars('001090012345|Nguye'), 'Backspace', ...chars('ên'), 'Enter'], 2);
    assert.equal(fed.scans[0]?.text, '001090012345|Nguyên');
  });

  it('does nothing when disabled, and forgets a burst when disabled mid-way', () => {
    const detector = new WedgeDetector({ ...SETTINGS, enabled: false });
    const fed = feed(detector, [...chars(CCCD), 'Enter'], 2);
    assert.equal(fed.scans.length, 0);
    assert.equal(fed.passed.length, CCCD.length + 1);

    const switched = new WedgeDetector(SETTINGS);
    feed(switched, chars('abcdefghij'), 2);
    assert.equal(switched.capturing, true);
    switched.configure({ ...SETTINGS, enabled: false });
    assert.equal(switched.capturing, false);
    assert.equal(switched.nextDeadline(), undefined);
  });

  it('follows its settings: a longer minimum and a wider gap', () => {
    const detector = new WedgeDetector({ ...SETTINGS, minLength: 20, maxGapMs: 60 });
    assert.equal(feed(detector, [...chars('0123456789012345678'), 'Enter'], 50).scans.length, 0);
    const fed = feed(detector, [...chars('01234567890123456789'), 'Enter'], 50, 10_000);
    assert.equal(fed.scans[0]?.text, '01234567890123456789');
    assert.equal(DEFAULT_WEDGE_SETTINGS.maxGapMs <= 50, true);
  });

  it('takes its settings from the stored keyboard-wedge settings', () => {
    const stored = KeyboardWedgeSettingsSchema.parse({ maxInterKeyGapMs: 80, minLength: 12, terminator: 'tab' });
    assert.deepEqual(wedgeSettingsFrom(stored), { enabled: true, maxGapMs: 80, minLength: 12, endGapMs: 160, terminator: 'tab' });
    assert.equal(wedgeSettingsFrom(KeyboardWedgeSettingsSchema.parse({})).endGapMs, 100);
  });

  it('keeps Vietnamese characters whole (one key per code point)', () => {
    const detector = new WedgeDetector(SETTINGS);
    const text = '079303001234||Trần Thị Bích|21032003|Nữ|12 Lê Lợi|14082021';
    assert.equal(feed(detector, [...chars(text), 'Enter'], 2).scans[0]?.text, text);
  });

  it('property: any burst faster than the gap is returned exactly; any typing slower than the gap never is', () => {
    const key = fc.constantFrom(...chars('0123456789|abcXYZ ,./-$ữễ'));
    fc.assert(
      fc.property(fc.array(key, { minLength: SETTINGS.minLength, maxLength: 200 }), fc.integer({ min: 0, max: SETTINGS.maxGapMs }), (keys, gap) => {
        const detector = new WedgeDetector(SETTINGS);
        const fed = feed(detector, [...keys, 'Enter'], gap);
        assert.deepEqual(fed.scans.map((s) => s.text), [keys.join('')]);
      }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(key, fc.constantFrom('Enter', 'Tab', 'Backspace')), { maxLength: 100 }),
        fc.integer({ min: SETTINGS.maxGapMs + 1, max: 400 }),
        (keys, gap) => {
          const detector = new WedgeDetector(SETTINGS);
          const fed = feed(detector, keys, gap);
          assert.equal(fed.scans.length, 0);
          assert.deepEqual(fed.passed, keys);
          assert.equal(detector.idle(fed.time + 10_000), undefined);
        },
      ),
    );
  });
});
