/**
 * Keys in end-to-end tests, at the two paces the desk knows.
 *
 * A keyboard-wedge scanner's burst is dispatched as one recorded series in a
 * single task of the page: every key carries its own timestamp, a few
 * milliseconds after the one before, and the wedge detector reads those
 * timestamps as it reads a real scanner's. However busy the machine is, the
 * series arrives whole, so a test cannot split a burst the way typing key by
 * key through the browser does under load. Keys the page does not stop type
 * into the focused field as a real key would (beforeinput/input through
 * `insertText`), so the characters a burst puts there before it is recognised
 * are there to be taken back out.
 *
 * The clerk's typing goes through the browser's own keyboard, far slower than
 * a scanner; a busy machine only makes the gaps longer, never shorter.
 */
import type { Page } from 'playwright-core';

/** A scanner's pace: well inside the detector's 35 ms limit between keys. */
export const SCANNER_KEY_GAP_MS = 4;
/** The clerk's pace: slower than any scanner, so the wedge leaves the keys alone. */
export const CLERK_KEY_DELAY_MS = 60;

export interface WedgeBurstOptions {
  /** The key the scanner sends after the code; `none` sends nothing (silence ends the scan). */
  terminator?: 'Enter' | 'Tab' | 'none';
  /** Milliseconds between two keys' timestamps. */
  gapMs?: number;
}

/** A keyboard-wedge scanner typing `text` into whatever has focus, then its terminator. */
export async function wedgeScan(page: Page, text: string, options: WedgeBurstOptions = {}): Promise<void> {
  const keys = [...text];
  if ((options.terminator ?? 'Enter') !== 'none') keys.push(options.terminator ?? 'Enter');
  await page.evaluate(
    ({ keys, gapMs }) => {
      const page = globalThis as unknown as PageGlobals;
      const start = performance.now();
      const stamped = (type: string, key: string, at: number): object => {
        const event = new page.KeyboardEvent(type, { key, bubbles: true, cancelable: true, composed: true });
        Object.defineProperty(event, 'timeStamp', { value: at });
        return event;
      };
      const focused = (): PageElement => page.document.activeElement ?? page.document.body;
      const editable = (element: PageElement): boolean =>
        element.isContentEditable === true ||
        element.tagName === 'TEXTAREA' ||
        (element.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'file'].includes(element.type ?? ''));
      keys.forEach((key, index) => {
        const at = start + index * gapMs;
        const typed = focused().dispatchEvent(stamped('keydown', key, at));
        if (typed && [...key].length === 1 && editable(focused())) page.document.execCommand('insertText', false, key);
        focused().dispatchEvent(stamped('keyup', key, at + 1));
      });
    },
    { keys, gapMs: options.gapMs ?? SCANNER_KEY_GAP_MS },
  );
}

/** The DOM as the page function uses it: the test's own globals have no DOM types. */
interface PageElement {
  readonly tagName: string;
  readonly type?: string;
  readonly isContentEditable?: boolean;
  dispatchEvent(event: object): boolean;
}
interface PageGlobals {
  KeyboardEvent: new (type: string, init: { key: string; bubbles: boolean; cancelable: boolean; composed: boolean }) => object;
  document: { activeElement: PageElement | null; body: PageElement; execCommand(command: string, showUi: boolean, value: string): boolean };
}

/** The clerk types `text` into the field with this test id, emptied first. */
export async function typeAsClerk(page: Page, testId: string, text: string): Promise<void> {
  const field = page.getByTestId(testId);
  await field.fill('');
  await field.pressSequentially(text, { delay: CLERK_KEY_DELAY_MS });
}
