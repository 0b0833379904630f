/**
 * How a name is sent to the gateway. First as given (NFC, single spaces: the
 * gateway accepts diacritics); after 060/061 once more without diacritics,
 * which the gateway also accepts and which forgives a wrong or missing accent.
 */
import { normaliseField } from '../identity/text.ts';

export const NAME_STRATEGIES = ['as-given', 'without-diacritics'] as const;
export type NameStrategy = (typeof NAME_STRATEGIES)[number];

/** Vietnamese letters without their marks, case kept: "Nguyễn Văn Đức" → "Nguyen Van Duc". */
export function withoutDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

export function gatewayName(name: string, strategy: NameStrategy): string {
  const clean = normaliseField(name);
  return strategy === 'as-given' ? clean : withoutDiacritics(clean);
}

/** Whether a name has any Vietnamese mark to drop (otherwise a diacritic-free retry would send the same). */
export function hasDiacritics(name: string): boolean {
  return withoutDiacritics(normaliseField(name)) !== normaliseField(name);
}
