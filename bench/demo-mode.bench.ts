/**
 * Demo mode as a trainee meets it: how long `serve --demo`'s services take to
 * be ready (simulators, database, demo host, settings), then sample-card taps
 * through the API: put on the demo reader, read with the photo through the
 * in-process device host (PACE, secure messaging, passive authentication
 * against the demo CSCA), taken off. The first tap of each card includes
 * making its virtual card (key generation).
 */
import { EventEmitter, once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { DEMO_CARDS } from '../native/sim/demo/demo-samples.ts';
import { createApp } from '../services/app.ts';
import { startDemoEnvironment } from '../services/demo/demo-environment.ts';
import { silentLogger } from '../services/log.ts';
import { makeTempDir } from '../test/rig/temp-dir.ts';
import { sized, type Benchmark, type Figures } from './benchmark.ts';
import { percentile, round } from './stats.ts';

const FULL_TAPS_PER_CARD = 5;

const benchmark: Benchmark = {
  description: `demo mode: services ready, then ${FULL_TAPS_PER_CARD} taps of each of the ${DEMO_CARDS.length} sample cards (insert, full read with photo and PA, remove)`,
  async run(options) {
    const TAPS_PER_CARD = sized(options, FULL_TAPS_PER_CARD, 2);
    using home = makeTempDir('tiepdon-bench-demo-');
    const started = performance.now();
    const demo = await startDemoEnvironment({ homeDataDir: home.path, log: silentLogger });
    const app = await createApp({ dataDir: demo.dataDir, mode: 'headless', demo: demo.menu, deviceHost: demo.deviceHost });
    await demo.prepare(app);
    const events = new EventEmitter();
    app.events.subscribe((name, payload) => events.emit(name, payload));
    if (app.deviceHost?.state !== 'running') await once(app.deviceHost as unknown as EventEmitter, 'state');
    const readyMs = performance.now() - started;

    const firstTaps: number[] = [];
    const taps: number[] = [];
    try {
      for (const sample of DEMO_CARDS) {
        for (let i = 0; i < TAPS_PER_CARD; i++) {
          const tap = performance.now();
          const inserted = once(events, 'card.inserted');
          await app.router.dispatch('demo.insertCard', { cardId: sample.id });
          await inserted;
          const read = await app.router.dispatch('card.read', { key: { kind: 'cccd-id', id: sample.profile.idNumber } });
          if (!read.ok) throw new Error(`the demo read failed: ${read.error.code}`);
          const passive = (read.value as { verification: { passive: { status: string } } }).verification.passive.status;
          if (passive !== 'valid') throw new Error(`passive authentication: ${passive}`);
          (i === 0 ? firstTaps : taps).push(performance.now() - tap);
          await app.router.dispatch('demo.removeCard', {});
        }
      }
    } finally {
      await app.close();
      await demo.close();
    }
    const sorted = [...taps].sort((a, b) => a - b);
    const figures: Figures = {
      servicesReadyMs: round(readyMs, 0),
      firstTapMsMax: round(Math.max(...firstTaps), 1),
      tapToResultMsP50: round(percentile(sorted, 50), 1),
      tapToResultMsP95: round(percentile(sorted, 95), 1),
      tapToResultMsMax: round(Math.max(...taps), 1),
      taps: taps.length + firstTaps.length,
    };
    return figures;
  },
};

export default benchmark;
