import type { BiometricRequirement } from './flow.ts';
import type { AgeRange } from './priority.ts';

export type IdentityCheckExemption = 'young-child';

/**
 * The identity check asked for a patient: the visit type's policy, except that
 * a child certainly younger than `exemptUnderYears` is not asked (their chip
 * photo, if any, is of a younger face, and most have no chip card at all).
 */
export function identityCheckFor(
  policy: BiometricRequirement,
  exemptUnderYears: number,
  age: AgeRange | null,
): { requirement: BiometricRequirement; exemption: IdentityCheckExemption | null } {
  if (policy !== 'off' && exemptUnderYears > 0 && age !== null && age.maxMonths < exemptUnderYears * 12) {
    return { requirement: 'off', exemption: 'young-child' };
  }
  return { requirement: policy, exemption: null };
}
