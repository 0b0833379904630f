import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  allocateQueueNumber,
  createMemoryQueueCounter,
  DeskListSchema,
  formatQueueNumber,
  queueDayOf,
  QueueNumberSchema,
  type Desk,
  type QueueNumberSource,
} from './queue-number.ts';

const deskA: Desk = { id: 'desk-1', prefix: 'A', name: 'Quầy 1' };
const deskB: Desk = { id: 'desk-2', prefix: 'B', name: 'Quầy 2' };

const down: QueueNumberSource = { next: () => Promise.resolve({ ok: false, reason: 'unavailable' }) };

function hisCounter(): QueueNumberSource & { calls: string[] } {
  const counts = new Map<string, number>();
  const calls: string[] = [];
  return {
    calls,
    next(clinicId, day) {
      calls.push(`${clinicId}|${day}`);
      const next = (counts.get(`${clinicId}|${day}`) ?? 0) + 1;
      counts.set(`${clinicId}|${day}`, next);
      return Promise.resolve({ ok: true, sequence: next });
    },
  };
}

describe('queue number format', () => {
  it('pads to three digits, with the desk prefix offline', () => {
    assert.equal(formatQueueNumber(12, 'A'), 'A-012');
    assert.equal(formatQueueNumber(12, null), '012');
    assert.equal(formatQueueNumber(1234, 'B'), 'B-1234');
  });

  it('the schema ties display, origin and prefix together', () => {
    const base = { clinicId: 'K01', day: '2026-03-01', sequence: 12 };
    assert.ok(QueueNumberSchema.safeParse({ ...base, origin: 'local', prefix: 'A', display: 'A-012' }).success);
    assert.ok(QueueNumberSchema.safeParse({ ...base, origin: 'his', prefix: null, display: '012' }).success);
    assert.ok(!QueueNumberSchema.safeParse({ ...base, origin: 'his', prefix: 'A', display: 'A-012' }).success);
    assert.ok(!QueueNumberSchema.safeParse({ ...base, origin: 'local', prefix: 'A', display: '012' }).success);
    assert.ok(!QueueNumberSchema.safeParse({ ...base, day: '2026-02-30', origin: 'his', prefix: null, display: '012' }).success);
  });

  it('desk lists refuse a repeated prefix or id', () => {
    assert.ok(DeskListSchema.safeParse([deskA, deskB]).success);
    assert.ok(!DeskListSchema.safeParse([deskA, { ...deskB, prefix: 'A' }]).success);
    assert.ok(!DeskListSchema.safeParse([deskA, { ...deskB, id: 'desk-1' }]).success);
  });
});

describe('the queue day', () => {
  it('changes at midnight Vietnam time', () => {
    assert.equal(queueDayOf('2026-03-01T23:59:00+07:00'), '2026-03-01');
    assert.equal(queueDayOf('2026-03-02T00:01:00+07:00'), '2026-03-02');
  });

  it('restarts numbering on the new day', async () => {
    const local = createMemoryQueueCounter();
    const late = await allocateQueueNumber({ clinicId: 'K01', at: '2026-03-01T16:59:00Z', desk: deskA }, { his: null, local });
    const early = await allocateQueueNumber({ clinicId: 'K01', at: '2026-03-01T17:01:00Z', desk: deskA }, { his: null, local });
    assert.ok(late.ok && early.ok);
    assert.equal(late.value.number.day, '2026-03-01');
    assert.equal(early.value.number.day, '2026-03-02');
    assert.equal(late.value.number.display, 'A-001');
    assert.equal(early.value.number.display, 'A-001');
  });
});

describe('allocation', () => {
  it('takes the HIS number when the HIS answers', async () => {
    const his = hisCounter();
    const result = await allocateQueueNumber({ clinicId: 'K01', at: '2026-03-01T01:00:00Z', desk: deskA }, { his, local: createMemoryQueueCounter() });
    assert.deepEqual(result, {
      ok: true,
      value: {
        number: { clinicId: 'K01', day: '2026-03-01', sequence: 1, origin: 'his', prefix: null, display: '001' },
        fallbackReason: null,
      },
    });
    assert.deepEqual(his.calls, ['K01|2026-03-01']);
  });

  it('falls back to the desk counter when the HIS is down, throws, or answers nonsense', async () => {
    const throwing: QueueNumberSource = { next: () => Promise.reject(new Error('socket hang up')) };
    const nonsense: QueueNumberSource = { next: () => Promise.resolve({ ok: true, sequence: -3 }) };
    const local = createMemoryQueueCounter();
    const request = { clinicId: 'K01', at: '2026-03-01T01:00:00Z', desk: deskB };
    const a = await allocateQueueNumber(request, { his: down, local });
    const b = await allocateQueueNumber(request, { his: throwing, local });
    const c = await allocateQueueNumber(request, { his: nonsense, local });
    const d = await allocateQueueNumber(request, { his: null, local });
    assert.ok(a.ok && b.ok && c.ok && d.ok);
    assert.deepEqual(
      [a, b, c, d].map((r) => (r.ok ? [r.value.number.display, r.value.fallbackReason] : null)),
      [
        ['B-001', 'unavailable'],
        ['B-002', 'unavailable'],
        ['B-003', 'invalid-his-number'],
        ['B-004', 'no-his'],
      ],
    );
  });

  it('issues the desk number, not an HIS number already held here, and skips held desk numbers', async () => {
    const his = hisCounter();
    const local = createMemoryQueueCounter();
    const heldHere = new Set(['001', '002', 'A-001']);
    const held = (number: { display: string }) => heldHere.has(number.display);
    const request = { clinicId: 'K01', at: '2026-03-01T01:00:00Z', desk: deskA };
    const issued = [];
    for (let i = 0; i < 3; i += 1) {
      const result = await allocateQueueNumber(request, { his, local, held });
      assert.ok(result.ok);
      issued.push([result.value.number.display, result.value.fallbackReason]);
    }
    assert.deepEqual(issued, [
      ['A-002', 'his-number-taken'],
      ['A-003', 'his-number-taken'],
      ['003', null],
    ]);
    assert.equal(his.calls.length, 3, 'the HIS is asked once per number');
  });

  it('refuses a counter that does not grow rather than loop on a held number', async () => {
    const stuck = { increment: () => 1 };
    const result = await allocateQueueNumber({ clinicId: 'K01', at: '2026-03-01T01:00:00Z', desk: deskA }, { his: null, local: stuck, held: () => true });
    assert.deepEqual(result.ok ? null : result.error.code, 'COUNTER_EXHAUSTED');
  });

  it('refuses a bad request and an exhausted counter', async () => {
    const local = createMemoryQueueCounter();
    assert.equal((await allocateQueueNumber({ clinicId: 'K 01', at: '2026-03-01T01:00:00Z', desk: deskA }, { his: null, local })).ok, false);
    assert.equal((await allocateQueueNumber({ clinicId: 'K01', at: 'noon', desk: deskA }, { his: null, local })).ok, false);
    assert.equal((await allocateQueueNumber({ clinicId: 'K01', at: '2026-03-01T01:00:00Z', desk: { ...deskA, prefix: 'a' } }, { his: null, local })).ok, false);
    const full = createMemoryQueueCounter([['K01|2026-03-01|A', 999_999]]);
    const result = await allocateQueueNumber({ clinicId: 'K01', at: '2026-03-01T01:00:00Z', desk: deskA }, { his: null, local: full });
    assert.deepEqual(result.ok ? null : result.error.code, 'COUNTER_EXHAUSTED');
  });
});

describe('no collisions (property)', () => {
  const desks: Desk[] = ['A', 'B', 'C', 'D'].map((prefix, i) => ({ id: `desk-${i}`, prefix, name: `Quầy ${i}` }));

  it('desks with their own counters never hand out the same number, HIS up or down, in any interleaving', async () => {
    const step = fc.record({
      desk: fc.integer({ min: 0, max: desks.length - 1 }),
      clinic: fc.constantFrom('K01', 'K02'),
      // minutes around a local midnight, so days change within a run
      minute: fc.integer({ min: -90, max: 90 }),
      hisUp: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 60 }), async (steps) => {
        const his = hisCounter();
        // each desk has its own database: no shared counter
        const counters = desks.map(() => createMemoryQueueCounter());
        const issued = new Set<string>();
        const midnight = Date.parse('2026-03-01T17:00:00Z');
        for (const s of steps) {
          const result = await allocateQueueNumber(
            { clinicId: s.clinic, at: midnight + s.minute * 60_000, desk: desks[s.desk]! },
            { his: s.hisUp ? his : down, local: counters[s.desk]! },
          );
          assert.ok(result.ok);
          const n = result.value.number;
          assert.ok(QueueNumberSchema.safeParse(n).success);
          const key = `${n.clinicId}|${n.day}|${n.display}`;
          assert.ok(!issued.has(key), `collision on ${key}`);
          issued.add(key);
        }
      }),
      { numRuns: 200 },
    );
  });
});
