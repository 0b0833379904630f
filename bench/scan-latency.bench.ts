/**
 * Scan latency as the clerk feels it: the last byte of a CCCD QR written to a
 * serial scanner (a socat pty) until Chromium shows the ID filled in the card
 * field, through the real `tiepdon serve`, device host and services.
 */
import { open } from 'node:fs/promises';
import type { TestContext } from 'node:test';
import { openApp } from '../test/rig/browser.ts';
import { EVENT_WAIT_CEILING_MS } from '../test/rig/events.ts';
import { startPtyPair } from '../test/rig/pty-pair.ts';
import { addSerialScanner } from '../test/rig/serial-scanner-settings.ts';
import { TEST_EVENT_TYPE, type TestEvent } from '../renderer/src/testing/test-event-names.ts';
import { sized, type Benchmark } from './benchmark.ts';
import { percentile, round } from './stats.ts';

const FULL_SCANS = 200;

/** A distinct, well-formed 2021 CCCD QR per scan, so every scan re-arms the card field. */
function cccdPayload(index: number): string {
  const id = `079303${String(index).padStart(6, '0')}`;
  return `${id}||Trần Thị Bích|21032003|Nữ|12 Lê Lợi, Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh|14082021`;
}

const benchmark: Benchmark = {
  description: `${FULL_SCANS} CCCD QR scans: last byte written to a serial pty → ID filled in the card field in Chromium`,
  async run(options) {
    const SCANS = sized(options, FULL_SCANS, 10);
    const WARM_UP = sized(options, 5, 1);
    const cleanups: Array<() => unknown> = [];
    const context = { after: (fn: () => unknown) => cleanups.push(fn) } as unknown as TestContext;
    try {
      const pair = await startPtyPair();
      cleanups.push(() => pair.stop());
      const { page } = await openApp(context);

      await addSerialScanner(page, pair.a);

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
          const timer = setTimeout(() => reject(new Error(`scan ${i} not shown within ${EVENT_WAIT_CEILING_MS} ms`)), EVENT_WAIT_CEILING_MS);
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
