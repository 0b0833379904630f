/**
 * Code lists change by decree, so each row says when it applies. Dates are ISO
 * local calendar days ("2025-07-01"), inclusive; null means open-ended.
 */
export interface Effective {
  readonly validFrom: string | null;
  readonly validTo: string | null;
}

/** Whether the row applies on the given ISO day. */
export function isEffectiveOn(row: Effective, isoDay: string): boolean {
  return (row.validFrom === null || row.validFrom <= isoDay) && (row.validTo === null || isoDay <= row.validTo);
}

/** Whether the row applies on at least one day of the year. */
export function isEffectiveDuringYear(row: Effective, year: number): boolean {
  const first = `${String(year).padStart(4, '0')}-01-01`;
  const last = `${String(year).padStart(4, '0')}-12-31`;
  return (row.validFrom === null || row.validFrom <= last) && (row.validTo === null || first <= row.validTo);
}

/**
 * The row for a key that applies at the given time (any time when omitted).
 * When several apply, the one that started last wins.
 */
export function findEffective<T extends Effective>(
  rows: readonly T[],
  matches: (row: T) => boolean,
  applies: (row: T) => boolean = () => true,
): T | undefined {
  let best: T | undefined;
  for (const row of rows) {
    if (!matches(row) || !applies(row)) continue;
    if (best === undefined || (row.validFrom ?? '') > (best.validFrom ?? '')) best = row;
  }
  return best;
}
