import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { describe, it } from 'node:test';
import { denyNavigation } from './navigation-guard.ts';
import { recordingLogger } from './test-fakes.ts';

class FakeGuardedContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }

  /** Emits like Electron: returns whether a listener called preventDefault. */
  attempt(event: string, url: string): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function guarded() {
  const contents = new FakeGuardedContents();
  const { log, records } = recordingLogger();
  denyNavigation(contents, log);
  return { contents, records };
}

describe('denyNavigation', () => {
  it('prevents every navigation, foreign or our own origin', () => {
    const { contents } = guarded();
    assert.equal(contents.attempt('will-navigate', 'https://evil.example/phish'), true);
    assert.equal(contents.attempt('will-navigate', 'app://tiepdon/other.html'), true);
    assert.equal(contents.attempt('will-navigate', 'file:///etc/passwd'), true);
  });

  it('prevents redirects and webview attachment', () => {
    const { contents } = guarded();
    assert.equal(contents.attempt('will-redirect', 'https://evil.example/'), true);
    assert.equal(contents.attempt('will-attach-webview', 'https://evil.example/'), true);
  });

  it('denies window.open for any URL', () => {
    const { contents } = guarded();
    assert.deepEqual(contents.openHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
    assert.deepEqual(contents.openHandler?.({ url: 'app://tiepdon/index.html' }), { action: 'deny' });
  });

  it('logs only the target origin, never its path or query', () => {
    const { contents, records } = guarded();
    contents.attempt('will-navigate', 'https://evil.example/patients?cccd=001099012345');
    contents.openHandler?.({ url: 'https://evil.example/p/Nguyen-Van-An' });
    assert.deepEqual(
      records.map(({ kind, target }) => ({ kind, target })),
      [
        { kind: 'navigation', target: 'https://evil.example' },
        { kind: 'window.open', target: 'https://evil.example' },
      ],
    );
    assert.doesNotMatch(JSON.stringify(records), /001099012345|Nguyen/);
  });
});
