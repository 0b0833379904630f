/**
 * Reads a CCCD QR whose field order is not the 2021 one (the 2024 "thẻ căn
 * cước" order is not published) by the form of each field rather than its
 * position. The result is a guess the clerk must confirm.
 */
import { decodeCccdNumber, isCccdNumber } from './cccd-number.ts';
import {
  isNameLike,
  isWordy,
  readBirthDate,
  readSex,
  type CccdQrReading,
} from './cccd-qr-fields.ts';
import { parsed, rejected, warning, type IdentityWarning, type ParseResult } from './issues.ts';
import { comparePartialDates, type PartialDate } from './partial-date.ts';
import { hasDigit } from './text.ts';

interface DatedField {
  readonly index: number;
  readonly date: PartialDate;
}

function pickIdIndex(fields: readonly string[], dates: readonly DatedField[]): number | undefined {
  const candidates = fields.flatMap((field, index) => (isCccdNumber(field) ? [index] : []));
  const agreesWithADate = candidates.find((index) => {
    const year = decodeCccdNumber(fields[index] ?? '')?.birthYearFromId;
    return dates.some((d) => d.date.year === year);
  });
  return agreesWithADate ?? candidates[0];
}

function earliest(dates: readonly DatedField[]): DatedField | undefined {
  return dates.reduce<DatedField | undefined>(
    (best, d) => (best === undefined || comparePartialDates(d.date, best.date) < 0 ? d : best),
    undefined,
  );
}

/** The birth date is the earliest date in the ID number's birth year, else the earliest date. */
function pickBirthDate(dates: readonly DatedField[], birthYearFromId: number): DatedField | undefined {
  return earliest(dates.filter((d) => d.date.year === birthYearFromId)) ?? earliest(dates);
}

/** The issue date is the latest full date after the birth date. */
function pickIssueDate(dates: readonly DatedField[], birth: DatedField): DatedField | undefined {
  return dates
    .filter((d) => d.index !== birth.index && d.date.precision === 'day')
    .filter((d) => comparePartialDates(d.date, birth.date) >= 0)
    .reduce<DatedField | undefined>(
      (best, d) => (best === undefined || comparePartialDates(d.date, best.date) > 0 ? d : best),
      undefined,
    );
}

/** A name-like field, preferably the one just before the birth date as in the 2021 layout. */
function pickName(fields: readonly string[], used: ReadonlySet<number>, birthIndex: number): number | undefined {
  const free = (index: number) => !used.has(index) && isNameLike(fields[index] ?? '');
  if (free(birthIndex - 1)) return birthIndex - 1;
  const index = fields.findIndex((_, i) => free(i));
  return index >= 0 ? index : undefined;
}

/** Old CMND: a 9-digit field, else a 12-digit field right after the ID number as in the 2021 layout. */
function pickOldIdNumber(fields: readonly string[], used: ReadonlySet<number>, idIndex: number): number | undefined {
  const nineDigit = fields.findIndex((field, index) => !used.has(index) && /^\d{9}$/.test(field));
  if (nineDigit >= 0) return nineDigit;
  const next = idIndex + 1;
  return !used.has(next) && isCccdNumber(fields[next] ?? '') ? next : undefined;
}

function pickAddress(fields: readonly string[], used: ReadonlySet<number>): number | undefined {
  const candidates = fields
    .map((field, index) => ({ field, index }))
    .filter(({ field, index }) => !used.has(index) && isWordy(field));
  const longest = (list: typeof candidates) =>
    list.reduce<(typeof candidates)[number] | undefined>(
      (best, c) => (best === undefined || c.field.length > best.field.length ? c : best),
      undefined,
    );
  return (longest(candidates.filter((c) => c.field.includes(','))) ?? longest(candidates.filter((c) => hasDigit(c.field))))
    ?.index;
}

const ISSUE_DATE_EXPECTED = 'a second date, the issue date, as ddMMyyyy (the 2021 layout has 7 fields)';

export function readCccdQrByFieldForms(fields: readonly string[]): ParseResult<CccdQrReading> {
  const dates: DatedField[] = fields.flatMap((field, index) => {
    const date = readBirthDate(field);
    return date === null ? [] : [{ index, date }];
  });
  const idIndex = pickIdIndex(fields, dates);
  if (idIndex === undefined) {
    return dates.length === 0
      ? rejected('cccd-qr', 'WRONG_KIND', 'input', 'a CCCD QR: a 12-digit ID number and dates as ddMMyyyy')
      : rejected('cccd-qr', 'FIELD_MISSING', 'idNumber', 'a 12-digit CCCD number');
  }
  const idNumber = fields[idIndex] ?? '';
  const idDecoded = decodeCccdNumber(idNumber);
  if (idDecoded === null) return rejected('cccd-qr', 'FIELD_MISSING', 'idNumber', 'a 12-digit CCCD number');

  const birth = pickBirthDate(dates, idDecoded.birthYearFromId);
  if (birth === undefined) return rejected('cccd-qr', 'FIELD_MISSING', 'dateOfBirth', 'a date of birth as ddMMyyyy');
  const issue = pickIssueDate(dates, birth);
  if (issue === undefined) return rejected('cccd-qr', 'FIELD_MISSING', 'issueDate', ISSUE_DATE_EXPECTED);

  const used = new Set([idIndex, birth.index, issue.index]);
  const sexIndex = fields.findIndex((field, index) => !used.has(index) && readSex(field) !== null);
  const sexWord = sexIndex >= 0 ? readSex(fields[sexIndex] ?? '') : null;
  if (sexIndex >= 0) used.add(sexIndex);

  const nameIndex = pickName(fields, used, birth.index);
  if (nameIndex === undefined) {
    return rejected('cccd-qr', 'FIELD_MISSING', 'fullName', 'a name in letters, without digits or commas');
  }
  used.add(nameIndex);

  const oldIndex = pickOldIdNumber(fields, used, idIndex);
  if (oldIndex !== undefined) used.add(oldIndex);
  // Further ID numbers: cancelled personal ID numbers or a second old number.
  const otherIdIndexes = fields.flatMap((field, index) => (!used.has(index) && /^(\d{9}|\d{12})$/.test(field) ? [index] : []));
  for (const index of otherIdIndexes) used.add(index);

  const addressIndex = pickAddress(fields, used);
  if (addressIndex !== undefined) used.add(addressIndex);

  const warnings: IdentityWarning[] = [warning('LAYOUT_HEURISTIC', 'layout')];
  if (sexWord === null) warnings.push(warning('SEX_TAKEN_FROM_ID', 'sex'));
  else if (!sexWord.exact) warnings.push(warning('SEX_SPELLING_UNUSUAL', 'sex'));
  if (birth.date.precision !== 'day') warnings.push(warning('DATE_PARTIAL', 'dateOfBirth'));
  if (addressIndex === undefined) warnings.push(warning('ADDRESS_MISSING', 'address'));
  const extra = fields.filter((field, index) => !used.has(index) && field !== '');
  if (extra.length > 0) warnings.push(warning('EXTRA_FIELDS', 'extra'));

  return parsed({
    idNumber,
    idDecoded,
    oldIdNumber: oldIndex === undefined ? null : (fields[oldIndex] ?? null),
    otherIdNumbers: otherIdIndexes.map((index) => fields[index] ?? ''),
    fullName: fields[nameIndex] ?? '',
    dateOfBirth: birth.date,
    sex: sexWord?.sex ?? null,
    address: addressIndex === undefined ? null : (fields[addressIndex] ?? null),
    issueDate: issue.date,
    extra,
    warnings,
  });
}
