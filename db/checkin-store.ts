/** The repositories check-in works with, over one connection, and a transaction to group their writes. */
import type Database from 'better-sqlite3-multiple-ciphers';
import { createAuditLog, type AuditLog } from './audit.ts';
import { createIdentityReadRepository, type IdentityReadRepository } from './identity-reads.ts';
import { createOutboxRepository, type OutboxRepository } from './outbox.ts';
import { createPatientRepository, type PatientRepository } from './patients.ts';
import { createQueueCounterRepository, type QueueCounterRepository } from './queue-counters.ts';
import { createVisitRepository, type VisitRepository } from './visits.ts';

export interface CheckinStore {
  patients: PatientRepository;
  visits: VisitRepository;
  queueCounters: QueueCounterRepository;
  outbox: OutboxRepository;
  identityReads: IdentityReadRepository;
  audit: AuditLog;
  /** Runs `work` in one transaction: all its writes are kept, or none. */
  transaction<T>(work: () => T): T;
}

export function createCheckinStore(db: Database.Database, now: () => Date = () => new Date()): CheckinStore {
  return {
    patients: createPatientRepository(db, now),
    visits: createVisitRepository(db, now),
    queueCounters: createQueueCounterRepository(db),
    outbox: createOutboxRepository(db, now),
    identityReads: createIdentityReadRepository(db, now),
    audit: createAuditLog(db, now),
    transaction: (work) => db.transaction(work)(),
  };
}
