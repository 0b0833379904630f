/**
 * The visit, end to end through the real `tiepdon serve`: a registered patient
 * gets a visit, the ticket shows the desk's queue number, a second visit takes
 * the next number, and both are in today's list.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ARTEFACTS_DIR, lastTestEventSeq, launchBrowser, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';
import { typeAsClerk } from '../rig/keyboard.ts';
import { focusedTestId, seenByClerk } from '../rig/screen.ts';
import { pdfPages } from '../rig/pdf-pages.ts';
import { capturePrints } from '../rig/prints.ts';

async function register(page: Page): Promise<number> {
  await page.keyboard.press('F4');
  await page.getByTestId('patient-form').waitFor();
  await page.getByTestId('patient-field-fullName').fill('Trần Thị Bình');
  await typeAsClerk(page, 'patient-field-birthDate', '02/03/1950');
  await page.getByTestId('patient-field-sex').selectOption('female');
  await typeAsClerk(page, 'patient-field-cccd', '001150012345');
  const since = await lastTestEventSeq(page);
  await page.getByTestId('patient-field-fullName').focus();
  await page.keyboard.press('Control+s');
  const saved = await waitForTestEvent(page, 'patient-saved', { after: since });
  await page.getByTestId('patient-saved').waitFor();
  return Number(saved.detail['id']);
}

describe('visit flow (browser mode, real services)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('creates two visits for a registered patient, shows the ticket and lists both today', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1400 }, prepare: capturePrints });
    await register(page);

    const section = page.getByTestId('visit-section');
    await section.waitFor();
    // No BHXH number: fee-paying by default; born 1950, so the elderly priority is set by the birth date.
    assert.equal(await page.getByTestId('visit-type').inputValue(), 'fee-paying');
    await page.getByTestId('visit-clinic').waitFor();
    assert.equal(await page.getByTestId('visit-clinic').inputValue(), 'K01');
    assert.equal(await page.getByTestId('visit-priority-elderly').isChecked(), true);
    assert.equal(await page.getByTestId('visit-priority-elderly').getAttribute('data-set'), 'by-age', 'shown as set, not as a greyed-out box');
    assert.match(await page.getByTestId('visit-priority-elderly').innerText(), /theo ngày sinh/);
    assert.equal(await page.getByTestId('visit-priority-emergency').isChecked(), false);

    await page.getByTestId('visit-reason').fill('Đau đầu, chóng mặt');
    let since = await lastTestEventSeq(page);
    await page.keyboard.press('F9');
    const first = await waitForTestEvent(page, 'visit-created', { after: since });
    await waitForTestEvent(page, 'today-loaded', { after: since });
    const number = page.getByTestId('visit-queue-number');
    const firstNumber = (await number.innerText()).trim();
    assert.match(firstNumber, /^[A-Z0-9]+-001$/);
    assert.equal(first.detail['queueNumber'], firstNumber);
    const ticket = await page.getByTestId('visit-ticket').innerText();
    assert.match(ticket, /PHIẾU SỐ THỨ TỰ/);
    assert.match(ticket, /Phòng khám Nội tổng hợp/);
    assert.match(ticket, /NGƯỜI CAO TUỔI/);
    await page.getByTestId('visit-print').waitFor();
    await page.getByTestId('visit-ticket').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'visit-ticket-vi');

    // Printed, the ticket is one page of 80 mm roll paper, as tall as the ticket: nothing else of the page comes along.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
    mkdirSync(ARTEFACTS_DIR, { recursive: true });
    writeFileSync(join(ARTEFACTS_DIR, 'visit-ticket-print.pdf'), pdf);
    const pages = pdfPages(pdf);
    assert.equal(pages.length, 1, `${pages.length} pages printed`);
    assert.ok(Math.abs(pages[0]!.widthMm - 80) < 0.5, `${pages[0]!.widthMm.toFixed(1)} mm wide`);
    assert.ok(pages[0]!.heightMm > 60 && pages[0]!.heightMm < 200, `${pages[0]!.heightMm.toFixed(1)} mm tall`);

    // A second visit to the same clinic, by Enter on the form: asked first, Esc keeps the one number, F9 issues the next.
    await page.getByTestId('visit-new').click();
    await page.getByTestId('visit-clinic').waitFor();
    since = await lastTestEventSeq(page);
    await page.getByTestId('visit-reason').focus();
    await page.keyboard.press('Enter');
    await waitForTestEvent(page, 'visit-second-asked', { after: since });
    assert.ok(await seenByClerk(page, 'visit-second-prompt'), 'the question is in view');
    assert.match(await page.getByTestId('visit-second-prompt').innerText(), new RegExp(`đã lấy số ${firstNumber}`));
    assert.equal(await focusedTestId(page), 'visit-second-confirm');
    await saveScreenshot(page, 'visit-second-today-vi');
    await page.keyboard.press('Escape');
    await page.getByTestId('visit-second-prompt').waitFor({ state: 'detached' });
    assert.equal(await focusedTestId(page), 'visit-type');
    since = await lastTestEventSeq(page);
    await page.keyboard.press('F9');
    await waitForTestEvent(page, 'visit-second-asked', { after: since });
    await page.keyboard.press('F9');
    await waitForTestEvent(page, 'visit-created', { after: since });
    await waitForTestEvent(page, 'today-loaded', { after: since });
    const secondNumber = (await number.innerText()).trim();
    assert.match(secondNumber, /^[A-Z0-9]+-002$/);
    assert.equal(secondNumber.split('-')[0], firstNumber.split('-')[0]);

    const rows = page.getByTestId('today-visit');
    assert.equal(await rows.count(), 2);
    const listed = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-queue-number')));
    assert.deepEqual(new Set(listed), new Set([firstNumber, secondNumber]));
    const list = await page.getByTestId('today-list').innerText();
    assert.match(list, /Trần Thị Bình/);
    assert.match(list, /chờ gửi|đã gửi|cần xử lý/);

    // The patient left: the second visit is cancelled from today's list, with its reason.
    const secondRow = page.locator(`[data-testid="today-visit"][data-queue-number="${secondNumber}"]`);
    await secondRow.getByTestId('visit-cancel').click();
    await secondRow.getByTestId('visit-cancel-reason').selectOption('patient-left');
    since = await lastTestEventSeq(page);
    await secondRow.getByTestId('visit-cancel-confirm').click();
    await waitForTestEvent(page, 'visit-cancelled', { after: since });
    await waitForTestEvent(page, 'today-loaded', { after: since });
    assert.match(await secondRow.innerText(), /Đã huỷ/);
    assert.equal(await secondRow.getByTestId('visit-cancel').count(), 0);
    assert.deepEqual(pageErrors, []);
  });
});
