import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makePartialDate, type PartialDate } from '../../domain/identity/partial-date.ts';
import type { LookupSubject } from '../../domain/insurance/lookup-plan.ts';
import { RESULT_CODES } from '../../domain/insurance/result-codes.ts';
import {
  DEMO_EXPIRED_CARD,
  DEMO_NEW_CARD,
  DEMO_OLD_CARD,
  DEMO_VALID_CARD,
  DEMO_YEAR_ONLY_CARD,
  demoCards,
  forcedCodeCards,
} from '../../native/sim/bhxh/demo-cards.ts';
import { md5Hex, SIM_DEFAULTS, startBhxhSimulator, type BhxhSimulator } from '../../native/sim/bhxh/simulator.ts';
import { createCardLookup, type CardLookupOptions } from './card-lookup.ts';
import { simClient } from './testing.ts';

const NOW = () => new Date();
const OPTIONS: CardLookupOptions = { cccdAccepted: true, strategies: true, exemption: true, now: NOW };

function birth(text: string): PartialDate {
  const [a, b, c] = text.split('/');
  return c ? makePartialDate({ year: Number(c), month: Number(b), day: Number(a) })! : makePartialDate({ year: Number(a) })!;
}

const VALID: LookupSubject = { cardCode: DEMO_VALID_CARD.cardCode, fullName: DEMO_VALID_CARD.fullName, birthDate: birth(DEMO_VALID_CARD.birthDate) };

describe('card look-up against the simulated gateway', () => {
  let sim: BhxhSimulator;
  before(async () => {
    sim = await startBhxhSimulator({ cards: demoCards() });
  });
  after(() => sim.close());

  it('000: valid, with benefit level, facility, validity, 5-year date and the exemption', async () => {
    const result = await createCardLookup(simClient(sim)).run(VALID, OPTIONS);
    assert.deepEqual([result.code, result.outcome, result.covered, result.strategy], ['000', 'valid', true, 'as-given']);
    assert.equal(result.card?.benefitLevel, '4');
    assert.equal(result.card?.registeredFacility, '01001');
    assert.equal(result.card?.fiveYearDate, '2015-01-01');
    assert.equal(result.exemption?.status, 'exempt');
  });

  it('003/004: switches to the new card’s data', async () => {
    const subject = { cardCode: DEMO_OLD_CARD.cardCode, fullName: DEMO_OLD_CARD.fullName, birthDate: birth(DEMO_OLD_CARD.birthDate) };
    const result = await createCardLookup(simClient(sim)).run(subject, OPTIONS);
    assert.equal(result.code, '003');
    assert.equal(result.newCard?.cardCode, DEMO_NEW_CARD.cardCode);
    assert.equal(result.newCard?.registeredFacility, DEMO_NEW_CARD.facility);
    sim.setCard({ ...DEMO_OLD_CARD, validTo: `31/12/${new Date().getUTCFullYear() + 1}` });
    assert.equal((await createCardLookup(simClient(sim)).run(subject, OPTIONS)).code, '004');
    sim.setCard(DEMO_OLD_CARD);
  });

  it('010: expired, not covered', async () => {
    const subject = { cardCode: DEMO_EXPIRED_CARD.cardCode, fullName: DEMO_EXPIRED_CARD.fullName, birthDate: birth(DEMO_EXPIRED_CARD.birthDate) };
    const result = await createCardLookup(simClient(sim)).run(subject, OPTIONS);
    assert.deepEqual([result.code, result.outcome, result.covered, result.exemption], ['010', 'expired', false, null]);
  });

  it('a missing accent is fixed by the retry without diacritics, and counted', async () => {
    const lookup = createCardLookup(simClient(sim));
    const result = await lookup.run({ ...VALID, fullName: 'Nguyễn Văn Ân' }, OPTIONS);
    assert.deepEqual([result.code, result.strategy, result.lookups], ['000', 'without-diacritics', 2]);
    assert.equal(lookup.counts()['without-diacritics'], 1);
    assert.equal(lookup.counts()['as-given'], 0);
  });

  it('060/061 remain when the name is really wrong, naming the field', async () => {
    const wrong = await createCardLookup(simClient(sim)).run({ ...VALID, fullName: 'Trần Văn Bình' }, OPTIONS);
    assert.deepEqual([wrong.code, wrong.mismatch?.field, wrong.mismatch?.nameSent], ['060', 'name', 'without-diacritics']);
    const first = await createCardLookup(simClient(sim)).run({ ...VALID, fullName: 'Nguyễn Văn Bình' }, OPTIONS);
    assert.deepEqual([first.code, first.mismatch?.field], ['061', 'name-first-letter-right']);
  });

  it('070: a year-only card is found with the year; a wrong date stays 070', async () => {
    const subject = { cardCode: DEMO_YEAR_ONLY_CARD.cardCode, fullName: DEMO_YEAR_ONLY_CARD.fullName, birthDate: makePartialDate({ year: 1948, month: 1, day: 1 })! };
    const found = await createCardLookup(simClient(sim)).run(subject, OPTIONS);
    assert.deepEqual([found.code, found.strategy], ['000', 'birth-year-only']);
    const wrong = await createCardLookup(simClient(sim)).run({ ...VALID, birthDate: birth('16/08/1990') }, OPTIONS);
    assert.deepEqual([wrong.code, wrong.mismatch?.field, wrong.mismatch?.birthDateSent], ['070', 'birth-date', 'year-only']);
  });

  it('050–053: a mistyped card code is found by its BHXH number; unknown numbers stay 050', async () => {
    for (const [typo, code] of [['HX4010123456789', '051'], ['DN4790123456789', '052'], ['DN3010123456789', '053']] as const) {
      const result = await createCardLookup(simClient(sim)).run({ ...VALID, cardCode: typo }, OPTIONS);
      assert.deepEqual([result.code, result.strategy, result.lookedUpBy], ['000', 'bhxh-number', 'bhxh-number'], code);
    }
    const none = await createCardLookup(simClient(sim)).run({ ...VALID, cardCode: 'DN4019999999999' }, OPTIONS);
    assert.equal(none.code, '050');
    const unretried = await createCardLookup(simClient(sim)).run({ ...VALID, cardCode: 'HX4010123456789' }, { ...OPTIONS, strategies: false });
    assert.equal(unretried.code, '051', 'without strategies the first answer stands');
  });

  it('by CCCD number where accepted, and by BHXH number', async () => {
    const byCccd = await createCardLookup(simClient(sim)).run({ ...VALID, cardCode: undefined, cccd: DEMO_VALID_CARD.cccd }, OPTIONS);
    assert.deepEqual([byCccd.code, byCccd.lookedUpBy, byCccd.card?.cardCode], ['000', 'cccd', DEMO_VALID_CARD.cardCode]);
    const byNumber = await createCardLookup(simClient(sim)).run({ ...VALID, cardCode: undefined, bhxhNumber: '0123456789' }, OPTIONS);
    assert.deepEqual([byNumber.code, byNumber.lookedUpBy], ['000', 'bhxh-number']);
  });

  it('054/055: the looking-up staff member is not registered or the name does not match', async () => {
    assert.equal((await createCardLookup(simClient(sim)).run(VALID, OPTIONS)).code, '000');
    const as = (staffName: string, staffCccd: string) =>
      simClient(sim, { account: () => ({ baseUrl: sim.url, username: SIM_DEFAULTS.username, passwordMd5: md5Hex(SIM_DEFAULTS.password), staffName, staffCccd }) });
    const unknown = await createCardLookup(as('Trần Thị Tiếp Đón', '001190009999')).run(VALID, OPTIONS);
    assert.deepEqual([unknown.code, unknown.outcome, unknown.action], ['054', 'staff-not-registered', 'call-it']);
    const wrongName = await createCardLookup(as('Lê Văn Khác', SIM_DEFAULTS.staff[0]!.cccd)).run(VALID, OPTIONS);
    assert.equal(wrongName.code, '055');
  });

  it('every other documented code, forced per card, gives its typed outcome and action', async () => {
    for (const card of forcedCodeCards()) {
      const row = RESULT_CODES.find((r) => r.code === card.code)!;
      sim.setFault(null);
      const subject = { cardCode: card.cardCode, fullName: card.fullName, birthDate: birth(card.birthDate) };
      if (row.retryable) {
        await assert.rejects(createCardLookup(simClient(sim)).run(subject, OPTIONS), { name: 'GatewayError' }, card.code);
        continue;
      }
      const result = await createCardLookup(simClient(sim)).run(subject, OPTIONS);
      assert.deepEqual([result.code, result.outcome, result.action], [row.code, row.outcome, row.action], card.code);
    }
  });

  it('an undocumented code is kept for manual review', async () => {
    sim.setCard({ ...DEMO_VALID_CARD, cardCode: 'DN4015555500000', code: '777' });
    const result = await createCardLookup(simClient(sim)).run({ ...VALID, cardCode: 'DN4015555500000' }, OPTIONS);
    assert.deepEqual([result.code, result.outcome, result.action], ['777', 'unknown', 'manual-review']);
  });
});
