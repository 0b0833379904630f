/**
 * Turns the files a card gave into what the clerk sees: the holder (DG13 first,
 * DG1 where DG13 is silent), the photo ready to show, the verification results
 * and warnings. A file that cannot be parsed becomes a warning, never a crash.
 */
import type { CardHolder, CardReadResult, CardWarning, PassiveAuthReason } from '../../domain/card.ts';
import { isChangedByCleaning, normaliseField } from '../../domain/identity/text.ts';
import type { HostCardRead } from '../../native/devicehost/protocol.ts';
import { isEmrtdError } from '../../native/emrtd/errors.ts';
import { crossCheckDg1Dg13 } from '../../native/emrtd/lds/cross-check.ts';
import { parseDg1, type Dg1 } from '../../native/emrtd/lds/dg1.ts';
import { parseDg13, type Dg13, type Dg13Date } from '../../native/emrtd/lds/dg13.ts';
import { parseDg2, type FaceImage } from '../../native/emrtd/lds/dg2.ts';
import { jpeg2000ToPng } from '../../native/emrtd/lds/jpeg2000.ts';
import { passiveAuthentication, type SodCheck } from '../../native/emrtd/pa/passive-authentication.ts';
import type { TrustStore } from './trust-store.ts';

export interface BuildOptions {
  trustStore: TrustStore;
  now: Date;
}

const DATA_GROUP_FILES = { 1: 'DG1', 2: 'DG2', 13: 'DG13', 14: 'DG14', 15: 'DG15' } as const;

/** What the clerk's screen can explain when passive authentication stopped at EF.SOD. */
const SOD_REASONS: Record<Exclude<SodCheck, 'ok'>, PassiveAuthReason> = {
  missing: 'sod-missing',
  empty: 'sod-empty',
  malformed: 'sod-malformed',
  'unsupported-hash': 'sod-unsupported-hash',
};

export async function buildCardResult(read: HostCardRead, { trustStore, now }: BuildOptions): Promise<CardReadResult> {
  const files = decodeFiles(read.files);
  const warnings: CardWarning[] = read.skipped.map(({ file, reason }) => ({ code: 'file-skipped', field: file, message: `${file} not read: ${reason}` }));

  const dg1 = parseOrWarn('DG1', files.DG1, parseDg1, warnings);
  const dg13 = parseOrWarn('DG13', files.DG13, parseDg13, warnings);
  if (dg1 && !dg1.checkDigitsValid) warnings.push({ code: 'mrz-check-digit', field: 'DG1', message: 'A check digit of the MRZ does not match' });
  if (dg1 && dg13) {
    for (const difference of crossCheckDg1Dg13(dg1, dg13)) {
      warnings.push({ code: 'dg1-dg13-mismatch', field: difference.field, message: `DG1 and DG13 disagree on ${difference.field}` });
    }
  }
  for (const problem of dg13?.problems ?? []) warnings.push({ code: 'dg13-field-unreadable', message: problem });

  const face = parseOrWarn('DG2', files.DG2, (bytes) => parseDg2(bytes).faces[0], warnings);
  const photo = face ? await photoOf(face, warnings) : undefined;

  const dataGroups = new Map<number, Uint8Array>();
  for (const [dg, name] of Object.entries(DATA_GROUP_FILES)) {
    const bytes = files[name];
    if (bytes) dataGroups.set(Number(dg), bytes);
  }
  const pa = passiveAuthentication({ sod: files['EF.SOD'], dataGroups, cscaStore: trustStore.store, now });

  return {
    reader: read.reader,
    atr: read.atr,
    access: read.access,
    holder: cleanHolderText(holderOf(dg1, dg13), warnings),
    ...(dg1 ? { mrz: mrzOf(dg1) } : {}),
    otherFields: Object.fromEntries((dg13?.raw ?? []).map((field) => [String(field.field), field.hex])),
    ...(photo ? { photo } : {}),
    verification: {
      passive: { status: pa.status, ...(pa.checks.sod !== 'ok' && { reason: SOD_REASONS[pa.checks.sod] }), detail: pa.reason },
      active: read.active,
      chip: read.chip,
    },
    warnings,
    timing: read.timing,
  };
}

function decodeFiles(files: HostCardRead['files']): Partial<Record<keyof HostCardRead['files'], Uint8Array>> {
  return Object.fromEntries(Object.entries(files).map(([name, base64]) => [name, new Uint8Array(Buffer.from(base64, 'base64'))]));
}

function parseOrWarn<T>(file: string, bytes: Uint8Array | undefined, parse: (bytes: Uint8Array) => T, warnings: CardWarning[]): T | undefined {
  if (!bytes) return undefined;
  try {
    return parse(bytes);
  } catch (error) {
    if (!isEmrtdError(error)) throw error;
    warnings.push({ code: 'file-unreadable', field: file, message: `${file} could not be read: ${error.message}` });
    return undefined;
  }
}

const isoOf = (date: Dg13Date | undefined) => (date === undefined ? undefined : (date.iso ?? date.text));

function sexOf(dg13Sex: string | undefined, mrzSex: Dg1['sex'] | undefined): CardHolder['sex'] {
  const text = dg13Sex?.normalize('NFC').trim().toLowerCase();
  if (text === 'nam') return 'male';
  if (text === 'nữ') return 'female';
  if (mrzSex === 'M') return 'male';
  if (mrzSex === 'F') return 'female';
  return dg13Sex === undefined && mrzSex === undefined ? undefined : 'unspecified';
}

/** MRZ dates are YYMMDD; the century is the one that puts the date in the past (birth) or near future (expiry). */
function mrzDate(yymmdd: string | undefined, kind: 'birth' | 'expiry'): string | undefined {
  if (!yymmdd || !/^\d{6}$/.test(yymmdd)) return undefined;
  const yy = Number(yymmdd.slice(0, 2));
  const thisYear = new Date().getUTCFullYear() % 100;
  const century = kind === 'birth' ? (yy > thisYear ? 1900 : 2000) : yy < 70 ? 2000 : 1900;
  return `${century + yy}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

function holderOf(dg1: Dg1 | undefined, dg13: Dg13 | undefined): CardHolder {
  const mrzName = dg1 ? [dg1.primaryIdentifier, dg1.secondaryIdentifier].filter(Boolean).join(' ') : undefined;
  const entries: Partial<Record<keyof CardHolder, string | undefined>> = {
    idNumber: dg13?.idNumber ?? (dg1 && /^\d{12}$/.test(dg1.optionalData) ? dg1.optionalData : undefined),
    fullName: dg13?.fullName ?? mrzName,
    dateOfBirth: isoOf(dg13?.dateOfBirth) ?? mrzDate(dg1?.dateOfBirth, 'birth'),
    sex: sexOf(dg13?.sex, dg1?.sex),
    nationality: dg13?.nationality,
    ethnicity: dg13?.ethnicity,
    religion: dg13?.religion,
    placeOfOrigin: dg13?.placeOfOrigin,
    placeOfResidence: dg13?.placeOfResidence,
    identifyingMarks: dg13?.identifyingMarks,
    dateOfIssue: isoOf(dg13?.dateOfIssue),
    dateOfExpiry: isoOf(dg13?.dateOfExpiry) ?? mrzDate(dg1?.dateOfExpiry, 'expiry'),
    fatherName: dg13?.fatherName,
    motherName: dg13?.motherName,
    spouseName: dg13?.spouseName,
    oldIdNumber: dg13?.oldIdNumber,
  };
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined && value !== '')) as CardHolder;
}

/**
 * The holder's text as the scan parsers and the patient form store it: control,
 * direction and invisible characters removed, and a warning naming each field
 * that held some, since a genuine chip has none.
 */
function cleanHolderText(holder: CardHolder, warnings: CardWarning[]): CardHolder {
  const entries = Object.entries(holder).flatMap(([field, value]: [string, string]) => {
    if (isChangedByCleaning(value)) {
      warnings.push({ code: 'dg13-text-cleaned', field, message: `${field}: control, direction or invisible characters were removed` });
    }
    const clean = normaliseField(value);
    return clean === '' ? [] : [[field, clean]];
  });
  return Object.fromEntries(entries) as CardHolder;
}

function mrzOf(dg1: Dg1): NonNullable<CardReadResult['mrz']> {
  return {
    documentCode: dg1.documentCode,
    issuingState: dg1.issuingState,
    documentNumber: dg1.documentNumber,
    optionalData: dg1.optionalData,
    dateOfBirth: dg1.dateOfBirth,
    sex: dg1.sex,
    dateOfExpiry: dg1.dateOfExpiry,
    nationality: dg1.nationality,
    name: [dg1.primaryIdentifier, dg1.secondaryIdentifier].filter(Boolean).join(' '),
    checkDigitsValid: dg1.checkDigitsValid,
  };
}

async function photoOf(face: FaceImage, warnings: CardWarning[]): Promise<CardReadResult['photo']> {
  const size = { ...(face.width ? { width: face.width } : {}), ...(face.height ? { height: face.height } : {}) };
  if (face.mimeType === 'image/jpeg') {
    return { dataUrl: dataUrl('image/jpeg', face.image), sourceFormat: 'jpeg', sourceBytes: face.image.length, ...size };
  }
  if (face.mimeType === 'image/jp2' || face.mimeType === 'image/j2k') {
    try {
      const { png, width, height } = await jpeg2000ToPng(face.image);
      return { dataUrl: dataUrl('image/png', png), sourceFormat: 'jpeg2000', sourceBytes: face.image.length, width, height };
    } catch (error) {
      if (!isEmrtdError(error)) throw error;
      warnings.push({ code: 'photo-undecodable', field: 'DG2', message: 'The JPEG 2000 photo could not be decoded' });
      return undefined;
    }
  }
  warnings.push({ code: 'photo-format-unknown', field: 'DG2', message: 'The photo is in a format this version cannot show' });
  return undefined;
}

function dataUrl(mime: string, bytes: Uint8Array): string {
  return `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
}
