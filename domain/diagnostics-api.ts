/** What IT sees on the diagnostics page, and the export of it. Nothing here is personal data or a secret. */
import { z } from 'zod';

export const DiagnosticsSchema = z.object({
  generatedAt: z.iso.datetime(),
  versions: z.object({
    app: z.string(),
    node: z.string(),
    electron: z.string().optional(),
    chrome: z.string().optional(),
    platform: z.string(),
    arch: z.string(),
  }),
  mode: z.string(),
  database: z.object({ ready: z.boolean(), encrypted: z.boolean(), schemaVersion: z.number().int().nonnegative(), error: z.string().optional() }),
  deviceHost: z.object({ state: z.string(), restarts: z.number().int().nonnegative(), lastExit: z.string().optional() }),
  pcsc: z.object({ state: z.string(), message: z.string().optional() }),
  readers: z.array(z.object({ name: z.string(), cardPresent: z.boolean() })),
  /** The newest warnings and errors of this run, redacted, oldest first. */
  recentErrors: z.array(z.object({ time: z.string(), level: z.enum(['warn', 'error']), message: z.string(), component: z.string().optional() })),
  /** Present when the app has an outbox sync (the `sync.status` method): its answer as is. */
  sync: z.unknown().optional(),
  admin: z.object({ pinSet: z.boolean() }),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;

export const DiagnosticsExportSchema = z.object({
  fileName: z.string(),
  /** Where the zip was written, in the data folder. */
  path: z.string(),
  size: z.number().int().nonnegative(),
  /** The zip itself, for browser mode to offer as a download. */
  base64: z.base64().optional(),
});
export type DiagnosticsExport = z.infer<typeof DiagnosticsExportSchema>;
