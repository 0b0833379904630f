import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { makeTempDir } from '../test/rig/temp-dir.ts';
import { openDatabase } from './connection.ts';
import { ownerOnlyDir, ownerOnlyFile, writeOwnerOnlyFile, writeOwnerOnlyFileSync } from './owner-only-files.ts';

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

describe('owner-only files', { skip: process.platform === 'win32' && 'POSIX modes' }, () => {
  // The usual desktop umask, under which a file opened with the default mode is readable by everyone.
  before(() => process.umask(0o022));

  it('creates folders 0700 and narrows one that existed wider', () => {
    using dir = makeTempDir();
    const existing = join(dir.path, 'existing');
    mkdirSync(existing, { mode: 0o755 });
    chmodSync(existing, 0o755);
    ownerOnlyDir(existing);
    assert.equal(modeOf(existing), '700');
    const fresh = join(dir.path, 'a', 'b');
    assert.equal(ownerOnlyDir(fresh), fresh);
    assert.equal(modeOf(fresh), '700');
    assert.equal(modeOf(join(dir.path, 'a')), '700', 'a parent it creates too');
  });

  it('writes files 0600, replacing one that existed wider', async () => {
    using dir = makeTempDir();
    const sync = join(dir.path, 'sync.json');
    const later = join(dir.path, 'later.zip');
    for (const file of [sync, later]) writeFileSync(file, 'old content that is longer', { mode: 0o644 });
    writeOwnerOnlyFileSync(sync, '{}');
    await writeOwnerOnlyFile(later, Buffer.from('zip'));
    assert.deepEqual([modeOf(sync), readFileSync(sync, 'utf8')], ['600', '{}']);
    assert.deepEqual([modeOf(later), readFileSync(later, 'utf8')], ['600', 'zip']);
  });

  it('narrows a file in place without touching its content', () => {
    using dir = makeTempDir();
    const file = join(dir.path, 'tiepdon.log');
    writeFileSync(file, 'line\n', { mode: 0o644 });
    ownerOnlyFile(file);
    assert.deepEqual([modeOf(file), readFileSync(file, 'utf8')], ['600', 'line\n']);
  });

  it('gives the database and its WAL and shared-memory files 0600, in a folder that existed', () => {
    using dir = makeTempDir();
    chmodSync(dir.path, 0o755);
    const file = join(dir.path, 'tiepdon.db');
    const opened = openDatabase({ file, key: randomBytes(32) });
    try {
      opened.db.exec('CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (1)');
      for (const name of ['tiepdon.db', 'tiepdon.db-wal', 'tiepdon.db-shm']) {
        assert.ok(existsSync(join(dir.path, name)), name);
        assert.equal(modeOf(join(dir.path, name)), '600', name);
      }
    } finally {
      opened.close();
    }
  });

  it('narrows a database left world-readable by an older version, with its side files', () => {
    using dir = makeTempDir();
    const file = join(dir.path, 'tiepdon.db');
    const key = randomBytes(32);
    openDatabase({ file, key }).close();
    chmodSync(file, 0o644);
    for (const suffix of ['-wal', '-shm', '-journal']) writeFileSync(file + suffix, '', { mode: 0o644 });
    const opened = openDatabase({ file, key });
    try {
      opened.db.exec('CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (1)');
      assert.equal(modeOf(file), '600');
      for (const suffix of ['-wal', '-shm', '-journal']) if (existsSync(file + suffix)) assert.equal(modeOf(file + suffix), '600', suffix);
    } finally {
      opened.close();
    }
  });
});
