import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeTempDir } from '../test/rig/temp-dir.ts';
import { openDatabase } from './connection.ts';
import { createSettingsStore } from './settings-store.ts';

describe('settings store', () => {
  it('stores one value per key, replaces it, and keeps it across opening the database again', () => {
    using dir = makeTempDir();
    const file = join(dir.path, 'tiepdon.db');
    const key = randomBytes(32);
    const first = openDatabase({ file, key });
    const store = createSettingsStore(first.db, () => new Date('2026-01-01T00:00:00Z'));
    assert.equal(store.get('scanners'), undefined);
    store.set('scanners', '{"a":1}');
    store.set('scanners', '{"a":2}');
    assert.equal(store.get('scanners'), '{"a":2}');
    assert.deepEqual(first.db.prepare('SELECT key, updated_at FROM settings').all(), [{ key: 'scanners', updated_at: '2026-01-01T00:00:00.000Z' }]);
    first.close();

    const again = openDatabase({ file, key });
    assert.equal(createSettingsStore(again.db).get('scanners'), '{"a":2}');
    again.close();
  });
});
