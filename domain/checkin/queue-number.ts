/**
 * Queue numbers (số thứ tự) per clinic per Vietnam calendar day.
 *
 * The HIS numbers the queue when it can be reached. Otherwise each desk numbers
 * on its own under its own letter ("A-012", "B-012"): desk prefixes need no
 * coordination while the network is down and tell staff which desk issued a
 * number, where ranges per desk would run out and print numbers out of order.
 * A local number always has a prefix and an HIS one never does, so the two
 * cannot collide either when the HIS comes back mid-day. An HIS number this
 * desk already holds (the HIS's counter restarted mid-day) is not issued again:
 * the desk's own number is, as when the HIS is down.
 */
import { z } from 'zod';
import { LocalDaySchema, vietnamDay, type Instant, type LocalDay } from './time.ts';

export const ClinicIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'letters, digits, ".", "_" or "-"');
export type ClinicId = z.infer<typeof ClinicIdSchema>;

/** One letter per desk, unique within the hospital: the fallback queue-number prefix. */
export const DeskPrefixSchema = z.string().regex(/^[A-Z]$/, 'one capital letter A–Z');
export const DeskIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'letters, digits, ".", "_" or "-"');

export const DeskSchema = z.object({
  id: DeskIdSchema,
  prefix: DeskPrefixSchema,
  name: z.string().min(1).max(64),
});
export type Desk = z.infer<typeof DeskSchema>;

/** The desks of one hospital: ids and prefixes must both be unique, or fallback numbers could collide. */
export const DeskListSchema = z.array(DeskSchema).superRefine((desks, context) => {
  const ids = new Set<string>();
  const prefixes = new Set<string>();
  desks.forEach((desk, index) => {
    if (ids.has(desk.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `desk id ${desk.id} is used twice` });
    if (prefixes.has(desk.prefix)) {
      context.addIssue({ code: 'custom', path: [index, 'prefix'], message: `desk prefix ${desk.prefix} is used twice` });
    }
    ids.add(desk.id);
    prefixes.add(desk.prefix);
  });
});

export const QUEUE_NUMBER_SOURCES = ['his', 'local'] as const;
export type QueueNumberOrigin = (typeof QUEUE_NUMBER_SOURCES)[number];

/** Digits shown at least: "007". Larger numbers simply grow ("1234"). */
export const QUEUE_NUMBER_MIN_DIGITS = 3;
export const QUEUE_NUMBER_MAX = 999_999;

export const QueueNumberSchema = z
  .object({
    clinicId: ClinicIdSchema,
    day: LocalDaySchema,
    sequence: z.int().min(1).max(QUEUE_NUMBER_MAX),
    origin: z.enum(QUEUE_NUMBER_SOURCES),
    /** The desk prefix for a local number; null for an HIS number. */
    prefix: DeskPrefixSchema.nullable(),
    /** What the ticket and the queue screen show. */
    display: z.string().min(1).max(16),
  })
  .refine((n) => (n.origin === 'local') === (n.prefix !== null), 'a local number has a desk prefix; an HIS number has none')
  .refine((n) => n.display === formatQueueNumber(n.sequence, n.prefix), 'display matches sequence and prefix');
export type QueueNumber = z.infer<typeof QueueNumberSchema>;

/** "012" for the HIS, "A-012" for desk A's fallback. */
export function formatQueueNumber(sequence: number, prefix: string | null): string {
  const digits = String(sequence).padStart(QUEUE_NUMBER_MIN_DIGITS, '0');
  return prefix === null ? digits : `${prefix}-${digits}`;
}

/** The queue day of an instant: the Vietnam calendar day, whatever the machine's zone. */
export function queueDayOf(instant: Instant | number | Date): LocalDay | null {
  return vietnamDay(instant);
}

/** The key a queue counts under: one clinic, one day, and for local numbers one desk. */
export function queueCounterKey(clinicId: ClinicId, day: LocalDay, prefix: string | null): string {
  return `${clinicId}|${day}|${prefix ?? '*'}`;
}

// ── Sources ─────────────────────────────────────────────────────────────────

export type QueueSourceFailure = 'unavailable' | 'timeout' | 'rejected';

export type QueueSourceResult =
  | { readonly ok: true; readonly sequence: number }
  | { readonly ok: false; readonly reason: QueueSourceFailure; readonly message?: string };

/** The HIS adapter: the next number of a clinic's queue on a day. Must not throw; report failure instead. */
export interface QueueNumberSource {
  next(clinicId: ClinicId, day: LocalDay): Promise<QueueSourceResult>;
}

/**
 * The desk's own counter, kept by the database ("queue counters" table): returns
 * the incremented value for the key, atomically. Never shared between desks.
 */
export interface LocalQueueCounter {
  increment(key: string): Promise<number> | number;
}

/** A counter in memory, for tests and the demo. */
export function createMemoryQueueCounter(initial: Iterable<[string, number]> = []): LocalQueueCounter & {
  readonly values: ReadonlyMap<string, number>;
} {
  const values = new Map<string, number>(initial);
  return {
    values,
    increment(key: string): number {
      const next = (values.get(key) ?? 0) + 1;
      values.set(key, next);
      return next;
    },
  };
}

export type QueueNumberRefusal =
  | { readonly code: 'INVALID_REQUEST'; readonly message: string }
  | { readonly code: 'COUNTER_EXHAUSTED'; readonly message: string };

export interface QueueNumberRequest {
  readonly clinicId: ClinicId;
  /** When the number is taken: decides the queue day. */
  readonly at: Instant | number | Date;
  readonly desk: Desk;
}

export interface AllocatedQueueNumber {
  readonly number: QueueNumber;
  /** Why the local fallback was used, when it was. */
  readonly fallbackReason: QueueSourceFailure | 'no-his' | 'invalid-his-number' | 'his-number-taken' | null;
}

/** Whether a visit of the same clinic and day already holds the number. */
export type QueueNumberHeld = (number: QueueNumber) => boolean;

/**
 * Takes a number from the HIS, or from the desk's own counter when the HIS cannot
 * give one or gives one already held here. The HIS call is not retried here: the
 * caller's outbox decides that.
 */
export async function allocateQueueNumber(
  request: QueueNumberRequest,
  sources: { readonly his: QueueNumberSource | null; readonly local: LocalQueueCounter; readonly held?: QueueNumberHeld },
): Promise<{ ok: true; value: AllocatedQueueNumber } | { ok: false; error: QueueNumberRefusal }> {
  const clinic = ClinicIdSchema.safeParse(request.clinicId);
  const desk = DeskSchema.safeParse(request.desk);
  const day = queueDayOf(request.at);
  if (!clinic.success || !desk.success || day === null) {
    return { ok: false, error: { code: 'INVALID_REQUEST', message: 'clinic, desk or time is not valid' } };
  }
  let fallbackReason: AllocatedQueueNumber['fallbackReason'] = 'no-his';
  if (sources.his !== null) {
    let answer: QueueSourceResult;
    try {
      answer = await sources.his.next(clinic.data, day);
    } catch {
      answer = { ok: false, reason: 'unavailable' };
    }
    if (answer.ok && Number.isInteger(answer.sequence) && answer.sequence >= 1 && answer.sequence <= QUEUE_NUMBER_MAX) {
      const number = makeQueueNumber(clinic.data, day, answer.sequence, null);
      // Not asked again: a restarted HIS counter may lag the desk's by hundreds, and each ask costs the clerk a round-trip;
      // the desk's prefixed numbers cannot be an HIS number, so one answer held here is enough to switch to them.
      if (sources.held?.(number) !== true) return { ok: true, value: { number, fallbackReason: null } };
      fallbackReason = 'his-number-taken';
    } else {
      fallbackReason = answer.ok ? 'invalid-his-number' : answer.reason;
    }
  }
  const key = queueCounterKey(clinic.data, day, desk.data.prefix);
  // A held local number (a counter reset under kept visits) is skipped; a counter that does not grow is refused, so this ends.
  for (let previous = 0; ; ) {
    const sequence = await sources.local.increment(key);
    if (!Number.isInteger(sequence) || sequence <= previous || sequence > QUEUE_NUMBER_MAX) {
      return { ok: false, error: { code: 'COUNTER_EXHAUSTED', message: `the local counter gave ${String(sequence)}` } };
    }
    const number = makeQueueNumber(clinic.data, day, sequence, desk.data.prefix);
    if (sources.held?.(number) !== true) return { ok: true, value: { number, fallbackReason } };
    previous = sequence;
  }
}

function makeQueueNumber(clinicId: ClinicId, day: LocalDay, sequence: number, prefix: string | null): QueueNumber {
  return {
    clinicId,
    day,
    sequence,
    origin: prefix === null ? 'his' : 'local',
    prefix,
    display: formatQueueNumber(sequence, prefix),
  };
}

/** Two numbers are the same ticket when clinic, day and display agree. */
export function sameQueueNumber(a: QueueNumber, b: QueueNumber): boolean {
  return a.clinicId === b.clinicId && a.day === b.day && a.display === b.display;
}
