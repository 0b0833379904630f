/**
 * The insurance check at reception. A check runs for a patient (and visit) and
 * its result is stored; when the gateway cannot be reached the check is kept as
 * "to verify" and retried in the background with growing waits — the pending
 * checks live in the database, so a restart picks them up — until the result
 * lands. Every landing is announced (`insurance.result`, no names) and, for a
 * visit, passed to `onVisitInsuranceChanged` so other systems learn of it.
 */
import { AppError } from '../../domain/errors.ts';
import type {
  InsuranceCheckInput,
  InsuranceCheckView,
  InsuranceFailure,
  InsuranceResultEvent,
  InsuranceTestResult,
} from '../../domain/insurance-api.ts';
import { InsuranceCheckResultSchema, type InsuranceCheckResult } from '../../domain/insurance/check-result.ts';
import type { LookupSubject } from '../../domain/insurance/lookup-plan.ts';
import { parseIsoPartialDate } from '../../domain/identity/partial-date.ts';
import type { Patient } from '../../domain/patient.ts';
import type { InsuranceCheckRecord, InsuranceCheckRepository, InsuranceCheckRequest } from '../../db/insurance-checks.ts';
import { silentLogger, type Logger } from '../log.ts';
import { noIdentifier, type CardLookup } from './card-lookup.ts';
import { GatewayError, type GatewayClient } from './gateway-client.ts';
import type { InsuranceSettings } from '../../domain/insurance-api.ts';

export interface BackgroundRetryPolicy {
  baseMs: number;
  maxMs: number;
  /** After this many attempts a check stops waiting and needs a person. */
  maxAttempts: number;
  /** How long one attempt may hold a check before another may take it. */
  leaseMs: number;
}

export const DEFAULT_BACKGROUND_RETRY: BackgroundRetryPolicy = { baseMs: 30_000, maxMs: 15 * 60_000, maxAttempts: 60, leaseMs: 5 * 60_000 };

export interface InsuranceServiceOptions {
  /** Undefined while the database is not ready. */
  checks: InsuranceCheckRepository | undefined;
  patients: { get(id: number): Patient | undefined } | undefined;
  client: GatewayClient;
  lookup: CardLookup;
  settings: () => InsuranceSettings;
  emit: (event: InsuranceResultEvent) => void;
  /** Called after a result landed on a visit has committed. */
  onVisitInsuranceChanged?: (visitId: number) => void;
  /**
   * Runs inside the transaction that lands a result on a visit (or gives a
   * landed result to a new visit), e.g. to queue the HIS update with it.
   */
  recordVisitResult?: (visitId: number, check: InsuranceCheckView) => void;
  /** The transaction the landing and `recordVisitResult` share. */
  transaction?: <T>(work: () => T) => T;
  retry?: BackgroundRetryPolicy;
  log?: Logger;
  now?: () => Date;
}

export interface InsuranceService {
  check(input: InsuranceCheckInput): Promise<InsuranceCheckView>;
  forVisit(visitId: number): InsuranceCheckView | null;
  /** A visit was created for the patient: the check made at identification today becomes the visit's. */
  visitCreated(input: { patientId: number; visitId: number; since: string }): InsuranceCheckView | null;
  forPatient(patientId: number): InsuranceCheckView | null;
  /** Logs in afresh with the app's client (the stored settings), or with `probe`, a client for settings not saved. */
  testConnection(probe?: GatewayClient): Promise<InsuranceTestResult>;
  /** Runs the checks that are due now; resolves with how many ran (tests call it; the timer does too). */
  runDue(): Promise<number>;
  /** Starts the background retries (pending checks from before a restart included). */
  start(): void;
  /**
   * Stops the background retries and resolves once no check is in flight, so
   * the database can close after it. Abort the gateway client's calls first
   * (its `signal`), or this waits for them.
   */
  close(): Promise<void>;
}

/** Outcomes a person must look at rather than act on directly. */
const NEEDS_REVIEW = new Set(['unknown', 'bad-request']);

export function retryDelayMs(attempts: number, policy: BackgroundRetryPolicy): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

export function toView(record: InsuranceCheckRecord): InsuranceCheckView {
  const parsed = record.result === null ? null : InsuranceCheckResultSchema.safeParse(record.result);
  return {
    id: record.id,
    patientId: record.patientId,
    visitId: record.visitId,
    status: record.status,
    result: parsed?.success ? parsed.data : null,
    attempts: record.attempts,
    nextAttemptAt: record.status === 'to-verify' ? record.nextAttemptAt : null,
    lastFailure: record.lastFailure,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function createInsuranceService(options: InsuranceServiceOptions): InsuranceService {
  const log = options.log ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const policy = options.retry ?? DEFAULT_BACKGROUND_RETRY;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let closed = true;
  let draining: Promise<number> | null = null;
  /** Set by close(): no new check starts. */
  let shutDown = false;
  const inFlight = new Set<Promise<unknown>>();
  const inTransaction = options.transaction ?? (<T>(work: () => T): T => work());
  /** Tracks a check in flight, for close() to wait on. */
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.then(
      () => inFlight.delete(work),
      () => inFlight.delete(work),
    );
    return work;
  };

  const repository = (): InsuranceCheckRepository => {
    if (!options.checks) throw new AppError('DB_NOT_READY', 'Insurance checks cannot be stored: the database is not ready');
    return options.checks;
  };

  function subjectOf(patient: Patient, request: InsuranceCheckRequest, settings: InsuranceSettings): LookupSubject {
    const birthDate = parseIsoPartialDate(request.birthDate ?? patient.birthDate);
    if (!birthDate) throw new AppError('BAD_INPUT', 'The birth date cannot be sent to the gateway');
    return {
      cardCode: request.cardCode,
      bhxhNumber: patient.bhxhNumber,
      cccd: settings.cccdLookup ? patient.cccd : undefined,
      fullName: request.fullName ?? patient.fullName,
      birthDate,
    };
  }

  function announce(record: InsuranceCheckRecord): void {
    const result = toView(record).result;
    options.emit({
      checkId: record.id,
      patientId: record.patientId,
      visitId: record.visitId,
      status: record.status,
      code: result?.code ?? null,
      outcome: result?.outcome ?? null,
      action: result?.action ?? null,
    });
    if (record.visitId !== null && (record.status === 'done' || record.status === 'needs-review')) {
      try {
        options.onVisitInsuranceChanged?.(record.visitId);
      } catch (error) {
        log.error('visit insurance change not passed on', { checkId: record.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  function land(record: InsuranceCheckRecord, result: InsuranceCheckResult): InsuranceCheckRecord {
    const stored = inTransaction(() => {
      const landed = repository().complete(record.id, {
        status: NEEDS_REVIEW.has(result.outcome) ? 'needs-review' : 'done',
        code: result.code,
        outcome: result.outcome,
        strategy: result.strategy,
        result,
      });
      if (landed?.visitId != null) options.recordVisitResult?.(landed.visitId, toView(landed));
      return landed;
    });
    if (!stored) {
      // A newer check of the same visit or patient replaced this one while it ran.
      log.info('insurance check result dropped: the check was replaced', { checkId: record.id });
      return repository().get(record.id) ?? record;
    }
    log.info('insurance check landed', { checkId: record.id, code: result.code, strategy: result.strategy, lookups: result.lookups });
    announce(stored);
    return stored;
  }

  function fail(record: InsuranceCheckRecord, failure: InsuranceFailure, transient: boolean): InsuranceCheckRecord {
    const exhausted = record.attempts >= policy.maxAttempts;
    if (!transient || exhausted) {
      const halted = repository().halt(record.id, failure);
      if (halted.status !== 'needs-review') return halted; // replaced by a newer check meanwhile
      log.warn('insurance check needs a person', { checkId: record.id, failure, attempts: record.attempts });
      announce(halted);
      return halted;
    }
    const nextAttemptAt = new Date(now().getTime() + retryDelayMs(record.attempts, policy)).toISOString();
    const postponed = repository().postpone(record.id, { failure, nextAttemptAt });
    if (postponed.status !== 'to-verify') return postponed;
    log.info('insurance check to verify later', { checkId: record.id, failure, attempts: record.attempts });
    announce(postponed);
    schedule();
    return postponed;
  }

  /** One attempt at a claimed check. */
  async function attempt(record: InsuranceCheckRecord, subject: LookupSubject, settings: InsuranceSettings): Promise<InsuranceCheckRecord> {
    try {
      const result = await options.lookup.run(subject, {
        cccdAccepted: settings.cccdLookup,
        strategies: true,
        exemption: settings.exemptionLookup,
        now,
      });
      return land(record, result);
    } catch (error) {
      // A maintenance page instead of JSON is common and passes: retried like an outage.
      if (error instanceof GatewayError) return fail(record, error.kind, error.transient || error.kind === 'malformed');
      // Anything else (the credentials store locked, a bug) is retried too, counting attempts, so the
      // check neither stays running forever nor escapes maxAttempts; the caller still hears why.
      log.error('insurance check failed outside the gateway', { checkId: record.id, error: error instanceof Error ? error.name : typeof error });
      fail(record, 'not-configured', true);
      throw error;
    }
  }

  async function retryOne(record: InsuranceCheckRecord): Promise<void> {
    const patient = options.patients?.get(record.patientId);
    if (!patient) {
      announce(repository().halt(record.id, 'malformed'));
      return;
    }
    const settings = options.settings();
    let subject: LookupSubject;
    try {
      subject = subjectOf(patient, record.request ?? {}, settings);
    } catch {
      announce(repository().halt(record.id, 'malformed'));
      return;
    }
    await attempt(record, subject, settings);
  }

  async function drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const due = options.checks?.claimDue(policy.leaseMs, 10) ?? [];
      if (due.length === 0) return ran;
      for (const record of due) {
        if (shutDown) return ran; // claimed but not started: its lease brings it back after a restart
        try {
          await retryOne(record);
        } catch (error) {
          log.error('background insurance check failed', { checkId: record.id, error: error instanceof Error ? error.name : typeof error });
        }
        ran += 1;
      }
    }
  }

  function runDue(): Promise<number> {
    draining ??= tracked(
      drain().finally(() => {
        draining = null;
        schedule();
      }),
    );
    return draining;
  }

  /** Wakes when the earliest pending check is due (at most a minute away, so clock changes are noticed). */
  function schedule(): void {
    if (closed || !options.checks) return;
    if (timer) clearTimeout(timer);
    const next = options.checks.nextDueAt();
    if (next === undefined) {
      timer = undefined;
      return;
    }
    const delay = Math.min(60_000, Math.max(0, Date.parse(next) - now().getTime()));
    timer = setTimeout(() => {
      timer = undefined;
      if (running) return;
      running = true;
      void runDue().finally(() => {
        running = false;
      });
    }, delay);
    timer.unref();
  }

  async function checkNow(input: InsuranceCheckInput): Promise<InsuranceCheckView> {
    const checks = repository();
    const patient = options.patients?.get(input.patientId);
    if (!patient) throw new AppError('PATIENT_NOT_FOUND', 'No such patient');
    const settings = options.settings();
    if (!settings.baseUrl) throw new AppError('INSURANCE_CONFIG', 'The BHXH gateway is not set up');
    const request: InsuranceCheckRequest = { cardCode: input.cardCode, fullName: input.fullName, birthDate: input.birthDate };
    const subject = subjectOf(patient, request, settings);
    if (noIdentifier(subject, settings.cccdLookup)) {
      throw new AppError('INSURANCE_NO_CARD', 'No card code, BHXH number or CCCD number to look the card up by');
    }
    let record: InsuranceCheckRecord;
    try {
      record = checks.create({ patientId: patient.id, visitId: input.visitId ?? null, request, leaseMs: policy.leaseMs });
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new AppError('VISIT_NOT_FOUND', 'No such visit');
      throw error;
    }
    // A clerk checking again while an earlier check still waits: only the newest one is retried and lands.
    checks.supersede(record);
    return toView(await attempt(record, subject, settings));
  }

  return {
    check: (input) => {
      if (shutDown) return Promise.reject(new AppError('DB_NOT_READY', 'Insurance checks are closed: the app is shutting down'));
      return tracked(checkNow(input));
    },

    forVisit(visitId) {
      const record = repository().latestForVisit(visitId);
      return record ? toView(record) : null;
    },

    visitCreated({ patientId, visitId, since }) {
      const landed = (record: InsuranceCheckRecord) => record.status === 'done' || record.status === 'needs-review';
      const record = inTransaction(() => {
        const attached = repository().attachToVisit(patientId, visitId, since);
        // Landed before the visit existed: the HIS hears of it now. A check still waiting tells it when it lands.
        if (attached && landed(attached)) options.recordVisitResult?.(visitId, toView(attached));
        return attached;
      });
      if (!record) return null;
      if (landed(record)) options.onVisitInsuranceChanged?.(visitId);
      return toView(record);
    },

    forPatient(patientId) {
      const record = repository().latestForPatient(patientId);
      return record ? toView(record) : null;
    },

    async testConnection(probe = options.client) {
      try {
        const { lifetimeMs } = await probe.login();
        return { ok: true, tokenLifetimeS: Math.round(lifetimeMs / 1000) };
      } catch (error) {
        if (error instanceof GatewayError) return { ok: false, reason: error.kind, code: error.code };
        throw error;
      }
    },

    runDue,

    start() {
      closed = false;
      schedule();
    },

    async close() {
      closed = true;
      shutDown = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
