import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkSender } from './sender-check.ts';
import { FakeFrame, FakeWebContents } from './test-fakes.ts';
import { TrustedContents } from './trusted-contents.ts';

function setup() {
  const trusted = new TrustedContents<FakeWebContents>();
  const contents = new FakeWebContents();
  trusted.add(contents);
  return { trusted, contents };
}

describe('checkSender', () => {
  it('accepts the main frame of a trusted window at the app origin', () => {
    const { trusted, contents } = setup();
    assert.deepEqual(checkSender({ sender: contents, senderFrame: contents.mainFrame }, trusted), { trusted: true });
  });

  it('refuses a subframe of a trusted window, even at the app origin', () => {
    const { trusted, contents } = setup();
    const child = new FakeFrame('app://tiepdon/frame.html', 'app://tiepdon', contents.mainFrame);
    assert.deepEqual(checkSender({ sender: contents, senderFrame: child }, trusted), { trusted: false, reason: 'subframe' });
  });

  it('refuses a main frame showing a foreign origin', () => {
    const { trusted, contents } = setup();
    for (const [url, origin] of [
      ['https://evil.example/', 'https://evil.example'],
      ['file:///etc/passwd', 'null'],
      ['app://tiepdon.evil.example/index.html', 'app://tiepdon.evil.example'],
      ['app://tiepdon:8080/index.html', 'app://tiepdon:8080'],
      ['about:blank', 'app://tiepdon'],
    ] as const) {
      contents.mainFrame = new FakeFrame(url, origin);
      assert.deepEqual(checkSender({ sender: contents, senderFrame: contents.mainFrame }, trusted), { trusted: false, reason: 'foreign origin' }, url);
    }
  });

  it('refuses a webContents the app did not create', () => {
    const { trusted } = setup();
    const stranger = new FakeWebContents();
    assert.deepEqual(checkSender({ sender: stranger, senderFrame: stranger.mainFrame }, trusted), {
      trusted: false,
      reason: 'unknown webContents',
    });
  });

  it('refuses an object that only copies a trusted id', () => {
    const { trusted, contents } = setup();
    const impostor = { id: contents.id };
    assert.equal(checkSender({ sender: impostor, senderFrame: contents.mainFrame }, trusted).trusted, false);
  });

  it('refuses once the window is destroyed', () => {
    const { trusted, contents } = setup();
    contents.destroy();
    assert.deepEqual(checkSender({ sender: contents, senderFrame: contents.mainFrame }, trusted), {
      trusted: false,
      reason: 'unknown webContents',
    });
  });

  it('refuses a sender frame that is gone, destroyed or detached', () => {
    const { trusted, contents } = setup();
    assert.deepEqual(checkSender({ sender: contents, senderFrame: null }, trusted), { trusted: false, reason: 'frame gone' });
    const destroyed = new FakeFrame('app://tiepdon/index.html', 'app://tiepdon');
    destroyed.destroyed = true;
    assert.deepEqual(checkSender({ sender: contents, senderFrame: destroyed }, trusted), { trusted: false, reason: 'frame gone' });
    const detached = new FakeFrame('app://tiepdon/index.html', 'app://tiepdon');
    detached.detached = true;
    assert.deepEqual(checkSender({ sender: contents, senderFrame: detached }, trusted), { trusted: false, reason: 'frame gone' });
  });
});

describe('TrustedContents', () => {
  it('lists live contents and forgets destroyed ones', () => {
    const trusted = new TrustedContents<FakeWebContents>();
    const first = new FakeWebContents();
    const second = new FakeWebContents();
    trusted.add(first);
    trusted.add(second);
    assert.deepEqual(trusted.list(), [first, second]);
    first.destroy();
    assert.deepEqual(trusted.list(), [second]);
    assert.equal(trusted.has(first), false);
    assert.equal(trusted.has(null), false);
  });
});
