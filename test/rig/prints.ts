/**
 * window.print in a test opens no dialog: each call is counted instead, so a
 * test can tell the ticket printed (and how often) and print to PDF itself.
 */
import type { Page } from 'playwright-core';

interface PrintCounter {
  __tiepdonPrints: number;
  print: () => void;
}

/** Pass as openApp's `prepare`: counts window.print calls from the first page load on. */
export async function capturePrints(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counter = globalThis as unknown as PrintCounter;
    counter.__tiepdonPrints = 0;
    counter.print = () => {
      counter.__tiepdonPrints += 1;
    };
  });
}

export const printsOf = (page: Page): Promise<number> => page.evaluate(() => (globalThis as unknown as PrintCounter).__tiepdonPrints);
