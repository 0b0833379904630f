/**
 * The real device host when pcscd is missing, appears, goes away and comes back:
 * it reports each state as devices.changed and never needs restarting itself.
 * Needs to own pcscd, so it skips when one is already running.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { after, before, describe, it } from 'node:test';
import type { DevicesSnapshot } from '../../domain/api.ts';
import { createApp, type App } from '../../services/app.ts';
import { waitForEvent } from '../rig/events.ts';
import { isPcscdRunning, pcscRigMissing, startPcscd, type Pcscd } from '../rig/pcscd.ts';
import { makeTempDir } from '../rig/temp-dir.ts';

const skip = pcscRigMissing() ?? ((await isPcscdRunning()) ? 'a pcscd is already running; this test must start and stop its own' : undefined);
/** Longer than the monitor's longest retry delay (5 s). */
const RECOVERY_TIMEOUT_MS = 15_000;

describe('device host across pcscd outages', { skip }, () => {
  const dir = makeTempDir();
  let app: App;
  let pcscd: Pcscd | undefined;
  const devicesChanged = new EventEmitter();
  let latest: DevicesSnapshot | undefined;

  function devicesWhen(accept: (snapshot: DevicesSnapshot) => boolean): Promise<DevicesSnapshot> {
    if (latest && accept(latest)) return Promise.resolve(latest);
    return waitForEvent<DevicesSnapshot>(devicesChanged, 'snapshot', accept, RECOVERY_TIMEOUT_MS);
  }

  const pcscAvailableWithReaders = (s: DevicesSnapshot) => s.pcsc.state === 'available' && s.readers.length > 0;

  before(async () => {
    app = await createApp({ dataDir: dir.path, mode: 'headless' });
    app.events.subscribe((name, payload) => {
      if (name !== 'devices.changed') return;
      latest = payload as DevicesSnapshot;
      devicesChanged.emit('snapshot', latest);
    });
  });

  after(async () => {
    await app?.close();
    await pcscd?.stop();
    dir[Symbol.dispose]();
  });

  it('says pcscd is not running while it is missing', async () => {
    const down = await devicesWhen((s) => s.host.state === 'running' && s.pcsc.state === 'unavailable');
    assert.equal(down.pcsc.message, 'The PC/SC service (pcscd) is not running');
    assert.deepEqual(down.readers, []);
  });

  it('finds the readers by itself once pcscd starts', async (t) => {
    pcscd = await startPcscd();
    const startedAt = performance.now();
    const up = await devicesWhen(pcscAvailableWithReaders);
    t.diagnostic(`readers reported ${(performance.now() - startedAt).toFixed(0)} ms after pcscd was ready`);
    assert.deepEqual(
      up.readers.map((r) => r.name),
      pcscd.slots.map((s) => s.readerName),
    );
  });

  it('reports the outage when pcscd stops and recovers when it is back, with the same host process', async () => {
    const hostPid = app.deviceHost?.pid;
    await pcscd!.stop();
    const down = await devicesWhen((s) => s.pcsc.state === 'unavailable');
    assert.deepEqual(down.readers, []);

    pcscd = await startPcscd();
    await devicesWhen(pcscAvailableWithReaders);
    assert.equal(app.deviceHost?.pid, hostPid, 'the device host did not crash or restart');
    assert.equal(app.deviceHost?.restarts, 0);
  });
});
