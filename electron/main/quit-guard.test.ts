import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { closeServicesBeforeQuit } from './quit-guard.ts';
import { recordingLogger } from './test-fakes.ts';

class FakeApp extends EventEmitter {
  quits = 0;
  /** Emits before-quit like Electron; returns true if the quit went ahead. */
  requestQuit(): boolean {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    return !prevented;
  }

  quit(): void {
    this.quits++;
  }
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('closeServicesBeforeQuit', () => {
  it('holds the quit until the services have closed, then quits once', async () => {
    const app = new FakeApp();
    const closing = deferred();
    let closes = 0;
    closeServicesBeforeQuit(app, () => {
      closes++;
      return closing.promise;
    }, recordingLogger().log);

    assert.equal(app.requestQuit(), false);
    assert.equal(app.requestQuit(), false, 'a second quit while closing is held too');
    await settle();
    assert.equal(app.quits, 0);
    closing.resolve();
    await settle();
    assert.equal(closes, 1);
    assert.equal(app.quits, 1);
    assert.equal(app.requestQuit(), true, 'the quit after closing goes ahead');
  });

  it('still quits when closing fails, and logs it', async () => {
    const app = new FakeApp();
    const { log, records } = recordingLogger();
    closeServicesBeforeQuit(app, () => Promise.reject(new Error('database busy')), log);
    app.requestQuit();
    await settle();
    await settle();
    assert.equal(app.quits, 1);
    assert.equal(records[0]?.error, 'database busy');
  });

  it('quits after the deadline when closing hangs', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const app = new FakeApp();
    const { log, records } = recordingLogger();
    closeServicesBeforeQuit(app, () => new Promise<void>(() => {}), log, 5_000);
    app.requestQuit();
    t.mock.timers.tick(4_999);
    await Promise.resolve();
    assert.equal(app.quits, 0);
    t.mock.timers.tick(1);
    await Promise.resolve();
    await Promise.resolve();
    assert.equal(app.quits, 1);
    assert.equal(records[0]?.msg, 'services did not close in time; quitting anyway');
  });
});
