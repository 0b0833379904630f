/** The demo desk in end-to-end tests: a sample card tapped the way a clerk does it. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { DemoSampleCard } from '../../native/sim/demo/demo-samples.ts';
import { lastTestEventSeq, waitForTestEvent } from './browser.ts';
import { CLERK_KEY_DELAY_MS } from './keyboard.ts';

/** The number typed into the ID box (where the focus is), then the sample card put on the demo reader; resolves with the event mark taken before. */
export async function tapDemoCard(page: Page, card: DemoSampleCard): Promise<number> {
  const since = await lastTestEventSeq(page);
  await page.keyboard.type(card.profile.idNumber, { delay: CLERK_KEY_DELAY_MS });
  await page.getByTestId(`demo-insert-${card.id}`).click();
  const read = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since });
  assert.equal(read.name, 'card-read-done', JSON.stringify(read.detail));
  return since;
}
