import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_UPDATE_SETTINGS, UpdateSettingsSchema } from '../../domain/update-api.ts';
import { checkForUpdates, planUpdateCheck, type UpdaterLike } from './auto-update.ts';
import { recordingLogger } from './test-fakes.ts';

function fakeUpdater(fail = false) {
  const calls: unknown[] = [];
  const updater: UpdaterLike = {
    setFeedURL: (options) => void calls.push(['feed', options.url]),
    checkForUpdatesAndNotify: async () => {
      calls.push(['check']);
      if (fail) throw new Error('feed unreachable');
    },
  };
  return { updater, calls };
}

describe('automatic updates', () => {
  it('are off by default', () => {
    assert.deepEqual(DEFAULT_UPDATE_SETTINGS, { enabled: false });
    assert.deepEqual(planUpdateCheck({ isPackaged: true, settings: DEFAULT_UPDATE_SETTINGS, hasUpdater: true }), { check: false, reason: 'disabled' });
  });

  it('check only a packaged app with the setting on and an updater', () => {
    const on = { enabled: true };
    assert.deepEqual(planUpdateCheck({ isPackaged: false, settings: on, hasUpdater: true }), { check: false, reason: 'not-packaged' });
    assert.deepEqual(planUpdateCheck({ isPackaged: true, settings: on, hasUpdater: false }), { check: false, reason: 'no-updater' });
    assert.deepEqual(planUpdateCheck({ isPackaged: true, settings: on, hasUpdater: true }), { check: true });
  });

  it('use the feed IT names, over https only', async () => {
    assert.equal(UpdateSettingsSchema.safeParse({ enabled: true, feedUrl: 'http://mirror.bv.local/tiepdon' }).success, false);
    const { updater, calls } = fakeUpdater();
    const { log } = recordingLogger();
    await checkForUpdates({ isPackaged: true, settings: { enabled: true, feedUrl: 'https://mirror.bv.local/tiepdon' }, updater, log });
    assert.deepEqual(calls, [['feed', 'https://mirror.bv.local/tiepdon'], ['check']]);
  });

  it('never check when off, and a failed check is a warning, not a crash', async () => {
    const off = fakeUpdater();
    const { log, records } = recordingLogger();
    await checkForUpdates({ isPackaged: true, settings: DEFAULT_UPDATE_SETTINGS, updater: off.updater, log });
    assert.deepEqual(off.calls, []);
    const failing = fakeUpdater(true);
    await checkForUpdates({ isPackaged: true, settings: { enabled: true }, updater: failing.updater, log });
    assert.ok(records.some((r) => r.level === 'warn' && r.msg === 'update check failed'));
  });
});
