import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBridge, type IpcRendererPort } from './bridge.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels.ts';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc() {
  const invocations: unknown[][] = [];
  const listeners = new Map<string, Set<IpcListener>>();
  const ipc: IpcRendererPort = {
    invoke: async (channel, ...args) => {
      invocations.push([channel, ...args]);
      return { ok: true, value: 'answer' };
    },
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
    },
  };
  const emit = (...args: unknown[]) => {
    for (const listener of listeners.get(EVENT_CHANNEL) ?? []) listener({ sender: 'ipc internals' }, ...args);
  };
  const listenerCount = () => listeners.get(EVENT_CHANNEL)?.size ?? 0;
  return { ipc, invocations, emit, listenerCount, channels: () => [...listeners.keys()] };
}

const snapshot = { host: { state: 'running', restarts: 0 }, pcsc: { state: 'available' }, readers: [] };

describe('preload bridge', () => {
  it('exposes exactly call and on, frozen', () => {
    const bridge = createBridge(fakeIpc().ipc);
    assert.deepEqual(Object.keys(bridge).sort(), ['call', 'on']);
    assert.ok(Object.isFrozen(bridge));
  });

  it('sends calls over the one call channel and returns the answer unchanged', async () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc);
    assert.deepEqual(await bridge.call('system.status', {}), { ok: true, value: 'answer' });
    assert.deepEqual(fake.invocations, [[CALL_CHANNEL, 'system.status', {}]]);
  });

  it('delivers a named event payload without the IPC event object', () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc);
    const received: unknown[][] = [];
    bridge.on('devices.changed', (...args) => received.push(args));
    fake.emit('devices.changed', snapshot);
    assert.deepEqual(received, [[snapshot]]);
  });

  it('does not deliver other events to a listener', () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc);
    const received: unknown[] = [];
    bridge.on('devices.changed', (payload) => received.push(payload));
    fake.emit('something.else', 1);
    fake.emit(42, 1);
    assert.deepEqual(received, []);
  });

  it('refuses events outside the contract and non-function listeners', () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc);
    assert.throws(() => bridge.on('ipc:raw', () => {}), /Unknown event/);
    assert.throws(() => bridge.on('__proto__', () => {}), /Unknown event/);
    assert.throws(() => bridge.on('devices.changed', 'not a function' as never), /must be a function/);
    assert.equal(fake.listenerCount(), 0);
  });

  it('listens on one channel only, and stops listening when the last subscriber leaves', () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc);
    const first = bridge.on('devices.changed', () => {});
    const second = bridge.on('devices.changed', () => {});
    assert.deepEqual(fake.channels(), [EVENT_CHANNEL]);
    assert.equal(fake.listenerCount(), 1);
    first();
    assert.equal(fake.listenerCount(), 1);
    second();
    second();
    assert.equal(fake.listenerCount(), 0);
  });

  it('unsubscribes one subscription even when the same function was added twice', () => {
    const fake = fakeIpc();
    const bridge = createBridge(fake.ipc);
    let calls = 0;
    const listener = () => calls++;
    const off = bridge.on('devices.changed', listener);
    bridge.on('devices.changed', listener);
    off();
    fake.emit('devices.changed', snapshot);
    assert.equal(calls, 1);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const fake = fakeIpc();
    const errors: unknown[] = [];
    const bridge = createBridge(fake.ipc, (error) => errors.push(error));
    const received: unknown[] = [];
    bridge.on('devices.changed', () => {
      throw new Error('listener bug');
    });
    bridge.on('devices.changed', (payload) => received.push(payload));
    fake.emit('devices.changed', snapshot);
    assert.deepEqual(received, [snapshot]);
    assert.equal((errors[0] as Error).message, 'listener bug');
  });
});
