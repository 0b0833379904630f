import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import type { SettingsStore } from '../../db/settings-store.ts';
import { DEFAULT_SCANNER_SETTINGS } from '../../domain/scan.ts';
import { isAppError } from '../../domain/errors.ts';
import { createLogger } from '../log.ts';
import { SCANNER_SETTINGS } from './scanner-settings.ts';
import { createSettingsRepository } from './settings-repository.ts';

function memoryStore(initial: Record<string, string> = {}): SettingsStore & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return { values, get: (key) => values.get(key), set: (key, value) => void values.set(key, value) };
}

function setUp(initial?: Record<string, string>) {
  const store = memoryStore(initial);
  const lines: string[] = [];
  const repository = createSettingsRepository(store, createLogger((line) => lines.push(line), 'debug'));
  return { store, repository, lines };
}

describe('settings repository', () => {
  it('gives the defaults until something is stored, then the stored value with defaults filled in', () => {
    const { repository, store } = setUp();
    assert.deepEqual(repository.get(SCANNER_SETTINGS), DEFAULT_SCANNER_SETTINGS);
    const saved = repository.set(SCANNER_SETTINGS, { serial: [{ path: '/dev/ttyACM0' }] });
    assert.equal(saved.serial[0]?.id, 'serial:/dev/ttyACM0');
    assert.equal(saved.serial[0]?.baudRate, 9600);
    assert.deepEqual(JSON.parse(store.values.get('scanners') ?? ''), saved);
    assert.deepEqual(repository.get(SCANNER_SETTINGS), saved);
  });

  it('refuses invalid settings with BAD_INPUT naming the field, and keeps what was stored', () => {
    const { repository, store } = setUp();
    repository.set(SCANNER_SETTINGS, { serial: [{ path: '/dev/ttyA' }] });
    const before = store.values.get('scanners');
    assert.throws(
      () => repository.set(SCANNER_SETTINGS, { serial: [{ path: '/dev/ttyA', baudRate: 1234 }] }),
      (error) => isAppError(error) && error.code === 'BAD_INPUT' && error.message.includes('serial.0.baudRate'),
    );
    assert.throws(
      () => repository.set(SCANNER_SETTINGS, { serial: [{ path: '/dev/ttyA' }, { path: '/dev/ttyA', id: 'other' }] }),
      (error) => isAppError(error) && error.message.includes('serial.1.path'),
    );
    assert.throws(
      () => repository.set(SCANNER_SETTINGS, { hid: [{ vendorId: 'xyz' }] }),
      (error) => isAppError(error) && error.message.includes('hid.0.vendorId'),
    );
    assert.equal(store.values.get('scanners'), before);
  });

  it('falls back to the defaults with a warning when the stored value is corrupt or no longer valid', () => {
    for (const stored of ['{not json', JSON.stringify({ serial: [{ path: '' }] })]) {
      const { repository, lines } = setUp({ scanners: stored });
      assert.deepEqual(repository.get(SCANNER_SETTINGS), DEFAULT_SCANNER_SETTINGS);
      assert.equal(lines.length, 1);
      assert.match(lines[0] ?? '', /"level":"warn".*"key":"scanners"/);
    }
  });

  it('refuses to save without a database but still reads defaults', () => {
    const repository = createSettingsRepository(undefined, createLogger(() => {}));
    const setting = { key: 'x', schema: z.object({ n: z.number().default(1) }), defaults: { n: 1 } };
    assert.deepEqual(repository.get(setting), { n: 1 });
    assert.throws(() => repository.set(setting, {}), (error) => isAppError(error) && error.code === 'DB_NOT_READY');
  });
});
