import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { AdminStatus } from '../../domain/admin-api.ts';
import { createApp } from '../../services/app.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { runAdmin } from './admin.ts';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } } };
}

describe('tiepdon admin reset-pin', () => {
  it('forgets the PIN of a browser-mode data folder, so the next opening sets a new one', async () => {
    using dir = makeTempDir();
    let app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false });
    assert.ok((await app.router.dispatch('admin.setPin', { pin: '482613' })).ok);
    await app.close();

    const run = io();
    assert.equal(await runAdmin(['reset-pin', '--data-dir', dir.path], run.io), 0);
    assert.deepEqual(JSON.parse(run.out.join('')), { pinSet: false });

    app = await createApp({ dataDir: dir.path, mode: 'headless', deviceHost: false });
    const status = await app.router.dispatch('admin.status', {});
    assert.equal(status.ok && (status.value as AdminStatus).pinSet, false);
    await app.close();
  });

  it('says in one line why it cannot open a data folder the desktop app protects', async () => {
    using dir = makeTempDir();
    writeFileSync(join(dir.path, 'db.key.enc'), 'sealed by the OS keychain');
    const run = io();
    assert.equal(await runAdmin(['reset-pin', '--data-dir', dir.path], run.io), 1);
    assert.equal(run.err.join('').trim().split('\n').length, 1);
    assert.match(run.err.join(''), /desktop app/);
  });

  it('prints its usage for anything else', async () => {
    const run = io();
    assert.equal(await runAdmin(['reset'], run.io), 2);
    assert.match(run.err.join(''), /reset-pin/);
  });
});
