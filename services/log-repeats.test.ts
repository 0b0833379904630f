import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { createLogger } from './log.ts';
import { collapsingRepeats } from './log-repeats.ts';

const WINDOW_MS = 1_000;

function capture() {
  const raw: string[] = [];
  const log = collapsingRepeats(
    createLogger((line) => raw.push(line), 'debug'),
    { windowMs: WINDOW_MS },
  );
  const lines = () => raw.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { log, lines };
}

describe('collapsingRepeats', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('writes the first of identical warnings, then one line with how many more came in the window', () => {
    const { log, lines } = capture();
    for (let i = 0; i < 5_000; i++) log.warn('bridge refused a connection', { reason: 'Unauthorized' });
    assert.equal(lines().length, 1);
    mock.timers.tick(WINDOW_MS);
    assert.deepEqual(
      lines().map(({ msg, reason, moreLikeThis, withinMs }) => ({ msg, reason, moreLikeThis, withinMs })),
      [
        { msg: 'bridge refused a connection', reason: 'Unauthorized', moreLikeThis: undefined, withinMs: undefined },
        { msg: 'bridge refused a connection', reason: 'Unauthorized', moreLikeThis: 4_999, withinMs: WINDOW_MS },
      ],
    );
  });

  it('writes one summary per window while the flood goes on, and the next one whole once it has stopped', () => {
    const { log, lines } = capture();
    log.error('reader failed');
    for (let window = 0; window < 3; window++) {
      log.error('reader failed');
      log.error('reader failed');
      mock.timers.tick(WINDOW_MS);
    }
    mock.timers.tick(WINDOW_MS);
    log.error('reader failed');
    assert.deepEqual(
      lines().map((line) => line['moreLikeThis']),
      [undefined, 2, 2, 2, undefined],
    );
  });

  it('counts only lines alike in level, message, fields and bindings', () => {
    const { log, lines } = capture();
    const bridge = log.child({ component: 'bridge' });
    bridge.warn('refused', { reason: 'Forbidden' });
    bridge.warn('refused', { reason: 'Unauthorized' });
    log.warn('refused', { reason: 'Forbidden' });
    bridge.error('refused', { reason: 'Forbidden' });
    bridge.warn('refused', { reason: 'Forbidden' });
    assert.equal(lines().length, 4);
  });

  it('writes debug and info lines as they come', () => {
    const { log, lines } = capture();
    for (let i = 0; i < 3; i++) log.info('polled');
    assert.equal(lines().length, 3);
  });
});
