import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp, type App } from '../../services/app.ts';
import { waitForEvent } from '../rig/events.ts';
import { makeTempDir } from '../rig/temp-dir.ts';

describe('device host supervision (real child process)', () => {
  const dir = makeTempDir();
  let app: App;

  before(async () => {
    app = await createApp({
      dataDir: dir.path,
      mode: 'headless',
      deviceHost: { backoff: { initialMs: 50, maxMs: 200, factor: 2, stableAfterMs: 60_000 } },
    });
    if (app.deviceHost?.state !== 'running') await waitForEvent(app.deviceHost!, 'state', (s) => s === 'running');
  });

  after(async () => {
    await app.close();
    dir[Symbol.dispose]();
  });

  it('answers devices.list through the running host', async () => {
    const result = await app.router.dispatch('devices.list', {});
    assert.equal(result.ok, true, JSON.stringify(result));
  });

  it('restarts a killed host while the API keeps answering', async () => {
    const supervisor = app.deviceHost!;
    const firstPid = supervisor.pid;
    assert.ok(firstPid);
    const restarting = waitForEvent(supervisor, 'state', (s) => s === 'restarting');
    process.kill(firstPid, 'SIGKILL');
    await restarting;

    const status = await app.router.dispatch('system.status', {});
    assert.equal(status.ok, true);
    assert.equal(status.ok && (status.value as { devices: { host: { state: string } } }).devices.host.state, 'restarting');
    const during = await app.router.dispatch('devices.list', {});
    assert.deepEqual(during.ok ? 'ok' : during.error.code, 'DEVICES_RESTARTING');

    await waitForEvent(supervisor, 'state', (s) => s === 'running');
    assert.notEqual(supervisor.pid, firstPid);
    assert.equal(supervisor.restarts, 1);
    assert.match(supervisor.lastExit ?? '', /SIGKILL/);
    const afterRestart = await app.router.dispatch('devices.list', {});
    assert.equal(afterRestart.ok, true);
  });

  it('announces each host state change as devices.changed', async () => {
    const states: string[] = [];
    const unsubscribe = app.events.subscribe((name, payload) => {
      if (name === 'devices.changed') states.push((payload as { host: { state: string } }).host.state);
    });
    const back = waitForEvent(app.deviceHost!, 'state', (s) => s === 'running');
    process.kill(app.deviceHost!.pid!, 'SIGKILL');
    await back;
    unsubscribe();
    assert.deepEqual(states.slice(0, 2), ['restarting', 'running']);
  });
});
