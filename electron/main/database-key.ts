/**
 * The database key in Electron: 32 random bytes, kept on disk only encrypted by
 * the OS keychain (safeStorage). If the keychain cannot protect it, the app
 * refuses to start rather than keep the key in clear.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm } from 'node:fs/promises';
import { writeOwnerOnlyFile } from '../../db/owner-only-files.ts';

/** The slice of Electron's safeStorage used here (its asynchronous API). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend?(): string;
}

export class KeychainUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeychainUnavailableError';
  }
}

export class DatabaseKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseKeyError';
  }
}

export interface DatabaseKeyOptions {
  safeStorage: SafeStorageLike;
  /** The encrypted key file, e.g. <userData>/db.key.enc. */
  file: string;
  /** A clear key file left by browser mode in the same data directory: adopted, then removed. */
  clearKeyFile?: string;
  platform?: NodeJS.Platform;
  random?: (size: number) => Buffer;
}

const KEY_BYTES = 32;
const KEY_HEX = /^[0-9a-f]{64}$/;

export async function loadOrCreateDatabaseKey(options: DatabaseKeyOptions): Promise<Buffer> {
  const { safeStorage, file } = options;
  await assertKeychainProtects(safeStorage, options.platform ?? process.platform);

  const encrypted = await readIfExists(file);
  if (encrypted) {
    let decrypted: { result: string; shouldReEncrypt: boolean };
    try {
      decrypted = await safeStorage.decryptStringAsync(encrypted);
    } catch (error) {
      // Never replace the file: a new key would make the existing database unreadable.
      throw new DatabaseKeyError(`The OS keychain cannot decrypt the database key in ${file} (${messageOf(error)})`);
    }
    const key = parseKey(decrypted.result, file);
    if (decrypted.shouldReEncrypt) await writeEncrypted(safeStorage, file, key);
    return key;
  }

  const adopted = options.clearKeyFile ? await readIfExists(options.clearKeyFile) : undefined;
  const key = adopted ? parseKey(adopted.toString('utf8').trim(), options.clearKeyFile ?? '') : (options.random ?? randomBytes)(KEY_BYTES);
  await writeEncrypted(safeStorage, file, key);
  if (adopted && options.clearKeyFile) await rm(options.clearKeyFile, { force: true });
  return key;
}

/** Refuses a keychain that cannot protect anything (no backend, or Linux's clear-text fallback). */
export async function assertKeychainProtects(safeStorage: SafeStorageLike, platform: NodeJS.Platform): Promise<void> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) {
    throw new KeychainUnavailableError('The OS keychain (safeStorage) is not available, so the database key cannot be protected');
  }
  // On Linux without a Secret Service, "basic_text" encrypts with a fixed, public password: that is clear text.
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    throw new KeychainUnavailableError(
      'No Secret Service (GNOME Keyring or KWallet) is running, so the database key cannot be protected',
    );
  }
}

/** Encrypts, proves the keychain can decrypt it again, then replaces the file atomically. */
async function writeEncrypted(safeStorage: SafeStorageLike, file: string, key: Buffer): Promise<void> {
  const hex = key.toString('hex');
  const encrypted = await safeStorage.encryptStringAsync(hex);
  if ((await safeStorage.decryptStringAsync(encrypted)).result !== hex) {
    throw new DatabaseKeyError('The OS keychain returned a different key than it was given');
  }
  const temporary = `${file}.${process.pid}.tmp`;
  await writeOwnerOnlyFile(temporary, encrypted);
  await rename(temporary, file);
}

function parseKey(hex: string, file: string): Buffer {
  if (!KEY_HEX.test(hex)) throw new DatabaseKeyError(`The database key in ${file} is damaged`);
  return Buffer.from(hex, 'hex');
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
