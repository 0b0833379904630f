/**
 * Identification on the home screen, end to end through the real `tiepdon serve`:
 * a patient registered through the form is found by name without diacritics and
 * by CCCD; a second record with the same CCCD is refused; a wedge scan of a
 * stored patient's CCCD opens the record and shows how the card differs; a
 * scan while the form holds unsaved typing asks before anything is dropped.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { lastTestEventSeq, launchBrowser, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';
import { focusedTestId, seenByClerk } from '../rig/screen.ts';
import { CLERK_KEY_DELAY_MS, typeAsClerk, wedgeScan } from '../rig/keyboard.ts';

interface Typed {
  fullName: string;
  birthDate: string;
  sex: 'male' | 'female';
  cccd: string;
  phone?: string;
  address?: string;
}

async function register(page: Page, patient: Typed): Promise<number> {
  await page.keyboard.press('F4');
  await page.getByTestId('patient-form').waitFor();
  await page.getByTestId('patient-field-fullName').fill(patient.fullName);
  await typeAsClerk(page, 'patient-field-birthDate', patient.birthDate);
  await page.getByTestId('patient-field-sex').selectOption(patient.sex);
  await typeAsClerk(page, 'patient-field-cccd', patient.cccd);
  if (patient.phone) await typeAsClerk(page, 'patient-field-phone', patient.phone);
  if (patient.address) await page.getByTestId('patient-field-address').fill(patient.address);
  const since = await lastTestEventSeq(page);
  await page.getByTestId('patient-field-fullName').focus();
  await page.keyboard.press('Control+s');
  const saved = await waitForTestEvent(page, 'patient-saved', { after: since });
  await page.getByTestId('patient-saved').waitFor();
  return Number(saved.detail['id']);
}

/** formats.md §2.1, the 2021 BHYT card of Nguyễn Văn An (BHXH number 0123456789). */
const BHYT_2021 =
  '0123456789|4e677579e1bb856e2056c4836e20416e|15/08/1990|1|-|01 - 001|01/01/2025|-|20/12/2024|01010123456789|-|4| 01/01/2030|0000000000000000-0000|4|5068c6b0e1bb9d6e67204861692042c3a0205472c6b06e672c205468c3a06e68207068e1bb912048c3a0204ee1bb9969|$';

async function searchFor(page: Page, text: string): Promise<void> {
  await page.keyboard.press('F3');
  await page.getByTestId('patient-search').fill('');
  const since = await lastTestEventSeq(page);
  await page.getByTestId('patient-search').pressSequentially(text, { delay: CLERK_KEY_DELAY_MS });
  // The last answer is the one for the full text: earlier ones were for a prefix or were dropped.
  await waitForTestEvent(page, 'patient-search-done', { after: since });
  const query = JSON.stringify(text);
  await page.waitForFunction(
    `document.querySelector('[data-testid="patient-search-state"]')?.getAttribute('data-state') === 'done' &&
     document.querySelector('[data-testid="patient-search"]')?.value === ${query} &&
     document.querySelector('[data-testid="patient-search-box"]')?.getAttribute('data-answered') === ${query}`,
  );
}

describe('patient panel (browser mode, real services)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('registers a patient, finds them by name without diacritics and by CCCD, and refuses a second record with the same CCCD', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1100 } });
    const id = await register(page, {
      fullName: 'Nguyễn Văn An',
      birthDate: '15/08/1990',
      sex: 'male',
      cccd: '001090012345',
      phone: '0912345678',
      address: 'Số 1 Phố Huế, Hà Nội',
    });
    assert.equal(await page.getByTestId('patient-form').getAttribute('data-mode'), 'edit');
    await page.keyboard.press('Escape');
    await page.getByTestId('patient-form').waitFor({ state: 'detached' });

    // A second patient, so the list has a choice.
    await register(page, { fullName: 'Nguyễn Văn Anh', birthDate: '1985', sex: 'male', cccd: '001085000001' });
    await page.keyboard.press('Escape');

    await searchFor(page, 'nguyen van an');
    const matches = page.getByTestId('patient-match');
    assert.ok((await matches.count()) >= 1);
    const first = matches.first();
    assert.equal(await first.getAttribute('data-patient-id'), String(id));
    assert.equal(await first.getAttribute('data-reason'), 'name');
    assert.match(await first.getByTestId('patient-match-why').innerText(), /Trùng họ tên/);
    assert.match(await first.innerText(), /Nguyễn Văn An/);
    await saveScreenshot(page, 'patient-search-matches-vi');

    // Keyboard: ↓ then ↑ comes back to the first; Enter opens it.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    let since = await lastTestEventSeq(page);
    await page.keyboard.press('Enter');
    await waitForTestEvent(page, 'patient-opened', { after: since });
    assert.equal(await page.getByTestId('patient-form').getAttribute('data-patient-id'), String(id));
    assert.equal(await page.getByTestId('patient-field-birthDate').inputValue(), '15/08/1990');
    await page.keyboard.press('Escape');

    await searchFor(page, '001090012345');
    assert.equal(await matches.count(), 1);
    assert.equal(await matches.first().getAttribute('data-reason'), 'cccd');
    since = await lastTestEventSeq(page);
    await page.keyboard.press('Enter');
    await waitForTestEvent(page, 'patient-opened', { after: since });
    assert.equal(await page.getByTestId('patient-field-fullName').inputValue(), 'Nguyễn Văn An');

    // Esc in the search box clears it.
    await page.keyboard.press('F3');
    await page.keyboard.press('Escape');
    assert.equal(await page.getByTestId('patient-search').inputValue(), '');

    // A form error is shown at the field before anything is sent.
    await page.keyboard.press('F4');
    await page.getByTestId('patient-field-fullName').fill('Lê Thị Cúc');
    await typeAsClerk(page, 'patient-field-cccd', '12345');
    await page.getByTestId('patient-save').click();
    await page.locator('[data-testid="patient-field-error"][data-field="cccd"]').waitFor();
    await page.locator('[data-testid="patient-field-error"][data-field="birthDate"]').waitFor();

    // The same CCCD again: refused, with a way to the existing record.
    await typeAsClerk(page, 'patient-field-cccd', '001090012345');
    await typeAsClerk(page, 'patient-field-birthDate', '1970');
    await page.getByTestId('patient-field-sex').selectOption('female');
    since = await lastTestEventSeq(page);
    await page.getByTestId('patient-save').click();
    const failed = await waitForTestEvent(page, 'patient-save-failed', { after: since });
    assert.equal(failed.detail['code'], 'PATIENT_DUPLICATE');
    assert.match(await page.getByTestId('patient-duplicate').innerText(), /Số CCCD này đã có/);
    since = await lastTestEventSeq(page);
    await page.getByTestId('patient-open-existing').click();
    await waitForTestEvent(page, 'patient-opened', { after: since });
    assert.equal(await page.getByTestId('patient-form').getAttribute('data-patient-id'), String(id));
    assert.deepEqual(pageErrors, []);
  });

  it('opens a stored patient from a wedge CCCD scan and takes a changed address from the card', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1300 } });
    const id = await register(page, {
      fullName: 'Tran Thi Bich',
      birthDate: '21/03/2003',
      sex: 'female',
      cccd: '079303001234',
      address: '5 Nguyen Hue, TP HCM',
    });
    await page.keyboard.press('Escape');
    await page.getByTestId('patient-form').waitFor({ state: 'detached' });

    const since = await lastTestEventSeq(page);
    await wedgeScan(page, '079303001234||Tran Thi Bich|21032003|Nu|12 Le Loi, Quan 1, TP HCM|14082021');
    await waitForTestEvent(page, 'scan-shown', { after: since });
    const shown = await waitForTestEvent(page, 'patient-differences', { after: since });
    assert.equal(shown.detail['fields'], 'address');
    assert.equal(await page.getByTestId('patient-form').getAttribute('data-patient-id'), String(id));
    const diff = page.locator('[data-testid="patient-difference"][data-field="address"]');
    assert.match(await diff.innerText(), /5 Nguyen Hue, TP HCM/);
    assert.match(await diff.innerText(), /12 Le Loi, Quan 1, TP HCM/);
    await saveScreenshot(page, 'patient-scan-differences-vi');

    await diff.getByTestId('patient-accept').click();
    assert.equal(await diff.getAttribute('data-accepted'), 'true');
    assert.equal(await page.getByTestId('patient-field-address').inputValue(), '12 Le Loi, Quan 1, TP HCM');
    const beforeSave = await lastTestEventSeq(page);
    await page.getByTestId('patient-save').click();
    await waitForTestEvent(page, 'patient-saved', { after: beforeSave });
    await page.getByTestId('patient-differences').waitFor({ state: 'detached' });

    // A scan of an unknown CCCD opens the registration form filled from the card.
    const beforeNew = await lastTestEventSeq(page);
    await wedgeScan(page, '001090099999||Le Van Cuong|01021980|Nam|7 Hang Bac, Ha Noi|01012022');
    await waitForTestEvent(page, 'patient-form-opened', { after: beforeNew });
    assert.equal(await page.getByTestId('patient-form').getAttribute('data-mode'), 'new');
    assert.equal(await page.getByTestId('patient-field-cccd').inputValue(), '001090099999');
    assert.equal(await page.getByTestId('patient-field-birthDate').inputValue(), '01/02/1980');
    assert.deepEqual(pageErrors, []);
  });

  it('asks before a scan replaces unsaved typing: Esc keeps it where the clerk was typing, dropping it opens the scanned patient', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1366, height: 768 } });
    await page.keyboard.press('F4');
    await page.getByTestId('patient-form').waitFor();
    await page.getByTestId('patient-field-fullName').fill('Đỗ Thị Mai');
    await typeAsClerk(page, 'patient-field-birthDate', '02/09/1975');

    let since = await lastTestEventSeq(page);
    await wedgeScan(page, BHYT_2021);
    const asked = await waitForTestEvent(page, 'patient-unsaved-asked', { after: since });
    assert.deepEqual([asked.detail['kind'], asked.detail['fields']], ['card', 'fullName,birthDate']);
    assert.ok(await seenByClerk(page, 'patient-unsaved-prompt'), 'the question is in view');
    assert.match(await page.getByTestId('patient-unsaved-prompt').innerText(), /Vừa quét mã của người khác[\s\S]*Họ và tên, Ngày sinh/);
    assert.equal(await focusedTestId(page), 'patient-unsaved-keep');
    assert.equal(await page.getByTestId('patient-field-fullName').inputValue(), 'Đỗ Thị Mai', 'nothing replaced while asking');
    await saveScreenshot(page, 'patient-unsaved-prompt-vi');

    await page.keyboard.press('Escape');
    await page.getByTestId('patient-unsaved-prompt').waitFor({ state: 'detached' });
    assert.equal(await focusedTestId(page), 'patient-field-birthDate', 'back where the clerk was typing');
    assert.equal(await page.getByTestId('patient-field-birthDate').inputValue(), '02/09/1975');
    assert.equal(await page.getByTestId('patient-form').getAttribute('data-mode'), 'new');

    since = await lastTestEventSeq(page);
    await wedgeScan(page, BHYT_2021);
    await waitForTestEvent(page, 'patient-unsaved-asked', { after: since });
    await page.getByTestId('patient-unsaved-drop').click();
    await waitForTestEvent(page, 'patient-form-opened', { after: since });
    assert.equal(await page.getByTestId('patient-field-fullName').inputValue(), 'Nguyễn Văn An');
    assert.equal(await page.getByTestId('patient-field-bhxhNumber').inputValue(), '0123456789');
    assert.equal(await page.getByTestId('patient-unsaved-prompt').count(), 0);

    // Untouched, the form filled from the scan is not "unsaved typing": F4 opens a blank one without asking.
    since = await lastTestEventSeq(page);
    await page.keyboard.press('F4');
    await waitForTestEvent(page, 'patient-form-opened', { after: since });
    assert.equal(await page.getByTestId('patient-field-fullName').inputValue(), '');
    assert.deepEqual(pageErrors, []);
  });

  it('saves the typed record first when the clerk asks, then opens the scanned patient', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1366, height: 768 } });
    await page.keyboard.press('F4');
    await page.getByTestId('patient-form').waitFor();
    await page.getByTestId('patient-field-fullName').fill('Đỗ Thị Mai');
    await typeAsClerk(page, 'patient-field-birthDate', '02/09/1975');
    await page.getByTestId('patient-field-sex').selectOption('female');

    let since = await lastTestEventSeq(page);
    await wedgeScan(page, BHYT_2021);
    await waitForTestEvent(page, 'patient-unsaved-asked', { after: since });
    since = await lastTestEventSeq(page);
    await page.getByTestId('patient-unsaved-save').click();
    await waitForTestEvent(page, 'patient-saved', { after: since });
    await waitForTestEvent(page, 'patient-form-opened', { after: since });
    assert.equal(await page.getByTestId('patient-field-fullName').inputValue(), 'Nguyễn Văn An');

    await searchFor(page, 'do thi mai');
    assert.equal(await page.getByTestId('patient-match').count(), 1, 'the typed patient was stored');
    assert.deepEqual(pageErrors, []);
  });
});
