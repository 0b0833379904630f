/**
 * A reception desk with a chip card reader for a file's end-to-end tests:
 * pcscd with vpcd and one shared browser, started before the file's tests and
 * stopped after them, and a virtual CCCD put on the reader per test.
 */
import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CCCD_CARD_SPEC, type CccdCardOptions } from '../../native/sim/cccd-card-options.ts';
import { startVirtualCard, type VirtualCard } from '../../native/sim/virtual-card.ts';
import { launchBrowser } from './browser.ts';
import { startPcscd, type Pcscd, type VpcdSlot } from './pcscd.ts';

export interface CardDesk {
  readonly browser: Browser;
  readonly slot: VpcdSlot;
  /** A virtual card connected to the reader for this test (not yet on it: `insert()` taps it), removed when the test ends. */
  cardIn(t: { after: (fn: () => Promise<void>) => void }, options?: CccdCardOptions): Promise<VirtualCard>;
  /** The page has seen the vpcd reader (so a tap is noticed), with no card on it. */
  readerReady(page: Page): Promise<void>;
}

/** Call inside a describe: registers the before/after that start and stop the rig. */
export function useCardDesk(): CardDesk {
  let browser: Browser | undefined;
  let pcscd: Pcscd | undefined;

  before(async () => {
    pcscd = await startPcscd();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await pcscd?.stop();
  });

  const slot = (): VpcdSlot => {
    const first = pcscd?.slots[0];
    if (!first) throw new Error('the card desk is not started');
    return first;
  };
  return {
    get browser() {
      if (!browser) throw new Error('the card desk is not started');
      return browser;
    },
    get slot() {
      return slot();
    },
    async cardIn(t, options = {}) {
      const card = await startVirtualCard({ port: slot().port, card: { ...CCCD_CARD_SPEC, options } });
      t.after(() => card.stop());
      return card;
    },
    async readerReady(page) {
      await page.getByTestId('reader').filter({ hasText: slot().readerName }).waitFor();
    },
  };
}
