import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeTempDir } from '../test/rig/temp-dir.ts';
import { appendToLogFile, createFileLogger } from './file-log.ts';

const LIMIT = 1024;
const POSIX = process.platform !== 'win32';

function logFiles(dir: string): string[] {
  return readdirSync(join(dir, 'logs')).sort();
}

describe('file log rotation', () => {
  it('rotates by size into .1 … .N, keeps N, every file under the limit and owner-only, the newest lines in the current file', () => {
    using dir = makeTempDir();
    const log = createFileLogger(dir.path, 'info', { maxBytes: LIMIT, maxFiles: 3 });
    // About 100 bytes a line: 200 lines is some 20 KB, twenty rotations' worth.
    for (let i = 0; i < 200; i++) log.info('queue tick', { seq: i });
    const logs = join(dir.path, 'logs');
    assert.deepEqual(logFiles(dir.path), ['tiepdon.log', 'tiepdon.log.1', 'tiepdon.log.2', 'tiepdon.log.3']);
    const seqs = (name: string) =>
      readFileSync(join(logs, name), 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => (JSON.parse(line) as { seq: number }).seq);
    for (const name of logFiles(dir.path)) {
      const { size, mode } = statSync(join(logs, name));
      assert.ok(size > 0 && size <= LIMIT, `${name} is ${size} bytes`);
      if (POSIX) assert.equal(mode & 0o777, 0o600, `${name} mode ${(mode & 0o777).toString(8)}`);
    }
    const current = seqs('tiepdon.log');
    assert.equal(current.at(-1), 199);
    // Each older file ends right where the next newer one starts: nothing lost between them.
    assert.equal(seqs('tiepdon.log.1').at(-1), current[0]! - 1);
    assert.equal(seqs('tiepdon.log.2').at(-1), seqs('tiepdon.log.1')[0]! - 1);
    assert.equal(seqs('tiepdon.log.3').at(-1), seqs('tiepdon.log.2')[0]! - 1);
  });

  it('keeps rotating from a file an earlier run left, and a line longer than the limit gets a file of its own', () => {
    using dir = makeTempDir();
    appendToLogFile(dir.path, { maxBytes: LIMIT })('x'.repeat(LIMIT - 10));
    const append = appendToLogFile(dir.path, { maxBytes: LIMIT, maxFiles: 2 });
    append('y'.repeat(2 * LIMIT));
    append('z');
    const read = (name: string) => readFileSync(join(dir.path, 'logs', name), 'utf8');
    assert.deepEqual(logFiles(dir.path), ['tiepdon.log', 'tiepdon.log.1', 'tiepdon.log.2']);
    assert.equal(read('tiepdon.log'), 'z\n');
    assert.equal(read('tiepdon.log.1'), 'y'.repeat(2 * LIMIT) + '\n');
    assert.equal(read('tiepdon.log.2'), 'x'.repeat(LIMIT - 10) + '\n');
  });

  it('a rotation that fails is reported once on stderr and logging goes on in the current file', (t) => {
    using dir = makeTempDir();
    const stderr: string[] = [];
    t.mock.method(process.stderr, 'write', (chunk: string) => {
      stderr.push(String(chunk));
      return true;
    });
    const append = appendToLogFile(dir.path, { maxBytes: LIMIT, maxFiles: 2 });
    // The oldest slot cannot be deleted: a folder with something in it.
    mkdirSync(join(dir.path, 'logs', 'tiepdon.log.2'));
    writeFileSync(join(dir.path, 'logs', 'tiepdon.log.2', 'keep'), '');
    const line = 'l'.repeat(99);
    assert.doesNotThrow(() => {
      for (let i = 0; i < 50; i++) append(line);
    });
    assert.equal(stderr.filter((s) => s.includes('log rotation failed')).length, 1, stderr.join(''));
    assert.equal(readFileSync(join(dir.path, 'logs', 'tiepdon.log'), 'utf8'), `${line}\n`.repeat(50));
  });
});
