import { performance } from 'node:perf_hooks';
import { DeviceHostSupervisor } from '../services/device-host/supervisor.ts';
import { createForkLauncher } from '../services/device-host/fork-launcher.ts';
import { silentLogger } from '../services/log.ts';
import { sized, type Benchmark } from './benchmark.ts';
import { percentile, round } from './stats.ts';

const FULL_RESTARTS = 10;

function nextState(host: DeviceHostSupervisor, wanted: string): Promise<void> {
  return new Promise((resolve) => {
    const onState = (state: string) => {
      if (state !== wanted) return;
      host.off('state', onState);
      resolve();
    };
    host.on('state', onState);
  });
}

const benchmark: Benchmark = {
  description: `device host: cold start to ready, then ${FULL_RESTARTS} kill-to-running restarts, and a ping round trip`,
  async run(options) {
    const RESTARTS = sized(options, FULL_RESTARTS, 2);
    const PINGS = sized(options, 1_000, 50);
    const host = new DeviceHostSupervisor({
      launch: createForkLauncher(),
      log: silentLogger,
      backoff: { initialMs: 0, maxMs: 0, factor: 1, stableAfterMs: 0 },
    });
    let t = performance.now();
    const ready = nextState(host, 'running');
    host.start();
    await ready;
    const coldStartMs = performance.now() - t;

    const restarts: number[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      const running = nextState(host, 'running');
      t = performance.now();
      process.kill(host.pid!, 'SIGKILL');
      await running;
      restarts.push(performance.now() - t);
    }

    const pings: number[] = [];
    for (let i = 0; i < PINGS; i++) {
      t = performance.now();
      await host.call('host.ping');
      pings.push(performance.now() - t);
    }
    await host.stop();
    restarts.sort((a, b) => a - b);
    pings.sort((a, b) => a - b);
    return {
      coldStartMs: round(coldStartMs, 1),
      restartP50Ms: round(percentile(restarts, 50), 1),
      restartMaxMs: round(restarts.at(-1)!, 1),
      pingP50Ms: round(percentile(pings, 50)),
      pingP99Ms: round(percentile(pings, 99)),
    };
  },
};

export default benchmark;
