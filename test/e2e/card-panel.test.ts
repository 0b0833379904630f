/**
 * The clerk's card read, end to end: the real `tiepdon serve` with its device host,
 * pcscd with vpcd, and the virtual CCCD in its own process. The clerk types the ID
 * number, taps the card, and sees the citizen's details, the photo and the checks.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CCCD_CARD_SPEC, type CccdCardOptions } from '../../native/sim/cccd-card-options.ts';
import { DEFAULT_PROFILE } from '../../native/sim/cccd-profile.ts';
import { startVirtualCard, type VirtualCard } from '../../native/sim/virtual-card.ts';
import { lastTestEventSeq, launchBrowser, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';
import { pcscRigMissing, startPcscd, type Pcscd, type VpcdSlot } from '../rig/pcscd.ts';

const READ_WAIT_MS = 20_000;

const field = (page: Page, name: string) => page.locator(`[data-testid="card-field"][data-field="${name}"] dd`).innerText();

describe('card panel (browser mode, real pcscd and virtual card)', { skip: pcscRigMissing(), timeout: 120_000 }, () => {
  let browser: Browser;
  let pcscd: Pcscd;
  let slot: VpcdSlot;

  before(async () => {
    pcscd = await startPcscd();
    slot = pcscd.slots[0]!;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await pcscd?.stop();
  });

  async function cardIn(t: { after: (fn: () => Promise<void>) => void }, options: CccdCardOptions = {}): Promise<VirtualCard> {
    const card = await startVirtualCard({ port: slot.port, card: { ...CCCD_CARD_SPEC, options } });
    t.after(() => card.stop());
    return card;
  }

  /** The page has seen the vpcd reader (so a tap is noticed), with no card on it. */
  async function readerReady(page: Page): Promise<void> {
    await page.getByTestId('reader').filter({ hasText: slot.readerName }).waitFor({ timeout: READ_WAIT_MS });
  }

  it('reads the card the moment it is tapped after the ID number is typed, and shows the citizen in Vietnamese', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1100 } });
    await readerReady(page);
    const card = await cardIn(t);
    const since = await lastTestEventSeq(page);

    await page.getByTestId('card-key').fill(DEFAULT_PROFILE.idNumber.replace(/(\d{3})(\d{3})(\d{6})/, '$1 $2 $3'));
    await card.insert();
    const done = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since, timeoutMs: READ_WAIT_MS });
    assert.equal(done.name, 'card-read-done', JSON.stringify(done.detail));
    const progress = await waitForTestEvent(page, 'card-progress', { after: since });
    assert.ok(progress, 'progress was shown while reading');

    assert.equal(await field(page, 'idNumber'), DEFAULT_PROFILE.idNumber);
    assert.equal(await field(page, 'fullName'), DEFAULT_PROFILE.fullName);
    assert.equal(await field(page, 'dateOfBirth'), DEFAULT_PROFILE.dateOfBirth.split('-').reverse().join('/'));
    assert.equal(await field(page, 'sex'), 'Nam');
    assert.equal(await page.getByTestId('card-photo').getAttribute('data-format'), 'jpeg');
    const photoWidth = await page.getByTestId('card-photo').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    assert.ok(photoWidth > 0, 'the photo decodes in the browser');
    assert.equal(await page.getByTestId('card-active').getAttribute('data-state'), 'passed');
    assert.equal(await page.getByTestId('card-chip').getAttribute('data-state'), 'passed');
    // The virtual card's signer is not in a fresh data folder's trust store: never a silent "valid".
    assert.equal(await page.getByTestId('card-passive').getAttribute('data-state'), 'chain-unknown');
    assert.match(await page.getByTestId('card-passive').innerText(), /Chưa rõ nguồn ký/);

    await saveScreenshot(page, 'card-vi');
    assert.deepEqual(pageErrors, []);
  });

  it('says the number does not match the card, and reads it once the right number is entered', async (t) => {
    const { page } = await openApp(t, { browser });
    await readerReady(page);
    const card = await cardIn(t);
    let since = await lastTestEventSeq(page);

    await page.getByTestId('card-key').fill('001090099999');
    await card.insert();
    const failed = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since, timeoutMs: READ_WAIT_MS });
    assert.equal(failed.name, 'card-read-failed');
    assert.equal(failed.detail.code, 'ACCESS_DENIED');
    assert.match(await page.getByTestId('notice').innerText(), /Số này không khớp với thẻ/);

    since = await lastTestEventSeq(page);
    await page.getByTestId('card-key').fill(DEFAULT_PROFILE.idNumber);
    await page.getByTestId('card-key').press('Enter');
    const done = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since, timeoutMs: READ_WAIT_MS });
    assert.equal(done.name, 'card-read-done', JSON.stringify(done.detail));
  });

  it('asks for the card back when it is lifted mid-read, and reads it when it is tapped again', async (t) => {
    const { page } = await openApp(t, { browser });
    await readerReady(page);
    const card = await cardIn(t, { faults: { removeAfterApdus: 30 } });
    let since = await lastTestEventSeq(page);

    await page.getByTestId('card-key').fill(DEFAULT_PROFILE.idNumber);
    await card.insert();
    const failed = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since, timeoutMs: READ_WAIT_MS });
    assert.equal(failed.name, 'card-read-failed');
    assert.equal(failed.detail.code, 'CARD_REMOVED');
    assert.match(await page.getByTestId('notice').innerText(), /Đặt lại thẻ lên đầu đọc/);

    since = await lastTestEventSeq(page);
    await page.getByTestId('reader').filter({ hasText: slot.readerName }).and(page.locator('[data-card="absent"]')).waitFor({ timeout: READ_WAIT_MS });
    await card.insert();
    const done = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since, timeoutMs: READ_WAIT_MS });
    assert.equal(done.name, 'card-read-done', JSON.stringify(done.detail));
  });

  it('asks for the full number instead of reading with a partial one', async (t) => {
    const { page } = await openApp(t, { browser });
    await page.getByTestId('card-key').fill('0010900');
    await page.getByTestId('card-key').press('Enter');
    assert.equal(await page.getByTestId('card-key').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#card-key-hint').innerText(), /Nhập đủ 12 số CCCD hoặc 6 số CAN/);
  });
});
