/**
 * Exemption from co-payment (miễn cùng chi trả, NĐ 188/2025 Đ18): after five
 * continuous years of cover, once the co-payments of the calendar year exceed
 * six months of the base salary (lương cơ sở), the fund pays 100 % to 31/12.
 * The base salary changes by decree: versioned data.
 */
import { z } from 'zod';
import { findEffective, isEffectiveOn, type Effective } from '../identity/effective.ts';

export interface BaseSalaryRow extends Effective {
  readonly vnd: number;
}

export const BASE_SALARIES: readonly BaseSalaryRow[] = [
  { vnd: 1_800_000, validFrom: '2023-07-01', validTo: '2024-06-30' },
  { vnd: 2_340_000, validFrom: '2024-07-01', validTo: null },
  // 2,530,000 from 01/07/2026 is reported by one client only: add it here once confirmed.
];

export const EXEMPTION_MONTHS_OF_BASE_SALARY = 6;

export function exemptionThresholdVnd(isoDay: string): number | null {
  const row = findEffective(BASE_SALARIES, () => true, (r) => isEffectiveOn(r, isoDay));
  return row ? row.vnd * EXEMPTION_MONTHS_OF_BASE_SALARY : null;
}

export const ExemptionStatusSchema = z.enum(['exempt', 'not-exempt', 'no-data', 'unavailable']);
export type ExemptionStatus = z.infer<typeof ExemptionStatusSchema>;

export const ExemptionSummarySchema = z.object({
  status: ExemptionStatusSchema,
  /** Co-payments counted this calendar year, VND. */
  accumulatedVnd: z.number().nonnegative().nullable(),
  thresholdVnd: z.number().nonnegative().nullable(),
});
export type ExemptionSummary = z.infer<typeof ExemptionSummarySchema>;

/**
 * Whether the patient is exempt: the five-year date reached and the year's
 * co-payments over the threshold. `accumulatedVnd` is the largest running total the gateway lists.
 */
export function decideExemption(input: { accumulatedVnd: number | null; fiveYearDate: string | null; today: string }): ExemptionSummary {
  const thresholdVnd = exemptionThresholdVnd(input.today);
  if (input.accumulatedVnd === null) return { status: 'no-data', accumulatedVnd: null, thresholdVnd };
  const fiveYearsReached = input.fiveYearDate !== null && input.fiveYearDate <= input.today;
  const over = thresholdVnd !== null && input.accumulatedVnd > thresholdVnd;
  return { status: fiveYearsReached && over ? 'exempt' : 'not-exempt', accumulatedVnd: input.accumulatedVnd, thresholdVnd };
}
