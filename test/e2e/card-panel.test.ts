/**
 * The clerk's card read, end to end: the real `tiepdon serve` with its device host,
 * pcscd with vpcd, and the virtual CCCD in its own process. The clerk types the ID
 * number, taps the card, and sees the citizen's details, the photo and the checks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEFAULT_PROFILE } from '../../native/sim/cccd-profile.ts';
import { lastTestEventSeq, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';
import { useCardDesk } from '../rig/card-desk.ts';
import { pcscRigMissing } from '../rig/pcscd.ts';

const field = (page: Page, name: string) => page.locator(`[data-testid="card-field"][data-field="${name}"] dd`).innerText();

describe('card panel (browser mode, real pcscd and virtual card)', { skip: pcscRigMissing() }, () => {
  const desk = useCardDesk();
  const { cardIn, readerReady } = desk;

  it('reads the card the moment it is tapped after the ID number is typed, and shows the citizen in Vietnamese', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser: desk.browser, viewport: { width: 1280, height: 1100 } });
    await readerReady(page);
    const card = await cardIn(t);
    const since = await lastTestEventSeq(page);

    await page.getByTestId('card-key').fill(DEFAULT_PROFILE.idNumber.replace(/(\d{3})(\d{3})(\d{6})/, '$1 $2 $3'));
    await card.insert();
    const done = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since });
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
    const { page } = await openApp(t, { browser: desk.browser });
    await readerReady(page);
    const card = await cardIn(t);
    let since = await lastTestEventSeq(page);

    await page.getByTestId('card-key').fill('001090099999');
    await card.insert();
    const failed = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since });
    assert.equal(failed.name, 'card-read-failed');
    assert.equal(failed.detail.code, 'ACCESS_DENIED');
    assert.match(await page.getByTestId('notice').innerText(), /Số này không khớp với thẻ/);

    since = await lastTestEventSeq(page);
    await page.getByTestId('card-key').fill(DEFAULT_PROFILE.idNumber);
    await page.getByTestId('card-key').press('Enter');
    const done = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since });
    assert.equal(done.name, 'card-read-done', JSON.stringify(done.detail));
  });

  it('asks for the card back when it is lifted mid-read, and reads it when it is tapped again', async (t) => {
    const { page } = await openApp(t, { browser: desk.browser });
    await readerReady(page);
    const card = await cardIn(t, { faults: { removeAfterApdus: 30 } });
    let since = await lastTestEventSeq(page);

    await page.getByTestId('card-key').fill(DEFAULT_PROFILE.idNumber);
    await card.insert();
    const failed = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since });
    assert.equal(failed.name, 'card-read-failed');
    assert.equal(failed.detail.code, 'CARD_REMOVED');
    assert.match(await page.getByTestId('notice').innerText(), /Đặt lại thẻ lên đầu đọc/);

    since = await lastTestEventSeq(page);
    await page.getByTestId('reader').filter({ hasText: desk.slot.readerName }).and(page.locator('[data-card="absent"]')).waitFor();
    await card.insert();
    const done = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since });
    assert.equal(done.name, 'card-read-done', JSON.stringify(done.detail));
  });

  it('asks for the full number instead of reading with a partial one', async (t) => {
    const { page } = await openApp(t, { browser: desk.browser });
    await page.getByTestId('card-key').fill('0010900');
    await page.getByTestId('card-key').press('Enter');
    assert.equal(await page.getByTestId('card-key').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#card-key-hint').innerText(), /Nhập đủ 12 số CCCD hoặc 6 số CAN/);
  });
});
