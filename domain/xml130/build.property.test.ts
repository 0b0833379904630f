import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { VISIT_STATUSES, VISIT_TYPES, type VisitStatus, type VisitType } from '../checkin/index.ts';
import { bhytCardArb, bhytCardNumber, digitsArb, fullNameArb, partialDateArb, type BhytCard } from '../identity/arbitraries.ts';
import { formatPartialDate } from '../identity/index.ts';
import { buildXml0 } from './build.ts';
import { checkXml0Values } from './check.ts';
import { XML0_FIELD_NAMES, XML0_QD3176 } from './fields.ts';
import { XML0_PROBLEM_CODES } from './problems.ts';
import type { Xml0Card, Xml0Source } from './record.ts';
import { parseXml0 } from './testing.ts';
import { cleanXmlText } from './values.ts';

const SEED = 20261123;
const RUNS = 300;

const iso = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

const cardOf = (card: BhytCard): Xml0Card => ({
  number: bhytCardNumber(card),
  registeredFacility: `${card.facility[0]}${card.facility[1]}`,
  validFrom: iso(card.validFrom),
  validTo: card.validTo === null ? null : iso(card.validTo),
});

/** Pieces of text that break naive XML writers, and decomposed Vietnamese. */
const HOSTILE = [']]>', '<', '>', '&', '"', "'", '<![CDATA[', '\u0000', '\u0007', '\u001B', '\uD800', '\uDFFF', '\uFFFE', '\u200B', '\u202E', '\t', '\r\n', 'Nu\u031B\u0303'];
const hostileNameArb = fc
  .tuple(fullNameArb, fc.array(fc.tuple(fc.constantFrom(...HOSTILE), fc.nat()), { maxLength: 4 }))
  .map(([name, inserts]) => inserts.reduce((text, [piece, at]) => text.slice(0, at % (text.length + 1)) + piece + text.slice(at % (text.length + 1)), name));

/** Instants from 2025 (the first day of the edition) to 2030, on any minute. */
const arrivalArb = fc.integer({ min: Date.UTC(2025, 0, 1, 0, 0) - 7 * 3_600_000, max: Date.UTC(2030, 11, 31, 16, 59) }).map((ms) => new Date(ms - (ms % 60_000)).toISOString());

const sourceArb: fc.Arbitrary<Xml0Source> = fc
  .record({
    facility: fc.stringMatching(/^\d{2}[0-9A-Z]{3}$/),
    visitId: fc.integer({ min: 1, max: 10_000_000 }),
    patientId: fc.integer({ min: 1, max: 10_000_000 }),
    fullName: fc.oneof(fullNameArb, hostileNameArb),
    birthDate: partialDateArb(1920, 2024),
    sex: fc.constantFrom('male', 'female', 'unspecified' as const),
    idNumber: fc.option(fc.oneof(digitsArb(12), digitsArb(9)), { nil: null }),
    type: fc.constantFrom<VisitType>(...VISIT_TYPES),
    status: fc.constantFrom<VisitStatus>(...VISIT_STATUSES),
    arrivedAt: arrivalArb,
    priorities: fc.subarray(['emergency', 'child-under-6', 'elderly', 'pregnancy']),
    document: fc.constantFrom('referral', 'follow-up', null),
    serviceCode: fc.stringMatching(/^\d{2}\.\d{4}$/),
    serviceName: fc.option(fc.oneof(hostileNameArb, fc.constant('Khám Nội')), { nil: null }),
    card: fc.option(bhytCardArb.map(cardOf), { nil: null }),
  })
  .map((r) => ({
    facilityCode: r.facility,
    linkKey: `${r.facility}_${r.arrivedAt.slice(0, 4)}_${r.arrivedAt.slice(5, 7)}_D1-${r.visitId}`,
    patientCode: `D1-${r.patientId}`,
    patient: { fullName: r.fullName, birthDate: formatPartialDate(r.birthDate), sex: r.sex, idNumber: r.idNumber },
    visit: {
      type: r.type,
      status: r.status,
      arrivedAt: r.arrivedAt,
      priorities: r.priorities,
      document: r.document,
      service: { code: r.serviceCode, name: r.serviceName },
    },
    card: r.card,
  }));

/** An insured visit needs its card, and the generated card must not end before it starts. */
const completeSourceArb = sourceArb.filter(
  (source) =>
    cleanXmlText(source.patient.fullName).text !== '' &&
    (source.visit.type !== 'bhyt' || (source.card !== null && (source.card.validTo === null || source.card.validFrom! <= source.card.validTo))),
);

/** Wall-clock yyyyMMddHHmm at UTC+7, computed apart from the code under test. */
const vietnamClock = (instant: string) => new Date(Date.parse(instant) + 7 * 3_600_000).toISOString().replace(/[-T:]/g, '').slice(0, 12);

describe('buildXml0 over generated visits', () => {
  it('writes a well-formed document of every element in table order whose values read back unchanged', () => {
    fc.assert(
      fc.property(completeSourceArb, (source) => {
        const result = buildXml0(source);
        if (!result.ok) throw new Error(`problems: ${JSON.stringify(result.problems)}`);
        const { values, xml } = result.value;
        const [item] = parseXml0(xml).items;
        assert.deepEqual(item!.elements.map((element) => element.name), [...XML0_FIELD_NAMES]);
        for (const element of item!.elements) {
          const spec = XML0_QD3176.fields.find((field) => field.name === element.name)!;
          assert.equal(element.value, values[spec.name], spec.name);
          if (element.cdata) assert.ok(spec.cdata, `${spec.name} only free text is CDATA`);
          if (spec.cdata && element.value !== '' && !element.value.includes(']]>')) assert.ok(element.cdata, `${spec.name} in CDATA`);
        }
        assert.deepEqual(checkXml0Values(values, XML0_QD3176), []);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('writes the name as NFC text without characters XML cannot carry, and the times in Vietnam time', () => {
    fc.assert(
      fc.property(completeSourceArb, (source) => {
        const result = buildXml0(source);
        assert.ok(result.ok);
        const { values, warnings } = result.value;
        assert.equal(values.HO_TEN, cleanXmlText(source.patient.fullName).text);
        assert.equal(values.HO_TEN, values.HO_TEN.normalize('NFC'));
        assert.equal(values.NGAY_VAO, vietnamClock(source.visit.arrivedAt));
        assert.equal(values.NGAY_YL, values.NGAY_VAO);
        assert.ok(values.NGAY_SINH.startsWith(source.patient.birthDate.replace(/-/g, '').padEnd(8, '0')));
        assert.equal(warnings.some((w) => w.code === 'text-cleaned' && w.field === 'HO_TEN'), cleanXmlText(source.patient.fullName).removed);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('never throws on any input: a document, or problems naming table fields', () => {
    const anyText = fc.string({ unit: fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 1, unit: 'binary' })), maxLength: 30 });
    const mangledArb = fc
      .record({ source: sourceArb, facility: anyText, linkKey: anyText, birthDate: anyText, idNumber: anyText, arrivedAt: fc.oneof(arrivalArb, anyText) })
      .map(({ source, ...text }) => ({
        ...source,
        facilityCode: text.facility,
        linkKey: text.linkKey,
        patient: { ...source.patient, birthDate: text.birthDate, idNumber: text.idNumber },
        visit: { ...source.visit, arrivedAt: text.arrivedAt },
      }));
    fc.assert(
      fc.property(fc.oneof(sourceArb, mangledArb), (source) => {
        const result = buildXml0(source);
        if (result.ok) {
          assert.doesNotThrow(() => parseXml0(result.value.xml));
          return;
        }
        assert.ok(result.problems.length > 0);
        for (const problem of result.problems) {
          assert.ok(problem.field === null || XML0_FIELD_NAMES.includes(problem.field));
          assert.ok(XML0_PROBLEM_CODES.includes(problem.code));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
