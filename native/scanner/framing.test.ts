import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { CCCD_QR_TEXT, readHexFixture } from './fixtures/fixtures.ts';
import { FrameOverflowError, ScanFramer, type Frame, type FramerOptions } from './framing.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

function framer(options: FramerOptions) {
  const frames: Frame[] = [];
  const errors: FrameOverflowError[] = [];
  const instance = new ScanFramer(options, { onFrame: (f) => frames.push(f), onError: (e) => errors.push(e) });
  const texts = () => frames.map((f) => f.text);
  return { instance, frames, errors, texts };
}

function withMockTimers(t: TestContext): void {
  t.mock.timers.enable({ apis: ['setTimeout'] });
}

describe('ScanFramer terminators', () => {
  it('ends a scan at CR', () => {
    const f = framer({ terminator: 'cr' });
    f.instance.push(bytes('ABC\rDEF\r'));
    assert.deepEqual(f.texts(), ['ABC', 'DEF']);
    assert.deepEqual(f.frames[0], { text: 'ABC', byteLength: 3, bytes: bytes('ABC'), endedBy: 'terminator', malformed: false });
  });

  it('in CR mode swallows the LF of a CRLF even when it arrives in the next chunk', () => {
    const f = framer({ terminator: 'cr' });
    f.instance.push(bytes('ABC\r'));
    f.instance.push(bytes('\nDEF\r'));
    f.instance.push(bytes('\n'));
    assert.deepEqual(f.texts(), ['ABC', 'DEF']);
    assert.equal(f.instance.pendingBytes, 0);
  });

  it('in LF mode drops the CR before the LF', () => {
    const f = framer({ terminator: 'lf' });
    f.instance.push(bytes('ABC\r'));
    f.instance.push(bytes('\nDEF\n'));
    assert.deepEqual(f.texts(), ['ABC', 'DEF']);
  });

  it('in CRLF mode needs both bytes, split across chunks or not, and keeps a lone CR or LF as data', () => {
    const f = framer({ terminator: 'crlf' });
    f.instance.push(bytes('A\rB\nC\r'));
    assert.deepEqual(f.texts(), []);
    f.instance.push(bytes('\nD\r\n'));
    assert.deepEqual(f.texts(), ['A\rB\nC', 'D']);
  });

  it('yields no empty scans for back-to-back terminators', () => {
    const f = framer({ terminator: 'cr' });
    f.instance.push(bytes('\r\r\nABC\r\r'));
    assert.deepEqual(f.texts(), ['ABC']);
  });

  it('keeps a multi-byte character split between chunks intact', () => {
    const f = framer({ terminator: 'cr' });
    const encoded = bytes('Nguyễn\r');
    f.instance.push(encoded.subarray(0, 5)); // "Nguy" + first byte of "ễ"
    f.instance.push(encoded.subarray(5));
    assert.deepEqual(f.texts(), ['Nguyễn']);
  });

  it('frames the recorded CCCD scan (CRLF suffix) into one scan in every terminator mode', () => {
    for (const terminator of ['cr', 'lf', 'crlf'] as const) {
      const f = framer({ terminator });
      for (const chunk of readHexFixture('serial-cccd-utf8-crlf.hex')) f.instance.push(chunk);
      assert.deepEqual(f.texts(), [CCCD_QR_TEXT], terminator);
      assert.equal(f.frames[0]?.byteLength, bytes(CCCD_QR_TEXT).length);
    }
  });

  it('decodes each scan with the configured encoding', () => {
    const f = framer({ terminator: 'cr', encoding: 'latin1' });
    f.instance.push(Uint8Array.from([0x4c, 0xe1, 0x6e, 0x67, 0x0d]));
    assert.deepEqual(f.texts(), ['Láng']);
  });

  it('strips a BOM at the start of each scan and reports invalid bytes', () => {
    const f = framer({ terminator: 'cr' });
    f.instance.push(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0x0d, 0x41, 0xff, 0x0d]));
    assert.deepEqual(
      f.frames.map((frame) => [frame.text, frame.malformed]),
      [['A', false], ['A\uFFFD', true]],
    );
  });
});

describe('ScanFramer idle gap', () => {
  it('without a terminator ends a scan after the gap of silence, however it was chunked', (t) => {
    withMockTimers(t);
    const f = framer({ terminator: 'none', idleGapMs: 100 });
    f.instance.push(bytes('0010900'));
    t.mock.timers.tick(60);
    f.instance.push(bytes('12345'));
    t.mock.timers.tick(99);
    assert.deepEqual(f.texts(), []);
    t.mock.timers.tick(1);
    assert.deepEqual(f.frames, [{ text: '001090012345', byteLength: 12, bytes: bytes('001090012345'), endedBy: 'idle-gap', malformed: false }]);
    t.mock.timers.tick(1000);
    assert.equal(f.frames.length, 1);
  });

  it('with a terminator also emits a partial scan that went silent', (t) => {
    withMockTimers(t);
    const f = framer({ terminator: 'cr', idleGapMs: 50 });
    f.instance.push(bytes('ABC\rDE'));
    t.mock.timers.tick(50);
    assert.deepEqual(
      f.frames.map((frame) => [frame.text, frame.endedBy]),
      [['ABC', 'terminator'], ['DE', 'idle-gap']],
    );
  });

  it('in CRLF mode treats a trailing lone CR before the gap as the end of the scan', (t) => {
    withMockTimers(t);
    const f = framer({ terminator: 'crlf', idleGapMs: 50 });
    f.instance.push(bytes('ABC\r'));
    t.mock.timers.tick(50);
    assert.deepEqual(f.texts(), ['ABC']);
  });

  it('arms no timer when nothing is pending', (t) => {
    withMockTimers(t);
    const f = framer({ terminator: 'cr', idleGapMs: 50 });
    f.instance.push(bytes('ABC\r'));
    t.mock.timers.tick(500);
    assert.deepEqual(f.texts(), ['ABC']);
  });

  it('refuses no terminator without an idle gap', () => {
    assert.throws(() => framer({ terminator: 'none' }), RangeError);
  });
});

describe('ScanFramer length guard', () => {
  it('reports an overflow once, drops the scan and resynchronises at the next terminator', () => {
    const f = framer({ terminator: 'cr', maxFrameBytes: 8 });
    f.instance.push(bytes('12345678'));
    assert.equal(f.errors.length, 0);
    f.instance.push(bytes('9ABCDEFGHIJKLMNOP'));
    f.instance.push(bytes('QRSTUVWXYZ\rOK\r'));
    assert.equal(f.errors.length, 1);
    assert.ok(f.errors[0] instanceof FrameOverflowError);
    assert.equal(f.errors[0]?.code, 'FRAME_OVERFLOW');
    assert.equal(f.errors[0]?.limit, 8);
    assert.deepEqual(f.texts(), ['OK']);
  });

  it('accepts a scan of exactly the maximum length', () => {
    const f = framer({ terminator: 'cr', maxFrameBytes: 8 });
    f.instance.push(bytes('12345678\r'));
    assert.deepEqual(f.texts(), ['12345678']);
    assert.equal(f.errors.length, 0);
  });

  it('without a terminator resynchronises at the idle gap', (t) => {
    withMockTimers(t);
    const f = framer({ terminator: 'none', idleGapMs: 100, maxFrameBytes: 4 });
    f.instance.push(bytes('TOO LONG'));
    t.mock.timers.tick(100);
    f.instance.push(bytes('OK'));
    t.mock.timers.tick(100);
    assert.equal(f.errors.length, 1);
    assert.deepEqual(f.texts(), ['OK']);
  });

  it('never puts scanned text in the overflow message', () => {
    const f = framer({ terminator: 'cr', maxFrameBytes: 4 });
    f.instance.push(bytes('Nguyễn Văn An\r'));
    assert.doesNotMatch(f.errors[0]?.message ?? '', /Nguy/);
  });
});

describe('ScanFramer reset', () => {
  it('drops a partial scan and cancels its idle timer', (t) => {
    withMockTimers(t);
    const f = framer({ terminator: 'cr', idleGapMs: 50 });
    f.instance.push(bytes('PARTIAL'));
    f.instance.reset();
    t.mock.timers.tick(100);
    f.instance.push(bytes('NEXT\r'));
    assert.deepEqual(f.texts(), ['NEXT']);
  });
});
