/**
 * Test helpers for this folder: a sample visit (synthetic data) and a reader
 * that parses an XML0 document back with an independent parser, keeping the
 * element order and whether each value sat in CDATA. Test code only.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Xml0Source } from './record.ts';

/** The synthetic visit of formats.md §4.2, as reception records it. */
export const SAMPLE_SOURCE: Xml0Source = {
  facilityCode: '01013',
  linkKey: '01013_2025_01_BN0001234_KB000001',
  patientCode: 'BN0001234',
  patient: { fullName: 'Nguyễn Văn An', birthDate: '1990-08-15', sex: 'male', idNumber: '001090012345' },
  visit: {
    type: 'bhyt',
    status: 'queued',
    // 08:15 and 08:20 in Vietnam.
    arrivedAt: '2025-01-02T01:15:00Z',
    orderedAt: '2025-01-02T01:20:00Z',
    priorities: [],
    document: null,
    service: { code: '02.1896', name: 'Khám Nội' },
  },
  card: { number: 'DN4010123456789', registeredFacility: '01001', validFrom: '2025-01-01', validTo: '2025-12-31' },
};

export function withSource(change: {
  source?: Partial<Omit<Xml0Source, 'patient' | 'visit'>>;
  patient?: Partial<Xml0Source['patient']>;
  visit?: Partial<Xml0Source['visit']>;
}): Xml0Source {
  return {
    ...SAMPLE_SOURCE,
    ...change.source,
    patient: { ...SAMPLE_SOURCE.patient, ...change.patient },
    visit: { ...SAMPLE_SOURCE.visit, ...change.visit },
  };
}

export interface ParsedElement {
  readonly name: string;
  readonly value: string;
  readonly cdata: boolean;
}

export interface ParsedXml0 {
  readonly root: string;
  readonly list: string;
  readonly items: readonly { readonly name: string; readonly elements: readonly ParsedElement[] }[];
}

type OrderedNode = Record<string, unknown> & { ':@'?: unknown };

const parser = new XMLParser({
  preserveOrder: true,
  cdataPropName: '#cdata',
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
});

const nameOf = (node: OrderedNode): string => Object.keys(node).find((key) => key !== ':@') ?? '';
const childrenOf = (node: OrderedNode): OrderedNode[] => (node[nameOf(node)] as OrderedNode[] | undefined) ?? [];

/** Reads text and CDATA children; throws on a document that is not well formed. */
export function parseXml0(xml: string): ParsedXml0 {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg}`);
  const top = (parser.parse(xml) as OrderedNode[]).filter((node) => !nameOf(node).startsWith('?') && nameOf(node) !== '#text');
  if (top.length !== 1) throw new Error('one root element expected');
  const root = top[0]!;
  const lists = childrenOf(root).filter((node) => nameOf(node) !== '#text');
  if (lists.length !== 1) throw new Error('one list element expected');
  const list = lists[0]!;
  const items = childrenOf(list)
    .filter((node) => nameOf(node) !== '#text')
    .map((item) => ({
      name: nameOf(item),
      elements: childrenOf(item)
        .filter((node) => nameOf(node) !== '#text')
        .map((element): ParsedElement => {
          let value = '';
          let cdata = false;
          for (const part of childrenOf(element)) {
            if (nameOf(part) === '#cdata') {
              cdata = true;
              value += childrenOf(part).map((text) => String(text['#text'] ?? '')).join('');
            } else {
              value += String(part['#text'] ?? '');
            }
          }
          return { name: nameOf(element), value, cdata };
        }),
    }));
  return { root: nameOf(root), list: nameOf(list), items };
}
