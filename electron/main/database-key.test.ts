import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { DatabaseKeyError, KeychainUnavailableError, loadOrCreateDatabaseKey, type SafeStorageLike } from './database-key.ts';

/**
 * Stands in for the OS keychain: a reversible transform tagged with the secret
 * that made it. Encrypts with the current secret, decrypts with any accepted
 * one, and asks for re-encryption when an older secret was used (key rotation).
 */
class FakeSafeStorage implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';
  secret = 'keychain-secret-1';
  accepted = new Set(['keychain-secret-1']);
  encryptions = 0;

  rotate(to: string, keepOld: boolean) {
    if (!keepOld) this.accepted.clear();
    this.accepted.add(to);
    this.secret = to;
  }

  async isAsyncEncryptionAvailable() {
    return this.available;
  }

  async encryptStringAsync(plainText: string) {
    this.encryptions++;
    return Buffer.from(`${this.secret}|${Buffer.from(plainText).toString('base64')}`);
  }

  async decryptStringAsync(encrypted: Buffer) {
    const [secret, body] = encrypted.toString().split('|');
    if (secret === undefined || !this.accepted.has(secret) || body === undefined) throw new Error('Error while decrypting the ciphertext');
    return { result: Buffer.from(body, 'base64').toString(), shouldReEncrypt: secret !== this.secret };
  }

  getSelectedStorageBackend() {
    return this.backend;
  }
}

const fixedKey = Buffer.alloc(32, 0xab);

function setup() {
  const dir = makeTempDir('tiepdon-key-');
  const safeStorage = new FakeSafeStorage();
  const file = join(dir.path, 'db.key.enc');
  const options = { safeStorage, file, platform: 'linux' as const, random: () => Buffer.from(fixedKey) };
  return { dir, safeStorage, file, options };
}

describe('database key in safeStorage', () => {
  it('creates a 32-byte key, stores it encrypted and owner-only, and reads the same key back', async () => {
    const { dir, file, options } = setup();
    using _ = dir;
    const created = await loadOrCreateDatabaseKey({ ...options, random: undefined });
    assert.equal(created.length, 32);
    const stored = readFileSync(file);
    assert.ok(!stored.includes(created.toString('hex')), 'the key must not be on disk in clear');
    assert.ok(!stored.includes(created), 'the raw key bytes must not be on disk');
    if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
    const again = await loadOrCreateDatabaseKey(options);
    assert.deepEqual(again, created);
  });

  it('uses fresh randomness for a new key', async () => {
    const first = setup();
    const second = setup();
    using _a = first.dir;
    using _b = second.dir;
    const a = await loadOrCreateDatabaseKey({ ...first.options, random: undefined });
    const b = await loadOrCreateDatabaseKey({ ...second.options, random: undefined });
    assert.notDeepEqual(a, b);
  });

  it('refuses when encryption is unavailable, and writes nothing', async () => {
    const { dir, safeStorage, file, options } = setup();
    using _ = dir;
    safeStorage.available = false;
    await assert.rejects(loadOrCreateDatabaseKey(options), KeychainUnavailableError);
    assert.equal(existsSync(file), false);
    assert.equal(safeStorage.encryptions, 0);
  });

  it('refuses the Linux basic_text backend (a fixed password), but not on other platforms', async () => {
    const { dir, safeStorage, file, options } = setup();
    using _ = dir;
    safeStorage.backend = 'basic_text';
    await assert.rejects(loadOrCreateDatabaseKey(options), /Secret Service/);
    assert.equal(existsSync(file), false);
    assert.deepEqual(await loadOrCreateDatabaseKey({ ...options, platform: 'win32' }), fixedKey);
  });

  it('refuses to start with a key the keychain can no longer decrypt, and keeps the file', async () => {
    const { dir, safeStorage, file, options } = setup();
    using _ = dir;
    await loadOrCreateDatabaseKey(options);
    const before = readFileSync(file);
    safeStorage.rotate('another-keychain', false);
    await assert.rejects(loadOrCreateDatabaseKey(options), DatabaseKeyError);
    assert.deepEqual(readFileSync(file), before);
  });

  it('refuses a damaged key file', async () => {
    const { dir, safeStorage, file, options } = setup();
    using _ = dir;
    writeFileSync(file, await safeStorage.encryptStringAsync('not a key'));
    await assert.rejects(loadOrCreateDatabaseKey(options), /damaged/);
  });

  it('re-encrypts the same key when the keychain rotated its secret', async () => {
    const { dir, safeStorage, file, options } = setup();
    using _ = dir;
    await loadOrCreateDatabaseKey(options);
    safeStorage.rotate('keychain-secret-2', true);
    assert.deepEqual(await loadOrCreateDatabaseKey(options), fixedKey);
    assert.match(readFileSync(file, 'utf8'), /^keychain-secret-2\|/);
    safeStorage.rotate('keychain-secret-2', false);
    assert.deepEqual(await loadOrCreateDatabaseKey(options), fixedKey);
  });

  it('adopts the clear key browser mode left, then removes the clear file', async () => {
    const { dir, file, options } = setup();
    using _ = dir;
    const clearKeyFile = join(dir.path, 'db.key');
    const browserKey = Buffer.alloc(32, 0x17);
    writeFileSync(clearKeyFile, browserKey.toString('hex'));
    assert.deepEqual(await loadOrCreateDatabaseKey({ ...options, clearKeyFile }), browserKey);
    assert.equal(existsSync(clearKeyFile), false);
    assert.ok(!readFileSync(file).includes(browserKey.toString('hex')));
    assert.deepEqual(await loadOrCreateDatabaseKey({ ...options, clearKeyFile }), browserKey);
  });

  it('does not adopt a clear key while the keychain is unavailable', async () => {
    const { dir, safeStorage, options } = setup();
    using _ = dir;
    const clearKeyFile = join(dir.path, 'db.key');
    writeFileSync(clearKeyFile, Buffer.alloc(32, 1).toString('hex'));
    safeStorage.available = false;
    await assert.rejects(loadOrCreateDatabaseKey({ ...options, clearKeyFile }), KeychainUnavailableError);
    assert.equal(existsSync(clearKeyFile), true);
  });

  it('refuses a keychain that does not give back what it encrypted', async () => {
    const { dir, safeStorage, file, options } = setup();
    using _ = dir;
    safeStorage.decryptStringAsync = async () => ({ result: 'something else', shouldReEncrypt: false });
    await assert.rejects(loadOrCreateDatabaseKey(options), /different key/);
    assert.equal(existsSync(file), false);
  });
});
