/** Every stored setting as text, for the diagnostics export (which leaves out secrets and the admin PIN). */
import type Database from 'better-sqlite3-multiple-ciphers';

export interface StoredSetting {
  key: string;
  value: string;
  updatedAt: string;
}

export function listSettings(db: Database.Database): StoredSetting[] {
  return db
    .prepare<[], { key: string; value: string; updated_at: string }>('SELECT key, value, updated_at FROM settings ORDER BY key')
    .all()
    .map((row) => ({ key: row.key, value: row.value, updatedAt: row.updated_at }));
}
