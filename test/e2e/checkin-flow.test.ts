/**
 * The whole check-in at the desk, end to end: the real `tiepdon serve` with its
 * device host, pcscd with vpcd and the virtual CCCD. A new patient registered
 * from the card, then a returning insured patient from card tap to printed
 * ticket and identity check, counting the clerk's actions. The print dialog is
 * captured (window.print is recorded, and the print stylesheet's rendering of
 * the ticket is saved); every step leaves a screenshot that is checked.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEFAULT_PROFILE } from '../../native/sim/cccd-profile.ts';
import type { VirtualCard } from '../../native/sim/virtual-card.ts';
import { lastTestEventSeq, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';
import { capturePrints, printsOf } from '../rig/prints.ts';
import { typeAsClerk } from '../rig/keyboard.ts';
import { useCardDesk } from '../rig/card-desk.ts';
import { pcscRigMissing } from '../rig/pcscd.ts';
const BHXH_NUMBER = '0190012345';

/** A screenshot of a step, checked to be a real, non-trivial PNG. */
async function step(page: Page, name: string): Promise<void> {
  const path = await saveScreenshot(page, name);
  const png = readFileSync(path);
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${name} is a PNG`);
  assert.ok(png.length > 10_000, `${name} shows the screen (${png.length} bytes)`);
}

describe('check-in flow (browser mode, real pcscd and virtual card)', { skip: pcscRigMissing() }, () => {
  const desk = useCardDesk();
  const { readerReady } = desk;
  const cardOnDesk = (t: { after: (fn: () => Promise<void>) => void }) => desk.cardIn(t);

  /** The clerk types the number on the card and the patient taps it: two actions. */
  async function tapCard(page: Page, card: VirtualCard): Promise<void> {
    const since = await lastTestEventSeq(page);
    await page.getByTestId('card-key').fill(DEFAULT_PROFILE.idNumber);
    await card.insert();
    const done = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since });
    assert.equal(done.name, 'card-read-done', JSON.stringify(done.detail));
  }

  it('registers a new patient from the card, issues the ticket, and records the clerk’s identity check against the chip photo', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser: desk.browser, viewport: { width: 1280, height: 1600 }, prepare: capturePrints });
    await readerReady(page);
    const card = await cardOnDesk(t);

    let since = await lastTestEventSeq(page);
    await tapCard(page, card);
    const opened = await waitForTestEvent(page, 'patient-form-opened', { after: since });
    assert.equal(opened.detail['fromCard'], true);
    await page.getByTestId('patient-not-found').waitFor();
    assert.equal(await page.getByTestId('patient-field-fullName').inputValue(), DEFAULT_PROFILE.fullName);
    assert.equal(await page.getByTestId('patient-field-cccd').inputValue(), DEFAULT_PROFILE.idNumber);
    await step(page, 'checkin-new-1-registration-from-card');

    await typeAsClerk(page, 'patient-field-bhxhNumber', BHXH_NUMBER);
    since = await lastTestEventSeq(page);
    await page.keyboard.press('Control+s');
    await waitForTestEvent(page, 'patient-saved', { after: since });
    await page.getByTestId('visit-clinic').waitFor();
    assert.equal(await page.getByTestId('visit-type').inputValue(), 'bhyt', 'a patient with a BHXH number comes as BHYT');

    since = await lastTestEventSeq(page);
    await page.keyboard.press('F9');
    await waitForTestEvent(page, 'visit-created', { after: since });
    const printed = await waitForTestEvent(page, 'ticket-printed', { after: since });
    assert.equal(printed.detail['via'], 'dialog');
    assert.equal(await printsOf(page), 1, 'the ticket printed by itself, once');
    assert.match(await page.getByTestId('visit-queue-number').innerText(), /^[A-Z]-001$/);
    const qr = page.getByTestId('ticket-qr');
    assert.match((await qr.getAttribute('data-payload')) ?? '', /^TIEPDON:VISIT:\d+$/);
    assert.equal(await qr.locator('svg path').count(), 1, 'the visit QR is drawn on the ticket');

    const prompted = await waitForTestEvent(page, 'biometric-prompted', { after: since });
    assert.equal(prompted.detail['requirement'], 'required');
    assert.equal(prompted.detail['photo'], true, 'the chip photo of a card read before registering is kept for the check');
    const photoWidth = await page.getByTestId('biometric-photo').locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    assert.ok(photoWidth > 0, 'the chip photo is shown');
    await page.getByTestId('biometric-camera').waitFor();
    await step(page, 'checkin-new-2-ticket-and-identity-check');

    since = await lastTestEventSeq(page);
    await page.keyboard.press('F5');
    const decided = await waitForTestEvent(page, 'biometric-decided', { after: since });
    assert.equal(decided.detail['decision'], 'match');
    assert.notEqual(decided.detail['by'], 'test-automation', 'the clerk decided');
    const finished = await waitForTestEvent(page, 'checkin-finished', { after: since });
    assert.equal(finished.detail['payment'], 'nothing-to-pay', 'a BHYT visit has no fee at the desk: the payment step stays out of the way');
    assert.equal(await page.getByTestId('biometric-decision').getAttribute('data-decision'), 'match');
    await step(page, 'checkin-new-3-done');

    since = await lastTestEventSeq(page);
    await page.keyboard.press('Enter');
    await waitForTestEvent(page, 'checkin-next', { after: since });
    await waitForTestEvent(page, 'today-loaded', { after: since });
    assert.equal(await page.getByTestId('visit-section').count(), 0, 'back to an empty desk');
    const focused = await page.evaluate(
      () => (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid'),
    );
    assert.equal(focused, 'card-key', 'the next patient starts at the ID box');
    const row = page.getByTestId('today-visit');
    assert.equal(await row.count(), 1);
    assert.match(await page.getByTestId('today-list').innerText(), /Đã đối chiếu/);

    // The decision corrected from today's list: only with a reason; the visit then carries the corrected one.
    await row.getByTestId('visit-correct-open').click();
    const correction = page.getByTestId('visit-correct');
    assert.match(await correction.getByTestId('visit-correct-current').innerText(), /Đã xác nhận đúng người/);
    assert.equal(await correction.getByTestId('visit-correct-save').isDisabled(), true, 'no correction without a reason');
    await correction.getByTestId('visit-correct-decision').selectOption('no-match');
    await correction.getByTestId('visit-correct-reason').fill('Bấm nhầm: người đến khám là em trai chủ thẻ');
    await step(page, 'checkin-new-4-correction');
    since = await lastTestEventSeq(page);
    await correction.getByTestId('visit-correct-save').click();
    await waitForTestEvent(page, 'visit-corrected', { after: since, match: { decision: 'no-match' } });
    await waitForTestEvent(page, 'today-loaded', { after: since });
    await row.getByTestId('visit-correct-open').click();
    assert.match(await page.getByTestId('visit-correct-current').innerText(), /không đúng người/);
    assert.deepEqual(pageErrors, []);
  });

  it('checks a returning insured patient in from card tap to printed ticket in three clerk actions, the identity check answered by the automation service', async (t) => {
    const { page, pageErrors } = await openApp(t, {
      browser: desk.browser,
      viewport: { width: 1280, height: 1600 },
      prepare: capturePrints,
      serverEnv: { TIEPDON_TEST_BIOMETRIC: 'match' },
    });
    await readerReady(page);

    // Registered on an earlier visit.
    await page.keyboard.press('F4');
    await page.getByTestId('patient-form').waitFor();
    await page.getByTestId('patient-field-fullName').fill(DEFAULT_PROFILE.fullName);
    await typeAsClerk(page, 'patient-field-birthDate', DEFAULT_PROFILE.dateOfBirth.split('-').reverse().join('/'));
    await page.getByTestId('patient-field-sex').selectOption('male');
    await typeAsClerk(page, 'patient-field-cccd', DEFAULT_PROFILE.idNumber);
    await typeAsClerk(page, 'patient-field-bhxhNumber', BHXH_NUMBER);
    let since = await lastTestEventSeq(page);
    await page.getByTestId('patient-field-fullName').focus();
    await page.keyboard.press('Control+s');
    await waitForTestEvent(page, 'patient-saved', { after: since });
    await page.getByTestId('patient-field-fullName').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('patient-form').waitFor({ state: 'detached' });

    // The returning patient: actions 1 and 2 are the number and the tap, 3 is F9.
    const card = await cardOnDesk(t);
    since = await lastTestEventSeq(page);
    let clerkActions = 0;
    await tapCard(page, card);
    clerkActions += 2;
    const opened = await waitForTestEvent(page, 'patient-opened', { after: since });
    assert.equal(opened.detail['fromCard'], true, 'found by the chip');
    await page.getByTestId('visit-clinic').waitFor();
    assert.equal(await page.getByTestId('visit-type').inputValue(), 'bhyt');
    await step(page, 'checkin-returning-1-found');

    since = await lastTestEventSeq(page);
    await page.keyboard.press('F9');
    clerkActions += 1;
    await waitForTestEvent(page, 'ticket-printed', { after: since });
    assert.equal(await printsOf(page), 1);
    assert.ok(clerkActions <= 3, `card tap to printed ticket took ${clerkActions} clerk actions`);
    t.diagnostic(`clerk actions from card tap to printed ticket: ${clerkActions}`);

    await page.emulateMedia({ media: 'print' });
    await step(page, 'checkin-returning-2-ticket-as-printed');
    await page.emulateMedia({ media: 'screen' });

    const decided = await waitForTestEvent(page, 'biometric-decided', { after: since });
    assert.deepEqual([decided.detail['decision'], decided.detail['by']], ['match', 'test-automation']);
    await waitForTestEvent(page, 'checkin-finished', { after: since });
    assert.match(await page.getByTestId('biometric-decision').innerText(), /Đã xác nhận đúng người/);
    await step(page, 'checkin-returning-3-done');
    assert.deepEqual(pageErrors, []);
  });
});
