/**
 * A simulated reception day: 2,000 card look-ups against the gateway simulator
 * with a realistic mix of input mistakes, run three ways — one call per
 * look-up, with transport retries (100/101/500, network), and with transport
 * retries plus the look-up strategies (no diacritics after 060/061, year only
 * after 070, BHXH number after 050–053). Reports the look-up success rate
 * (the gateway identified the card: 000–004, 010, 110, 12x) of each, which
 * strategy found the card, gateway calls per look-up and latency.
 *
 * The mix is an assumption, stated in MIX below; the seed makes it repeatable.
 */
import { performance } from 'node:perf_hooks';
import { makePartialDate, type PartialDate } from '../domain/identity/partial-date.ts';
import type { LookupSubject } from '../domain/insurance/lookup-plan.ts';
import { withoutDiacritics } from '../domain/insurance/names.ts';
import { isCardFound } from '../domain/insurance/result-codes.ts';
import type { SimCard } from '../native/sim/bhxh/gateway-rules.ts';
import { md5Hex, SIM_DEFAULTS, startBhxhSimulator } from '../native/sim/bhxh/simulator.ts';
import { createCardLookup } from '../services/insurance/card-lookup.ts';
import { createGatewayClient, GatewayError, type RetryPolicy } from '../services/insurance/gateway-client.ts';
import { sized, type Benchmark, type Figures } from './benchmark.ts';
import { percentile, round } from './stats.ts';

const FULL_LOOKUPS = 2_000;
const SEED = 20_260_302;

/** Share of look-ups with each trait (independent draws). */
const MIX = {
  /** Identified by the chip or QR of the CCCD: looked up by CCCD number. */
  byCccd: 0.45,
  /** Of those, the CCCD is not linked to the BHXH record (the 75.7 % province figure). */
  cccdNotLinked: 0.2,
  /** Returning patients whose BHXH number is on file from an earlier visit. */
  bhxhNumberOnFile: 0.6,
  /** A BHYT card typed by hand (the rest are scanned QR codes). */
  typed: 0.15,
  /** Of typed codes, a wrong group, level or province character. */
  typedPrefixTypo: 0.25,
  /** An old card that has been replaced (003/004). */
  oldCard: 0.06,
  /** Name typed without diacritics. */
  nameWithoutMarks: 0.1,
  /** One wrong tone mark (keyboard-wedge or IME garbling, a clerk's slip). */
  nameWrongMark: 0.08,
  /** The card knows only the birth year; the hospital record says 01/01 of it. */
  cardYearOnly: 0.05,
  /** Day and month swapped in the record. */
  birthDateSwapped: 0.02,
  /** Another person's name on the record. */
  nameWrong: 0.02,
  /** The gateway answers 101 (server error) to a card check. */
  transientError: 0.03,
} as const;

/** Small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thành', 'Ngọc', 'Quốc', 'Thu', 'Kim'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Hương', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quân', 'Sơn', 'Thảo', 'Trang', 'Tuấn', 'Việt', 'Yến'];
const GROUPS = ['DN', 'HT', 'HS', 'GD', 'TE', 'CN', 'HC', 'BT'];
const TONES = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** One tone mark changed (or added) after the first letter, so the first letter stays right (061). */
function wrongMark(name: string, rand: () => number): string {
  const letters = [...name.normalize('NFD')];
  const toneAt = letters.findIndex((char, index) => index > 1 && TONES.includes(char));
  if (toneAt >= 0) {
    const others = TONES.filter((tone) => tone !== letters[toneAt]);
    letters[toneAt] = pick(rand, others);
  } else {
    const vowelAt = letters.findIndex((char, index) => index > 1 && /[aeiouy]/i.test(char));
    if (vowelAt < 0) return `${name}h`;
    letters.splice(vowelAt + 1, 0, pick(rand, TONES));
  }
  return letters.join('').normalize('NFC');
}

interface Case {
  card: SimCard;
  extraCards: SimCard[];
  subject: LookupSubject;
}

function makeCases(lookups: number): Case[] {
  const rand = random(SEED);
  const year = new Date().getUTCFullYear();
  const cases: Case[] = [];
  for (let i = 0; i < lookups; i += 1) {
    const bhxhNumber = pad(1_000_000_000 + i * 7919, 10).slice(-10);
    const group = pick(rand, GROUPS);
    const level = group === 'TE' ? '1' : group === 'HT' || group === 'CN' ? '3' : '4';
    const cardCode = `${group}${level}${pick(rand, ['01', '79', '48', '31'])}${bhxhNumber}`;
    const fullName = `${pick(rand, SURNAMES)} ${pick(rand, MIDDLE)} ${pick(rand, GIVEN)}`;
    const birth = { year: 1940 + Math.floor(rand() * 80), month: 1 + Math.floor(rand() * 12), day: 1 + Math.floor(rand() * 28) };
    const cardYearOnly = rand() < MIX.cardYearOnly;
    const cccd = `0${pad(1 + Math.floor(rand() * 96), 2)}${pad(Math.floor(rand() * 1e9), 9)}`;
    const byCccd = rand() < MIX.byCccd;
    const linked = !(byCccd && rand() < MIX.cccdNotLinked);
    const card: SimCard = {
      cardCode,
      ...(linked ? { cccd } : {}),
      fullName,
      birthDate: cardYearOnly ? String(birth.year) : `${pad(birth.day, 2)}/${pad(birth.month, 2)}/${birth.year}`,
      facility: '01001',
      validFrom: `01/01/${year}`,
      validTo: `31/12/${year}`,
      fiveYearDate: `01/01/${year - 3}`,
    };
    const extraCards: SimCard[] = [];
    let presentedCode: string = cardCode;
    if (!byCccd && rand() < MIX.oldCard) {
      const oldCode = `GD4${cardCode.slice(3)}`;
      extraCards.push({ ...card, cardCode: oldCode, cccd: undefined, validTo: `31/12/${year - 1}`, replacedBy: cardCode });
      presentedCode = oldCode;
    }
    if (!byCccd && rand() < MIX.typed && rand() < MIX.typedPrefixTypo) {
      const position = pick(rand, [0, 2, 3]);
      const replacement = position === 0 ? (presentedCode[0] === 'H' ? 'K' : 'H') : position === 2 ? (presentedCode[2] === '4' ? '3' : '4') : presentedCode[3] === '0' ? '9' : '0';
      presentedCode = presentedCode.slice(0, position) + replacement + presentedCode.slice(position + 1);
    }
    let name = fullName;
    if (rand() < MIX.nameWithoutMarks) name = withoutDiacritics(name);
    else if (rand() < MIX.nameWrongMark) name = wrongMark(name, rand);
    if (rand() < MIX.nameWrong) name = `${pick(rand, SURNAMES)} ${pick(rand, MIDDLE)} ${pick(rand, GIVEN)} ${pick(rand, GIVEN)}`;
    let birthDate: PartialDate = cardYearOnly ? makePartialDate({ year: birth.year, month: 1, day: 1 })! : makePartialDate(birth)!;
    if (rand() < MIX.birthDateSwapped && birth.day <= 12 && birth.day !== birth.month) birthDate = makePartialDate({ year: birth.year, month: birth.day, day: birth.month })!;
    const subject: LookupSubject = {
      ...(byCccd ? { cccd } : { cardCode: presentedCode }),
      ...(rand() < MIX.bhxhNumberOnFile ? { bhxhNumber } : {}),
      fullName: name,
      birthDate,
    };
    cases.push({ card, extraCards, subject });
  }
  return cases;
}

interface Run {
  found: number;
  unreachable: number;
  calls: number;
  latencies: number[];
  strategies: Record<string, number>;
  codes: Record<string, number>;
}

async function runDay(cases: readonly Case[], url: string, mode: { retry: RetryPolicy; strategies: boolean }): Promise<Run> {
  const faults = random(SEED + 1);
  let calls = 0;
  // A card check answered 101 now and then, as the real gateway does under load.
  const flakyFetch: typeof fetch = async (input, init) => {
    const target = String(input);
    if (target.includes('KQNhanLichSuKCB2024')) {
      calls += 1;
      if (faults() < MIX.transientError) return new Response(JSON.stringify({ maKetQua: '101', ghiChu: 'Lỗi server' }), { status: 200 });
    }
    return fetch(input, init);
  };
  const [staff] = SIM_DEFAULTS.staff;
  const client = createGatewayClient({
    account: () => ({ baseUrl: url, username: SIM_DEFAULTS.username, passwordMd5: md5Hex(SIM_DEFAULTS.password).toUpperCase(), staffName: staff!.name, staffCccd: staff!.cccd }),
    timeouts: () => ({ loginMs: 10_000, checkMs: 10_000 }),
    retry: mode.retry,
    fetch: flakyFetch,
    sleep: async () => {},
  });
  const lookup = createCardLookup(client);
  const run: Run = { found: 0, unreachable: 0, calls: 0, latencies: [], strategies: {}, codes: {} };
  for (const item of cases) {
    const start = performance.now();
    try {
      const result = await lookup.run(item.subject, { cccdAccepted: true, strategies: mode.strategies, exemption: false, now: () => new Date() });
      if (isCardFound(result.outcome)) run.found += 1;
      run.codes[result.code] = (run.codes[result.code] ?? 0) + 1;
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      run.unreachable += 1;
    }
    run.latencies.push(performance.now() - start);
  }
  run.calls = calls;
  run.strategies = lookup.counts();
  return run;
}

const benchmark: Benchmark = {
  description: `a day of ${FULL_LOOKUPS} BHYT look-ups with input mistakes against the gateway simulator: success rate without retries, with transport retries, with retries and look-up strategies`,
  async run(options) {
    const LOOKUPS = sized(options, FULL_LOOKUPS, 100);
    const cases = makeCases(LOOKUPS);
    const sim = await startBhxhSimulator({ cards: cases.flatMap((item) => [item.card, ...item.extraCards]) });
    try {
      const noRetry = { attempts: 1, baseMs: 0, maxMs: 0 };
      const retry = { attempts: 3, baseMs: 0, maxMs: 0 };
      const plain = await runDay(cases, sim.url, { retry: noRetry, strategies: false });
      const retried = await runDay(cases, sim.url, { retry, strategies: false });
      const full = await runDay(cases, sim.url, { retry, strategies: true });
      const sorted = [...full.latencies].sort((a, b) => a - b);
      const rate = (run: Run) => round((100 * run.found) / LOOKUPS, 1);
      const figures: Figures = {
        lookups: LOOKUPS,
        successPercentNoRetry: rate(plain),
        successPercentTransportRetry: rate(retried),
        successPercentWithStrategies: rate(full),
        unreachableNoRetry: plain.unreachable,
        unreachableWithRetry: full.unreachable,
        foundAsGiven: full.strategies['as-given'] ?? 0,
        foundWithoutDiacritics: full.strategies['without-diacritics'] ?? 0,
        foundBirthYearOnly: full.strategies['birth-year-only'] ?? 0,
        foundByBhxhNumber: full.strategies['bhxh-number'] ?? 0,
        remaining060or061: (full.codes['060'] ?? 0) + (full.codes['061'] ?? 0),
        remaining070: full.codes['070'] ?? 0,
        remaining05x: ['050', '051', '052', '053'].reduce((sum, code) => sum + (full.codes[code] ?? 0), 0),
        newCard003or004: (full.codes['003'] ?? 0) + (full.codes['004'] ?? 0),
        gatewayCallsPerLookupNoRetry: round(plain.calls / LOOKUPS, 2),
        gatewayCallsPerLookupWithStrategies: round(full.calls / LOOKUPS, 2),
        lookupP50Ms: round(percentile(sorted, 50), 2),
        lookupP95Ms: round(percentile(sorted, 95), 2),
      };
      return figures;
    } finally {
      await sim.close();
    }
  },
};

export default benchmark;
