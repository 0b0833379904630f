/**
 * Scan latency as the clerk feels it: the last byte of a CCCD QR written to a
 * serial scanner (a socat pty) until Chromium shows the ID filled in the card
 * field, through the real `tiepdon serve`, device host and services.
 */
import { open } from 'node:fs/promises';
import type { TestContext } from 'node:test';
import { openApp } from '../test/rig/browser.ts';
import { startPtyPair } from '../test/rig/pty-pair.ts';
import { TEST_EVENT_TYPE, type TestEvent } from '../renderer/src/testing/test-event-names.ts';
import type { Benchmark } from './run.ts';
import { percentile, round } from './stats.ts';

const SCANS = 200;
const WARM_UP = 5;

/** A distinct, well-formed 2021 CCCD QR per scan, so every scan re-arms the card field. */
function cccdPayload(index: number): string {
  const id = `079303${String(index).padStart(6, '0')}`;
  return `${id}||Trần Thị Bích|21032003|Nữ|12 Lê Lợi, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh|14082021`;
}

const benchmark: Benchmark = {
  description: `${SCANS} CCCD QR scans: last byte written to a serial pty → ID filled in the card field in Chromium`,
  async run() {
    const cleanups: Array<() => unknown> = [];
    const context = { after: (fn: () => unknown) => cleanups.push(fn) } as unknown as TestContext;
    try {
      const pair = await startPtyPair();
      cleanups.push(() => pair.stop());
      const { page } = await openApp(context);

      // IT staff's steps: the serial scanner on the pty, saved in the settings panel.
      await page.keyboard.press('F10');
      await page.getByTestId('serial-add').click();
      await page.locator('[data-testid="settings-field"][data-path="serial.0.path"] input').fill(pair.a);
      await page.getByTestId('settings-save').click();
      await page
        .locator(`[data-testid="device"][data-kind="scanner"][data-id="serial:${pair.a}"] [data-testid="scanner-state"][data-state="connected"]`)
        .waitFor({ timeout: 15_000 });
      await page.keyboard.press('Escape');

      let armed: (() => void) | undefined;
      await page.exposeFunction('__benchCardArmed', () => armed?.());
      await page.evaluate((type) => {
        const win = globalThis as unknown as {
          addEventListener(type: string, listener: (event: { detail: TestEvent }) => void): void;
          __benchCardArmed(): void;
        };
        win.addEventListener(type, (event) => {
          if (event.detail.name === 'card-armed') win.__benchCardArmed();
        });
      }, TEST_EVENT_TYPE);

      const scanner = await open(pair.b, 'w');
      cleanups.push(() => scanner.close());
      const latencies: number[] = [];
      for (let i = 0; i < WARM_UP + SCANS; i++) {
        const shown = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`scan ${i} not shown within 5 s`)), 5_000);
          armed = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        await scanner.write(Buffer.from(`${cccdPayload(i)}\r`, 'utf8'));
        const written = performance.now();
        await shown;
        if (i >= WARM_UP) latencies.push(performance.now() - written);
      }
      latencies.sort((a, b) => a - b);
      return {
        scans: SCANS,
        p50Ms: round(percentile(latencies, 50), 1),
        p95Ms: round(percentile(latencies, 95), 1),
        maxMs: round(latencies.at(-1) ?? Number.NaN, 1),
      };
    } finally {
      for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => {});
    }
  },
};

export default benchmark;
