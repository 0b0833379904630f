/**
 * Everything TiepDon keeps on disk holds patient data, keys or their traces:
 * files are 0600 and folders 0700 whatever the umask, and one that already
 * existed with a wider mode is narrowed. (Windows has no such modes: there the
 * user's profile folder is what keeps others out.)
 */
import { chmodSync, closeSync, existsSync, fchmodSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, open } from 'node:fs/promises';

export const OWNER_ONLY_FILE_MODE = 0o600;
export const OWNER_ONLY_DIR_MODE = 0o700;
/** For a process that writes the data folder: files it creates, and those of the programs it starts, are the owner's only. */
export const OWNER_ONLY_UMASK = 0o077;

const POSIX = process.platform !== 'win32';

/** Creates the folder (and any missing parent) 0700, or narrows it to 0700 if it exists. Returns the path. */
export function ownerOnlyDir(path: string): string {
  mkdirSync(path, { recursive: true, mode: OWNER_ONLY_DIR_MODE });
  if (POSIX) chmodSync(path, OWNER_ONLY_DIR_MODE);
  return path;
}

export async function ownerOnlyDirAsync(path: string): Promise<string> {
  await mkdir(path, { recursive: true, mode: OWNER_ONLY_DIR_MODE });
  if (POSIX) await chmod(path, OWNER_ONLY_DIR_MODE);
  return path;
}

/** Writes (replacing) a file that only its owner can read, even if it existed with a wider mode. */
export function writeOwnerOnlyFileSync(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'w', OWNER_ONLY_FILE_MODE);
  try {
    if (POSIX) fchmodSync(fd, OWNER_ONLY_FILE_MODE);
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

export async function writeOwnerOnlyFile(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'w', OWNER_ONLY_FILE_MODE);
  try {
    if (POSIX) await handle.chmod(OWNER_ONLY_FILE_MODE);
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

/** Creates an empty file 0600 if it is missing, or narrows an existing one to 0600, without touching its content. */
export function ownerOnlyFile(path: string): void {
  const fd = openSync(path, 'a', OWNER_ONLY_FILE_MODE);
  try {
    if (POSIX) fchmodSync(fd, OWNER_ONLY_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

/** Narrows a file to 0600 if it exists; creates nothing. */
export function narrowIfExists(path: string): void {
  if (POSIX && existsSync(path)) chmodSync(path, OWNER_ONLY_FILE_MODE);
}
