import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { describe, it } from 'node:test';
import type { HostProcess, ParentMessage } from '../../native/devicehost/protocol.ts';
import { silentLogger } from '../log.ts';
import { backoffDelay, DEFAULT_BACKOFF, DeviceHostSupervisor } from './supervisor.ts';

/** A scripted stand-in for the host process: the test decides what it says and when it dies. */
class FakeHost extends EventEmitter implements HostProcess {
  static nextPid = 1000;
  readonly pid = FakeHost.nextPid++;
  readonly sent: ParentMessage[] = [];
  send(message: ParentMessage): void {
    this.sent.push(message);
    this.emit('sent', message);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.on('message', listener);
  }
  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.once('exit', listener);
  }
  kill(): void {
    this.emit('exit', null, 'SIGKILL');
  }
  say(message: unknown): void {
    this.emit('message', message);
  }
  ready(): void {
    this.say({ kind: 'ready', pid: this.pid });
  }
}

function supervisorWithFakes(callTimeoutMs = 5_000) {
  const hosts: FakeHost[] = [];
  const launched = new EventEmitter();
  const supervisor = new DeviceHostSupervisor({
    launch: () => {
      const host = new FakeHost();
      hosts.push(host);
      launched.emit('host', host);
      return host;
    },
    log: silentLogger,
    backoff: { initialMs: 1, maxMs: 8, factor: 2, stableAfterMs: 60_000 },
    callTimeoutMs,
    firstStartTimeoutMs: 5_000,
  });
  return { supervisor, hosts, launched };
}

describe('backoffDelay', () => {
  it('restarts a host that had been stable at once, then doubles up to the cap', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(DEFAULT_BACKOFF, n));
    assert.deepEqual(delays, [0, 250, 500, 1000, 2000, 4000, 8000, 15000, 15000]);
  });
});

describe('DeviceHostSupervisor', () => {
  it('routes a call to the host and resolves with its reply', async () => {
    const { supervisor, hosts } = supervisorWithFakes();
    supervisor.start();
    hosts[0]!.ready();
    const host = hosts[0]!;
    host.on('sent', (message: ParentMessage) => {
      if (message.kind === 'call') host.say({ kind: 'reply', id: message.id, ok: true, value: { pong: true } });
    });
    assert.deepEqual(await supervisor.call('host.ping'), { pong: true });
  });

  it('rejects a host error reply with its typed code', async () => {
    const { supervisor, hosts } = supervisorWithFakes();
    supervisor.start();
    const host = hosts[0]!;
    host.ready();
    host.on('sent', (message: ParentMessage) => {
      if (message.kind === 'call') {
        host.say({ kind: 'reply', id: message.id, ok: false, error: { code: 'CARD_REMOVED', message: 'gone' } });
      }
    });
    await assert.rejects(supervisor.call('devices.snapshot'), { code: 'CARD_REMOVED' });
  });

  it('fails calls in flight with DEVICES_RESTARTING when the host dies, then restarts it', async () => {
    const { supervisor, hosts, launched } = supervisorWithFakes();
    supervisor.start();
    hosts[0]!.ready();
    const inFlight = supervisor.call('devices.snapshot');
    const relaunched = once(launched, 'host');
    hosts[0]!.kill();
    await assert.rejects(inFlight, { code: 'DEVICES_RESTARTING' });
    await assert.rejects(supervisor.call('devices.snapshot'), { code: 'DEVICES_RESTARTING' });
    await relaunched;
    hosts[1]!.ready();
    assert.equal(supervisor.state, 'running');
    assert.equal(supervisor.restarts, 1);
    assert.equal(supervisor.pid, hosts[1]!.pid);
  });

  it('keeps restarting a host that crashes at once', async () => {
    const { supervisor, hosts, launched } = supervisorWithFakes();
    supervisor.start();
    for (let i = 0; i < 5; i++) {
      const next = once(launched, 'host');
      hosts[i]!.kill();
      await next;
    }
    assert.equal(supervisor.restarts, 5);
    assert.equal(supervisor.state, 'restarting');
    hosts[5]!.ready();
    assert.equal(supervisor.state, 'running');
  });

  it('survives a launch that throws and tries again', async () => {
    let attempts = 0;
    const started = new EventEmitter();
    const supervisor = new DeviceHostSupervisor({
      launch: () => {
        attempts += 1;
        if (attempts === 1) throw new Error('spawn ENOENT');
        const host = new FakeHost();
        started.emit('host', host);
        return host;
      },
      log: silentLogger,
      backoff: { initialMs: 1, maxMs: 4, factor: 2, stableAfterMs: 60_000 },
    });
    const second = once(started, 'host');
    supervisor.start();
    const [host] = (await second) as [FakeHost];
    host.ready();
    assert.equal(supervisor.state, 'running');
    assert.match(supervisor.lastExit ?? '', /launch failed: spawn ENOENT/);
  });

  it('answers TIMEOUT when the host never replies', async () => {
    const { supervisor, hosts } = supervisorWithFakes(20);
    supervisor.start();
    hosts[0]!.ready();
    await assert.rejects(supervisor.call('host.ping'), { code: 'TIMEOUT' });
  });

  it('ignores malformed messages and keeps working', async () => {
    const { supervisor, hosts } = supervisorWithFakes();
    supervisor.start();
    const host = hosts[0]!;
    host.say('garbage');
    host.say({ kind: 'reply', id: 'x' });
    host.ready();
    const devices = once(supervisor, 'devices');
    host.say({ kind: 'event', name: 'devices.changed', payload: { pcsc: { state: 'available' }, readers: [] } });
    assert.deepEqual((await devices)[0], { pcsc: { state: 'available' }, readers: [], serialPorts: [], hidDevices: [], scanners: [] });
  });

  it('asks the host to shut down on stop and does not restart it', async () => {
    const { supervisor, hosts } = supervisorWithFakes();
    supervisor.start();
    const host = hosts[0]!;
    host.ready();
    host.on('sent', (message: ParentMessage) => {
      if (message.kind === 'shutdown') host.emit('exit', 0, null);
    });
    await supervisor.stop();
    assert.equal(supervisor.state, 'stopped');
    assert.equal(hosts.length, 1);
  });
});
