/**
 * Browser-mode database key: 32 random bytes in a file only the owner can read.
 * (Electron keeps the key in the OS keychain through safeStorage instead.)
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, openSync, readFileSync, statSync, writeSync, closeSync } from 'node:fs';
import { AppError } from '../domain/errors.ts';

export function loadOrCreateKeyFile(path: string): Buffer {
  try {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
    if (key.length !== 32) throw new AppError('DB_NOT_READY', `The key file ${path} is damaged`);
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, key.toString('hex'));
  } finally {
    closeSync(fd);
  }
  return key;
}
