/**
 * Browser-mode secrets: AES-256-GCM with a random 32-byte key kept in a 0600
 * file (<dataDir>/secrets.key), the secret's name as associated data.
 * Electron uses the OS keychain instead (electron/main/safe-storage-secrets.ts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadOrCreateKeyFile } from '../../db/key-file.ts';
import { createBlobSecretStore, type SecretCipher } from './blob-secret-store.ts';
import type { SecretStore } from './secret-store.ts';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function aesGcmCipher(key: Buffer): SecretCipher {
  return {
    async seal(name, value) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(name, 'utf8'));
      const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), body]);
    },
    async open(name, blob) {
      if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== VERSION) throw new Error('unknown format');
      const iv = blob.subarray(1, 1 + IV_BYTES);
      const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(Buffer.from(name, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}

/** The key file is created on the first secret written or read, not before. */
export function createKeyFileSecretStore(dataDir: string): SecretStore {
  let key: Buffer | undefined;
  const keyOf = () => (key ??= loadOrCreateKeyFile(join(dataDir, 'secrets.key')));
  return createBlobSecretStore(join(dataDir, 'secrets'), {
    seal: (name, value) => aesGcmCipher(keyOf()).seal(name, value),
    open: (name, blob) => aesGcmCipher(keyOf()).open(name, blob),
  });
}
