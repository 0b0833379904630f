/** A fresh encrypted database in a temporary folder, for tests of db/. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from '../connection.ts';

export interface TestDatabase {
  db: Database.Database;
  file: string;
  key: Buffer;
  [Symbol.dispose](): void;
}

export function openTestDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'tiepdon-db-'));
  const file = join(dir, 'tiepdon.db');
  const key = randomBytes(32);
  const opened = openDatabase({ file, key });
  return {
    db: opened.db,
    file,
    key,
    [Symbol.dispose]: () => {
      if (opened.db.open) opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The query plan's lines, e.g. "SEARCH patients USING INDEX patients_cccd (cccd=?)". */
export function queryPlan(db: Database.Database, sql: string, ...params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
}
