/** NFC, control characters dropped, runs of whitespace made one space, trimmed. */
export function normaliseText(text: string): string {
  return (typeof text === 'string' ? text : '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
