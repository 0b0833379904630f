/**
 * The person a virtual CCCD belongs to, as a JSON file IT staff can write:
 * what the chip's DG1 (MRZ), DG2 (face) and DG13 (Vietnamese details) say.
 * Field names follow the API's CardHolder, so a read can be compared field by field.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isCalendarDay } from '../../domain/identity/partial-date.ts';

/** The face image used when a profile names none: a grey silhouette marked as a sample. */
export const DEFAULT_PHOTO_PATH = fileURLToPath(new URL('./fixtures/portrait.jpg', import.meta.url));

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((text) => isCalendarDay(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))), 'not a calendar date');

/** Vietnamese text arrives composed or decomposed; the chip carries it composed (NFC). */
const Text = z
  .string()
  .transform((text) => text.normalize('NFC').trim())
  .pipe(z.string().min(1));

export const CccdProfileSchema = z
  .object({
    /** Số định danh cá nhân: PPP (province) S (century and sex) YY (birth year) RRRRRR. */
    idNumber: z.string().regex(/^\d{12}$/, 'the ID number has 12 digits'),
    fullName: Text,
    dateOfBirth: IsoDate,
    sex: z.enum(['male', 'female']),
    nationality: Text.default('Việt Nam'),
    ethnicity: Text.default('Kinh'),
    religion: Text.default('Không'),
    /** Quê quán (2021 cards) or nơi đăng ký khai sinh (2024 cards): DG13 field 8 either way. */
    placeOfOrigin: Text,
    placeOfResidence: Text,
    identifyingMarks: Text.default('Không'),
    dateOfIssue: IsoDate,
    /** null: "Không thời hạn", a card issued at 58 or later. */
    dateOfExpiry: IsoDate.nullable(),
    fatherName: Text.optional(),
    motherName: Text.optional(),
    spouseName: Text.optional(),
    /** The CMND number the card replaced: 9 digits, or 12 for those issued about 2012–2016. */
    oldIdNumber: z
      .string()
      .regex(/^(\d{9}|\d{12})$/, 'an old ID number has 9 or 12 digits')
      .optional(),
    generation: z.enum(['2021', '2024']).default('2021'),
    /** A JPEG or JPEG 2000 file, relative to the profile file; the sample silhouette by default. */
    photo: z.string().min(1).optional(),
  })
  .strict()
  .refine((p) => p.dateOfExpiry === null || p.dateOfExpiry > p.dateOfIssue, {
    message: 'the expiry date must come after the issue date',
    path: ['dateOfExpiry'],
  })
  .refine((p) => p.dateOfIssue > p.dateOfBirth, { message: 'the issue date must come after the date of birth', path: ['dateOfIssue'] });

export type CccdProfile = z.output<typeof CccdProfileSchema>;
export type CccdProfileInput = z.input<typeof CccdProfileSchema>;

/**
 * A fictitious holder for demos and tests. 001 = Hà Nội, 0 = male born in the
 * 1900s, 90 = 1990, as the rules in domain/identity/cccd-number.ts read it.
 * Issued at 31, so the card is valid until the holder turns 40.
 */
export const DEFAULT_PROFILE: CccdProfile = CccdProfileSchema.parse({
  idNumber: '001090012345',
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '1990-03-15',
  sex: 'male',
  placeOfOrigin: 'Xã Đông Hội, Huyện Đông Anh, Hà Nội',
  placeOfResidence: 'Số 12 Ngõ 34 Phố Mẫu, Phường Thử Nghiệm, Quận Ba Đình, Hà Nội',
  identifyingMarks: 'Nốt ruồi C:2cm trên sau đầu lông mày phải',
  dateOfIssue: '2021-06-20',
  dateOfExpiry: '2030-03-15',
  fatherName: 'Nguyễn Văn Bình',
  motherName: 'Trần Thị Cúc',
  spouseName: 'Lê Thị Dung',
  oldIdNumber: '012345678',
  generation: '2021',
});

/** Reads and checks a profile file; its photo path becomes absolute. */
export async function loadProfile(path: string): Promise<CccdProfile> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const parsed = CccdProfileSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${path} is not a valid profile:\n${z.prettifyError(parsed.error)}`);
  const profile = parsed.data;
  return profile.photo === undefined ? profile : { ...profile, photo: resolve(dirname(path), profile.photo) };
}

/** The face image bytes for a profile. */
export async function loadPhoto(profile: CccdProfile): Promise<Uint8Array> {
  return new Uint8Array(await readFile(profile.photo ?? DEFAULT_PHOTO_PATH));
}
