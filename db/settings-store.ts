/**
 * The settings table as text: one value per key, with the time it was written.
 * Typed access (and validation) is the services' business.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export interface SettingsStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

export function createSettingsStore(db: Database.Database, now: () => Date = () => new Date()): SettingsStore {
  const select = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const upsert = db.prepare<[string, string, string]>(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  return {
    get: (key) => select.get(key)?.value,
    set: (key, value) => {
      upsert.run(key, value, now().toISOString());
    },
  };
}
