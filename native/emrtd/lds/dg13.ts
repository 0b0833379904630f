/**
 * DG13 of the Vietnamese chip ID card (cccd-chip.md §3): 6D { 30 { INTEGER
 * version, OID 1.0.10646.1.0.8, SET { 30 { INTEGER n, value… } … } } }.
 * Fields are read by their number n (1..16), never by position. Fields 13
 * (parents) and 14 (spouse) hold people: either strings directly, one
 * SEQUENCE of strings, or one SEQUENCE per person (seen on real cards).
 * Unknown fields and field 16 (meaning unknown) are kept raw.
 */
import { decodeOid, decodeSmallInteger } from '../asn1.ts';
import { toHex } from '../bytes.ts';
import { EmrtdError } from '../errors.ts';
import { childrenOf, type Tlv } from '../tlv.ts';
import { dataGroupTag, decodeLdsFile } from './tags.ts';

export interface Dg13Date {
  /** As printed on the chip, e.g. "06/07/1993". */
  text: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY by precision; undefined when the text is not a date ("Không thời hạn"). */
  iso: string | undefined;
  precision: 'day' | 'month' | 'year' | undefined;
}

export interface Dg13RawField {
  field: number;
  /** The field's value elements as encoded, in hex. */
  hex: string;
  /** The strings among them, when there are any. */
  text: string | undefined;
}

export interface Dg13 {
  version: number | undefined;
  /** The character-set OID; 1.0.10646.1.0.8 (UTF-8) on every card seen. */
  encoding: string | undefined;
  /** 1: the 12-digit personal identification number. */
  idNumber?: string;
  /** 2: the full name with diacritics. */
  fullName?: string;
  /** 3 */
  dateOfBirth?: Dg13Date;
  /** 4: "Nam" / "Nữ". */
  sex?: string;
  /** 5 */
  nationality?: string;
  /** 6 */
  ethnicity?: string;
  /** 7 */
  religion?: string;
  /** 8: "Quê quán" on 2021 cards; possibly the birth-registration place on 2024 cards (unconfirmed). */
  placeOfOrigin?: string;
  /** 9: permanent residence / place of residence. */
  placeOfResidence?: string;
  /** 10 */
  identifyingMarks?: string;
  /** 11 */
  dateOfIssue?: Dg13Date;
  /** 12: may be text such as "Không thời hạn" for cards without expiry. */
  dateOfExpiry?: Dg13Date;
  /** 13, first person. */
  fatherName?: string;
  /** 13, second person. */
  motherName?: string;
  /** 14 */
  spouseName?: string;
  /** 15: the old 9- or 12-digit ID (CMND), when there is one. */
  oldIdNumber?: string;
  /** 13 in full: every person listed, '' for an empty slot. */
  parents: string[];
  /** 14 in full. */
  spouses: string[];
  /** Field 16 and any field number this parser does not know. */
  raw: Dg13RawField[];
  /** Field entries that could not be read (kept out of the fields above). */
  problems: string[];
}

type TextField = 'idNumber' | 'fullName' | 'sex' | 'nationality' | 'ethnicity' | 'religion' | 'placeOfOrigin' | 'placeOfResidence' | 'identifyingMarks' | 'oldIdNumber';
type DateField = 'dateOfBirth' | 'dateOfIssue' | 'dateOfExpiry';

/** Field numbers (cccd-chip.md §3.2). */
export const DG13_FIELDS = {
  idNumber: 1,
  fullName: 2,
  dateOfBirth: 3,
  sex: 4,
  nationality: 5,
  ethnicity: 6,
  religion: 7,
  placeOfOrigin: 8,
  placeOfResidence: 9,
  identifyingMarks: 10,
  dateOfIssue: 11,
  dateOfExpiry: 12,
  parents: 13,
  spouse: 14,
  oldIdNumber: 15,
  unknown16: 16,
} as const;

const TEXT_FIELDS: Readonly<Record<number, TextField>> = {
  1: 'idNumber',
  2: 'fullName',
  4: 'sex',
  5: 'nationality',
  6: 'ethnicity',
  7: 'religion',
  8: 'placeOfOrigin',
  9: 'placeOfResidence',
  10: 'identifyingMarks',
  15: 'oldIdNumber',
};

const DATE_FIELDS: Readonly<Record<number, DateField>> = { 3: 'dateOfBirth', 11: 'dateOfIssue', 12: 'dateOfExpiry' };

export const DG13_ENCODING_UTF8 = '1.0.10646.1.0.8';

const UTF8_STRING_TAGS = new Set([0x0c, 0x13, 0x14, 0x16, 0x1a]);
const BMP_STRING = 0x1e;

const utf8 = new TextDecoder('utf-8');
const utf16be = new TextDecoder('utf-16be');

/** The text of a string element, NFC-normalised and trimmed; undefined for other elements. */
export function decodeAsn1String(tlv: Tlv): string | undefined {
  let text: string;
  if (UTF8_STRING_TAGS.has(tlv.tag)) text = utf8.decode(tlv.value);
  else if (tlv.tag === BMP_STRING) text = utf16be.decode(tlv.value);
  else return undefined;
  return text.normalize('NFC').trim();
}

/** dd/MM/yyyy (also MM/yyyy, yyyy, and 00 for an unknown day or month) to ISO with its precision. */
export function parseDg13Date(text: string): Dg13Date {
  const match = /^(?:(?:(\d{1,2})\/)?(\d{1,2})\/)?(\d{4})$/.exec(text.trim());
  if (match === null) return { text, iso: undefined, precision: undefined };
  const [, dayText, monthText, yearText] = match as unknown as [string, string | undefined, string | undefined, string];
  const year = Number(yearText);
  const month = monthText === undefined ? 0 : Number(monthText);
  const day = dayText === undefined ? 0 : Number(dayText);
  if (month === 0) return day === 0 ? { text, iso: yearText, precision: 'year' } : { text, iso: undefined, precision: undefined };
  if (month > 12) return { text, iso: undefined, precision: undefined };
  const mm = String(month).padStart(2, '0');
  if (day === 0) return { text, iso: `${yearText}-${mm}`, precision: 'month' };
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { text, iso: undefined, precision: undefined };
  }
  return { text, iso: `${yearText}-${mm}-${String(day).padStart(2, '0')}`, precision: 'day' };
}

/** Every string in the elements, depth first. */
function stringsIn(elements: readonly Tlv[]): string[] {
  const out: string[] = [];
  for (const element of elements) {
    const text = decodeAsn1String(element);
    if (text !== undefined) out.push(text);
    else if (element.constructed) out.push(...stringsIn(childrenOf(element)));
  }
  return out;
}

/** The people of field 13 or 14, in order; '' marks an empty slot (a person SEQUENCE without a string). */
function peopleIn(values: readonly Tlv[]): string[] {
  const [only] = values;
  if (values.length === 1 && only !== undefined && only.tag === 0x30) {
    const inner = childrenOf(only);
    if (inner.every((element) => decodeAsn1String(element) !== undefined)) return stringsIn(inner);
  }
  return values.map((value) => (decodeAsn1String(value) ?? (value.constructed ? stringsIn(childrenOf(value)).join(' ') : '')));
}

function malformed(message: string): EmrtdError {
  return new EmrtdError('lds-malformed', `DG13: ${message}`);
}

export function parseDg13(bytes: Uint8Array): Dg13 {
  const outer = decodeLdsFile(bytes, dataGroupTag(13), 'DG13');
  const [sequence] = childrenOf(outer);
  if (sequence === undefined || sequence.tag !== 0x30) throw malformed('no SEQUENCE inside the data group');
  const parts = childrenOf(sequence);
  const set = parts.find((part) => part.tag === 0x31);
  if (set === undefined) throw malformed('no SET of fields');
  const versionTlv = parts.find((part) => part.tag === 0x02);
  const oidTlv = parts.find((part) => part.tag === 0x06);

  const result: Dg13 = {
    version: versionTlv === undefined ? undefined : decodeSmallInteger(versionTlv.value),
    encoding: oidTlv === undefined ? undefined : decodeOid(oidTlv.value),
    parents: [],
    spouses: [],
    raw: [],
    problems: [],
  };
  const seen = new Set<number>();
  for (const entry of childrenOf(set)) {
    const [numberTlv, ...values] = entry.constructed ? childrenOf(entry) : [];
    if (entry.tag !== 0x30 || numberTlv === undefined || numberTlv.tag !== 0x02) {
      result.problems.push(`an entry with tag ${entry.tag.toString(16)} that is not SEQUENCE { INTEGER, value }`);
      continue;
    }
    const field = decodeSmallInteger(numberTlv.value);
    if (seen.has(field)) {
      result.problems.push(`field ${field} repeated; the first is kept`);
      continue;
    }
    seen.add(field);
    applyField(result, field, values);
  }
  return result;
}

function applyField(result: Dg13, field: number, values: readonly Tlv[]): void {
  const text = stringsIn(values).join(' ');
  const textField = TEXT_FIELDS[field];
  const dateField = DATE_FIELDS[field];
  if (textField !== undefined) {
    if (text !== '') result[textField] = text;
  } else if (dateField !== undefined) {
    if (text !== '') result[dateField] = parseDg13Date(text);
  } else if (field === DG13_FIELDS.parents) {
    result.parents = peopleIn(values);
    const [father, mother] = result.parents;
    if (father) result.fatherName = father;
    if (mother) result.motherName = mother;
  } else if (field === DG13_FIELDS.spouse) {
    result.spouses = peopleIn(values);
    const spouse = result.spouses.find((name) => name !== '');
    if (spouse !== undefined) result.spouseName = spouse;
  } else {
    const hex = values.map((value) => toHex(value.encoded)).join('');
    result.raw.push({ field, hex, text: text === '' ? undefined : text });
  }
}
