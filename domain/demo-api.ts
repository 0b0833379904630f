/**
 * Demo mode's API shapes: the sample cards and codes of the demo menu, what
 * the menu can do with them, and the demo switch in the settings. Every
 * demo.* method answers DEMO_MODE_OFF outside demo mode.
 */
import { z } from 'zod';

export const DemoSampleKindSchema = z.enum(['returning-insured', 'new-patient', 'child', 'elderly']);
export type DemoSampleKind = z.infer<typeof DemoSampleKindSchema>;

export const DemoCodeKindSchema = z.enum(['cccd', 'bhyt', 'vietqr', 'unknown']);
export type DemoCodeKind = z.infer<typeof DemoCodeKindSchema>;

const SampleId = z.string().regex(/^[a-z0-9-]{1,40}$/);

/** A sample card as the menu shows it: fictitious data, printed on its face as on a real card. */
export const DemoCardViewSchema = z.object({
  id: SampleId,
  kind: DemoSampleKindSchema,
  fullName: z.string().max(120),
  idNumber: z.string().regex(/^\d{12}$/),
  dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sex: z.enum(['male', 'female']),
  /** Already registered in the demo data (a returning patient). */
  registered: z.boolean(),
});
export type DemoCardView = z.infer<typeof DemoCardViewSchema>;

export const DemoCodeViewSchema = z.object({
  id: SampleId,
  kind: DemoCodeKindSchema,
  /** The sample card it is printed on, if any (its holder's name is on the card's view). */
  cardId: SampleId.optional(),
  /** Offered in the menu's scan section. */
  inScanMenu: z.boolean(),
});
export type DemoCodeView = z.infer<typeof DemoCodeViewSchema>;

export const DemoStatusSchema = z.object({
  cards: z.array(DemoCardViewSchema),
  codes: z.array(DemoCodeViewSchema),
  /** The sample card on the demo reader, if any. */
  cardOnReader: SampleId.nullable(),
  /** Where the demo's own data lives (never the real data folder). */
  dataDir: z.string(),
});
export type DemoStatus = z.infer<typeof DemoStatusSchema>;

export const DemoInsertCardInputSchema = z.object({ cardId: SampleId });
export const DemoScanInputSchema = z.object({ codeId: SampleId });

/** The demo switch: whether `tiepdon start` opens demo mode (from the next start). */
export const DemoSettingsSchema = z.object({ enabled: z.boolean() });
export type DemoSettings = z.infer<typeof DemoSettingsSchema>;

export const DemoSettingsViewSchema = DemoSettingsSchema.extend({
  /** Whether this run is demo mode (the switch applies from the next start). */
  active: z.boolean(),
});
export type DemoSettingsView = z.infer<typeof DemoSettingsViewSchema>;

/** The demo's clerks: the sign-in screen shows them in demo mode, so a trainee signs in like a clerk. */
export const DEMO_CLERKS = [
  { code: 'NV01', name: 'Nguyễn Thị Lan', pin: '1111' },
  { code: 'NV02', name: 'Trần Văn Minh', pin: '2222' },
] as const;
