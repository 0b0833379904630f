/**
 * The outbox worker: sends HIS work in order per visit, never waits the
 * clerk, and never applies a change twice.
 *
 * - Order: the queue hands out only the first unsent item of each visit, so a
 *   cancellation cannot overtake its check-in; items of one patient in a batch
 *   run one after another (two concurrent conditional creates of the same
 *   patient could both create on some servers).
 * - Failures: retryable ones are tried again after a jittered exponential
 *   backoff, or when the server's Retry-After says (and the whole worker
 *   pauses that long: one 429 is not answered with 31 more requests);
 *   permanent ones are parked for attention with a reason and no personal data.
 * - Restarts: items a killed worker left "sending" are pending again at
 *   start; repeats are harmless because every adapter write is idempotent.
 * - Clocks: a wait never exceeds the longest delay the policy can set, so a
 *   clock moved back does not park the queue.
 */
import type { HisOutbox, HisOutboxItem } from '../../db/his-outbox.ts';
import type { Patient } from '../../domain/patient.ts';
import { silentLogger, type Logger } from '../log.ts';
import { HisError, isHisError, visitKeyOf, type HisAdapter, type HisPatientInput, type HisPatientRef } from './his-adapter.ts';
import { DEFAULT_RETRY_POLICY, longestDelayMs, nextRetryDelayMs, type RetryPolicy } from './retry-policy.ts';
import {
  CheckinPayloadSchema,
  HIS_CHECKIN_KIND,
  HIS_VISIT_CHANGE_KIND,
  VisitChangePayloadSchema,
  type CheckinPayload,
  type VisitChangePayload,
} from './visit-changes.ts';

export interface SyncWorkerOptions {
  outbox: HisOutbox;
  his: HisAdapter;
  /** The patient a check-in is for, read when it is sent (the outbox holds ids, not personal data). */
  patient: (id: number) => Patient | undefined;
  now?: () => Date;
  random?: () => number;
  policy?: RetryPolicy;
  /** How long a claimed item is held before another sender may take it. */
  leaseMs?: number;
  batchSize?: number;
  /** How often an idle worker looks for new work (enqueuers can also `wake` it). */
  idlePollMs?: number;
  log?: Logger;
  /** After every batch and every retry request: the status may have changed. */
  onChange?: () => void;
  /** The worker's waits (pauses, idle polls); tests pass fake ones to drive it without real time. */
  timers?: WorkerTimers;
}

export interface WorkerTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: WorkerTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SyncWorker {
  start(): void;
  /** Finishes the batch in hand, then stops. */
  stop(): Promise<void>;
  /** Look for work now rather than at the next poll (a Retry-After pause still holds). */
  wake(): void;
  /** Ends any pause and looks for work now: IT asked for a retry. */
  resume(): void;
  /** One round: claim due work and send it. Returns how many items were tried. */
  tick(): Promise<number>;
  readonly running: boolean;
  /** The reason code of the latest failed try, or null since the last success. */
  readonly lastFailure: string | null;
}

type Outcome = { kind: 'sent' } | { kind: 'retry'; delayMs: number; reason: string; pauseAll: boolean } | { kind: 'attention'; reason: string };

/** Failures that say the HIS as a whole is unwell (not this item): the worker pauses. */
const HIS_WIDE = new Set(['HIS_UNREACHABLE', 'HIS_TIMEOUT', 'HIS_SERVER_ERROR', 'HIS_RATE_LIMITED']);

function patientInput(patient: Patient, desk: string): HisPatientInput {
  return {
    localId: `${desk}-p${patient.id}`,
    cccd: patient.cccd,
    bhxhNumber: patient.bhxhNumber,
    fullName: patient.fullName,
    birthDate: patient.birthDate,
    sex: patient.sex,
    address: patient.address,
    phone: patient.phone,
  };
}

export function createSyncWorker(options: SyncWorkerOptions): SyncWorker {
  const { outbox, his } = options;
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 32;
  const idlePollMs = options.idlePollMs ?? 1_000;
  const log = options.log ?? silentLogger;
  const timers = options.timers ?? REAL_TIMERS;

  let running = false;
  let loop: Promise<void> | undefined;
  let pausedUntil = 0;
  let lastFailure: string | null = null;
  let wakeUp: (() => void) | undefined;
  let timer: unknown;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeUp = resolve;
      timer = timers.set(resolve, Math.max(0, ms));
    }).finally(() => {
      timers.clear(timer);
      wakeUp = undefined;
    });

  const patientRef = async (patientId: number, desk: string): Promise<HisPatientRef> => {
    const patient = options.patient(patientId);
    if (!patient) throw new HisError('permanent', 'HIS_BAD_PAYLOAD', `Patient ${patientId} is not in the database`);
    return his.upsertPatient(patientInput(patient, desk));
  };

  const sendCheckin = async (payload: CheckinPayload): Promise<void> => {
    const patient = await patientRef(payload.patientId, payload.desk);
    await his.createEncounter({
      visitKey: visitKeyOf(payload.desk, payload.visitId),
      patient,
      clinicId: payload.clinicId,
      day: payload.day,
      visitType: payload.visitType,
      priorities: payload.priorities,
      queueNumber: payload.queueNumber,
      status: 'arrived',
      arrivedAt: payload.createdAt,
    });
  };

  const sendChange = async ({ visitId, patientId, desk, change }: VisitChangePayload): Promise<void> => {
    const visitKey = visitKeyOf(desk, visitId);
    switch (change.type) {
      case 'cancellation':
        await his.updateEncounter({ visitKey, status: 'cancelled', reasonCode: change.reasonCode, at: change.at });
        return;
      case 'payment':
        await his.recordPayment({ visitKey, paymentKey: change.paymentKey, amountVnd: change.amountVnd, method: change.method, reference: change.reference, at: change.at });
        return;
      case 'payment-reversal':
        await his.reversePayment({ visitKey, paymentKey: change.paymentKey, at: change.at });
        return;
      case 'insurance': {
        const patient = await patientRef(patientId, desk);
        await his.recordCoverage({
          visitKey,
          patient,
          cardNumber: change.cardNumber,
          registeredFacility: change.registeredFacility,
          validFrom: change.validFrom,
          validTo: change.validTo,
          checkResult: change.checkResult,
        });
      }
    }
  };

  const send = async (item: HisOutboxItem): Promise<void> => {
    if (item.kind === HIS_CHECKIN_KIND) {
      const payload = CheckinPayloadSchema.safeParse(item.payload);
      if (!payload.success) throw new HisError('permanent', 'HIS_BAD_PAYLOAD', 'The check-in payload is malformed');
      return sendCheckin(payload.data);
    }
    if (item.kind === HIS_VISIT_CHANGE_KIND) {
      const payload = VisitChangePayloadSchema.safeParse(item.payload);
      if (!payload.success) throw new HisError('permanent', 'HIS_BAD_PAYLOAD', 'The visit change payload is malformed');
      return sendChange(payload.data);
    }
    throw new HisError('permanent', 'HIS_BAD_PAYLOAD', `No sender for ${item.kind}`);
  };

  const attempt = async (item: HisOutboxItem): Promise<Outcome> => {
    try {
      await send(item);
      return { kind: 'sent' };
    } catch (error) {
      if (isHisError(error) && error.kind === 'retryable') {
        return {
          kind: 'retry',
          delayMs: nextRetryDelayMs(item.attempts, error.retryAfterMs, policy, random),
          reason: error.code,
          pauseAll: error.retryAfterMs !== undefined || HIS_WIDE.has(error.code),
        };
      }
      if (isHisError(error)) return { kind: 'attention', reason: `${error.code}: ${error.message}` };
      log.error('HIS item failed unexpectedly', { item: item.id, kind: item.kind, error: error instanceof Error ? error.name : typeof error });
      return { kind: 'attention', reason: 'INTERNAL: unexpected failure while sending' };
    }
  };

  const settle = (item: HisOutboxItem, outcome: Outcome): void => {
    const at = now();
    if (outcome.kind === 'sent') {
      outbox.markSent(item.id, at);
      lastFailure = null;
      return;
    }
    lastFailure = outcome.reason.split(':')[0] ?? outcome.reason;
    if (outcome.kind === 'retry') {
      outbox.reschedule(item.id, new Date(at.getTime() + outcome.delayMs), outcome.reason);
      if (outcome.pauseAll) pausedUntil = Math.max(pausedUntil, at.getTime() + outcome.delayMs);
      log.info('HIS item will be retried', { item: item.id, kind: item.kind, attempts: item.attempts, reason: outcome.reason, inMs: outcome.delayMs });
      return;
    }
    outbox.markAttention(item.id, at, outcome.reason);
    log.warn('HIS item needs attention', { item: item.id, kind: item.kind, reason: outcome.reason });
  };

  /** Items of one patient (check-in, insurance) share a lane; others have their own. */
  const laneOf = (item: HisOutboxItem): string => {
    const payload = item.payload as { patientId?: unknown; change?: { type?: unknown } } | null;
    const touchesPatient = item.kind === HIS_CHECKIN_KIND || payload?.change?.type === 'insurance';
    return touchesPatient && typeof payload?.patientId === 'number' ? `patient:${payload.patientId}` : `item:${item.id}`;
  };

  const tick = async (): Promise<number> => {
    const at = now();
    outbox.clampFuture(at, new Date(at.getTime() + longestDelayMs(policy, leaseMs)));
    const items = outbox.claimDue(at, new Date(at.getTime() + leaseMs), batchSize);
    if (items.length === 0) return 0;
    const lanes = new Map<string, HisOutboxItem[]>();
    for (const item of items) {
      const lane = laneOf(item);
      lanes.set(lane, [...(lanes.get(lane) ?? []), item]);
    }
    await Promise.all(
      [...lanes.values()].map(async (lane) => {
        for (const item of lane) settle(item, await attempt(item));
      }),
    );
    options.onChange?.();
    return items.length;
  };

  const run = async (): Promise<void> => {
    while (running) {
      // A pause is never longer than the policy allows from now: a clock moved back does not stretch it.
      pausedUntil = Math.min(pausedUntil, now().getTime() + longestDelayMs(policy));
      const wait = pausedUntil - now().getTime();
      if (wait > 0) {
        // A wake (new work) only makes the loop look again: the pause holds until its end or resume().
        await sleep(wait);
        continue;
      }
      let tried = 0;
      try {
        tried = await tick();
      } catch (error) {
        log.error('HIS sync round failed', { error: error instanceof Error ? error.message : String(error) });
      }
      if (tried > 0 || !running) continue;
      const next = outbox.nextDueAt();
      const untilNext = next === undefined ? idlePollMs : Date.parse(next) - now().getTime();
      await sleep(Math.min(idlePollMs, Math.max(10, untilNext)));
    }
  };

  return {
    start() {
      if (running) return;
      running = true;
      const recovered = outbox.recoverInterrupted(now());
      if (recovered > 0) log.info('HIS items interrupted by a stop are pending again', { items: recovered });
      loop = run();
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
      loop = undefined;
    },
    wake() {
      wakeUp?.();
    },
    resume() {
      pausedUntil = 0;
      wakeUp?.();
    },
    tick,
    get running() {
      return running;
    },
    get lastFailure() {
      return lastFailure;
    },
  };
}
