import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isAppError } from '../../domain/errors.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { createKeyFileSecretStore } from './key-file-secrets.ts';

describe('key-file secret store (browser mode)', () => {
  it('stores, reads, tells and deletes secrets by name, surviving a restart', async () => {
    using dir = makeTempDir('tiepdon-secrets-');
    const store = createKeyFileSecretStore(dir.path);
    assert.equal(await store.get('his.password'), undefined);
    assert.equal(await store.has('his.password'), false);
    await store.set('his.password', 'mật khẩu bí mật');
    assert.equal(await store.has('his.password'), true);
    assert.equal(await createKeyFileSecretStore(dir.path).get('his.password'), 'mật khẩu bí mật');
    await store.delete('his.password');
    assert.equal(await store.has('his.password'), false);
    await store.delete('his.password');
  });

  it('keeps values encrypted on disk, in owner-only files', async () => {
    using dir = makeTempDir('tiepdon-secrets-');
    const store = createKeyFileSecretStore(dir.path);
    await store.set('bhxh.credentials', JSON.stringify({ user: 'bv01', password: 'plain-password-123' }));
    const [file] = readdirSync(join(dir.path, 'secrets'));
    const blob = readFileSync(join(dir.path, 'secrets', file!));
    assert.ok(!blob.includes('plain-password-123'));
    assert.ok(!blob.includes('bv01'));
    if (process.platform !== 'win32') {
      assert.equal(statSync(join(dir.path, 'secrets', file!)).mode & 0o777, 0o600);
      assert.equal(statSync(join(dir.path, 'secrets.key')).mode & 0o777, 0o600);
      assert.equal(statSync(join(dir.path, 'secrets')).mode & 0o777, 0o700);
    }
  });

  it('refuses a blob moved to another name or tampered with, with a typed error', async () => {
    using dir = makeTempDir('tiepdon-secrets-');
    const store = createKeyFileSecretStore(dir.path);
    await store.set('his.password', 'a');
    const blob = readFileSync(join(dir.path, 'secrets', 'his.password.secret'));
    writeFileSync(join(dir.path, 'secrets', 'bhxh.password.secret'), blob);
    await assert.rejects(store.get('bhxh.password'), (error) => isAppError(error) && error.code === 'SECRETS_UNAVAILABLE');
    blob[blob.length - 1]! ^= 1;
    writeFileSync(join(dir.path, 'secrets', 'his.password.secret'), blob);
    await assert.rejects(store.get('his.password'), (error) => isAppError(error) && error.code === 'SECRETS_UNAVAILABLE');
    writeFileSync(join(dir.path, 'secrets', 'his.password.secret'), 'junk');
    await assert.rejects(store.get('his.password'), (error) => isAppError(error) && error.code === 'SECRETS_UNAVAILABLE');
  });

  it('refuses names that could leave the directory or are not lower-case', async () => {
    using dir = makeTempDir('tiepdon-secrets-');
    const store = createKeyFileSecretStore(dir.path);
    for (const name of ['../db', 'a/b', '', 'His.Password', '..', 'x'.repeat(65)]) {
      await assert.rejects(store.set(name, 'v'), (error) => isAppError(error) && error.code === 'BAD_INPUT', name);
    }
  });
});
