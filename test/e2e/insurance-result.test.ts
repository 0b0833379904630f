/**
 * InsuranceResult end to end through the real `tiepdon serve`, the real bridge
 * and the gateway simulator, on a harness page of the app's own origin until
 * the component is placed in the check-in flow: an outage in the middle of a
 * check-in shows "to verify", then the result lands by itself when the gateway
 * is back (benefit level, facility, 5-year date, exemption); a wrong name
 * (061) is corrected in the form and checked again.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import react from '@vitejs/plugin-react';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { DEMO_VALID_CARD, demoCards } from '../../native/sim/bhxh/demo-cards.ts';
import { SIM_DEFAULTS, startBhxhSimulator, type BhxhSimulator } from '../../native/sim/bhxh/simulator.ts';
import { launchBrowser, openApp, REPO_ROOT, saveScreenshot, waitForTestEvent } from '../rig/browser.ts';

const HARNESS_DIR = join(REPO_ROOT, 'renderer', 'src', 'testing', 'harness');
const BASE = '/__harness/';

async function buildHarness(outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: HARNESS_DIR,
    base: BASE,
    plugins: [react()],
    build: { outDir, emptyOutDir: true, rollupOptions: { input: join(HARNESS_DIR, 'insurance-result.html') } },
  });
}

/** The harness's API client, called inside the page (this file has no DOM types). */
type HarnessCall = (method: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;

async function callInPage<T>(page: Page, method: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    ({ method, input }) => {
      const harness = (globalThis as unknown as { __insuranceHarness: { client: { call: HarnessCall } } }).__insuranceHarness;
      return harness.client.call(method, input);
    },
    { method, input },
  );
  assert.ok(result.ok, `${method}: ${JSON.stringify(result)}`);
  return result.value as T;
}

async function mount(page: Page, props: Record<string, unknown>): Promise<void> {
  await page.evaluate((props) => {
    (globalThis as unknown as { __insuranceHarness: { mount(props: unknown): void } }).__insuranceHarness.mount(props);
  }, props);
}

describe('InsuranceResult (browser mode, real services, gateway simulator)', () => {
  let browser: Browser;
  let sim: BhxhSimulator;
  const outDir = mkdtempSync(join(tmpdir(), 'tiepdon-harness-'));
  before(async () => {
    // The harness is served by the test (page.route), which Chromium counts as a public page: let it reach the loopback server.
    const browserArgs = ['--disable-features=LocalNetworkAccessChecks'];
    [browser, sim] = await Promise.all([launchBrowser({ extraArgs: browserArgs }), startBhxhSimulator({ cards: demoCards() }), buildHarness(outDir)]).then(
      ([b, s]) => [b, s] as const,
    );
  });
  after(async () => {
    await browser?.close();
    await sim?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  it('shows "to verify" during an outage, the result landing afterwards, and a corrected retry after 061', async (t) => {
    const { page, server, pageErrors } = await openApp(t, {
      browser,
      viewport: { width: 900, height: 1000 },
      serverEnv: { TIEPDON_TEST_INSURANCE_RETRY_MS: '50' },
    });
    const origin = new URL(server.url).origin;
    await page.route(`${origin}${BASE}**`, (route) =>
      route.fulfill({ path: join(outDir, new URL(route.request().url()).pathname.slice(BASE.length)) }),
    );
    await page.goto(`${origin}${BASE}insurance-result.html`);
    await page.waitForFunction(() => (globalThis as unknown as { __insuranceHarness?: { connected(): boolean } }).__insuranceHarness?.connected() === true);

    const [staff] = SIM_DEFAULTS.staff;
    await callInPage(page, 'settings.insurance.set', {
      baseUrl: sim.url,
      username: SIM_DEFAULTS.username,
      password: SIM_DEFAULTS.password,
      staffName: staff!.name,
      staffCccd: staff!.cccd,
    });
    const saved = await callInPage<{ patient: { id: number } }>(page, 'patients.save', {
      fullName: DEMO_VALID_CARD.fullName,
      birthDate: '1990-08-15',
      sex: 'male',
      cccd: DEMO_VALID_CARD.cccd,
    });
    const created = await callInPage<{ visit: { id: number } }>(page, 'visits.create', { patientId: saved.patient.id, visitType: 'bhyt', clinicId: 'K01' });
    const visitId = created.visit.id;

    await sim.goDown();
    await mount(page, { patientId: saved.patient.id, visitId, cardCode: DEMO_VALID_CARD.cardCode });
    await waitForTestEvent(page, 'insurance-shown', { match: { status: 'to-verify', visitId } });
    assert.match(await page.getByTestId('insurance-waiting').innerText(), /Chưa kiểm tra được thẻ — cứ tiếp tục tiếp đón/);
    assert.equal(await page.getByTestId('insurance-status').getAttribute('data-status'), 'to-verify');
    await saveScreenshot(page, 'insurance-to-verify-vi');

    await sim.comeBack();
    await waitForTestEvent(page, 'insurance-shown', { match: { status: 'done', visitId } });
    assert.equal(await page.getByTestId('insurance-status').innerText(), 'Thẻ còn giá trị sử dụng');
    assert.equal(await page.getByTestId('insurance-benefit-level').innerText(), '4 — 80%');
    assert.match(await page.getByTestId('insurance-facility').innerText(), /^01001/);
    assert.equal(await page.getByTestId('insurance-five-years').innerText(), '01/01/2015');
    assert.equal(await page.getByTestId('insurance-exemption').getAttribute('data-status'), 'exempt');
    assert.match(await page.getByTestId('insurance-action').innerText(), /Tiếp đón theo BHYT/);
    await saveScreenshot(page, 'insurance-valid-vi');

    const other = await callInPage<{ patient: { id: number } }>(page, 'patients.save', { fullName: 'Nguyễn Văn Bình', birthDate: '1990-08-15', sex: 'male' });
    await mount(page, { patientId: other.patient.id, cardCode: DEMO_VALID_CARD.cardCode });
    await waitForTestEvent(page, 'insurance-shown', { match: { code: '061', visitId: 0 } });
    assert.equal(await page.getByTestId('insurance-mismatch').getAttribute('data-field'), 'name-first-letter-right');
    assert.match(await page.getByTestId('insurance-outcome').innerText(), /họ tên không dấu/, 'says what was already tried');
    await page.getByTestId('insurance-correct').click();
    await page.getByTestId('insurance-correct-name').fill('Nguyễn Văn An');
    await saveScreenshot(page, 'insurance-correction-vi');
    await page.getByTestId('insurance-correct-submit').click();
    await waitForTestEvent(page, 'insurance-shown', { match: { code: '000', visitId: 0 } });
    assert.equal(await page.getByTestId('insurance-card-code').innerText(), DEMO_VALID_CARD.cardCode);
    assert.deepEqual(pageErrors, []);
  });
});
