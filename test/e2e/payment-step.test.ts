/**
 * The payment step end to end through the real `tiepdon serve`: the desk's
 * payment settings, a patient and a visit are made through the API; the step
 * shows the visit's VietQR, which is decoded from the screenshot's pixels with
 * ZXing and must be the payload the services made; then F6 with a receipt
 * number marks it paid, and a payment confirmed elsewhere turns to paid live.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { decode as decodePng } from 'fast-png';
import type { Browser, Page } from 'playwright-core';
import { createApiClient, unwrap, type ApiClient } from '../../domain/api.ts';
import { BRIDGE_PATH } from '../../domain/bridge.ts';
import type { PaymentSettings } from '../../domain/payment-api.ts';
import { parseVietQr } from '../../domain/payment/index.ts';
import { createWebSocketTransport } from '../../renderer/src/bridge/websocket-transport.ts';
import { openSettings } from '../rig/admin-gate.ts';
import { CLERK_KEY_DELAY_MS } from '../rig/keyboard.ts';
import { focusedTestId, seenByClerk } from '../rig/screen.ts';
import { lastTestEventSeq, launchBrowser, openApp, saveScreenshot, waitForTestEvent, type AppSession } from '../rig/browser.ts';

const SETTINGS: PaymentSettings = {
  bankBin: '970436',
  accountNumber: '0011001234567',
  accountName: 'BENH VIEN DA KHOA THU NGHIEM',
  fees: { bhyt: 0, 'fee-paying': 150_000, 'on-demand': 300_000 },
  allowManualConfirm: true,
  allowCash: true,
};

/** A second connection to the same services, as another desk or an IT tool would have. */
async function connectClient(session: AppSession): Promise<{ client: ApiClient; close: () => void }> {
  const url = new URL(session.server.url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  assert.ok(token, 'the server URL carries its launch token');
  const transport = createWebSocketTransport({
    url: `ws://${url.host}${BRIDGE_PATH}`,
    token,
    createSocket: (address, protocols) => new WebSocket(address, protocols),
  });
  await new Promise<void>((resolve, reject) => {
    const check = (): boolean => {
      const state = transport.connection.get();
      if (state === 'connected') resolve();
      else if (state === 'closed' || state === 'no-token') reject(new Error(`the API connection is ${state}`));
      else return false;
      return true;
    };
    if (check()) return;
    const stop = transport.connection.subscribe(() => {
      if (check()) stop();
    });
  });
  return { client: createApiClient(transport), close: () => transport.close() };
}

/** Settings changes need an unlocked admin session where the services ask for one. */
async function configurePayments(client: ApiClient): Promise<void> {
  const first = await client.call('settings.payment.set', SETTINGS);
  if (first.ok) return;
  unwrap(await client.call('admin.setPin', { pin: '246813' }));
  unwrap(await client.call('settings.payment.set', SETTINGS));
}

async function visitFor(client: ApiClient, cccd: string, visitType: 'fee-paying' | 'on-demand'): Promise<number> {
  const saved = unwrap(
    await client.call('patients.save', { fullName: 'Lê Văn Thanh', birthDate: '1985-04-12', sex: 'male', cccd }),
  );
  const created = unwrap(await client.call('visits.create', { patientId: saved.patient.id, visitType, clinicId: 'K01' }));
  return created.visit.id;
}

/** Opens `?payment=<visitId>` (the launch token is kept in the tab) and waits until the step shows its payment. */
async function openPaymentStep(page: Page, visitId: number): Promise<void> {
  const url = new URL(page.url());
  await page.goto(`${url.origin}${url.pathname}?payment=${visitId}`);
  await waitForTestEvent(page, 'payment-ready', { match: { visitId } });
  await page.getByTestId('payment-qr').waitFor();
}

/**
 * The text of the QR code a PNG of exactly the code (quiet zone included) shows, read from its pixels
 * as luminance. PURE_BARCODE: ZXing's finder-pattern detector misjudges the grid of some codes drawn
 * at a fractional number of pixels per module (9.24 for a version 5 code 416 px wide), though every
 * module is painted right; a code on its own is sampled at its modules' centres instead.
 */
function decodeQrFromPng(image: Uint8Array): string {
  const png = decodePng(image);
  const { width, height, channels } = png;
  const luminance = new Uint8ClampedArray(width * height);
  for (let at = 0; at < width * height; at++) {
    const pixel = at * channels;
    const [r, g, b] = channels >= 3 ? [png.data[pixel]!, png.data[pixel + 1]!, png.data[pixel + 2]!] : [png.data[pixel]!, png.data[pixel]!, png.data[pixel]!];
    luminance[at] = (r * 299 + g * 587 + b * 114) / 1000;
  }
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height)));
  const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.PURE_BARCODE, true]]);
  return new QRCodeReader().decode(bitmap, hints).getText();
}

describe('payment step (browser mode, real services)', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("shows the visit's VietQR, which decodes from the screenshot to the services' payload, and Ctrl+K with a receipt marks it paid", async (t) => {
    const session = await openApp(t, { browser, viewport: { width: 1280, height: 900 } });
    const { page, pageErrors } = session;
    const api = await connectClient(session);
    t.after(api.close);
    await configurePayments(api.client);
    const visitId = await visitFor(api.client, '001085012345', 'on-demand');

    await openPaymentStep(page, visitId);
    const payment = unwrap(await api.client.call('payments.get', { visitId }));
    assert.equal(payment.status, 'waiting');
    assert.equal(payment.amount, 300_000);
    assert.ok(payment.qr);
    const parsed = parseVietQr(payment.qr.payload);
    assert.ok(parsed.ok);
    assert.equal(parsed.value.amount, 300_000);
    assert.equal(parsed.value.purpose, payment.reference);
    assert.match(payment.reference, new RegExp(`^TD [A-Z]${visitId} \\d{8}$`));

    assert.match(await page.getByTestId('payment-amount').innerText(), /300\.000\s*₫/);
    assert.match(await page.getByTestId('payment-bank').innerText(), /Vietcombank/);
    assert.equal((await page.getByTestId('payment-account').innerText()).trim(), '0011001234567');
    assert.equal((await page.getByTestId('payment-account-name').innerText()).trim(), 'BENH VIEN DA KHOA THU NGHIEM');
    assert.equal((await page.getByTestId('payment-purpose').innerText()).trim(), payment.reference);
    assert.equal(await page.getByTestId('payment-status').getAttribute('data-status'), 'waiting');

    await saveScreenshot(page, 'payment-step-vi');
    // Decoded from the pixels Chromium painted for the code, its own quiet zone included.
    assert.ok(await seenByClerk(page, 'payment-qr'), 'the QR code is in view');
    const shot = await page.getByTestId('payment-qr').screenshot({ animations: 'disabled' });
    const decoded = decodeQrFromPng(shot);
    assert.equal(decoded, payment.qr.payload);

    // Ctrl+K: the transfer was seen on the account; the receipt number, then Enter.
    await page.keyboard.press('Control+k');
    await page.getByTestId('payment-receipt-input').waitFor();
    assert.equal(await page.getByTestId('payment-confirm-form').getAttribute('data-method'), 'vietqr');
    await page.getByTestId('payment-receipt-input').fill('BL-2026-000123');
    const since = await lastTestEventSeq(page);
    await page.keyboard.press('Enter');
    await waitForTestEvent(page, 'payment-changed', { after: since, match: { visitId, status: 'paid' } });
    assert.equal(await page.getByTestId('payment-status').getAttribute('data-status'), 'paid');
    assert.match(await page.getByTestId('payment-status').innerText(), /Đã thanh toán/);
    assert.equal((await page.getByTestId('payment-receipt').innerText()).trim(), 'BL-2026-000123');
    assert.equal(await page.getByTestId('payment-qr').count(), 0, 'a paid code is no longer shown');
    await saveScreenshot(page, 'payment-step-paid-vi');

    const stored = unwrap(await api.client.call('payments.get', { visitId }));
    assert.equal(stored.status, 'paid');
    assert.equal(stored.method, 'vietqr');
    assert.equal(stored.confirmation, 'clerk');
    assert.equal(stored.receiptNumber, 'BL-2026-000123');
    assert.deepEqual(pageErrors, []);
  });

  it('turns to paid live when the payment is taken elsewhere, and Esc goes back to the home screen', async (t) => {
    const session = await openApp(t, { browser });
    const { page, pageErrors } = session;
    const api = await connectClient(session);
    t.after(api.close);
    await configurePayments(api.client);
    const visitId = await visitFor(api.client, '001085054321', 'fee-paying');

    await openPaymentStep(page, visitId);
    assert.match(await page.getByTestId('payment-amount').innerText(), /150\.000\s*₫/);
    const since = await lastTestEventSeq(page);
    unwrap(await api.client.call('payments.confirm', { visitId, method: 'cash', receiptNumber: 'TM-77' }));
    await waitForTestEvent(page, 'payment-changed', { after: since, match: { visitId, status: 'paid' } });
    assert.equal(await page.getByTestId('payment-status').getAttribute('data-status'), 'paid');
    assert.match(await page.getByTestId('payment-paid').innerText(), /Tiền mặt/);

    await Promise.all([page.waitForURL((address) => address.search === ''), page.keyboard.press('Escape')]);
    await waitForTestEvent(page, 'app-ready');
    assert.deepEqual(pageErrors, []);
  });

  it("takes back at 1366×768, from today's list, a cash payment confirmed by mistake, then takes it again", async (t) => {
    const session = await openApp(t, { browser, viewport: { width: 1366, height: 768 } });
    const { page, pageErrors } = session;
    const api = await connectClient(session);
    t.after(api.close);
    await configurePayments(api.client);
    const visitId = await visitFor(api.client, '001085067890', 'fee-paying');
    const mistaken = unwrap(await api.client.call('payments.start', { visitId }));
    unwrap(await api.client.call('payments.confirm', { visitId, method: 'cash', receiptNumber: 'TM-88' }));

    await page.reload();
    await waitForTestEvent(page, 'today-loaded', { match: { count: 1 } });
    const row = page.locator(`[data-testid="today-visit"][data-visit-id="${visitId}"]`);
    await row.getByTestId('visit-correct-open').focus();
    await page.keyboard.press('Enter');
    const correction = page.getByTestId('visit-correct');
    assert.match(await correction.getByTestId('visit-correct-paid').innerText(), /Đã thu tiền · biên lai TM-88/);
    await correction.getByTestId('payment-reopen-open').focus();
    assert.match(await page.getByTestId('payment-reopen-open').innerText(), /Hoàn tác xác nhận thanh toán/);
    await page.keyboard.press('Enter');
    await page.getByTestId('payment-reopen-reason').waitFor();
    assert.equal(await focusedTestId(page), 'payment-reopen-reason', 'the reason is where the next key goes');
    assert.equal(await page.getByTestId('payment-reopen-save').isDisabled(), true, 'no undoing without a reason');
    await page.keyboard.type('Bấm nhầm thu tiền mặt', { delay: CLERK_KEY_DELAY_MS });
    let since = await lastTestEventSeq(page);
    await page.keyboard.press('Enter');
    await waitForTestEvent(page, 'payment-reopened', { after: since, match: { visitId } });

    const waiting = page.getByTestId('visit-correct-waiting');
    await waiting.waitFor();
    assert.match(await waiting.innerText(), /Đã hoàn tác xác nhận thanh toán\. Lượt khám đang chờ thanh toán/);
    assert.ok(await seenByClerk(page, 'visit-correct-waiting'), 'what happened is in view');
    assert.ok(await seenByClerk(page, 'visit-take-payment'), 'taking it again is in view');
    assert.equal(await focusedTestId(page), 'visit-take-payment', 'Enter takes the payment again');
    assert.equal(await page.getByTestId('payment-reopen-open').count(), 0, 'nothing left to undo');
    await saveScreenshot(page, 'payment-reopened-1366x768-vi');

    const reopened = unwrap(await api.client.call('payments.get', { visitId }));
    assert.notEqual(reopened.id, mistaken.id);
    assert.equal(reopened.status, 'waiting');
    assert.equal(reopened.amount, 150_000);
    assert.ok(reopened.qr, 'a fresh VietQR');

    // Enter on the focused link opens the payment step; Ctrl+M takes the cash this time.
    await Promise.all([page.waitForURL((address) => address.search === `?payment=${visitId}`), page.keyboard.press('Enter')]);
    await waitForTestEvent(page, 'payment-ready', { match: { visitId } });
    assert.equal(await page.getByTestId('payment-status').getAttribute('data-status'), 'waiting');
    await page.keyboard.press('Control+m');
    await page.getByTestId('payment-receipt-input').fill('TM-89');
    since = await lastTestEventSeq(page);
    await page.keyboard.press('Enter');
    await waitForTestEvent(page, 'payment-changed', { after: since, match: { visitId, status: 'paid' } });
    const paid = unwrap(await api.client.call('payments.get', { visitId }));
    assert.deepEqual([paid.id, paid.method, paid.receiptNumber], [reopened.id, 'cash', 'TM-89']);
    assert.deepEqual(pageErrors, []);
  });

  it('is configured in the settings panel: the bank by name, a refused fee named, then the step uses what was saved', async (t) => {
    const session = await openApp(t, { browser, viewport: { width: 1280, height: 1400 } });
    const { page, pageErrors } = session;
    await openSettings(page);
    const section = page.getByTestId('payment-settings');
    await waitForTestEvent(page, 'payment-settings-loaded');
    await section.scrollIntoViewIfNeeded();
    await page.getByTestId('payment-settings-bank').selectOption('970415');
    assert.match(await page.getByTestId('payment-settings-bank-name').innerText(), /Ngân hàng TMCP Công thương Việt Nam/);
    await page.getByTestId('payment-settings-account').fill('123456789012');
    await page.getByTestId('payment-settings-account-name').fill('benh vien thu nghiem');
    await page.getByTestId('payment-settings-fee-fee-paying').fill('120.000');
    let since = await lastTestEventSeq(page);
    await page.getByTestId('payment-settings-save').click();
    const refused = await waitForTestEvent(page, 'payment-settings-save-failed', { after: since });
    assert.equal(refused.detail['code'], 'BAD_INPUT');
    assert.match(String(refused.detail['paths']), /fees\.fee-paying/);
    await section.getByTestId('field-error').first().waitFor();
    await saveScreenshot(page, 'payment-settings-refused-vi');

    await page.getByTestId('payment-settings-fee-fee-paying').fill('120000');
    since = await lastTestEventSeq(page);
    await page.getByTestId('payment-settings-save').click();
    await waitForTestEvent(page, 'payment-settings-saved', { after: since, match: { configured: true } });
    assert.equal(await page.getByTestId('payment-settings-account-name').inputValue(), 'BENH VIEN THU NGHIEM');

    const api = await connectClient(session);
    t.after(api.close);
    const visitId = await visitFor(api.client, '001085099999', 'fee-paying');
    await openPaymentStep(page, visitId);
    assert.match(await page.getByTestId('payment-amount').innerText(), /120\.000\s*₫/);
    assert.match(await page.getByTestId('payment-bank').innerText(), /VietinBank/);
    assert.equal((await page.getByTestId('payment-account-name').innerText()).trim(), 'BENH VIEN THU NGHIEM');
    assert.deepEqual(pageErrors, []);
  });
});
