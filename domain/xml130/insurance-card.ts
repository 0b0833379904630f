/**
 * The card an XML0 record carries, from the BHXH gateway's check: the new card
 * after 003/004, else the one checked. Only a check that returned the
 * 15-character code gives a card: the 10-digit BHXH number alone is not what
 * MA_THE_BHYT holds.
 */
import { effectiveCard, InsuranceCheckResultSchema } from '../insurance/check-result.ts';
import type { Xml0Card } from './record.ts';

/** The card of a stored check result (checked here, as stored data is not trusted), or null. */
export function xml0CardFromCheck(result: unknown): Xml0Card | null {
  const parsed = InsuranceCheckResultSchema.safeParse(result);
  if (!parsed.success) return null;
  const card = effectiveCard(parsed.data);
  if (card === null || card.cardCode === null) return null;
  return { number: card.cardCode, registeredFacility: card.registeredFacility, validFrom: card.validFrom, validTo: card.validTo };
}
