/**
 * What the clerk sees of a card check: validity, benefit level, registered
 * facility, the 5-year date, the exemption, the new card after 003/004 and the
 * field that did not match after 060/061/070. Built from the gateway's reply
 * without the patient's name, birth date or address: the result is stored and
 * sent to the screen, and those stay with the patient record.
 */
import { z } from 'zod';
import { ExemptionSummarySchema, type ExemptionSummary } from './exemption.ts';
import { LOOKUP_STRATEGIES, type LookupAttempt } from './lookup-plan.ts';
import { CLERK_ACTIONS, INSURANCE_OUTCOMES, MISMATCH_FIELDS, RESULT_CODES_VERSION, resultCodeRow } from './result-codes.ts';
import { NAME_STRATEGIES } from './names.ts';
import { CARD_CODE_PATTERNS, gatewayDayToIso, type CardCheckReply } from './wire.ts';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const CardSummarySchema = z.object({
  /** The 15-character code (needed for the XML check-in record), when the gateway gave it. */
  cardCode: z.string().nullable(),
  bhxhNumber: z.string().nullable(),
  /** Mức hưởng: the card code's third character. Text, as the 2026 XML field widens. */
  benefitLevel: z.string().nullable(),
  /** Nơi ĐKBĐ: the 5-character facility code. */
  registeredFacility: z.string().nullable(),
  registeredFacilityName: z.string().nullable(),
  validFrom: IsoDay.nullable(),
  validTo: IsoDay.nullable(),
  /** The day five continuous years of cover are reached. */
  fiveYearDate: IsoDay.nullable(),
  /** Khu vực K1/K2/K3, usually none. */
  area: z.string().nullable(),
});
export type CardSummary = z.infer<typeof CardSummarySchema>;

export const CardCodeKindSchema = z.enum(['card-code', 'bhxh-number', 'cccd']);

export const MismatchSchema = z.object({
  field: z.enum(MISMATCH_FIELDS),
  /** How the refused name and birth date were sent, so the clerk knows what was already tried. */
  nameSent: z.enum(NAME_STRATEGIES),
  birthDateSent: z.enum(['as-given', 'year-only']),
});
export type Mismatch = z.infer<typeof MismatchSchema>;

export const InsuranceCheckResultSchema = z.object({
  /** maKetQua as returned, leading zeros kept. */
  code: z.string().max(10),
  codesVersion: z.string(),
  outcome: z.enum(INSURANCE_OUTCOMES),
  action: z.enum(CLERK_ACTIONS),
  /** Whether the card gives cover now; null when the gateway cannot say (001/002/130…). */
  covered: z.boolean().nullable(),
  lookedUpBy: CardCodeKindSchema,
  strategy: z.enum(LOOKUP_STRATEGIES),
  /** Look-ups sent for this result (strategies included, transport retries not). */
  lookups: z.number().int().positive(),
  card: CardSummarySchema.nullable(),
  newCard: CardSummarySchema.nullable(),
  mismatch: MismatchSchema.nullable(),
  exemption: ExemptionSummarySchema.nullable(),
  checkedAt: z.iso.datetime(),
});
export type InsuranceCheckResult = z.infer<typeof InsuranceCheckResultSchema>;

const text = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

type Field = string | null | undefined;

function summary(fields: {
  maThe?: Field;
  maSoBHXH?: Field;
  maDKBD?: Field;
  tenDKBD?: Field;
  gtTheTu?: Field;
  gtTheDen?: Field;
  ngayDu5Nam?: Field;
  maKV?: Field;
}): CardSummary {
  const maThe = text(fields.maThe)?.toUpperCase() ?? null;
  const cardCode = maThe !== null && CARD_CODE_PATTERNS['card-code'].test(maThe) ? maThe : null;
  const bhxh = text(fields.maSoBHXH) ?? (maThe !== null && CARD_CODE_PATTERNS['bhxh-number'].test(maThe) ? maThe : (cardCode?.slice(5) ?? null));
  return {
    cardCode,
    bhxhNumber: bhxh !== null && CARD_CODE_PATTERNS['bhxh-number'].test(bhxh) ? bhxh : null,
    benefitLevel: cardCode?.charAt(2) ?? null,
    registeredFacility: text(fields.maDKBD),
    registeredFacilityName: text(fields.tenDKBD),
    validFrom: gatewayDayToIso(fields.gtTheTu),
    validTo: gatewayDayToIso(fields.gtTheDen),
    fiveYearDate: gatewayDayToIso(fields.ngayDu5Nam),
    area: text(fields.maKV),
  };
}

/** Whether the reply carries card data worth showing (not just a code). */
function hasCard(card: CardSummary): boolean {
  return card.cardCode !== null || card.registeredFacility !== null || card.validTo !== null;
}

/** The clerk's result from a reply to `attempt`; `lookups` counts the look-ups sent. */
export function interpretCardCheck(input: {
  reply: CardCheckReply;
  attempt: LookupAttempt;
  lookups: number;
  exemption: ExemptionSummary | null;
  checkedAt: string;
}): InsuranceCheckResult {
  const { reply, attempt } = input;
  const row = resultCodeRow(reply.maKetQua, input.checkedAt.slice(0, 10));
  const card = summary({ ...reply, tenDKBD: null });
  const newCard =
    row.outcome === 'new-card'
      ? summary({
          maThe: reply.maTheMoi,
          maSoBHXH: reply.maSoBHXH,
          maDKBD: reply.maDKBDMoi ?? reply.maDKBD,
          tenDKBD: reply.tenDKBDMoi,
          gtTheTu: reply.gtTheTuMoi,
          gtTheDen: reply.gtTheDenMoi,
          ngayDu5Nam: reply.ngayDu5Nam,
          maKV: reply.maKV,
        })
      : null;
  return {
    code: reply.maKetQua,
    codesVersion: RESULT_CODES_VERSION,
    outcome: row.outcome,
    action: row.action,
    covered: row.covered,
    lookedUpBy: attempt.by,
    strategy: attempt.strategy,
    lookups: input.lookups,
    card: hasCard(card) ? card : null,
    newCard,
    mismatch: row.mismatch ? { field: row.mismatch, nameSent: attempt.nameStrategy, birthDateSent: attempt.birthDateSent } : null,
    exemption: input.exemption,
    checkedAt: input.checkedAt,
  };
}

/** The card a visit should use: the new one after 003/004, else the one checked. */
export function effectiveCard(result: InsuranceCheckResult): CardSummary | null {
  return result.newCard ?? result.card;
}
