import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { recordingLogger } from './test-fakes.ts';
import { createUtilityProcessLauncher, type UtilityForkOptions, type UtilityProcessLike } from './utility-launcher.ts';

class FakeUtilityProcess extends EventEmitter implements UtilityProcessLike {
  pid: number | undefined = undefined;
  readonly posted: unknown[] = [];
  kills = 0;

  postMessage(message: unknown): void {
    this.posted.push(message);
  }

  kill(): boolean {
    this.kills++;
    return true;
  }
}

function launch() {
  const forks: { modulePath: string; args: string[]; options: UtilityForkOptions; child: FakeUtilityProcess }[] = [];
  const { log, records } = recordingLogger();
  const launcher = createUtilityProcessLauncher(
    (modulePath, args, options) => {
      const child = new FakeUtilityProcess();
      forks.push({ modulePath, args, options, child });
      return child;
    },
    '/app/out/main/devicehost.js',
    log,
  );
  const host = launcher();
  const fork = forks[0];
  assert.ok(fork);
  return { host, fork, child: fork.child, forks, launcher, records };
}

describe('utilityProcess launcher', () => {
  it('forks the device-host entry as a named utility process', () => {
    const { fork } = launch();
    assert.equal(fork.modulePath, '/app/out/main/devicehost.js');
    assert.deepEqual(fork.args, []);
    assert.equal(fork.options.serviceName, 'TiepDon device host');
  });

  it('forks a fresh process on every launch (restarts)', () => {
    const { launcher, forks } = launch();
    launcher();
    assert.equal(forks.length, 2);
    assert.notEqual(forks[0]?.child, forks[1]?.child);
  });

  it('reports the pid once the process has one', () => {
    const { host, child } = launch();
    assert.equal(host.pid, undefined);
    child.pid = 4242;
    assert.equal(host.pid, 4242);
  });

  it('posts parent messages and delivers the host messages unwrapped', () => {
    const { host, child } = launch();
    const received: unknown[] = [];
    host.onMessage((message) => received.push(message));
    host.send({ kind: 'call', id: 1, method: 'host.ping', params: {} });
    child.emit('message', { kind: 'ready', pid: 4242 });
    assert.deepEqual(child.posted, [{ kind: 'call', id: 1, method: 'host.ping', params: {} }]);
    assert.deepEqual(received, [{ kind: 'ready', pid: 4242 }]);
  });

  it('reports exit as (code, null) and then drops sends and kills', () => {
    const { host, child } = launch();
    const exits: unknown[][] = [];
    host.onExit((code, signal) => exits.push([code, signal]));
    child.emit('exit', 70);
    assert.deepEqual(exits, [[70, null]]);
    host.send({ kind: 'shutdown' });
    host.kill();
    assert.deepEqual(child.posted, []);
    assert.equal(child.kills, 0);
  });

  it('kills a running process', () => {
    const { host, child } = launch();
    host.kill();
    assert.equal(child.kills, 1);
  });

  it('logs a fatal V8 error of the host', () => {
    const { child, records } = launch();
    child.emit('error', 'FatalError', 'v8::ToLocalChecked');
    assert.deepEqual(records.map(({ msg, type }) => ({ msg, type })), [{ msg: 'device host fatal error', type: 'FatalError' }]);
  });
});
