import type { CardAccessKey } from '../../../domain/card.ts';

/** What the clerk typed, as a key: 12 digits are the ID number, 6 digits the CAN; spaces and dots are ignored. */
export function accessKeyFromText(text: string): CardAccessKey | undefined {
  const digits = text.replace(/[\s.-]/g, '');
  if (/^\d{12}$/.test(digits)) return { kind: 'cccd-id', id: digits };
  if (/^\d{6}$/.test(digits)) return { kind: 'can', can: digits };
  return undefined;
}
