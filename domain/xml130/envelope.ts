/**
 * The submission file of QĐ 130 (formats.md §4.1): GIAMDINHHS, the facility,
 * then each visit's files (XML0, XML1…) as base64 of their UTF-8 text. The
 * facility's signature (CHUKYDONVI, XMLDSig) is added by a signer with the
 * facility's certificate: this builds the unsigned file it signs.
 * The check-in call itself takes the XML0 document alone, as base64 (§3.5).
 */
import { create } from 'xmlbuilder2';
import { xmlDate } from './values.ts';

/** The table names the standard uses for each file of a visit. */
export const RECORD_FILE_TYPES = [
  'XML0',
  'XML1',
  'XML2',
  'XML3',
  'XML4',
  'XML5',
  'XML6',
  'XML7',
  'XML8',
  'XML9',
  'XML10',
  'XML11',
  'XML12',
  'XML13',
  'XML14',
  'XML15',
] as const;
export type RecordFileType = (typeof RECORD_FILE_TYPES)[number];

export interface RecordFile {
  readonly type: RecordFileType;
  /** The table's XML document as text. */
  readonly xml: string;
}

export interface SubmissionInput {
  /** MACSKCB, 5 characters. */
  readonly facilityCode: string;
  /** NGAYLAP, yyyy-MM-dd. */
  readonly createdOn: string;
  /** One entry per visit (HOSO), each with its files. */
  readonly records: readonly (readonly RecordFile[])[];
}

export type SubmissionResult = { readonly ok: true; readonly xml: string } | { readonly ok: false; readonly problems: readonly string[] };

const CHUNK = 0x8000;

/** Base64 of the UTF-8 bytes of the text (NOIDUNGFILE, fileHSBase64). */
export function utf8Base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  return btoa(binary);
}

export function buildSubmission(input: SubmissionInput): SubmissionResult {
  const problems: string[] = [];
  if (!/^\d{2}[0-9A-Z]{3}$/.test(input.facilityCode)) problems.push('MACSKCB must be a 5-character facility code');
  const createdOn = xmlDate(input.createdOn);
  if (createdOn === null) problems.push('NGAYLAP must be a calendar day');
  if (input.records.length === 0) problems.push('A submission holds at least one record');
  input.records.forEach((files, index) => {
    if (files.length === 0) problems.push(`Record ${index + 1} has no files`);
    if (new Set(files.map((file) => file.type)).size !== files.length) problems.push(`Record ${index + 1} has a file type twice`);
  });
  if (problems.length > 0 || createdOn === null) return { ok: false, problems };

  const document = create({ version: '1.0', encoding: 'utf-8' });
  const root = document.ele('GIAMDINHHS');
  root.ele('THONGTINDONVI').ele('MACSKCB').txt(input.facilityCode);
  const info = root.ele('THONGTINHOSO');
  info.ele('NGAYLAP').txt(createdOn);
  info.ele('SOLUONGHOSO').txt(String(input.records.length));
  const list = info.ele('DANHSACHHOSO');
  for (const files of input.records) {
    const record = list.ele('HOSO');
    for (const file of files) {
      const entry = record.ele('FILEHOSO');
      entry.ele('LOAIHOSO').txt(file.type);
      entry.ele('NOIDUNGFILE').txt(utf8Base64(file.xml));
    }
  }
  return { ok: true, xml: document.end({ prettyPrint: true }) + '\n' };
}
