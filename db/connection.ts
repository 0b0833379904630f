/** Opens the encrypted SQLite database (SQLCipher format) and brings its schema up to date. */
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../domain/errors.ts';
import { migrate, type Migration, MIGRATIONS } from './migrations/index.ts';
import { narrowIfExists, ownerOnlyFile } from './owner-only-files.ts';

export interface OpenDatabaseOptions {
  file: string;
  /** 32 random bytes. Raw keys skip SQLCipher's key derivation, which would only slow every start. */
  key: Buffer;
  migrations?: readonly Migration[];
}

export interface OpenedDatabase {
  db: Database.Database;
  schemaVersion: number;
  close(): void;
}

export function openDatabase({ file, key, migrations = MIGRATIONS }: OpenDatabaseOptions): OpenedDatabase {
  if (key.length !== 32) throw new AppError('DB_NOT_READY', 'The database key must be 32 bytes');
  ownerOnlyDatabaseFiles(file);
  const db = new Database(file);
  try {
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    // The first read proves the key: a wrong key reads as "file is not a database".
    db.pragma('schema_version');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Every page read from disk is decrypted: a 32 MiB cache keeps the hot index pages of a million patients decrypted.
    db.pragma('cache_size = -32768');
    const schemaVersion = migrate(db, migrations);
    return { db, schemaVersion, close: () => db.close() };
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') {
      throw new AppError('DB_NOT_READY', 'The database cannot be opened with this key (wrong key or not a TiepDon database)');
    }
    throw new AppError('DB_NOT_READY', `The database cannot be opened: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * SQLite creates -wal, -shm and -journal with exactly the database file's mode, ignoring the umask:
 * so the database file is made 0600 before SQLite opens it, and side files left by an older run are narrowed too.
 */
function ownerOnlyDatabaseFiles(file: string): void {
  if (file === ':memory:' || file === '') return;
  ownerOnlyFile(file);
  for (const suffix of ['-wal', '-shm', '-journal']) narrowIfExists(file + suffix);
}
