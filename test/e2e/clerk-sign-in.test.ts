/**
 * Clerks sign in at the desk, end to end in demo mode at 1366×768: the desk
 * asks who is working before it shows anything of a patient; a wrong PIN says
 * how many tries are left; the signed-in clerk is named in the top bar, on the
 * ticket, on the identity decision and on the payment confirmation; Ctrl+L
 * switches clerks in two keys and the next clerk's name goes on what they do.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_CLERKS } from '../../domain/demo-api.ts';
import { DEMO_CARDS, type DemoSampleCard } from '../../native/sim/demo/demo-samples.ts';
import { lastTestEventSeq, openApp, saveScreenshot, testEvents, waitForTestEvent } from '../rig/browser.ts';
import { CLERK_KEY_DELAY_MS, wedgeScan } from '../rig/keyboard.ts';
import { capturePrints } from '../rig/prints.ts';
import { tapDemoCard } from '../rig/demo-desk.ts';
import { focusedTestId, pageOverflow, seenByClerk } from '../rig/screen.ts';

const VIEWPORT = { width: 1366, height: 768 };
const STRANGER_CCCD_QR = '079303001234||Tran Thi Bich|21032003|Nu|12 Le Loi, Quan 1, TP HCM|14082021';
const [LAN, MINH] = DEMO_CLERKS;
const sample = (kind: DemoSampleCard['kind']): DemoSampleCard => DEMO_CARDS.find((card) => card.kind === kind)!;

async function assertSeen(page: Page, testId: string, step: string): Promise<void> {
  assert.ok(await seenByClerk(page, testId), `${step}: ${testId} is not in view`);
}

async function signIn(page: Page, pin: string): Promise<{ name: string; detail: Record<string, unknown> }> {
  const since = await lastTestEventSeq(page);
  await page.keyboard.type(pin, { delay: CLERK_KEY_DELAY_MS });
  await page.keyboard.press('Enter');
  const answer = await waitForTestEvent(page, ['clerk-signed-in', 'clerk-refused'], { after: since });
  return { name: answer.name, detail: answer.detail };
}

describe('clerk sign-in (browser mode, demo mode)', () => {
  it('asks who works before any patient, names the clerk on the ticket, decision and payment, and switches clerks with Ctrl+L', async (t) => {
    const { page, pageErrors } = await openApp(t, {
      serverArgs: ['--demo'],
      serverEnv: { TIEPDON_TEST_CLERK: '' },
      viewport: VIEWPORT,
      prepare: capturePrints,
    });
    await waitForTestEvent(page, 'clerk-status', { match: { signedIn: '', clerks: 2 } });
    let step = 'sign-in';
    await page.getByTestId('sign-in-form').waitFor();
    await assertSeen(page, 'sign-in', step);
    await page.getByTestId('sign-in-demo').waitFor();
    assert.match(await page.getByTestId('sign-in-demo').innerText(), new RegExp(`${LAN.name} \\(${LAN.code}\\) · PIN ${LAN.pin}`));
    assert.equal(await page.getByTestId('card-key').count(), 0, `${step}: nothing of the desk before a clerk signs in`);
    assert.equal(await page.getByTestId('today-list').count(), 0, `${step}: no patient list before a clerk signs in`);
    assert.deepEqual(await pageOverflow(page), { vertical: 0, horizontal: 0 });
    assert.equal(await focusedTestId(page), 'sign-in-clerk', `${step}: a first sign-in here starts at the name`);
    assert.equal(await page.getByTestId('sign-in-clerk').inputValue(), LAN.code);
    await saveScreenshot(page, 'clerk-1-sign-in-1366x768');

    // A wrong PIN: the tries left are said, the focus is back in the PIN.
    await page.keyboard.press('Tab');
    assert.equal(await focusedTestId(page), 'sign-in-pin');
    const wrong = await signIn(page, '0000');
    assert.deepEqual([wrong.name, wrong.detail['code']], ['clerk-refused', 'CLERK_PIN_WRONG']);
    await assertSeen(page, 'sign-in-attempts', 'wrong PIN');
    assert.match(await page.getByTestId('sign-in-attempts').innerText(), /Còn 4 lần thử/);
    assert.equal(await focusedTestId(page), 'sign-in-pin', 'wrong PIN: the focus');
    await saveScreenshot(page, 'clerk-2-wrong-pin-1366x768');

    // A scan while nobody is signed in is dropped by the services, its text never sent: the sign-in says why nothing opened.
    const beforeScan = await lastTestEventSeq(page);
    await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { blur(): void } | null } }).document.activeElement?.blur());
    await wedgeScan(page, STRANGER_CCCD_QR);
    const refused = await waitForTestEvent(page, 'scan-refused', { after: beforeScan });
    assert.deepEqual(refused.detail, { source: 'keyboard-wedge', code: 'CLERK_SIGNED_OUT' });
    await assertSeen(page, 'sign-in-scan-refused', 'scan while signed out');
    await page.getByTestId('sign-in-pin').focus();

    assert.equal((await signIn(page, LAN.pin)).name, 'clerk-signed-in');
    step = 'signed in';
    await page.getByTestId('card-key').waitFor();
    await assertSeen(page, 'clerk-signed-in', step);
    assert.equal(await page.getByTestId('scan-dismiss').count(), 0, `${step}: the scan refused before is not shown`);
    assert.equal(await page.getByTestId('patient-banner').count(), 0, `${step}: no patient opened from the refused scan`);
    assert.match(await page.getByTestId('clerk-signed-in').innerText(), new RegExp(`Nhân viên: ${LAN.name}`));
    assert.equal(await focusedTestId(page), 'card-key', `${step}: the ID box takes the first patient's number`);
    assert.deepEqual(await pageOverflow(page), { vertical: 0, horizontal: 0 });
    await saveScreenshot(page, 'clerk-3-signed-in-1366x768');

    // Lan checks the returning patient in: her name on the ticket and on the identity decision.
    const returning = sample('returning-insured');
    let since = await tapDemoCard(page, returning);
    await waitForTestEvent(page, 'insurance-shown', { after: since, match: { status: 'done' } });
    await page.keyboard.press('F9');
    await waitForTestEvent(page, 'ticket-printed', { after: since });
    assert.match(await page.getByTestId('print-ticket').innerText(), new RegExp(`Tiếp đón: ${LAN.name}`), 'the ticket names the clerk');
    await page.getByTestId('biometric-match').waitFor();
    await page.keyboard.press('F5');
    const decided = await waitForTestEvent(page, 'biometric-decided', { after: since });
    assert.equal(decided.detail['by'], `${LAN.name} (${LAN.code})`, 'the identity decision names the clerk');
    await waitForTestEvent(page, 'checkin-finished', { after: since });

    // Ctrl+L: the desk asks for the next clerk, with the last one chosen and the focus in the PIN.
    since = await lastTestEventSeq(page);
    await page.keyboard.press('Control+l');
    await waitForTestEvent(page, 'clerk-status', { after: since, match: { signedIn: '' } });
    step = 'switch';
    await page.getByTestId('sign-in-form').waitFor();
    assert.equal(await page.getByTestId('banner-name').isVisible(), false, `${step}: the patient is out of sight while nobody is signed in`);
    assert.equal(await page.getByTestId('key-hints').count(), 0, `${step}: the desk's keys are not offered`);
    assert.equal(await page.getByTestId('sign-in-clerk').inputValue(), LAN.code);
    assert.equal(await focusedTestId(page), 'sign-in-pin', `${step}: the last clerk is chosen; the PIN is next`);
    // A desk key on the sign-in screen does nothing to the hidden desk.
    await page.keyboard.press('F9');
    await saveScreenshot(page, 'clerk-4-switch-1366x768');
    await page.getByTestId('sign-in-clerk').selectOption(MINH.code);
    await page.getByTestId('sign-in-pin').focus();
    assert.equal((await signIn(page, MINH.pin)).name, 'clerk-signed-in');
    await page.getByTestId('checkin-next').waitFor();
    assert.match(await page.getByTestId('clerk-signed-in').innerText(), new RegExp(MINH.name));
    assert.equal(await page.getByTestId('banner-name').innerText(), returning.profile.fullName, 'the desk is as the last clerk left it');
    await page.getByTestId('checkin-next').click();
    await page.getByTestId('patient-banner').waitFor({ state: 'detached' });
    const removed = await lastTestEventSeq(page);
    await page.getByTestId('demo-remove').dispatchEvent('click');
    await waitForTestEvent(page, 'demo-changed', { after: removed, match: { action: 'remove', cardOnReader: '' } });
    assert.equal(await focusedTestId(page), 'card-key', 'the next patient: the ID box');

    // Minh takes a fee-paying visit in cash: the confirmation names him.
    const elderly = sample('elderly');
    since = await tapDemoCard(page, elderly);
    await waitForTestEvent(page, ['patient-opened', 'patient-form-opened'], { after: since });
    if ((await page.getByTestId('patient-form').getAttribute('data-mode')) === 'new') {
      await page.keyboard.press('Control+s');
      await waitForTestEvent(page, 'patient-saved', { after: since });
    }
    await page.getByTestId('visit-type').selectOption('fee-paying');
    await page.keyboard.press('F9');
    await waitForTestEvent(page, 'visit-created', { after: since });
    const identity = await waitForTestEvent(page, ['biometric-prompted', 'biometric-not-needed'], { after: since });
    if (identity.name === 'biometric-prompted') {
      await page.getByTestId('biometric-match').waitFor();
      await page.keyboard.press('F5');
      const byMinh = await waitForTestEvent(page, 'biometric-decided', { after: since });
      assert.equal(byMinh.detail['by'], `${MINH.name} (${MINH.code})`);
    }
    await waitForTestEvent(page, 'payment-ready', { after: since });
    await page.keyboard.press('Control+m');
    await page.getByTestId('payment-receipt-input').waitFor();
    await page.keyboard.type('BL-0002', { delay: CLERK_KEY_DELAY_MS });
    await page.keyboard.press('Enter');
    await waitForTestEvent(page, 'payment-changed', { after: since, match: { status: 'paid' } });
    await page.getByTestId('payment-done').waitFor();
    await assertSeen(page, 'payment-paid', 'paid');
    assert.match(await page.getByTestId('payment-paid').innerText(), new RegExp(`Nhân viên ${MINH.name} \\(${MINH.code}\\) đã xác nhận`));
    await saveScreenshot(page, 'clerk-5-paid-by-next-clerk-1366x768');
    assert.deepEqual(pageErrors, []);
  });

  it('adds the first clerk on a desk that has none, then signs them in', async (t) => {
    const { page, pageErrors } = await openApp(t, { serverEnv: { TIEPDON_TEST_CLERK: '' }, viewport: VIEWPORT });
    await waitForTestEvent(page, 'clerk-status', { match: { signedIn: '', clerks: 0 } });
    await page.getByTestId('first-clerk-form').waitFor();
    assert.equal(await focusedTestId(page), 'first-clerk-code');
    await page.keyboard.type('NV07', { delay: CLERK_KEY_DELAY_MS });
    await page.keyboard.press('Tab');
    await page.keyboard.type('Phạm Thu Hà', { delay: CLERK_KEY_DELAY_MS });
    await page.keyboard.press('Tab');
    // Too short a PIN is refused here, with the rule.
    await page.keyboard.type('12', { delay: CLERK_KEY_DELAY_MS });
    await page.keyboard.press('Enter');
    await page.getByTestId('first-clerk-problem').waitFor();
    assert.match(await page.getByTestId('first-clerk-problem').innerText(), /4–12 chữ số/);
    await saveScreenshot(page, 'clerk-0-first-clerk-1366x768');
    await page.getByTestId('first-clerk-pin').fill('2580');
    const since = await lastTestEventSeq(page);
    await page.keyboard.press('Enter');
    await waitForTestEvent(page, 'clerk-signed-in', { after: since, match: { code: 'NV07' } });
    await page.getByTestId('card-key').waitFor();
    assert.match(await page.getByTestId('clerk-signed-in').innerText(), /Phạm Thu Hà/);
    assert.deepEqual(pageErrors, []);
  });
  it('signs the clerk out after the desk\'s idle minutes without a key or a click, and says so; any key starts the wait again', async (t) => {
    // The page's clock is Playwright's: minutes pass in a jump, no test waits for them.
    const { page, pageErrors } = await openApp(t, { serverArgs: ['--demo'], viewport: VIEWPORT, prepare: (page) => page.clock.install() });
    await waitForTestEvent(page, 'clerk-idle-watch', { match: { minutes: 30 } });
    await page.getByTestId('card-key').waitFor();
    const idleSignOuts = async () => (await testEvents(page)).filter((event) => event.name === 'clerk-idle-sign-out').length;

    await page.clock.fastForward('29:00');
    await page.keyboard.press('Shift');
    await page.clock.fastForward('29:00');
    assert.equal(await idleSignOuts(), 0, 'a key 29 minutes in starts the 30 minutes again');

    const since = await lastTestEventSeq(page);
    await page.clock.fastForward('01:01');
    await waitForTestEvent(page, 'clerk-idle-sign-out', { after: since, match: { minutes: 30 } });
    await waitForTestEvent(page, 'clerk-status', { after: since, match: { signedIn: '' } });
    await page.getByTestId('sign-in-idle').waitFor();
    await assertSeen(page, 'sign-in-idle', 'idle sign-out');
    assert.match(await page.getByTestId('sign-in-idle').innerText(), /tự đăng xuất sau 30 phút không thao tác/);
    assert.equal(await page.getByTestId('card-key').isVisible(), false, 'the desk is out of sight');
    await saveScreenshot(page, 'clerk-6-idle-signed-out-1366x768');
    assert.deepEqual(pageErrors, []);
  });
});
