/**
 * IT's desk settings and the XML0 export, end to end through the real
 * `tiepdon serve`: the hospital name set in the settings heads the next
 * ticket, the identity check turned off for fee-paying visits stays away, and
 * a visit's XML0 record is downloaded under the standard's file name once the
 * facility code is set — refused, element by element, before. The clinic list
 * saved from the panel keeps the age rule the panel does not edit.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { openSettings } from '../rig/admin-gate.ts';
import { lastTestEventSeq, launchBrowser, openApp, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';
import { typeAsClerk } from '../rig/keyboard.ts';

describe('desk settings and XML0 export (browser mode, real services)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('heads the ticket with the hospital set by IT, follows the identity-check policy, exports the visit as XML0, and keeps the age rule of the clinics it saves', async (t) => {
    const { page, pageErrors } = await openApp(t, { browser, viewport: { width: 1280, height: 1400 } });

    await openSettings(page);
    const desk = page.getByTestId('desk-settings');
    await desk.getByTestId('desk-hospital-name').waitFor();
    await desk.getByTestId('desk-hospital-name').fill('Bệnh viện Đa khoa Thử Nghiệm');
    await desk.getByTestId('desk-biometric-fee-paying').selectOption('off');
    await desk.getByTestId('desk-retention-days').fill('abc');
    let since = await lastTestEventSeq(page);
    await desk.getByTestId('desk-save').click();
    await desk.getByTestId('desk-error').waitFor();
    assert.equal(await desk.getByTestId('desk-error').getAttribute('data-code'), 'BAD_INPUT', 'a retention that is not a number is refused');
    await desk.getByTestId('desk-retention-days').fill('14');
    await desk.getByTestId('desk-save').click();
    await waitForTestEvent(page, 'desk-settings-saved', { after: since });
    await page.keyboard.press('Escape');
    await waitForTestEvent(page, 'settings-closed', { after: since });

    await page.keyboard.press('F4');
    await page.getByTestId('patient-form').waitFor();
    await page.getByTestId('patient-field-fullName').fill('Đỗ Thị Mai');
    await typeAsClerk(page, 'patient-field-birthDate', '20/10/1985');
    await page.getByTestId('patient-field-sex').selectOption('female');
    await typeAsClerk(page, 'patient-field-cccd', '001185012377');
    since = await lastTestEventSeq(page);
    await page.getByTestId('patient-field-fullName').focus();
    await page.keyboard.press('Control+s');
    await waitForTestEvent(page, 'patient-saved', { after: since });
    await page.getByTestId('visit-clinic').waitFor();
    assert.equal(await page.getByTestId('visit-type').inputValue(), 'fee-paying');
    since = await lastTestEventSeq(page);
    await page.keyboard.press('F9');
    const created = await waitForTestEvent(page, 'visit-created', { after: since });
    await waitForTestEvent(page, 'biometric-not-needed', { after: since });
    assert.match(await page.getByTestId('visit-ticket').innerText(), /Bệnh viện Đa khoa Thử Nghiệm/);
    assert.equal(await page.getByTestId('biometric-check').count(), 0, 'the check is off for fee-paying visits');

    await openSettings(page);
    const xml0 = page.getByTestId('xml0-section');
    await xml0.getByTestId('xml0-export').first().waitFor();
    since = await lastTestEventSeq(page);
    await xml0.getByTestId('xml0-export').first().click();
    const refused = await waitForTestEvent(page, 'xml0-export-failed', { after: since });
    assert.equal(refused.detail['code'], 'XML0_INCOMPLETE');
    const missing = await xml0.getByTestId('xml0-incomplete').innerText();
    assert.match(missing, /MA_CSKCB/, 'the missing facility code is named');
    assert.match(missing, /MA_DICH_VU/, "the clinic's missing service code is named");

    // IT completes the clinic list: a nameless clinic is refused by its field, then K01 gets its service code.
    const clinics = page.getByTestId('clinics-settings');
    const k01 = clinics.getByTestId('clinic-row').first();
    await k01.getByTestId('clinic-serviceCode').fill('02.1896');
    await k01.getByTestId('clinic-name').fill('');
    await clinics.getByTestId('clinics-save').click();
    await clinics.getByTestId('clinics-error').waitFor();
    assert.equal(await k01.getByTestId('clinic-name').getAttribute('aria-invalid'), 'true');
    await k01.getByTestId('clinic-name').fill('Phòng khám Nội tổng hợp');
    since = await lastTestEventSeq(page);
    await clinics.getByTestId('clinics-save').click();
    await waitForTestEvent(page, 'clinics-saved', { after: since });

    await xml0.getByTestId('xml0-facility-code').fill('01013');
    await xml0.getByTestId('xml0-facility-save').click();
    await xml0.getByTestId('xml0-facility-saved').waitFor();
    since = await lastTestEventSeq(page);
    const downloaded = page.waitForEvent('download');
    await xml0.getByTestId('xml0-export').first().click();
    const exported = await waitForTestEvent(page, ['xml0-exported', 'xml0-export-failed'], { after: since });
    assert.equal(exported.name, 'xml0-exported', await xml0.innerText());
    const download = await downloaded;
    assert.equal(exported.detail['visitId'], created.detail['id']);
    assert.match(download.suggestedFilename(), /^XML0_01013_.+\.xml$/);
    const xml = readFileSync(await download.path(), 'utf8');
    assert.match(xml, /^<\?xml version="1\.0" encoding="utf-8"\?>/i);
    assert.match(xml, /<MA_CSKCB>01013<\/MA_CSKCB>/);
    assert.match(xml, /<HO_TEN><!\[CDATA\[Đỗ Thị Mai\]\]><\/HO_TEN>/);
    await saveScreenshot(page, 'settings-xml0-exported-vi');

    // The list saved from the panel keeps what the panel does not edit: a child still goes to paediatrics.
    since = await lastTestEventSeq(page);
    await page.keyboard.press('Escape');
    await waitForTestEvent(page, 'settings-closed', { after: since });
    await page.getByTestId('checkin-next').click();
    await waitForTestEvent(page, 'checkin-next', { after: since });
    await page.keyboard.press('F4');
    await page.getByTestId('patient-form').waitFor();
    await page.getByTestId('patient-field-fullName').fill('Đỗ Minh Khang');
    await typeAsClerk(page, 'patient-field-birthDate', `15/06/${new Date().getFullYear() - 3}`);
    await page.getByTestId('patient-field-sex').selectOption('male');
    since = await lastTestEventSeq(page);
    await page.getByTestId('patient-field-fullName').focus();
    await page.keyboard.press('Control+s');
    await waitForTestEvent(page, 'patient-saved', { after: since });
    await page.getByTestId('visit-clinic').waitFor();
    assert.equal(await page.getByTestId('visit-clinic').inputValue(), 'K02');
    assert.deepEqual(pageErrors, []);
  });
});
