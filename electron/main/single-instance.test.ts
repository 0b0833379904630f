import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { claimSingleInstance, type FocusableWindow } from './single-instance.ts';
import { recordingLogger } from './test-fakes.ts';

class FakeApp extends EventEmitter {
  quits = 0;
  readonly lockHeldElsewhere: boolean;
  constructor(lockHeldElsewhere: boolean) {
    super();
    this.lockHeldElsewhere = lockHeldElsewhere;
  }
  requestSingleInstanceLock() {
    return !this.lockHeldElsewhere;
  }
  quit() {
    this.quits++;
  }
}

class FakeWindow implements FocusableWindow {
  calls: string[] = [];
  minimized = true;
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.calls.push('restore');
  }
  show() {
    this.calls.push('show');
  }
  focus() {
    this.calls.push('focus');
  }
}

describe('single-instance lock', () => {
  it('quits a second launch without starting anything', () => {
    const app = new FakeApp(true);
    const { log } = recordingLogger();
    assert.equal(claimSingleInstance(app, () => undefined, log), false);
    assert.equal(app.quits, 1);
    assert.equal(app.listenerCount('second-instance'), 0);
  });

  it('brings the running window to the front when launched again', () => {
    const app = new FakeApp(false);
    const window = new FakeWindow();
    const shown: { window?: FakeWindow } = {};
    const { log } = recordingLogger();
    assert.equal(claimSingleInstance(app, () => shown.window, log), true);
    assert.equal(app.quits, 0);

    app.emit('second-instance');
    assert.deepEqual(window.calls, [], 'no window yet during startup: nothing to focus, nothing thrown');
    shown.window = window;
    app.emit('second-instance');
    assert.deepEqual(window.calls, ['restore', 'show', 'focus']);
    window.destroyed = true;
    app.emit('second-instance');
    assert.equal(window.calls.length, 3);
  });
});
