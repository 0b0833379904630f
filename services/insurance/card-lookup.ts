/**
 * One card check as the clerk means it: the look-up, then the strategies that
 * fix common input mistakes (domain/insurance/lookup-plan.ts), then the
 * co-payment exemption for a card that gives cover. Counts which strategy
 * found the card, for the report of how often each one helps.
 */
import { vietnamDay } from '../../domain/checkin/index.ts';
import { interpretCardCheck, type InsuranceCheckResult } from '../../domain/insurance/check-result.ts';
import { decideExemption, type ExemptionSummary } from '../../domain/insurance/exemption.ts';
import { firstAttempt, LOOKUP_STRATEGIES, nextAttempt, type LookupAttempt, type LookupStrategy, type LookupSubject } from '../../domain/insurance/lookup-plan.ts';
import { EXEMPTION_CODES, type CardCheckReply } from '../../domain/insurance/wire.ts';
import { isCardFound } from '../../domain/insurance/result-codes.ts';
import { GatewayError, type GatewayClient } from './gateway-client.ts';

export interface CardLookupOptions {
  cccdAccepted: boolean;
  /** False: one look-up, no strategies (for comparison). */
  strategies: boolean;
  exemption: boolean;
  /** ISO instant of the check. */
  now: () => Date;
}

export type StrategyCounts = Record<LookupStrategy, number>;

export interface CardLookup {
  run(subject: LookupSubject, options: CardLookupOptions): Promise<InsuranceCheckResult>;
  /** Look-ups that found the card, by the strategy of the look-up that did. */
  counts(): StrategyCounts;
}

export function noIdentifier(subject: LookupSubject, cccdAccepted: boolean): boolean {
  return firstAttempt(subject, { cccdAccepted }) === null;
}

export function createCardLookup(client: GatewayClient): CardLookup {
  const counts = Object.fromEntries(LOOKUP_STRATEGIES.map((strategy) => [strategy, 0])) as StrategyCounts;

  async function exemptionFor(reply: CardCheckReply, attempt: LookupAttempt, fiveYearDate: string | null, today: string): Promise<ExemptionSummary> {
    const maThe = reply.maTheMoi?.trim() || reply.maThe?.trim() || attempt.maThe;
    try {
      const answer = await client.lookupExemption({ maThe, hoTen: attempt.hoTen, ngaySinh: attempt.ngaySinh });
      if (answer.MaKetQua === EXEMPTION_CODES.none) return decideExemption({ accumulatedVnd: null, fiveYearDate, today });
      if (answer.MaKetQua !== EXEMPTION_CODES.found) return { status: 'unavailable', accumulatedVnd: null, thresholdVnd: null };
      const totals = (answer.DataCCT ?? []).map((item) => item.tBNCCTLuyKe ?? 0);
      return decideExemption({ accumulatedVnd: totals.length ? Math.max(...totals) : null, fiveYearDate, today });
    } catch (error) {
      if (error instanceof GatewayError) return { status: 'unavailable', accumulatedVnd: null, thresholdVnd: null };
      throw error;
    }
  }

  return {
    async run(subject, options) {
      let attempt = firstAttempt(subject, { cccdAccepted: options.cccdAccepted });
      if (!attempt) throw new RangeError('Nothing to look the card up by');
      const tried: LookupAttempt[] = [];
      let reply: CardCheckReply;
      for (;;) {
        reply = await client.checkCard({ maThe: attempt.maThe, hoTen: attempt.hoTen, ngaySinh: attempt.ngaySinh });
        tried.push(attempt);
        const next = nextAttempt(subject, tried, reply.maKetQua, { cccdAccepted: options.cccdAccepted, strategies: options.strategies });
        if (!next) break;
        attempt = next;
      }
      const checkedAt = options.now().toISOString();
      const draft = interpretCardCheck({ reply, attempt, lookups: tried.length, exemption: null, checkedAt });
      if (isCardFound(draft.outcome)) counts[attempt.strategy] += 1;
      if (!options.exemption || draft.covered !== true) return draft;
      const today = vietnamDay(options.now());
      if (today === null) return draft; // a clock past year 9999: no day to weigh the exemption by
      const card = draft.newCard ?? draft.card;
      const exemption = await exemptionFor(reply, attempt, card?.fiveYearDate ?? null, today);
      return { ...draft, exemption };
    },
    counts: () => ({ ...counts }),
  };
}
