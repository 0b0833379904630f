/**
 * A SecretStore over one encrypted file per name in a directory; the cipher
 * (OS keychain or key file) is supplied. Files are 0600 in a 0700 directory and
 * replaced atomically.
 */
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ownerOnlyDirAsync, writeOwnerOnlyFile } from '../../db/owner-only-files.ts';
import { AppError } from '../../domain/errors.ts';
import { assertSecretName, type SecretStore } from './secret-store.ts';

export interface SecretCipher {
  /** Encrypts `value`, bound to `name` where the cipher can (a blob cannot be moved to another name). */
  seal(name: string, value: string): Promise<Buffer>;
  open(name: string, blob: Buffer): Promise<string>;
}

export function createBlobSecretStore(directory: string, cipher: SecretCipher): SecretStore {
  const fileOf = (name: string): string => {
    assertSecretName(name);
    return join(directory, `${name}.secret`);
  };
  return {
    async get(name) {
      const file = fileOf(name);
      const blob = await readIfExists(file);
      if (!blob) return undefined;
      try {
        return await cipher.open(name, blob);
      } catch (error) {
        throw new AppError('SECRETS_UNAVAILABLE', `The stored secret ${name} cannot be decrypted (${error instanceof Error ? error.message : 'unknown error'})`);
      }
    },
    async set(name, value) {
      const file = fileOf(name);
      const blob = await cipher.seal(name, value);
      await ownerOnlyDirAsync(directory);
      const temporary = `${file}.${process.pid}.tmp`;
      await writeOwnerOnlyFile(temporary, blob);
      await rename(temporary, file);
    },
    async has(name) {
      return (await readIfExists(fileOf(name))) !== undefined;
    },
    async delete(name) {
      await rm(fileOf(name), { force: true });
    },
  };
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
