/**
 * No personal data in the logs, end to end: the real `tiepdon serve` writes its
 * log file while a clerk scans a CCCD QR, registers a patient, finds her by
 * phone and by name, checks her in, and IT opens the settings (a wrong PIN
 * first) and exports diagnostics. Then the log file, the server's stderr and
 * the diagnostics zip are searched for the patients' names and numbers: zero hits.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { CCCD_CARD_SPEC } from '../../native/sim/cccd-card-options.ts';
import { DEFAULT_PROFILE } from '../../native/sim/cccd-profile.ts';
import { startVirtualCard } from '../../native/sim/virtual-card.ts';
import { passAdminGate, TEST_ADMIN_PIN } from '../rig/admin-gate.ts';
import { lastTestEventSeq, openApp, waitForTestEvent } from '../rig/browser.ts';
import { CLERK_KEY_DELAY_MS, typeAsClerk, wedgeScan } from '../rig/keyboard.ts';
import { pcscRigMissing, startPcscd } from '../rig/pcscd.ts';

/** A scanner types the CCCD QR without diacritics (no input method in the way). */
const SCANNED = { cccd: '079303001234', fullName: 'Tran Thi Bich', birth: '21032003', address: '12 Le Loi, Quan 1, TP HCM' };
const SCANNED_QR = `${SCANNED.cccd}||${SCANNED.fullName}|${SCANNED.birth}|Nu|${SCANNED.address}|14082021`;
const REGISTERED = {
  fullName: 'Đặng Thị Thu Hà',
  birthDate: '12/05/1978',
  cccd: '036178009876',
  bhxhNumber: '3612345678',
  phone: '0978123456',
  address: 'Số 5 Ngõ 12 Phố Huế, Hà Nội',
};
const FORBIDDEN = [
  SCANNED.cccd,
  SCANNED.fullName,
  SCANNED.birth,
  SCANNED.address,
  REGISTERED.fullName,
  'Đặng Thị',
  'Thu Hà',
  'Dang Thi Thu Ha',
  REGISTERED.cccd,
  REGISTERED.bhxhNumber,
  REGISTERED.phone,
  REGISTERED.birthDate,
  '1978-05-12',
  'Ngõ 12 Phố Huế',
  TEST_ADMIN_PIN,
];

async function search(page: Page, text: string): Promise<void> {
  await page.keyboard.press('F3');
  await page.getByTestId('patient-search').fill('');
  const since = await lastTestEventSeq(page);
  await page.getByTestId('patient-search').pressSequentially(text, { delay: CLERK_KEY_DELAY_MS });
  await waitForTestEvent(page, 'patient-search-done', { after: since });
}

function hitsIn(label: string, text: string, forbidden: readonly string[] = FORBIDDEN): string[] {
  const normalised = text.normalize('NFC');
  return forbidden.filter((value) => normalised.includes(value.normalize('NFC'))).map((value) => `${label}: ${value}`);
}

describe('personal data in the logs (browser mode, real services)', () => {
  it('leaves no patient name or number in the log file, stderr or the diagnostics export after a full check-in', async (t) => {
    const { page, server, pageErrors } = await openApp(t, { viewport: { width: 1280, height: 1400 } });

    // A CCCD QR from a wedge scanner.
    let since = await lastTestEventSeq(page);
    await wedgeScan(page, SCANNED_QR);
    await waitForTestEvent(page, ['scan-shown', 'scan-failed'], { after: since });

    // Registration of another patient, typed by the clerk.
    await page.keyboard.press('F4');
    await page.getByTestId('patient-form').waitFor();
    await page.getByTestId('patient-field-fullName').fill(REGISTERED.fullName);
    await typeAsClerk(page, 'patient-field-birthDate', REGISTERED.birthDate);
    await page.getByTestId('patient-field-sex').selectOption('female');
    await typeAsClerk(page, 'patient-field-cccd', REGISTERED.cccd);
    await typeAsClerk(page, 'patient-field-bhxhNumber', REGISTERED.bhxhNumber);
    await typeAsClerk(page, 'patient-field-phone', REGISTERED.phone);
    await page.getByTestId('patient-field-address').fill(REGISTERED.address);
    since = await lastTestEventSeq(page);
    await page.getByTestId('patient-field-fullName').focus();
    await page.keyboard.press('Control+s');
    const saved = await waitForTestEvent(page, ['patient-saved', 'patient-save-failed'], { after: since });
    assert.equal(saved.name, 'patient-saved', JSON.stringify(saved.detail));

    // The check-in.
    await page.getByTestId('visit-clinic').waitFor();
    since = await lastTestEventSeq(page);
    await page.keyboard.press('F9');
    const visit = await waitForTestEvent(page, ['visit-created', 'visit-create-failed'], { after: since });
    assert.equal(visit.name, 'visit-created', JSON.stringify(visit.detail));

    // Finding her again, by phone and by name.
    await search(page, REGISTERED.phone);
    await search(page, 'dang thi thu ha');

    // IT: first opening sets the PIN; the second starts with a wrong PIN; then a diagnostics export.
    since = await lastTestEventSeq(page);
    await page.keyboard.press('F10');
    await passAdminGate(page, since);
    await waitForTestEvent(page, 'settings-loaded', { after: since });
    since = await lastTestEventSeq(page);
    await page.keyboard.press('Escape');
    await waitForTestEvent(page, 'settings-closed', { after: since });
    since = await lastTestEventSeq(page);
    await page.keyboard.press('F10');
    await waitForTestEvent(page, 'admin-gate-shown', { after: since });
    await page.getByTestId('admin-pin').fill('000000');
    await page.getByTestId('admin-submit').click();
    await waitForTestEvent(page, 'admin-refused', { after: since });
    await passAdminGate(page, since);
    await waitForTestEvent(page, 'diagnostics-loaded', { after: since });
    since = await lastTestEventSeq(page);
    await page.getByTestId('diagnostics-export').click();
    await waitForTestEvent(page, 'diagnostics-exported', { after: since });

    const logsDir = join(server.dataDir, 'logs');
    const logs = readdirSync(logsDir).map((name) => readFileSync(join(logsDir, name), 'utf8'));
    const log = logs.join('\n');
    // The log was written during the flow: the search below is not over an empty file.
    assert.match(log, /browser mode listening/);
    assert.match(log, /admin PIN wrong/);

    const diagnosticsDir = join(server.dataDir, 'diagnostics');
    const zips = readdirSync(diagnosticsDir).filter((name) => name.endsWith('.zip'));
    assert.equal(zips.length, 1);
    const files = unzipSync(new Uint8Array(readFileSync(join(diagnosticsDir, zips[0]!))));
    assert.ok(files['logs/tiepdon.log'], 'the export carries the log');
    const exported = Object.entries(files).map(([name, bytes]) => hitsIn(`zip ${name}`, strFromU8(bytes)));

    const hits = [...hitsIn('log file', log), ...hitsIn('server stderr', server.stderr()), ...exported.flat()];
    assert.deepEqual(hits, []);
    assert.deepEqual(pageErrors, []);
  });

  it('leaves nothing of the chip ID card in the logs after a card read through pcscd', { skip: pcscRigMissing() }, async (t) => {
    const pcscd = await startPcscd();
    t.after(() => pcscd.stop());
    const slot = pcscd.slots[0]!;
    const { page, server } = await openApp(t, { viewport: { width: 1280, height: 1100 } });
    await page.getByTestId('reader').filter({ hasText: slot.readerName }).waitFor();
    const card = await startVirtualCard({ port: slot.port, card: { ...CCCD_CARD_SPEC, options: {} } });
    t.after(() => card.stop());
    const since = await lastTestEventSeq(page);
    await page.getByTestId('card-key').fill(DEFAULT_PROFILE.idNumber);
    await card.insert();
    const done = await waitForTestEvent(page, ['card-read-done', 'card-read-failed'], { after: since });
    assert.equal(done.name, 'card-read-done', JSON.stringify(done.detail));

    const chip = [
      DEFAULT_PROFILE.idNumber,
      DEFAULT_PROFILE.fullName,
      DEFAULT_PROFILE.dateOfBirth,
      DEFAULT_PROFILE.dateOfBirth.split('-').reverse().join('/'),
      'NGUYEN<<VAN<AN',
      'Phố Mẫu',
      'Đông Hội',
      'Nốt ruồi',
      'Nguyễn Văn Bình',
      'Trần Thị Cúc',
      'Lê Thị Dung',
      '012345678',
    ];
    const logsDir = join(server.dataDir, 'logs');
    const log = readdirSync(logsDir)
      .map((name) => readFileSync(join(logsDir, name), 'utf8'))
      .join('\n');
    assert.match(log, /browser mode listening/);
    assert.deepEqual([...hitsIn('log file', log, chip), ...hitsIn('server stderr', server.stderr(), chip)], []);
  });
});
