/**
 * Writes XML0 records as the document the gateway takes: UTF-8, every element
 * of the edition in its order, empty ones as <TAG/>, free text in CDATA.
 */
import { create } from 'xmlbuilder2';
import type { Xml0Values } from './check.ts';
import type { Xml0Edition } from './fields.ts';

/** The CDATA terminator cannot sit inside one CDATA section. */
const CDATA_END = ']]>';

export function renderXml0(records: readonly Xml0Values[], edition: Xml0Edition): string {
  // invalidCharReplacement only guards: values reach here already cleaned and checked.
  const document = create({ version: '1.0', encoding: 'utf-8', invalidCharReplacement: '' });
  const list = document.ele(edition.root).ele(edition.list);
  for (const values of records) {
    const item = list.ele(edition.item);
    for (const field of edition.fields) {
      const element = item.ele(field.name);
      const value = values[field.name];
      if (value === '') continue;
      // Text holding "]]>" is written escaped instead: split CDATA sections would
      // not survive pretty printing, and every parser reads both forms as the same text.
      if (field.cdata && !value.includes(CDATA_END)) element.dat(value);
      else element.txt(value);
    }
  }
  return document.end({ prettyPrint: true, indent: '  ', newline: '\n' }) + '\n';
}
