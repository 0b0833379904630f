/**
 * The desk's fallback queue counters: one row per clinic, day and desk prefix.
 * Each increment is a single UPSERT … RETURNING under an immediate (write)
 * transaction, so two connections to the same file never get the same number.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { LocalQueueCounter } from '../domain/checkin/index.ts';

/** Splits a key made by domain/checkin's queueCounterKey ("clinic|day|prefix"). */
export function parseQueueCounterKey(key: string): { clinic: string; day: string; deskPrefix: string } {
  const parts = key.split('|');
  const [clinic, day, deskPrefix] = parts;
  if (parts.length !== 3 || !clinic || !day || !deskPrefix) throw new RangeError('not a queue counter key');
  return { clinic, day, deskPrefix };
}

export interface QueueCounterRepository extends LocalQueueCounter {
  increment(key: string): number;
  /** The last number given for the key, 0 when none was. */
  current(key: string): number;
}

export function createQueueCounterRepository(db: Database.Database): QueueCounterRepository {
  const upsert = db.prepare<[string, string, string], { last_number: number }>(
    `INSERT INTO queue_counters (clinic, day, desk_prefix, last_number) VALUES (?, ?, ?, 1)
     ON CONFLICT (clinic, day, desk_prefix) DO UPDATE SET last_number = last_number + 1
     RETURNING last_number`,
  );
  const select = db.prepare<[string, string, string], { last_number: number }>(
    'SELECT last_number FROM queue_counters WHERE clinic = ? AND day = ? AND desk_prefix = ?',
  );
  const increment = db.transaction((clinic: string, day: string, deskPrefix: string): number => upsert.get(clinic, day, deskPrefix)!.last_number);
  return {
    increment(key) {
      const { clinic, day, deskPrefix } = parseQueueCounterKey(key);
      // Immediate: the write lock is taken before reading, never upgraded mid-transaction.
      return increment.immediate(clinic, day, deskPrefix);
    },
    current(key) {
      const { clinic, day, deskPrefix } = parseQueueCounterKey(key);
      return select.get(clinic, day, deskPrefix)?.last_number ?? 0;
    },
  };
}
