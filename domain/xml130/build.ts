/**
 * The XML0 check-in record of one visit: mapped, checked against the edition
 * of the table in force on the visit day, and written. A record with problems
 * is not written; the result lists every problem instead.
 */
import { checkXml0Values, DEFAULT_CODE_LISTS, visitDayOf, type CodeLists, type Xml0Values } from './check.ts';
import { XML0_EDITIONS, xml0EditionOn, type Xml0Edition } from './fields.ts';
import type { Xml0Problem, Xml0Warning } from './problems.ts';
import { DEFAULT_MAPPING_RULES, mapXml0Record, type MappingRules, type Xml0Source } from './record.ts';
import { renderXml0 } from './render.ts';

export interface Xml0Document {
  readonly fileName: string;
  readonly xml: string;
  readonly edition: string;
  readonly values: Xml0Values;
  readonly warnings: readonly Xml0Warning[];
}

export type Xml0BuildResult =
  | { readonly ok: true; readonly value: Xml0Document }
  | { readonly ok: false; readonly problems: readonly Xml0Problem[]; readonly warnings: readonly Xml0Warning[] };

export interface Xml0BuildOptions {
  readonly editions?: readonly Xml0Edition[];
  readonly codeLists?: CodeLists;
  readonly rules?: MappingRules;
}

export function buildXml0(source: Xml0Source, options: Xml0BuildOptions = {}): Xml0BuildResult {
  const mapped = mapXml0Record(source, options.rules ?? DEFAULT_MAPPING_RULES);
  const editions = options.editions ?? XML0_EDITIONS;
  const day = visitDayOf(mapped.values);
  const edition = day === null ? null : xml0EditionOn(day, editions);
  // Without an edition for the day the record cannot be written, but the newest
  // one still tells what else is missing, so one export attempt lists everything.
  const checkedBy = edition ?? newestEdition(editions);
  const checked = checkedBy === null ? [] : checkXml0Values(mapped.values, checkedBy, options.codeLists ?? DEFAULT_CODE_LISTS);
  const noEdition: Xml0Problem[] =
    edition === null && (day !== null || checkedBy === null)
      ? [{ field: null, code: 'no-edition', message: `No edition of the XML0 table is in force on ${day ?? 'the visit day'}` }]
      : [];
  const problems = dedupe([...noEdition, ...mapped.problems, ...checked]);
  if (problems.length > 0 || edition === null) return { ok: false, problems, warnings: mapped.warnings };
  return {
    ok: true,
    value: {
      fileName: xml0FileName(mapped.values),
      xml: renderXml0([mapped.values], edition),
      edition: edition.id,
      values: mapped.values,
      warnings: mapped.warnings,
    },
  };
}

function newestEdition(editions: readonly Xml0Edition[]): Xml0Edition | null {
  return editions.reduce<Xml0Edition | null>((newest, edition) => (newest === null || (edition.validFrom ?? '') > (newest.validFrom ?? '') ? edition : newest), null);
}

/** "XML0_<MA_LK>.xml": MA_LK is a code (letters, digits, . _ -), safe in a file name. */
export function xml0FileName(values: Xml0Values): string {
  return `XML0_${values.MA_LK}.xml`;
}

/** The mapping already said why a field is empty; the table check need not say it again. */
function dedupe(problems: readonly Xml0Problem[]): Xml0Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = problem.field ?? `*${problem.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
