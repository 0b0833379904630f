/**
 * Keyboard-wedge scanners type what they read as key presses, far faster than
 * anyone types: a few milliseconds apart, ended by Enter or Tab (or by silence).
 * This tells such a burst from the clerk's own typing, with no DOM of its own:
 * the hook in use-keyboard-wedge.ts feeds it key presses and acts on its answers.
 *
 * A burst is recognised once `minLength` characters have arrived with no gap
 * longer than `maxGapMs` (one stall forgiven, see STALLS_FORGIVEN). The characters before that point have already reached
 * whatever had focus; the caller is told (`recognised`) so it can take them back
 * out of an input. From then on every key is consumed until Enter/Tab, or until
 * nothing arrives for `endGapMs`.
 */
import type { KeyboardWedgeSettings } from '../../../domain/scan.ts';

export type WedgeTerminator = 'enter' | 'tab' | 'none';

export interface WedgeSettings {
  readonly enabled: boolean;
  /** Longest gap between two keys of a burst before it is recognised, in ms. */
  readonly maxGapMs: number;
  /** Characters needed, all within maxGapMs of each other, to call it a scan. */
  readonly minLength: number;
  /** Silence that ends a recognised burst without its terminator, in ms. */
  readonly endGapMs: number;
  /**
   * The key the scanner sends after a code. The other of Enter and Tab, inside
   * a recognised burst, is kept in the text as a line break or tab (and still
   * kept from the page); with `none` only silence ends a scan.
   */
  readonly terminator: WedgeTerminator;
}

/** Silence that ends a scan sent without a terminator; formats.md §8.1 suggests 50–100 ms. */
export const WEDGE_END_GAP_MS = 100;

export const DEFAULT_WEDGE_SETTINGS: WedgeSettings = {
  enabled: true,
  maxGapMs: 35,
  minLength: 10,
  endGapMs: WEDGE_END_GAP_MS,
  terminator: 'enter',
};

/** The detector's settings from the stored keyboard-wedge settings. */
export function wedgeSettingsFrom(stored: KeyboardWedgeSettings): WedgeSettings {
  return {
    enabled: stored.enabled,
    maxGapMs: stored.maxInterKeyGapMs,
    minLength: stored.minLength,
    endGapMs: Math.max(WEDGE_END_GAP_MS, stored.maxInterKeyGapMs * 2),
    terminator: stored.terminator,
  };
}

export interface WedgeKey {
  /** KeyboardEvent.key: one character for printable keys, a name ("Enter", "Shift"…) otherwise. */
  readonly key: string;
  /** A monotonic time in ms (event.timeStamp or performance.now()). */
  readonly time: number;
  /** Ctrl, Alt or Meta held: a shortcut, never part of a scan. Shift is part of typing. */
  readonly command?: boolean;
}

export type WedgeEnd = 'enter' | 'tab' | 'idle';

export interface WedgeScan {
  readonly text: string;
  readonly endedBy: WedgeEnd;
  /** When the first and the last character arrived, for latency figures. */
  readonly startedAt: number;
  readonly endedAt: number;
}

export interface WedgeDecision {
  /** Stop the key: it belongs to a scan. */
  readonly consume: boolean;
  /** This key may be the first of a burst: remember the focused input's value before it lands. */
  readonly startsCandidate: boolean;
  /** This key made the burst a scan: put the focused input back as it was at the candidate's start. */
  readonly recognised: boolean;
  /** A scan that ended with this key (Enter/Tab), or with the silence before it. */
  readonly scan?: WedgeScan;
}

const PASS: WedgeDecision = { consume: false, startsCandidate: false, recognised: false };

/** Keys that neither add to a burst nor break it: modifiers and lock keys a scanner may press around characters. */
const NEUTRAL_KEYS = new Set(['Shift', 'CapsLock', 'NumLock', 'Unidentified', 'Dead', 'Process']);

interface Burst {
  chars: string[];
  startedAt: number;
  lastAt: number;
  recognised: boolean;
  /** Gaps longer than maxGapMs (but within endGapMs) still forgiven before recognition. */
  stallsLeft: number;
}

/**
 * A busy computer or a scanner waking up can hold one key back: one gap up to
 * endGapMs is forgiven before a burst is recognised. Nobody types nine of ten
 * keys within maxGapMs, so the clerk's typing is still never taken.
 */
const STALLS_FORGIVEN = 1;

export class WedgeDetector {
  #settings: WedgeSettings;
  #burst: Burst | undefined;

  constructor(settings: WedgeSettings = DEFAULT_WEDGE_SETTINGS) {
    this.#settings = settings;
  }

  get settings(): WedgeSettings {
    return this.#settings;
  }

  configure(settings: WedgeSettings): void {
    this.#settings = settings;
    if (!settings.enabled) this.#burst = undefined;
  }

  /** True while a recognised burst is being received: later keys are the scanner's. */
  get capturing(): boolean {
    return this.#burst?.recognised ?? false;
  }

  /** When the caller should call idle() if no key arrives before then; undefined when nothing is pending. */
  nextDeadline(): number | undefined {
    const burst = this.#burst;
    if (!burst) return undefined;
    return burst.lastAt + this.#allowedGap(burst) + 1;
  }

  #allowedGap(burst: Burst): number {
    return burst.recognised || burst.stallsLeft > 0 ? this.#settings.endGapMs : this.#settings.maxGapMs;
  }

  /** Ends a burst that has gone quiet: a recognised one becomes a scan; a candidate is dropped. */
  idle(now: number): WedgeScan | undefined {
    const burst = this.#burst;
    if (!burst) return undefined;
    if (now - burst.lastAt <= this.#allowedGap(burst)) return undefined;
    this.#burst = undefined;
    return burst.recognised ? toScan(burst, 'idle') : undefined;
  }

  key(input: WedgeKey): WedgeDecision {
    if (!this.#settings.enabled) return PASS;
    const ended = this.idle(input.time);
    const withEnded = (decision: WedgeDecision): WedgeDecision => (ended ? { ...decision, scan: ended } : decision);

    if (NEUTRAL_KEYS.has(input.key)) return withEnded({ ...PASS, consume: this.capturing });
    if (input.command) {
      this.#burst = undefined;
      return withEnded(PASS);
    }
    if (input.key === 'Enter' || input.key === 'Tab') {
      const burst = this.#burst;
      const end: WedgeEnd = input.key === 'Enter' ? 'enter' : 'tab';
      if (burst?.recognised && end !== this.#settings.terminator) {
        burst.chars.push(end === 'enter' ? '\n' : '\t');
        burst.lastAt = input.time;
        return withEnded({ ...PASS, consume: true });
      }
      this.#burst = undefined;
      if (burst?.recognised) return { ...PASS, consume: true, scan: toScan(burst, end) };
      return withEnded(PASS);
    }
    if (input.key === 'Backspace' && this.#burst?.recognised) {
      // An input method (Unikey, EVKey) rewriting the scanner's keys erases and retypes: keep up with it.
      this.#burst.chars.pop();
      this.#burst.lastAt = input.time;
      return withEnded({ ...PASS, consume: true });
    }
    if ([...input.key].length !== 1) {
      // Backspace, arrows, function keys: the clerk's hands, not a scanner.
      this.#burst = undefined;
      return withEnded(PASS);
    }

    const burst = this.#burst;
    if (!burst) {
      this.#burst = { chars: [input.key], startedAt: input.time, lastAt: input.time, recognised: false, stallsLeft: STALLS_FORGIVEN };
      return withEnded({ ...PASS, startsCandidate: true, recognised: this.#checkRecognised() });
    }
    if (!burst.recognised && input.time - burst.lastAt > this.#settings.maxGapMs) burst.stallsLeft -= 1;
    burst.chars.push(input.key);
    burst.lastAt = input.time;
    if (burst.recognised) return withEnded({ ...PASS, consume: true });
    const recognised = this.#checkRecognised();
    return withEnded({ ...PASS, consume: recognised, recognised });
  }

  /** Forgets any burst in progress (focus moved, window hidden). */
  reset(): void {
    this.#burst = undefined;
  }

  #checkRecognised(): boolean {
    const burst = this.#burst;
    if (!burst || burst.recognised || burst.chars.length < this.#settings.minLength) return false;
    burst.recognised = true;
    return true;
  }
}

function toScan(burst: Burst, endedBy: WedgeEnd): WedgeScan {
  return { text: burst.chars.join(''), endedBy, startedAt: burst.startedAt, endedAt: burst.lastAt };
}
