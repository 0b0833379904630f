/**
 * What the clerk sees, checked on the live page: text that a font cannot set,
 * and (as the desk grows) what is inside the viewport and where focus is.
 */
import type { Page } from 'playwright-core';

/** The DOM as the page function uses it: the test's own globals have no DOM types. */
interface PageNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly parentElement: PageElement | null;
}
interface PageElement {
  readonly tagName: string;
  getAttribute(name: string): string | null;
}
interface PageGlobals {
  document: { body: unknown; createTreeWalker(root: unknown, whatToShow: number): { nextNode(): PageNode | null } };
  getComputedStyle(element: PageElement): { fontFamily: string };
}

/**
 * Every piece of visible text with Vietnamese letters that is set in a
 * monospace font (which drops or misplaces the marks: "mã sô´"), described
 * by its element and its text. Empty when none.
 */
export function vietnameseInMonospace(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals;
    const SHOW_TEXT = 4;
    const walker = page.document.createTreeWalker(page.document.body, SHOW_TEXT);
    const found: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const element = node.parentElement;
      if (!element || !/[\u00C0-\u024F\u1E00-\u1EFF]/.test(text)) continue;
      if (/mono/i.test(page.getComputedStyle(element).fontFamily)) found.push(`<${element.tagName.toLowerCase()} ${element.getAttribute('data-testid') ?? ''}> ${text}`);
    }
    return found;
  });
}

/** The page's own scroll extent against the window: a one-screen desk never scrolls. */
export async function pageOverflow(page: Page): Promise<{ vertical: number; horizontal: number }> {
  return page.evaluate(() => {
    const root = (globalThis as unknown as { document: { documentElement: { scrollHeight: number; scrollWidth: number } } }).document.documentElement;
    const win = globalThis as unknown as { innerHeight: number; innerWidth: number };
    return { vertical: root.scrollHeight - win.innerHeight, horizontal: root.scrollWidth - win.innerWidth };
  });
}

/**
 * Whether the element with this test id is where the clerk can see it: inside
 * the window, and what the window shows at its centre (not scrolled away inside
 * its column, not covered).
 */
export async function seenByClerk(page: Page, testId: string): Promise<boolean> {
  return page.evaluate((id) => {
    interface Box {
      top: number;
      bottom: number;
      left: number;
      right: number;
    }
    interface Element {
      getBoundingClientRect(): Box;
      contains(other: unknown): boolean;
    }
    const page = globalThis as unknown as {
      innerHeight: number;
      innerWidth: number;
      document: { querySelector(selector: string): Element | null; elementFromPoint(x: number, y: number): unknown };
    };
    const element = page.document.querySelector(`[data-testid="${id}"]`);
    if (!element) return false;
    const box = element.getBoundingClientRect();
    if (box.top < 0 || box.left < 0 || box.bottom > page.innerHeight || box.right > page.innerWidth || box.bottom <= box.top) return false;
    return element.contains(page.document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2));
  }, testId);
}

/** The test id of the focused element, or its tag name when it has none. */
export function focusedTestId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const focused = (globalThis as unknown as { document: { activeElement: { tagName: string; getAttribute(name: string): string | null } | null } }).document
      .activeElement;
    return focused?.getAttribute('data-testid') ?? focused?.tagName.toLowerCase() ?? 'none';
  });
}
