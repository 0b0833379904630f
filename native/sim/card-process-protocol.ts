/** Messages between a test (parent) and the process that runs a virtual card. */
import { z } from 'zod';

export const CardProcessConfigSchema = z.object({
  port: z.number().int().min(1).max(65535),
  host: z.string(),
  card: z.object({ module: z.string(), export: z.string().optional(), options: z.unknown().optional() }),
});
export type CardProcessConfig = z.infer<typeof CardProcessConfigSchema>;

export const CardCommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('insert'), id: z.number().int() }),
  z.object({ kind: z.literal('remove'), id: z.number().int() }),
  z.object({ kind: z.literal('stop') }),
]);
export type CardCommand = z.infer<typeof CardCommandSchema>;

export const CardReportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  z.object({ kind: z.literal('failed'), message: z.string() }),
  z.object({ kind: z.literal('done'), id: z.number().int(), error: z.string().optional() }),
  /** vpcd closed the link itself (pcscd stopped): the card is out. */
  z.object({ kind: z.literal('dropped') }),
  /** The card took itself out (a fault that simulates a removal mid-read). */
  z.object({ kind: z.literal('ejected') }),
]);
export type CardReport = z.infer<typeof CardReportSchema>;
