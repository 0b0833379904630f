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
