/**
 * The Electron secret store: each secret encrypted by the OS keychain
 * (safeStorage) in <userData>/secrets. The blob carries the secret's name, so a
 * blob copied to another name is refused. Like the database key, secrets are
 * refused outright when the keychain cannot protect them.
 */
import { join } from 'node:path';
import { createBlobSecretStore } from '../../services/secrets/blob-secret-store.ts';
import type { SecretStore } from '../../services/secrets/secret-store.ts';
import { assertKeychainProtects, type SafeStorageLike } from './database-key.ts';

export function createSafeStorageSecretStore(
  safeStorage: SafeStorageLike,
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): SecretStore {
  return createBlobSecretStore(join(dataDir, 'secrets'), {
    async seal(name, value) {
      await assertKeychainProtects(safeStorage, platform);
      return safeStorage.encryptStringAsync(JSON.stringify({ name, value }));
    },
    async open(name, blob) {
      await assertKeychainProtects(safeStorage, platform);
      const { result } = await safeStorage.decryptStringAsync(blob);
      const sealed = JSON.parse(result) as { name?: unknown; value?: unknown };
      if (sealed.name !== name || typeof sealed.value !== 'string') throw new Error('the blob belongs to another secret');
      return sealed.value;
    },
  });
}
