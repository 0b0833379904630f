import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { BRIDGE_PROTOCOL, tokenProtocol } from '../domain/bridge.ts';
import { startBrowserServer } from '../cli/server/browser-server.ts';
import { createApp } from '../services/app.ts';
import { silentLogger } from '../services/log.ts';
import { makeTempDir } from '../test/rig/temp-dir.ts';
import { sized, type Benchmark } from './benchmark.ts';
import { percentile, round } from './stats.ts';

const FULL_CALLS = 5_000;

const benchmark: Benchmark = {
  description: `app start-up, then ${FULL_CALLS} system.status calls direct and over the browser-mode WebSocket`,
  async run(options) {
    const CALLS = sized(options, FULL_CALLS, 200);
    using dir = makeTempDir();
    const t0 = performance.now();
    const app = await createApp({ dataDir: dir.path, mode: 'browser', log: silentLogger, deviceHost: false });
    const startupMs = performance.now() - t0;

    const direct: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const s = performance.now();
      await app.router.dispatch('system.status', {});
      direct.push(performance.now() - s);
    }

    const server = await startBrowserServer({ app, rendererDir: dir.path, log: silentLogger });
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api`, [BRIDGE_PROTOCOL, tokenProtocol(server.token)], {
      origin: server.origin,
    });
    await once(socket, 'open');
    const pending = new Map<number, () => void>();
    socket.on('message', (data) => pending.get(JSON.parse(String(data)).id)?.());
    const overWs: number[] = [];
    const wsStart = performance.now();
    for (let id = 0; id < CALLS; id++) {
      const s = performance.now();
      await new Promise<void>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'call', id, method: 'system.status', input: {} }));
      });
      pending.delete(id);
      overWs.push(performance.now() - s);
    }
    const wsSeconds = (performance.now() - wsStart) / 1000;
    socket.close();
    await server.close();
    await app.close();

    direct.sort((a, b) => a - b);
    overWs.sort((a, b) => a - b);
    return {
      startupMs: round(startupMs, 1),
      directP50Ms: round(percentile(direct, 50)),
      directP99Ms: round(percentile(direct, 99)),
      wsCallsPerSecond: Math.round(CALLS / wsSeconds),
      wsP50Ms: round(percentile(overWs, 50)),
      wsP99Ms: round(percentile(overWs, 99)),
    };
  },
};

export default benchmark;
