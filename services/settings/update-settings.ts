import { DEFAULT_UPDATE_SETTINGS, UpdateSettingsSchema } from '../../domain/update-api.ts';
import type { SettingDefinition } from './settings-repository.ts';

export const UPDATE_SETTINGS: SettingDefinition<typeof UpdateSettingsSchema> = {
  key: 'updates',
  schema: UpdateSettingsSchema,
  defaults: DEFAULT_UPDATE_SETTINGS,
};
