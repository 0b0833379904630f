import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isAppError } from '../../domain/errors.ts';
import { makeTempDir } from '../../test/rig/temp-dir.ts';
import { KeychainUnavailableError, type SafeStorageLike } from './database-key.ts';
import { createSafeStorageSecretStore } from './safe-storage-secrets.ts';

/** The OS keychain stand-in: XOR with a machine secret, so the plain text never shows in the blob. */
class FakeKeychain implements SafeStorageLike {
  available = true;
  backend = 'gnome_libsecret';
  readonly #mask = 0x5a;

  async isAsyncEncryptionAvailable() {
    return this.available;
  }
  async encryptStringAsync(plainText: string) {
    return Buffer.from(Buffer.from(plainText, 'utf8').map((byte) => byte ^ this.#mask));
  }
  async decryptStringAsync(encrypted: Buffer) {
    return { result: Buffer.from(encrypted.map((byte) => byte ^ this.#mask)).toString('utf8'), shouldReEncrypt: false };
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
}

describe('safeStorage secret store', () => {
  it('stores HIS and BHXH credentials encrypted by the keychain and reads them back', async () => {
    using dir = makeTempDir('tiepdon-safe-secrets-');
    const keychain = new FakeKeychain();
    const store = createSafeStorageSecretStore(keychain, dir.path, 'linux');
    await store.set('his.password', 'his-pass-123');
    await store.set('bhxh.credentials', '{"user":"bv","password":"bhxh-pass"}');
    assert.equal(await store.get('his.password'), 'his-pass-123');
    assert.equal(await createSafeStorageSecretStore(keychain, dir.path, 'linux').get('bhxh.credentials'), '{"user":"bv","password":"bhxh-pass"}');
    assert.ok(!readFileSync(join(dir.path, 'secrets', 'his.password.secret')).includes('his-pass-123'));
    assert.equal(await store.has('his.password'), true);
    await store.delete('his.password');
    assert.equal(await store.get('his.password'), undefined);
  });

  it('refuses to store anything when the keychain is missing or is Linux clear text', async () => {
    using dir = makeTempDir('tiepdon-safe-secrets-');
    const keychain = new FakeKeychain();
    keychain.available = false;
    await assert.rejects(createSafeStorageSecretStore(keychain, dir.path, 'linux').set('his.password', 'x'), KeychainUnavailableError);
    keychain.available = true;
    keychain.backend = 'basic_text';
    await assert.rejects(createSafeStorageSecretStore(keychain, dir.path, 'linux').set('his.password', 'x'), KeychainUnavailableError);
  });

  it('refuses a blob copied under another name', async () => {
    using dir = makeTempDir('tiepdon-safe-secrets-');
    const store = createSafeStorageSecretStore(new FakeKeychain(), dir.path, 'linux');
    await store.set('his.password', 'x');
    writeFileSync(join(dir.path, 'secrets', 'bhxh.password.secret'), readFileSync(join(dir.path, 'secrets', 'his.password.secret')));
    await assert.rejects(store.get('bhxh.password'), (error) => isAppError(error) && error.code === 'SECRETS_UNAVAILABLE');
  });
});
