/**
 * The patient record in the API contract, and the pure rules around it: text
 * normalisation, the diacritic-free search form, and reading a typed search
 * (ID number, BHXH number, phone, or name with an optional year of birth).
 */
import { z } from 'zod';
import { parseIsoPartialDate } from './identity/partial-date.ts';
import { foldDiacritics, normaliseField } from './identity/text.ts';

const Text = (max: number) => z.string().transform(normaliseField).pipe(z.string().max(max));
/** An empty field is an absent one. */
const OptionalText = (max: number) =>
  z
    .string()
    .transform(normaliseField)
    .pipe(z.string().max(max))
    .transform((value) => value || undefined)
    .optional();

/** Vietnamese phone numbers as dialled at home: +84 and separators removed. */
export function normalisePhone(text: string): string {
  const digits = text.replace(/[\s.()-]/g, '');
  return digits.startsWith('+84') ? `0${digits.slice(3)}` : digits.startsWith('84') && digits.length === 11 ? `0${digits.slice(2)}` : digits;
}

export const PHONE = /^0\d{8,10}$/;

export const PatientSexSchema = z.enum(['male', 'female', 'unspecified']);
export type PatientSex = z.infer<typeof PatientSexSchema>;

/** "1990", "1990-08" or "1990-08-15": the precision is the form. */
export const BirthDateSchema = z
  .string()
  .refine((text) => parseIsoPartialDate(text) !== null, 'a date as YYYY, YYYY-MM or YYYY-MM-DD');

export const RelativeSchema = z.object({
  relation: Text(40).pipe(z.string().min(1)),
  name: Text(120).pipe(z.string().min(1)),
  phone: z.string().transform(normalisePhone).pipe(z.string().regex(PHONE, 'a phone number')).optional(),
});
export type Relative = z.infer<typeof RelativeSchema>;

export const PatientFieldsSchema = z.object({
  cccd: z.string().trim().regex(/^\d{12}$/, 'the ID number has 12 digits').optional(),
  oldIdNumbers: z.array(z.string().trim().regex(/^(\d{9}|\d{12})$/, 'an old ID number has 9 or 12 digits')).max(5).default([]),
  bhxhNumber: z.string().trim().regex(/^\d{10}$/, 'the BHXH number has 10 digits').optional(),
  fullName: Text(120).pipe(z.string().min(1, 'the name is required')),
  birthDate: BirthDateSchema,
  sex: PatientSexSchema,
  address: OptionalText(300),
  phone: z
    .string()
    .transform(normalisePhone)
    .pipe(z.union([z.literal(''), z.string().regex(PHONE, 'a phone number')]))
    .transform((value) => value || undefined)
    .optional(),
  relatives: z.array(RelativeSchema).max(10).default([]),
});
export type PatientFields = z.output<typeof PatientFieldsSchema>;

export const PatientIdSchema = z.number().int().positive();

export const PatientSchema = PatientFieldsSchema.extend({
  id: PatientIdSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Patient = z.output<typeof PatientSchema>;

/** Saving with an id updates that patient; without one registers a new patient. */
export const PatientSaveInputSchema = PatientFieldsSchema.extend({ id: PatientIdSchema.optional() });
export type PatientSaveInput = z.output<typeof PatientSaveInputSchema>;

export const DuplicateReasonSchema = z.enum(['same-name-birth-date-sex', 'same-phone']);
export type DuplicateReason = z.infer<typeof DuplicateReasonSchema>;

export const DuplicateWarningSchema = z.object({
  reason: DuplicateReasonSchema,
  patientId: PatientIdSchema,
  fullName: z.string(),
  birthDate: z.string(),
});
export type DuplicateWarning = z.infer<typeof DuplicateWarningSchema>;

export const PatientSaveResultSchema = z.object({ patient: PatientSchema, warnings: z.array(DuplicateWarningSchema) });
export type PatientSaveResult = z.infer<typeof PatientSaveResultSchema>;

export const MatchReasonSchema = z.enum(['cccd', 'old-id-number', 'bhxh-number', 'phone', 'name', 'name-and-birth-year']);
export type MatchReason = z.infer<typeof MatchReasonSchema>;

export const PatientMatchSchema = z.object({ patient: PatientSchema, matchedBy: MatchReasonSchema });
export type PatientMatch = z.infer<typeof PatientMatchSchema>;

export const PatientSearchInputSchema = z.object({
  query: z.string().trim().min(1).max(120),
  limit: z.number().int().min(1).max(50).default(10),
});
export const PatientSearchResultSchema = z.object({ matches: z.array(PatientMatchSchema) });
export type PatientSearchResult = z.infer<typeof PatientSearchResultSchema>;

export const PatientGetInputSchema = z.object({ id: PatientIdSchema });

/**
 * Lower case, no diacritics ("đ" folded to "d"), letters and digits only, single
 * spaces. Hidden characters are dropped, not turned into spaces, so that they
 * cannot split a word.
 */
export function nameSearchForm(name: string): string {
  return foldDiacritics(normaliseField(name))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export type PatientQuery =
  | { kind: 'numbers'; cccd?: string; oldIdNumber?: string; bhxhNumber?: string; phone?: string }
  | { kind: 'name'; tokens: string[]; birthYear?: number };

const BHYT_CARD = /^[A-Z]{2}[1-5]\d{12}$/;

/**
 * What a typed search means. Ten digits may be a BHXH number or a phone number,
 * twelve a CCCD or an old 12-digit CMND: each reading is tried. A BHYT card
 * number searches by the BHXH number it ends with. A four-digit 19xx/20xx word
 * among a name is the year of birth. Null when nothing searchable remains.
 */
export function parsePatientQuery(text: string): PatientQuery | null {
  const compact = normaliseField(text).replace(/[\s.-]/g, '').toUpperCase();
  if (BHYT_CARD.test(compact)) return { kind: 'numbers', bhxhNumber: compact.slice(5) };
  const phone = normalisePhone(normaliseField(text));
  if (/^\d+$/.test(compact) || (/^\+?\d+$/.test(phone) && PHONE.test(phone))) {
    const query: PatientQuery = { kind: 'numbers' };
    if (/^\d{12}$/.test(compact)) Object.assign(query, { cccd: compact, oldIdNumber: compact });
    if (/^\d{9}$/.test(compact)) query.oldIdNumber = compact;
    if (/^\d{10}$/.test(compact)) query.bhxhNumber = compact;
    if (PHONE.test(phone)) query.phone = phone;
    return Object.keys(query).length > 1 ? query : null;
  }
  const words = nameSearchForm(text).split(' ').filter(Boolean);
  const years = words.filter((word) => /^(19|20)\d{2}$/.test(word));
  const tokens = words.filter((word) => !/^\d+$/.test(word));
  if (tokens.length === 0) return null;
  const birthYear = years.length === 1 ? Number(years[0]) : undefined;
  return birthYear === undefined ? { kind: 'name', tokens } : { kind: 'name', tokens, birthYear };
}
