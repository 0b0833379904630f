/**
 * The patient store at hospital scale: synthetic patients (test data, not
 * people) inserted in batches, then CCCD lookups and diacritic-free name
 * searches through the repository the API uses, on the encrypted database.
 * TIEPDON_BENCH_PATIENTS overrides the count (default 1,000,000).
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db/connection.ts';
import { createPatientRepository } from '../db/patients.ts';
import { defaultCheckinConfig, runCheckin, type CheckinConfig } from '../domain/checkin/index.ts';
import { nameSearchForm, parsePatientQuery } from '../domain/patient.ts';
import { makeTempDir } from '../test/rig/temp-dir.ts';
import { sized, type Benchmark } from './benchmark.ts';
import { percentile, round } from './stats.ts';

const FULL_PATIENTS = Number(process.env.TIEPDON_BENCH_PATIENTS ?? 1_000_000);
const BATCH = 10_000;

/** Surnames with rough shares of the population. */
const SURNAMES: readonly [string, number][] = [
  ['Nguyễn', 38], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7], ['Hoàng', 3], ['Huỳnh', 2], ['Phan', 4.5], ['Vũ', 2], ['Võ', 2],
  ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5], ['Đinh', 0.8], ['Trương', 0.8],
  ['Lương', 0.5], ['Mai', 0.5], ['Đoàn', 0.5], ['Tạ', 0.3], ['Lâm', 0.4], ['Cao', 0.4], ['Hà', 0.4], ['Quách', 0.2], ['Kiều', 0.2],
];
const MIDDLE_MALE = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Xuân', 'Công', 'Đình', 'Quang', 'Gia', 'Bảo', 'Trọng', 'Tuấn', 'Hoàng'];
const MIDDLE_FEMALE = ['Thị', 'Ngọc', 'Thu', 'Kim', 'Thanh', 'Minh', 'Bích', 'Phương', 'Mỹ', 'Hồng', 'Khánh', 'Diệu', 'Hoài', 'Thùy'];
const GIVEN_MALE = [
  'An', 'Anh', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hùng', 'Huy', 'Khang', 'Khoa', 'Long', 'Lâm', 'Minh', 'Nam', 'Nghĩa',
  'Phong', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Tâm', 'Thắng', 'Thành', 'Thịnh', 'Trung', 'Tuấn', 'Việt', 'Vinh', 'Hoàng', 'Duy', 'Tùng', 'Đức',
];
const GIVEN_FEMALE = [
  'An', 'Anh', 'Ánh', 'Châu', 'Chi', 'Dung', 'Giang', 'Hà', 'Hằng', 'Hạnh', 'Hoa', 'Hương', 'Huyền', 'Lan', 'Linh', 'Loan', 'Mai', 'My',
  'Nga', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Thảo', 'Thủy', 'Trang', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Yến', 'Hiền',
];
const PROVINCE_CODES = ['001', '002', '004', '008', '010', '022', '026', '031', '033', '036', '038', '040', '046', '048', '052', '056', '066', '075', '079', '083', '086', '089', '092', '096'];

/** A small seeded generator, so every run inserts the same people. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAME_TOTAL = SURNAMES.reduce((sum, [, share]) => sum + share, 0);

interface Synthetic {
  cccd: string;
  fullName: string;
  birthYear: number;
  birthDate: string;
  sex: 'male' | 'female';
}

function generator(seed: number): (index: number) => Synthetic {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const surname = (): string => {
    let roll = random() * SURNAME_TOTAL;
    for (const [name, share] of SURNAMES) if ((roll -= share) < 0) return name;
    return SURNAMES[0]![0];
  };
  return (index) => {
    const sex = random() < 0.5 ? 'male' : 'female';
    const male = sex === 'male';
    const middle = random() < 0.2 ? `${pick(male ? MIDDLE_MALE : MIDDLE_FEMALE)} ${pick(male ? MIDDLE_MALE : MIDDLE_FEMALE)}` : pick(male ? MIDDLE_MALE : MIDDLE_FEMALE);
    const fullName = `${surname()} ${middle} ${pick(male ? GIVEN_MALE : GIVEN_FEMALE)}`;
    const birthYear = 1930 + Math.floor(random() * 96);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const precision = random();
    const birthDate =
      precision < 0.05 ? String(birthYear) : `${birthYear}-${String(month).padStart(2, '0')}${precision < 0.08 ? '' : `-${String(day).padStart(2, '0')}`}`;
    const century = (birthYear >= 2000 ? 2 : 0) + (male ? 0 : 1);
    // The last six digits are a bijection of the index, so no two synthetic CCCD numbers collide.
    const serial = String((index * 7919 + 12345) % 1_000_000).padStart(6, '0');
    const cccd = `${pick(PROVINCE_CODES)}${century}${String(birthYear % 100).padStart(2, '0')}${serial}`;
    return { cccd, fullName, birthYear, birthDate, sex };
  };
}

/** How clerks type names: without diacritics, sometimes without the middle name, sometimes with the year, sometimes half a word. */
function typedQuery(person: Synthetic, roll: number): string {
  const words = nameSearchForm(person.fullName).split(' ');
  const first = words[0]!;
  const last = words.at(-1)!;
  if (roll < 0.35) return `${words.join(' ')} ${person.birthYear}`;
  if (roll < 0.6) return words.join(' ');
  if (roll < 0.8) return `${first} ${last} ${person.birthYear}`;
  if (roll < 0.9) return `${first} ${last}`;
  return `${words.slice(0, -1).join(' ')} ${last.slice(0, Math.max(1, last.length - 1))}`;
}

function stats(samples: number[]): { p50: number; p95: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1)!) };
}

const benchmark: Benchmark = {
  description: `${FULL_PATIENTS.toLocaleString('en')} synthetic patients in the encrypted store: insert rate, CCCD lookup and name search latency, file size`,
  async run(options) {
    const PATIENTS = sized(options, FULL_PATIENTS, 5_000);
    const CCCD_LOOKUPS = sized(options, 10_000, 500);
    const NAME_QUERIES = sized(options, 1_000, 100);
    using dir = makeTempDir('tiepdon-bench-');
    const file = join(dir.path, 'tiepdon.db');
    const opened = openDatabase({ file, key: randomBytes(32) });
    const { db } = opened;
    const insert = db.prepare(
      `INSERT INTO patients (cccd, bhxh_number, full_name, name_search, birth_date, birth_year, sex, phone, relatives, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?)`,
    );
    const person = generator(20260302);
    const random = mulberry32(7);
    const cccds: string[] = new Array<string>(PATIENTS);
    const samples: Synthetic[] = [];
    const insertBatch = db.transaction((from: number, to: number) => {
      const at = new Date().toISOString();
      for (let i = from; i < to; i++) {
        const p = person(i);
        cccds[i] = p.cccd;
        if (samples.length < NAME_QUERIES * 4 && random() < (NAME_QUERIES * 8) / PATIENTS) samples.push(p);
        const bhxh = random() < 0.7 ? String(1_000_000_000 + i) : null;
        const phone = random() < 0.6 ? `09${String(Math.floor(random() * 1e8)).padStart(8, '0')}` : null;
        insert.run(p.cccd, bhxh, p.fullName, nameSearchForm(p.fullName), p.birthDate, p.birthYear, p.sex, phone, at, at);
      }
    });
    const insertStart = performance.now();
    for (let from = 0; from < PATIENTS; from += BATCH) {
      insertBatch(from, Math.min(PATIENTS, from + BATCH));
      if (from % 200_000 === 0) process.stderr.write(`  inserted ${from.toLocaleString('en')}…\n`);
    }
    const insertSeconds = (performance.now() - insertStart) / 1000;
    db.pragma('optimize');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const fileBytes = statSync(file).size;

    const patients = createPatientRepository(db);
    for (let i = 0; i < 200; i++) patients.findByCccd(cccds[(i * 4_999) % PATIENTS]!);
    const lookups: number[] = [];
    let found = 0;
    for (let i = 0; i < CCCD_LOOKUPS; i++) {
      const cccd = cccds[Math.floor(random() * PATIENTS)]!;
      const s = performance.now();
      const patient = patients.findByCccd(cccd);
      lookups.push(performance.now() - s);
      if (patient) found++;
    }

    const searches: number[] = [];
    let withHits = 0;
    let hitsAtTop = 0;
    for (let i = 0; i < NAME_QUERIES; i++) {
      const target = samples[Math.floor(random() * samples.length)]!;
      const query = parsePatientQuery(typedQuery(target, random()));
      if (query?.kind !== 'name') throw new Error('a name query was expected');
      const s = performance.now();
      const results = patients.searchByName(query.tokens, { limit: 10, ...(query.birthYear === undefined ? {} : { birthYear: query.birthYear }) });
      searches.push(performance.now() - s);
      if (results.length > 0) withHits++;
      if (results.some((r) => r.cccd === target.cccd)) hitsAtTop++;
    }
    opened.close();

    const cccd = stats(lookups);
    const name = stats(searches);
    return {
      patients: PATIENTS,
      insertSeconds: round(insertSeconds, 1),
      insertsPerSecond: Math.round(PATIENTS / insertSeconds),
      databaseMiB: round(fileBytes / 2 ** 20, 1),
      bytesPerPatient: Math.round(fileBytes / PATIENTS),
      cccdLookups: CCCD_LOOKUPS,
      cccdFound: found,
      cccdP50Ms: cccd.p50,
      cccdP95Ms: cccd.p95,
      cccdP99Ms: cccd.p99,
      cccdTargetP95Met: cccd.p95 <= 1,
      nameQueries: NAME_QUERIES,
      nameP50Ms: name.p50,
      nameP95Ms: name.p95,
      nameP99Ms: name.p99,
      nameMaxMs: name.max,
      nameTargetP95Met: name.p95 <= 20,
      nameQueriesWithHits: withHits,
      nameTargetInTop10: hitsAtTop,
      returningClerkActionsAutoPrint: returningPatientClerkActions(true),
      returningClerkActionsPrintKey: returningPatientClerkActions(false),
    };
  },
};

/**
 * Clerk actions from card tap to printed ticket for a returning insured
 * patient, counted by the desk's state machine (the tap with its number is one
 * identification; Enter takes the number; a print key unless the ticket prints
 * by itself). The end-to-end test counts the keys at the real screen: 3 with
 * the number typed before the tap.
 */
function returningPatientClerkActions(autoPrint: boolean): number {
  const clinic = { id: 'K01', name: 'Khám Nội', room: null, serviceCode: null, visitTypes: ['bhyt' as const, 'fee-paying' as const, 'on-demand' as const] };
  const config: CheckinConfig = defaultCheckinConfig([clinic], { defaultClinicId: 'K01', autoPrint });
  const number = { clinicId: 'K01', day: '2026-03-02', sequence: 1, origin: 'local' as const, prefix: 'A', display: 'A-001' };
  const patient = { id: 'BN1', birthDate: { precision: 'day' as const, year: 1990, month: 3, day: 15 }, known: true, insured: true, benefitLevel: '4' as const };
  const events = [
    { type: 'identified', patient, via: 'card-tap' },
    { type: 'insurance-checked', patientId: 'BN1', result: 'valid' },
    { type: 'confirm' },
    { type: 'queue-number-assigned', number },
    ...(autoPrint ? [] : [{ type: 'print' }]),
    { type: 'ticket-printed' },
  ];
  return runCheckin('2026-03-02', events, config).state.clerkActionsToTicket ?? Number.NaN;
}

export default benchmark;
