/**
 * Automatic updates: off until IT turns them on. The feed (electron-builder.yml
 * `publish`) is built into the installer; `feedUrl` overrides it, e.g. for a
 * hospital's own mirror.
 */
import { z } from 'zod';

export const UpdateSettingsSchema = z
  .object({
    enabled: z.boolean(),
    feedUrl: z.url({ protocol: /^https$/ }).max(500).optional(),
  })
  .strict();
export type UpdateSettings = z.infer<typeof UpdateSettingsSchema>;

export const DEFAULT_UPDATE_SETTINGS: UpdateSettings = { enabled: false };
