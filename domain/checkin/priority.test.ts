import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { PartialDate } from '../identity/index.ts';
import {
  ageOn,
  choosePriorities,
  compareQueueEntries,
  completedMonths,
  PRIORITY_GROUPS,
  PriorityGroupSchema,
  priorityGroupsOn,
  proposePriorities,
  sortPriorityCodes,
  type PriorityGroup,
  type QueueEntry,
} from './priority.ts';

const day = (year: number, month: number, d: number): PartialDate & { day: number; month: number } => ({ precision: 'day', year, month, day: d });

describe('priority groups as data', () => {
  it('every row is well formed and codes repeat only with disjoint dates', () => {
    for (const row of PRIORITY_GROUPS) PriorityGroupSchema.parse(row);
    const elderly = PRIORITY_GROUPS.filter((g) => g.code === 'elderly');
    assert.equal(elderly.length, 2);
    assert.ok((elderly[0]?.validTo ?? '') < (elderly[1]?.validFrom ?? ''));
  });

  it('lists the groups in force in queue order', () => {
    assert.deepEqual(
      priorityGroupsOn('2026-05-01').map((g) => g.code),
      ['emergency', 'child-under-6', 'disability', 'pregnancy', 'elderly', 'veteran'],
    );
    assert.equal(priorityGroupsOn('not a day').length, 0);
  });

  it('uses 80 years before 2024 and 75 from 01/01/2024 (Luật KCB 2023)', () => {
    const born = day(1948, 6, 1); // 75 on 2023-06-01, 80 on 2028-06-01
    assert.deepEqual(proposePriorities(born, '2023-12-31'), []);
    assert.deepEqual(proposePriorities(born, '2024-01-01'), [{ code: 'elderly', certainty: 'certain' }]);
  });

  it('breaks equal ranks by code', () => {
    const groups: PriorityGroup[] = [
      { ...PRIORITY_GROUPS[0]!, code: 'zeta', rank: 5 },
      { ...PRIORITY_GROUPS[0]!, code: 'alpha', rank: 5 },
      { ...PRIORITY_GROUPS[0]!, code: 'first', rank: 1 },
    ];
    assert.deepEqual(priorityGroupsOn('2026-01-01', groups).map((g) => g.code), ['first', 'alpha', 'zeta']);
    assert.deepEqual(sortPriorityCodes(['zeta', 'unknown', 'alpha', 'first', 'alpha'], '2026-01-01', groups), [
      'first',
      'alpha',
      'zeta',
      'unknown',
    ]);
  });
});

describe('age on the visit day', () => {
  it('counts completed months', () => {
    assert.equal(completedMonths(day(2020, 3, 15), day(2026, 3, 14)), 71);
    assert.equal(completedMonths(day(2020, 3, 15), day(2026, 3, 15)), 72);
    // born on the 31st: the anniversary in a short month is its last day
    assert.equal(completedMonths(day(2026, 1, 31), day(2026, 2, 28)), 1);
    assert.equal(completedMonths(day(2026, 1, 31), day(2026, 2, 27)), 0);
    // born 29/02: 80 on 28/02 of a common year
    assert.equal(completedMonths(day(1944, 2, 29), day(2025, 2, 28)), 81 * 12);
  });

  it('children under 6 means under 72 months', () => {
    const born = day(2020, 3, 15);
    assert.deepEqual(proposePriorities(born, '2026-03-14'), [{ code: 'child-under-6', certainty: 'certain' }]);
    assert.deepEqual(proposePriorities(born, '2026-03-15'), []);
  });

  it('at least 75 years from the birthday on', () => {
    const born = day(1951, 5, 10);
    assert.deepEqual(proposePriorities(born, '2026-05-09'), []);
    assert.deepEqual(proposePriorities(born, '2026-05-10'), [{ code: 'elderly', certainty: 'certain' }]);
  });

  it('a year-only birth date gives a range and "possible" proposals', () => {
    const born: PartialDate = { precision: 'year', year: 2020 };
    assert.deepEqual(ageOn(born, '2026-06-30'), { minMonths: 66, maxMonths: 77, exact: false });
    assert.deepEqual(proposePriorities(born, '2026-06-30'), [{ code: 'child-under-6', certainty: 'possible' }]);
    assert.deepEqual(proposePriorities(born, '2025-12-31'), [{ code: 'child-under-6', certainty: 'certain' }]);
    assert.deepEqual(proposePriorities(born, '2027-01-01'), []);
    const old: PartialDate = { precision: 'month', year: 1951, month: 5 };
    assert.deepEqual(proposePriorities(old, '2026-05-15'), [{ code: 'elderly', certainty: 'possible' }]);
    assert.deepEqual(proposePriorities(old, '2026-05-31'), [{ code: 'elderly', certainty: 'certain' }]);
  });

  it('a birth in the current year of a year-only date starts at 0 months', () => {
    assert.deepEqual(ageOn({ precision: 'year', year: 2026 }, '2026-03-01'), { minMonths: 0, maxMonths: 2, exact: false });
  });

  it('refuses births after the visit day and bad days', () => {
    assert.equal(ageOn(day(2026, 3, 2), '2026-03-01'), null);
    assert.equal(ageOn({ precision: 'year', year: 2027 }, '2026-12-31'), null);
    assert.equal(ageOn(day(2000, 1, 1), '2026-02-30'), null);
    assert.deepEqual(proposePriorities(null, '2026-03-01'), []);
  });

  it('min ≤ max and an exact date gives an exact age (property)', () => {
    const birth = fc
      .tuple(fc.integer({ min: 1900, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.constantFrom('day', 'month', 'year'))
      .map(([year, month, d, precision]): PartialDate =>
        precision === 'day' ? { precision, year, month, day: d } : precision === 'month' ? { precision, year, month } : { precision, year },
      );
    const visit = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(birth, visit, (b, v) => {
        const age = ageOn(b, v);
        if (age === null) return;
        assert.ok(age.minMonths >= 0 && age.minMonths <= age.maxMonths);
        if (b.precision === 'day') assert.ok(age.exact);
        for (const p of proposePriorities(b, v)) assert.ok(['child-under-6', 'elderly'].includes(p.code));
      }),
    );
  });
});

describe('the clerk chooses', () => {
  const proposals = proposePriorities(day(2022, 1, 1), '2026-03-01');

  it('keeps certain proposals and adds declared groups in order', () => {
    const chosen = choosePriorities({ proposals, chosen: ['veteran', 'emergency'], visitDay: '2026-03-01' });
    assert.deepEqual(chosen, { ok: true, value: ['emergency', 'child-under-6', 'veteran'] });
  });

  it('refuses unknown groups and dropping an age-certain one', () => {
    assert.deepEqual(choosePriorities({ proposals, chosen: ['vip'], visitDay: '2026-03-01' }), {
      ok: false,
      error: { code: 'UNKNOWN_PRIORITY', priority: 'vip' },
    });
    assert.deepEqual(choosePriorities({ proposals, chosen: [], removed: ['child-under-6'], visitDay: '2026-03-01' }), {
      ok: false,
      error: { code: 'AGE_PRIORITY_LOCKED', priority: 'child-under-6' },
    });
  });

  it('lets a possible proposal be left out', () => {
    const possible = proposePriorities({ precision: 'year', year: 2020 }, '2026-06-30');
    assert.deepEqual(choosePriorities({ proposals: possible, chosen: [], visitDay: '2026-06-30' }), { ok: true, value: [] });
    assert.deepEqual(choosePriorities({ proposals: possible, chosen: ['child-under-6'], visitDay: '2026-06-30' }), {
      ok: true,
      value: ['child-under-6'],
    });
  });
});

describe('queue order', () => {
  const entry = (visitId: string, priorities: string[], queuedAt: string, sequence: number): QueueEntry => ({
    visitId,
    priorities,
    queuedAt,
    sequence,
  });

  it('priority first, then time, then sequence, then visit ID', () => {
    const list = [
      entry('v4', [], '2026-03-01T01:00:00Z', 1),
      entry('v3', ['elderly'], '2026-03-01T02:00:00Z', 4),
      entry('v2', ['veteran', 'emergency'], '2026-03-01T03:00:00Z', 5),
      entry('v1', [], '2026-03-01T01:00:00Z', 1),
      entry('v0', [], '2026-03-01T00:30:00Z', 9),
    ];
    const sorted = [...list].sort((a, b) => compareQueueEntries(a, b, '2026-03-01'));
    assert.deepEqual(sorted.map((e) => e.visitId), ['v2', 'v3', 'v0', 'v1', 'v4']);
  });

  it('is a total order independent of input order (property)', () => {
    const entries = fc.uniqueArray(
      fc.record({
        visitId: fc.stringMatching(/^[a-z0-9]{1,6}$/),
        priorities: fc.subarray(['emergency', 'child-under-6', 'elderly', 'veteran', 'retired-code']),
        queuedAt: fc.oneof(fc.constantFrom('2026-03-01T01:00:00Z', '2026-03-01T02:00:00Z', 'garbage')),
        sequence: fc.integer({ min: 1, max: 5 }),
      }),
      { selector: (e) => e.visitId, maxLength: 12 },
    );
    fc.assert(
      fc.property(entries, (list) => {
        const a = [...list].sort((x, y) => compareQueueEntries(x, y, '2026-03-01'));
        const b = [...list].reverse().sort((x, y) => compareQueueEntries(x, y, '2026-03-01'));
        assert.deepEqual(a.map((e) => e.visitId), b.map((e) => e.visitId));
      }),
    );
  });
});
