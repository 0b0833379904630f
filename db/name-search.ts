/**
 * FTS5 name search that stays fast when much of the city is called Nguyễn.
 * An FTS5 AND walks the doclist of every term it names, and "nguyen" is in
 * about 40% of the rows: so the common words ("nguyen", "van", "thi") are left
 * out of the index query and checked on the candidates the rarer words (and
 * the birth year) yield. Word frequencies come from the index and are cached:
 * they steer the plan only, a stale count never changes a result.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * How many candidates (newest first) are ranked. bm25 must see every row it
 * orders, and "nguyen van" matches a tenth of a city: past this many the query
 * is too vague to rank usefully and the clerk adds a word or the year.
 */
export const RANK_WINDOW = 300;

export const NAME_SEARCH_SQL = `SELECT id FROM (
    SELECT rowid AS id, rank FROM patient_names
    WHERE patient_names MATCH ? AND name_has_words(name_search, ?)
    ORDER BY rowid DESC LIMIT ${RANK_WINDOW})
  ORDER BY rank LIMIT ?`;

/** A typed word, matched whole or as the start of a word. */
export interface NameTerm {
  word: string;
  prefix: boolean;
}

/** The index query: every term quoted (prefixes end in `*`), and the birth year. Words are letters and digits only. */
export function nameMatchExpression(terms: readonly NameTerm[], birthYear?: number): string {
  const names = terms.map(({ word, prefix }) => `"${word.replaceAll('"', '')}"${prefix ? '*' : ''}`).join(' ');
  return birthYear === undefined ? `name_search : (${names})` : `name_search : (${names}) AND birth_year : "${birthYear}"`;
}

/** Whether the space-separated words contain each required word ("an") or word prefix ("an*"). */
export function hasWords(name: string, required: string): boolean {
  if (required === '') return true;
  const words = name.split(' ');
  return required.split(' ').every((want) =>
    want.endsWith('*') ? words.some((word) => word.startsWith(want.slice(0, -1))) : words.includes(want),
  );
}

export interface NameSearch {
  /**
   * Patient ids whose name has every word, best first. `typeAhead` matches the
   * last word as a prefix, and any other word that is in no name yet ("ngu") too.
   */
  (words: readonly string[], options: { typeAhead: boolean; birthYear?: number; limit: number }): number[];
}

const MAX_CACHED_TERMS = 5_000;
/** A word in more than this share of the names is checked on candidates instead of walked in the index. */
const COMMON_SHARE = 0.1;

export function createNameSearch(db: Database.Database): NameSearch {
  db.function('name_has_words', { deterministic: true }, (name, required) => (hasWords(String(name), String(required)) ? 1 : 0));
  db.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.patient_name_terms USING fts5vocab(main, patient_names, row)');
  const termRows = db.prepare<[string], { doc: number }>('SELECT doc FROM temp.patient_name_terms WHERE term = ?');
  const search = db.prepare<[string, string, number], { id: number }>(NAME_SEARCH_SQL);
  const lastId = db.prepare<[], { id: number | null }>('SELECT max(id) AS id FROM patients');
  const frequencies = new Map<string, number>();

  /** Rows holding the word (not a prefix: a vocabulary range would read the whole index). */
  const frequency = (word: string): number => {
    let rows = frequencies.get(word);
    if (rows === undefined) {
      if (frequencies.size >= MAX_CACHED_TERMS) frequencies.clear();
      rows = termRows.get(word)?.doc ?? 0;
      frequencies.set(word, rows);
    }
    return rows;
  };

  return (words, { typeAhead, birthYear, limit }) => {
    if (words.length === 0) return [];
    const terms: NameTerm[] = words.map((word, index) => ({
      word,
      prefix: typeAhead && (index === words.length - 1 || frequency(word) === 0),
    }));
    const common = COMMON_SHARE * (lastId.get()?.id ?? 0);
    // A prefix that is no word yet ("ngu") is only ever checked on candidates unless it is the word being typed.
    const cost = (term: NameTerm, index: number): number =>
      term.prefix && index !== terms.length - 1 ? Number.POSITIVE_INFINITY : frequency(term.word);
    const byCost = terms.map((term, index) => ({ term, cost: cost(term, index) })).sort((a, b) => a.cost - b.cost);
    const indexed = byCost.filter(({ cost: c }, index) => index === 0 || c <= common).map(({ term }) => term);
    const required = terms
      .filter((term) => !indexed.includes(term))
      .map(({ word, prefix }) => (prefix ? `${word}*` : word))
      .join(' ');
    return search.all(nameMatchExpression(indexed, birthYear), required, limit).map((row) => row.id);
  };
}
