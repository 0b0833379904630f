/**
 * The desk as the clerk sees it, at the two screen sizes reception PCs have
 * (1366×768, the most common, and 1920×1080), in demo mode: the four sample
 * patients are checked in one after another. At every step the page itself
 * does not scroll, the patient's name (and, once issued, the queue number) is
 * in view, and the focus is where the next key goes. A returning insured
 * patient takes three clerk actions to a printed ticket: the number typed, the
 * card tapped, F9. The hint bar shows the keys of the step; a key of another
 * step does nothing there but say why. Every step's screen is saved at both sizes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_CARDS, type DemoSampleCard } from '../../native/sim/demo/demo-samples.ts';
import { lastTestEventSeq, openApp, saveScreenshot, testEvents, waitForTestEvent } from '../rig/browser.ts';
import { CLERK_KEY_DELAY_MS } from '../rig/keyboard.ts';
import { capturePrints, printsOf } from '../rig/prints.ts';
import { tapDemoCard } from '../rig/demo-desk.ts';
import { focusedTestId, pageOverflow, seenByClerk } from '../rig/screen.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

const sample = (kind: DemoSampleCard['kind']): DemoSampleCard => DEMO_CARDS.find((card) => card.kind === kind)!;

/** One screen: the page never scrolls, whatever the step. */
async function assertOneScreen(page: Page, step: string): Promise<void> {
  const overflow = await pageOverflow(page);
  assert.deepEqual(overflow, { vertical: 0, horizontal: 0 }, `${step}: the page scrolls by ${JSON.stringify(overflow)}`);
  assert.ok(await seenByClerk(page, 'key-hints'), `${step}: the key hints are in view`);
}

async function assertSeen(page: Page, testId: string, step: string): Promise<void> {
  assert.ok(await seenByClerk(page, testId), `${step}: ${testId} is not in view`);
}

async function assertFocus(page: Page, testId: string, step: string): Promise<void> {
  assert.equal(await focusedTestId(page), testId, `${step}: the focus`);
}

/** The hint bar names the keys of this step, and only those (besides settings and language). */
async function assertKeyHints(page: Page, deskStep: string, keys: readonly string[], step: string): Promise<void> {
  await page.locator(`[data-testid="key-hints"][data-step="${deskStep}"]`).waitFor();
  const shown = await page.getByTestId('key-hint').evaluateAll((hints) => hints.map((hint) => hint.getAttribute('data-action')));
  assert.deepEqual(shown, [...keys, 'switchClerk', 'settings', 'language'], `${step}: the key hints`);
}

/** A desk key pressed where it does nothing: the hint bar says why, in view. */
async function pressUnusedKey(page: Page, key: string, action: string, step: string): Promise<void> {
  const since = await lastTestEventSeq(page);
  await page.keyboard.press(key);
  await waitForTestEvent(page, 'key-unused', { after: since, match: { action } });
  await page.locator(`[data-testid="key-unused"][data-action="${action}"]`).waitFor();
  assert.ok(await seenByClerk(page, 'key-unused'), `${step}: why ${key} does nothing is in view`);
}

describe('the desk on one screen (browser mode, demo mode)', () => {
  for (const size of SIZES) {
    const tag = `${size.width}x${size.height}`;

    it(`checks in the four sample patients at ${tag}, the name and number always in view`, async (t) => {
      const { page, pageErrors } = await openApp(t, { serverArgs: ['--demo'], viewport: size, prepare: capturePrints });
      await waitForTestEvent(page, 'demo-ready');
      let step = 'home';
      await assertOneScreen(page, step);
      await assertFocus(page, 'card-key', step);
      // The sample cards share the queue column without pushing today's list out of view.
      await assertSeen(page, 'today-state', step);
      await saveScreenshot(page, `desk-${tag}-1-home`);

      const tapCard = (card: DemoSampleCard): Promise<number> => tapDemoCard(page, card);

      /** From the identity check to the next patient: F5 (or nothing when none is asked), payment if any, then Enter. */
      async function finish(since: number, name: string): Promise<void> {
        const identity = await waitForTestEvent(page, ['biometric-prompted', 'biometric-not-needed'], { after: since });
        if (identity.name === 'biometric-prompted') {
          await page.getByTestId('biometric-match').waitFor();
          await assertFocus(page, 'biometric-match', `${name}: identity check`);
          await assertSeen(page, 'banner-queue-number', `${name}: identity check`);
          await assertOneScreen(page, `${name}: identity check`);
          await assertKeyHints(page, 'identity-check', ['samePerson', 'notSamePerson', 'skipIdentityCheck'], name);
          await saveScreenshot(page, `desk-${tag}-${name}-identity`);
          // The payment's key pressed a step early does nothing but say why: no decision is recorded.
          await pressUnusedKey(page, 'Control+k', 'transferReceived', name);
          assert.equal(await page.getByTestId('biometric-check').getAttribute('data-phase'), 'asking', `${name}: still asking`);
          await page.keyboard.press('F5');
          await waitForTestEvent(page, 'biometric-decided', { after: since });
        }
        const ended = await waitForTestEvent(page, ['checkin-finished', 'payment-ready'], { after: since });
        if (ended.name === 'payment-ready' && ended.detail['hasQr'] === true) {
          await assertSeen(page, 'banner-queue-number', `${name}: payment`);
          await assertSeen(page, 'payment-qr', `${name}: payment`);
          await assertFocus(page, 'payment-step', `${name}: payment`);
          await assertOneScreen(page, `${name}: payment`);
          await assertKeyHints(page, 'payment', ['transferReceived', 'cashReceived'], name);
          await saveScreenshot(page, `desk-${tag}-${name}-payment`);
          // The identity check's "not the same person" and Esc do nothing at the payment: it stays waiting.
          await pressUnusedKey(page, 'F6', 'notSamePerson', name);
          await saveScreenshot(page, `desk-${tag}-${name}-payment-other-key`);
          await page.keyboard.press('Escape');
          assert.equal(await page.getByTestId('payment-status').getAttribute('data-status'), 'waiting', `${name}: Esc leaves the payment waiting`);
          assert.equal(await page.getByTestId('checkin-done').count(), 0, `${name}: Esc does not end the check-in unpaid`);
          // Cash: Ctrl+M, the receipt number's box takes the focus, the number typed, Enter records it.
          await page.keyboard.press('Control+m');
          await page.getByTestId('payment-receipt-input').waitFor();
          await assertFocus(page, 'payment-receipt-input', `${name}: cash`);
          await page.keyboard.type('BL-0001', { delay: CLERK_KEY_DELAY_MS });
          await page.keyboard.press('Enter');
          await waitForTestEvent(page, 'payment-changed', { after: since, match: { status: 'paid' } });
          await page.getByTestId('payment-done').waitFor();
          await assertFocus(page, 'payment-done', `${name}: paid`);
          await page.keyboard.press('Enter');
        }
        await waitForTestEvent(page, 'checkin-finished', { after: since });
        await assertFocus(page, 'checkin-next', `${name}: done`);
        await assertSeen(page, 'banner-name', `${name}: done`);
        await saveScreenshot(page, `desk-${tag}-${name}-done`);
        const next = await lastTestEventSeq(page);
        await page.keyboard.press('Enter');
        await waitForTestEvent(page, 'checkin-next', { after: next });
        await page.getByTestId('patient-banner').waitFor({ state: 'detached' });
        await assertFocus(page, 'card-key', `${name}: next patient`);
        assert.equal(await page.getByTestId('card-key').inputValue(), '', `${name}: the ID box is empty for the next patient`);
        assert.equal(await page.getByTestId('card-result').count(), 0, `${name}: the last chip read has left the screen`);
        // The patient takes the card back: the demo reader empties without taking the focus from the ID box.
        const removed = await lastTestEventSeq(page);
        await page.getByTestId('demo-remove').dispatchEvent('click');
        await waitForTestEvent(page, 'demo-changed', { after: removed, match: { action: 'remove', cardOnReader: '' } });
        await assertFocus(page, 'card-key', `${name}: card taken back`);
      }

      // A returning insured patient: the number typed, the card tapped, F9 — three actions to a printed ticket.
      const returning = sample('returning-insured');
      step = 'returning';
      let since = await tapCard(returning);
      await waitForTestEvent(page, 'insurance-shown', { after: since, match: { status: 'done' } });
      assert.equal(await page.getByTestId('banner-name').innerText(), returning.profile.fullName);
      await assertSeen(page, 'banner-name', step);
      await assertFocus(page, 'visit-type', step);
      await page.locator('[data-testid="patient-banner"][data-insurance="valid"]').waitFor();
      await assertOneScreen(page, step);
      await saveScreenshot(page, `desk-${tag}-2-returning-found`);
      await page.keyboard.press('F9');
      await waitForTestEvent(page, 'ticket-printed', { after: since });
      assert.equal(await printsOf(page), 1, 'the ticket printed by itself after the third action');
      assert.match(await page.getByTestId('banner-queue-number').innerText(), /\d{3}/);
      await finish(since, '3-returning');

      // A new patient: the chip fills the registration form, which has the focus; F9 saves, then issues the number.
      const newcomer = sample('new-patient');
      step = 'new patient';
      since = await tapCard(newcomer);
      await waitForTestEvent(page, 'patient-form-opened', { after: since, match: { fromCard: true } });
      await assertFocus(page, 'patient-field-fullName', step);
      assert.equal(await page.getByTestId('banner-name').innerText(), `${newcomer.profile.fullName}${await unsavedMark(page)}`);
      await assertSeen(page, 'banner-name', step);
      await assertOneScreen(page, step);
      await saveScreenshot(page, `desk-${tag}-4-new-patient-form`);
      await page.keyboard.press('F9');
      await waitForTestEvent(page, 'patient-saved', { after: since });
      await waitForTestEvent(page, 'visit-created', { after: since });
      await assertSeen(page, 'banner-queue-number', step);
      await finish(since, '5-new');

      // A child under 6 and a patient over 80: the banner gives the age the clerk decides by; the clinic and the identity check follow it.
      for (const [kind, age] of [
        ['child', /tuổi \d+ tháng|tháng tuổi/],
        ['elderly', /^[89]\d tuổi/],
      ] as const) {
        const card = sample(kind);
        step = kind;
        since = await tapCard(card);
        await waitForTestEvent(page, ['patient-opened', 'patient-form-opened'], { after: since });
        await assertSeen(page, 'banner-name', step);
        assert.match(await page.getByTestId('banner-age').innerText(), age);
        await assertOneScreen(page, step);
        await saveScreenshot(page, `desk-${tag}-6-${kind}`);
        if (kind === 'elderly') {
          // The fee-paying path: Ctrl+S keeps the record, the patient asks for a service visit paid at the desk, F9.
          if ((await page.getByTestId('patient-form').getAttribute('data-mode')) === 'new') {
            await page.keyboard.press('Control+s');
            await waitForTestEvent(page, 'patient-saved', { after: since });
          }
          await page.getByTestId('visit-type').selectOption('fee-paying');
          await page.keyboard.press('F9');
        } else if ((await page.getByTestId('patient-form').getAttribute('data-mode')) === 'new') {
          await page.keyboard.press('F9');
          await waitForTestEvent(page, 'patient-saved', { after: since });
        } else {
          await page.getByTestId('visit-type').waitFor();
          await page.keyboard.press('F9');
        }
        await waitForTestEvent(page, 'visit-created', { after: since });
        // The clinic followed the age: the child to paediatrics, the elderly patient to internal medicine.
        assert.match(await page.getByTestId('visit-ticket').innerText(), kind === 'child' ? /Phòng khám Nhi/ : /Phòng khám Nội tổng hợp/, `${step}: the clinic`);
        if (kind === 'child') {
          // Under 6: no photo to compare a three-year-old's face with; the screen says so.
          await waitForTestEvent(page, 'biometric-not-needed', { after: since, match: { exemption: 'young-child' } });
          await waitForTestEvent(page, 'checkin-finished', { after: since });
          await assertSeen(page, 'biometric-exempt', step);
        }
        await finish(since, `7-${kind}`);
      }
      // Every step the screen took, the check-in model took with it: nothing the clerk did was refused by the model.
      const steps = await testEvents(page);
      assert.deepEqual(steps.filter((event) => event.name === 'checkin-refused').map((event) => event.detail), []);
      assert.equal(steps.filter((event) => event.name === 'checkin-step' && event.detail['step'] === 'done').length, 4, 'four check-ins reached done in the model');
      assert.deepEqual(pageErrors, []);
    });
  }
});

/** The banner's "not saved" mark, as its text follows the name. */
async function unsavedMark(page: Page): Promise<string> {
  const marks = page.locator('.patient-banner__new');
  return (await marks.count()) > 0 ? await marks.innerText() : '';
}
