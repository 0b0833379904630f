/**
 * Schema migrations on `PRAGMA user_version`. Versions go up in tens so a hotfix
 * can slot in between; all pending steps run in one transaction; a database
 * written by newer code is refused rather than damaged.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../domain/errors.ts';
import { migration0010Settings } from './0010-settings.ts';
import { migration0020Patients } from './0020-patients.ts';
import { migration0030IdentityReads } from './0030-identity-reads.ts';
import { migration0040Visits } from './0040-visits.ts';
import { migration0050Outbox } from './0050-outbox.ts';
import { migration0060Audit } from './0060-audit.ts';
import { migration0070VisitDetails } from './0070-visit-details.ts';
import { migration0080InsuranceChecks } from './0080-insurance-checks.ts';
import { migration0090OutboxOrder } from './0090-outbox-order.ts';
import { migration0100Payments } from './0100-payments.ts';
import { migration0110PaymentReversal } from './0110-payment-reversal.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  migration0010Settings,
  migration0020Patients,
  migration0030IdentityReads,
  migration0040Visits,
  migration0050Outbox,
  migration0060Audit,
  migration0070VisitDetails,
  migration0080InsuranceChecks,
  migration0090OutboxOrder,
  migration0100Payments,
  migration0110PaymentReversal,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export function assertMigrationsOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous && migration.version <= previous.version) {
      throw new Error(`Migration ${migration.name} (${migration.version}) is not after ${previous.name}`);
    }
  });
}

export function currentSchemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the database up to `target` (default: latest). Returns the version it ends on. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS, target?: number): number {
  assertMigrationsOrdered(migrations);
  const latest = target ?? migrations.at(-1)?.version ?? 0;
  const known = migrations.at(-1)?.version ?? 0;
  const current = currentSchemaVersion(db);
  if (current > known) {
    throw new AppError(
      'DB_FROM_FUTURE',
      `The database is at schema version ${current}, newer than this app knows (${known}); update the app`,
      { current, known },
    );
  }
  const pending = migrations.filter((m) => m.version > current && m.version <= latest);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
  db.pragma('optimize');
  return currentSchemaVersion(db);
}
