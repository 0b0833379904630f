/**
 * Priority groups (đối tượng ưu tiên) as versioned data: which groups exist, their
 * order in the queue, and which of them follow from the patient's age on the day
 * of the visit. The clerk adds the others (pregnancy, disability, veteran…).
 *
 * Luật Khám bệnh, chữa bệnh 2023 (15/2023/QH15) Đ3 k2, in force from 01/01/2024,
 * lists: emergency, children under 6, pregnant women, severe disability, people
 * aged 75 and over, and people with revolutionary merit. Before it, Luật Người cao
 * tuổi 2009 Đ12 gave priority from 80. Both elderly rows are kept with their dates
 * so a visit on 31/12/2023 and one on 01/01/2024 are judged by their own rule.
 * A hospital that wants its own list supplies its own rows.
 */
import { z } from 'zod';
import { daysInMonth, isEffectiveOn, type Effective, type PartialDate } from '../identity/index.ts';
import { parseLocalDay, type LocalDay } from './time.ts';

export const PriorityCodeSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a lower-case code such as "child-under-6"');
export type PriorityCode = z.infer<typeof PriorityCodeSchema>;

/** What makes a patient belong to the group. */
export type PriorityCriterion =
  /** The clerk decides (emergency, pregnancy, disability, veteran). */
  | { readonly kind: 'declared' }
  /** Younger than this many completed months on the visit day (children under 6: 72). */
  | { readonly kind: 'age-under-months'; readonly months: number }
  /** At least this many completed years on the visit day ("từ đủ 75 tuổi"). */
  | { readonly kind: 'age-at-least-years'; readonly years: number };

export interface PriorityGroup extends Effective {
  readonly code: PriorityCode;
  /** Lower goes first. Equal ranks are ordered by code. */
  readonly rank: number;
  readonly label: { readonly vi: string; readonly en: string };
  /** Short text for the 80 mm ticket. */
  readonly ticketLabel: string;
  readonly criterion: PriorityCriterion;
}

export const PriorityCriterionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('declared') }),
  z.object({ kind: z.literal('age-under-months'), months: z.int().min(1).max(1200) }),
  z.object({ kind: z.literal('age-at-least-years'), years: z.int().min(1).max(150) }),
]);

export const PriorityGroupSchema = z.object({
  code: PriorityCodeSchema,
  rank: z.int().min(0).max(1000),
  label: z.object({ vi: z.string().min(1), en: z.string().min(1) }),
  ticketLabel: z.string().min(1).max(24),
  criterion: PriorityCriterionSchema,
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  validTo: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
});

export const PRIORITY_GROUPS: readonly PriorityGroup[] = [
  {
    code: 'emergency',
    rank: 0,
    label: { vi: 'Cấp cứu', en: 'Emergency' },
    ticketLabel: 'CẤP CỨU',
    criterion: { kind: 'declared' },
    validFrom: null,
    validTo: null,
  },
  {
    code: 'child-under-6',
    rank: 10,
    label: { vi: 'Trẻ em dưới 6 tuổi', en: 'Child under 6' },
    ticketLabel: 'TRẺ EM < 6T',
    criterion: { kind: 'age-under-months', months: 72 },
    validFrom: null,
    validTo: null,
  },
  {
    code: 'disability',
    rank: 20,
    label: { vi: 'Người khuyết tật nặng, đặc biệt nặng', en: 'Severe disability' },
    ticketLabel: 'KHUYẾT TẬT',
    criterion: { kind: 'declared' },
    validFrom: null,
    validTo: null,
  },
  {
    code: 'pregnancy',
    rank: 30,
    label: { vi: 'Phụ nữ có thai', en: 'Pregnancy' },
    ticketLabel: 'CÓ THAI',
    criterion: { kind: 'declared' },
    validFrom: null,
    validTo: null,
  },
  {
    code: 'elderly',
    rank: 40,
    label: { vi: 'Người từ đủ 80 tuổi', en: 'Aged 80 or over' },
    ticketLabel: 'NGƯỜI CAO TUỔI',
    criterion: { kind: 'age-at-least-years', years: 80 },
    validFrom: null,
    validTo: '2023-12-31',
  },
  {
    code: 'elderly',
    rank: 40,
    label: { vi: 'Người từ đủ 75 tuổi', en: 'Aged 75 or over' },
    ticketLabel: 'NGƯỜI CAO TUỔI',
    criterion: { kind: 'age-at-least-years', years: 75 },
    validFrom: '2024-01-01',
    validTo: null,
  },
  {
    code: 'veteran',
    rank: 50,
    label: { vi: 'Người có công với cách mạng', en: 'Person with revolutionary merit' },
    ticketLabel: 'NGƯỜI CÓ CÔNG',
    criterion: { kind: 'declared' },
    validFrom: null,
    validTo: null,
  },
];

/** Orders groups for display and queueing: rank, then code. */
export function comparePriorityGroups(a: PriorityGroup, b: PriorityGroup): number {
  return a.rank - b.rank || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * The groups in force on the day, one row per code (the one that started last
 * wins), in queue order. An invalid day yields no groups.
 */
export function priorityGroupsOn(day: LocalDay, groups: readonly PriorityGroup[] = PRIORITY_GROUPS): PriorityGroup[] {
  if (parseLocalDay(day) === null) return [];
  const byCode = new Map<string, PriorityGroup>();
  for (const row of groups) {
    if (!isEffectiveOn(row, day)) continue;
    const current = byCode.get(row.code);
    if (current === undefined || (row.validFrom ?? '') > (current.validFrom ?? '')) byCode.set(row.code, row);
  }
  return [...byCode.values()].sort(comparePriorityGroups);
}

// ── Age ─────────────────────────────────────────────────────────────────────

/** Completed months between two real calendar days (negative when born after the day). */
export function completedMonths(
  birth: { year: number; month: number; day: number },
  on: { year: number; month: number; day: number },
): number {
  let months = (on.year - birth.year) * 12 + (on.month - birth.month);
  // A birthday on a day the month lacks (29/02, 31st) falls on the month's last day.
  const anniversary = Math.min(birth.day, daysInMonth(on.year, on.month));
  if (on.day < anniversary) months -= 1;
  return months;
}

/** The range of ages a (possibly partial) birth date allows on a day, in completed months. */
export interface AgeRange {
  readonly minMonths: number;
  readonly maxMonths: number;
  /** True when the birth date is precise enough that min and max agree. */
  readonly exact: boolean;
}

/**
 * Age on the visit day. A year-only birth date may be anything from 1 January
 * to 31 December of that year; a month-only one, any day of the month. Null when
 * the day is not a calendar day or the birth certainly lies after it.
 */
export function ageOn(birthDate: PartialDate, day: LocalDay): AgeRange | null {
  const on = parseLocalDay(day);
  if (on === null) return null;
  const earliest =
    birthDate.precision === 'day'
      ? birthDate
      : { year: birthDate.year, month: birthDate.precision === 'month' ? birthDate.month : 1, day: 1 };
  const lastMonth = birthDate.precision === 'year' ? 12 : birthDate.month;
  const latest =
    birthDate.precision === 'day'
      ? birthDate
      : { year: birthDate.year, month: lastMonth, day: daysInMonth(birthDate.year, lastMonth) };
  const maxMonths = completedMonths(earliest, on);
  if (maxMonths < 0 || (maxMonths === 0 && compareDays(earliest, on) > 0)) return null;
  // The latest possible birth may lie after the visit day: then the youngest age is 0.
  const minMonths = compareDays(latest, on) > 0 ? 0 : completedMonths(latest, on);
  return { minMonths, maxMonths, exact: minMonths === maxMonths };
}

function compareDays(a: { year: number; month: number; day: number }, b: { year: number; month: number; day: number }): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

// ── Proposals and the clerk's choice ────────────────────────────────────────

export type PriorityCertainty = 'certain' | 'possible';

export interface PriorityProposal {
  readonly code: PriorityCode;
  /** certain: the birth date settles it; possible: a partial birth date allows it. */
  readonly certainty: PriorityCertainty;
}

function ageMatch(criterion: PriorityCriterion, age: AgeRange): PriorityCertainty | null {
  switch (criterion.kind) {
    case 'declared':
      return null;
    case 'age-under-months':
      if (age.maxMonths < criterion.months) return 'certain';
      return age.minMonths < criterion.months ? 'possible' : null;
    case 'age-at-least-years':
      if (age.minMonths >= criterion.years * 12) return 'certain';
      return age.maxMonths >= criterion.years * 12 ? 'possible' : null;
  }
}

/**
 * The groups the patient's age puts them in on the visit day, in queue order.
 * Certain ones are selected for the clerk; possible ones are offered to confirm.
 */
export function proposePriorities(
  birthDate: PartialDate | null,
  visitDay: LocalDay,
  groups: readonly PriorityGroup[] = PRIORITY_GROUPS,
): PriorityProposal[] {
  if (birthDate === null) return [];
  const age = ageOn(birthDate, visitDay);
  if (age === null) return [];
  const proposals: PriorityProposal[] = [];
  for (const group of priorityGroupsOn(visitDay, groups)) {
    const certainty = ageMatch(group.criterion, age);
    if (certainty !== null) proposals.push({ code: group.code, certainty });
  }
  return proposals;
}

export type PriorityRefusal =
  | { readonly code: 'UNKNOWN_PRIORITY'; readonly priority: string }
  | { readonly code: 'AGE_PRIORITY_LOCKED'; readonly priority: string };

/**
 * The final set: the proposals that are certain, plus what the clerk chose, in
 * queue order without repeats. Codes not in force on the day are refused; so is
 * dropping a priority the birth date makes certain (correct the birth date instead).
 */
export function choosePriorities(input: {
  readonly proposals: readonly PriorityProposal[];
  readonly chosen: readonly string[];
  readonly removed?: readonly string[];
  readonly visitDay: LocalDay;
  readonly groups?: readonly PriorityGroup[];
}): { ok: true; value: PriorityCode[] } | { ok: false; error: PriorityRefusal } {
  const inForce = priorityGroupsOn(input.visitDay, input.groups ?? PRIORITY_GROUPS);
  const known = new Map(inForce.map((group) => [group.code, group]));
  const removed = new Set(input.removed ?? []);
  const selected = new Set<string>();
  for (const proposal of input.proposals) {
    if (proposal.certainty !== 'certain') continue;
    if (removed.has(proposal.code)) return { ok: false, error: { code: 'AGE_PRIORITY_LOCKED', priority: proposal.code } };
    selected.add(proposal.code);
  }
  for (const code of input.chosen) {
    if (!known.has(code)) return { ok: false, error: { code: 'UNKNOWN_PRIORITY', priority: code } };
    if (!removed.has(code)) selected.add(code);
  }
  return { ok: true, value: sortPriorityCodes([...selected], input.visitDay, input.groups) };
}

/** Codes in queue order (rank, then code); codes not in force go last, by code. */
export function sortPriorityCodes(
  codes: readonly string[],
  visitDay: LocalDay,
  groups: readonly PriorityGroup[] = PRIORITY_GROUPS,
): string[] {
  const rank = new Map(priorityGroupsOn(visitDay, groups).map((group) => [group.code, group.rank]));
  return [...new Set(codes)].sort((a, b) => {
    const ra = rank.get(a) ?? Number.POSITIVE_INFINITY;
    const rb = rank.get(b) ?? Number.POSITIVE_INFINITY;
    if (ra !== rb) return ra < rb ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** The rank that places a visit in the queue: its best group, or Infinity without one. */
export function bestPriorityRank(
  codes: readonly string[],
  visitDay: LocalDay,
  groups: readonly PriorityGroup[] = PRIORITY_GROUPS,
): number {
  const rank = new Map(priorityGroupsOn(visitDay, groups).map((group) => [group.code, group.rank]));
  let best = Number.POSITIVE_INFINITY;
  for (const code of codes) best = Math.min(best, rank.get(code) ?? Number.POSITIVE_INFINITY);
  return best;
}

export interface QueueEntry {
  readonly visitId: string;
  readonly priorities: readonly string[];
  /** When the queue number was taken (ISO instant): earlier goes first. */
  readonly queuedAt: string;
  readonly sequence: number;
}

/**
 * Total order of waiting patients in one clinic on one day: best priority rank,
 * then time queued, then queue sequence, then visit ID, so two desks showing the
 * same list always agree.
 */
export function compareQueueEntries(
  a: QueueEntry,
  b: QueueEntry,
  visitDay: LocalDay,
  groups: readonly PriorityGroup[] = PRIORITY_GROUPS,
): number {
  const ra = bestPriorityRank(a.priorities, visitDay, groups);
  const rb = bestPriorityRank(b.priorities, visitDay, groups);
  if (ra !== rb) return ra < rb ? -1 : 1;
  const ta = timeOrLast(a.queuedAt);
  const tb = timeOrLast(b.queuedAt);
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.sequence !== b.sequence) return a.sequence - b.sequence;
  return a.visitId < b.visitId ? -1 : a.visitId > b.visitId ? 1 : 0;
}

function timeOrLast(instant: string): number {
  const ms = Date.parse(instant);
  return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
}
