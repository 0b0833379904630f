import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventName } from '../../domain/api.ts';
import type { Result } from '../../domain/result.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../preload/channels.ts';
import { createCallHandler, forwardEvents, registerApiHandler, UNAUTHORISED_ANSWER, type CallHandler } from './api-ipc.ts';
import { FakeFrame, FakeWebContents, recordingLogger } from './test-fakes.ts';
import { TrustedContents } from './trusted-contents.ts';

function fakeRouter() {
  const dispatched: unknown[][] = [];
  const callers: object[] = [];
  return {
    dispatched,
    callers,
    async dispatch(method: unknown, input: unknown, caller: object): Promise<Result<unknown>> {
      dispatched.push([method, input]);
      callers.push(caller);
      return { ok: true, value: { echoed: method } };
    },
  };
}

function setup() {
  const trusted = new TrustedContents<FakeWebContents>();
  const window = new FakeWebContents();
  trusted.add(window);
  const router = fakeRouter();
  const { log, records } = recordingLogger();
  return { trusted, window, router, log, records, handler: createCallHandler(router, trusted, log) };
}

describe('API call handler', () => {
  it('dispatches a call from the trusted main frame to the router', async () => {
    const { window, router, handler } = setup();
    const answer = await handler({ sender: window, senderFrame: window.mainFrame }, 'system.status', {});
    assert.deepEqual(answer, { ok: true, value: { echoed: 'system.status' } });
    assert.deepEqual(router.dispatched, [['system.status', {}]]);
  });

  it('names the same caller for every call of one window and another for another window (admin sessions are per window)', async () => {
    const { trusted, window, router, handler } = setup();
    const other = new FakeWebContents();
    trusted.add(other);
    await handler({ sender: window, senderFrame: window.mainFrame }, 'admin.status', {});
    await handler({ sender: window, senderFrame: window.mainFrame }, 'admin.status', {});
    await handler({ sender: other, senderFrame: other.mainFrame }, 'admin.status', {});
    const [first, second, third] = router.callers;
    assert.equal(first, second);
    assert.notEqual(first, third);
  });

  it('starts a new caller (a locked admin session) when the window reloads, navigates or its renderer crashes', async () => {
    const { window, router, handler } = setup();
    const call = () => handler({ sender: window, senderFrame: window.mainFrame }, 'admin.status', {});
    await call();
    window.emit('did-navigate');
    await call();
    window.emit('render-process-gone');
    await call();
    await call();
    const [first, afterReload, afterCrash, again] = router.callers;
    assert.notEqual(first, afterReload);
    assert.notEqual(afterReload, afterCrash);
    assert.equal(afterCrash, again);
    assert.equal(window.listenerCount('did-navigate'), 1, 'watched once, however many pages it shows');
  });

  it('answers UNAUTHORISED to a subframe, without dispatching, and logs why', async () => {
    const { window, router, handler, records } = setup();
    const subframe = new FakeFrame('app://tiepdon/x.html', 'app://tiepdon', window.mainFrame);
    const answer = await handler({ sender: window, senderFrame: subframe }, 'devices.list', {});
    assert.deepEqual(answer, UNAUTHORISED_ANSWER);
    assert.equal(answer.ok ? '' : answer.error.code, 'UNAUTHORISED');
    assert.deepEqual(router.dispatched, []);
    assert.deepEqual(
      records.map(({ level, msg, reason, method }) => ({ level, msg, reason, method })),
      [{ level: 'warn', msg: 'api call refused', reason: 'subframe', method: 'devices.list' }],
    );
  });

  it('refuses a foreign page and an unknown webContents', async () => {
    const { window, router, handler } = setup();
    window.mainFrame = new FakeFrame('https://evil.example/', 'https://evil.example');
    assert.deepEqual(await handler({ sender: window, senderFrame: window.mainFrame }, 'system.status', {}), UNAUTHORISED_ANSWER);
    const stranger = new FakeWebContents();
    assert.deepEqual(await handler({ sender: stranger, senderFrame: stranger.mainFrame }, 'system.status', {}), UNAUTHORISED_ANSWER);
    assert.deepEqual(router.dispatched, []);
  });

  it('is registered on the call channel only, and can be removed', async () => {
    const { trusted, router, log, window } = setup();
    const handlers = new Map<string, CallHandler>();
    const dispose = registerApiHandler(
      { handle: (channel, listener) => handlers.set(channel, listener), removeHandler: (channel) => handlers.delete(channel) },
      router,
      trusted,
      log,
    );
    assert.deepEqual([...handlers.keys()], [CALL_CHANNEL]);
    await handlers.get(CALL_CHANNEL)?.({ sender: window, senderFrame: window.mainFrame }, 'devices.list', {});
    assert.deepEqual(router.dispatched, [['devices.list', {}]]);
    dispose();
    assert.equal(handlers.size, 0);
  });
});

describe('event forwarding', () => {
  function fakeEvents() {
    let listener: ((name: EventName, payload: unknown) => void) | undefined;
    return {
      subscribe(next: (name: EventName, payload: unknown) => void) {
        listener = next;
        return () => {
          listener = undefined;
        };
      },
      emit(name: EventName, payload: unknown) {
        listener?.(name, payload);
      },
      get subscribed() {
        return listener !== undefined;
      },
    };
  }

  it('sends each event on the event channel to every trusted window at the app origin', () => {
    const trusted = new TrustedContents<FakeWebContents>();
    const first = new FakeWebContents();
    const second = new FakeWebContents();
    const navigatedAway = new FakeWebContents('https://evil.example/', 'https://evil.example');
    const closed = new FakeWebContents();
    const stranger = new FakeWebContents();
    for (const contents of [first, second, navigatedAway, closed]) trusted.add(contents);
    closed.destroy();
    const events = fakeEvents();
    const stop = forwardEvents(events, trusted, recordingLogger().log);

    events.emit('devices.changed', { readers: [] });
    const expected = [[EVENT_CHANNEL, 'devices.changed', { readers: [] }]];
    assert.deepEqual(first.sent, expected);
    assert.deepEqual(second.sent, expected);
    assert.deepEqual(navigatedAway.sent, []);
    assert.deepEqual(closed.sent, []);
    assert.deepEqual(stranger.sent, []);

    stop();
    assert.equal(events.subscribed, false);
  });

  it('keeps delivering to other windows when one send fails', () => {
    const trusted = new TrustedContents<FakeWebContents>();
    const broken = new FakeWebContents();
    broken.send = () => {
      throw new Error('render process gone');
    };
    const healthy = new FakeWebContents();
    trusted.add(broken);
    trusted.add(healthy);
    const events = fakeEvents();
    const { log, records } = recordingLogger();
    forwardEvents(events, trusted, log);
    events.emit('devices.changed', 1);
    assert.equal(healthy.sent.length, 1);
    assert.equal(records[0]?.msg, 'event not delivered');
  });
});
