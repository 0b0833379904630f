/** The check-in settings: the clinic list, the desk's ticket and identity-check settings, and how long identity reads keep their photo and raw data. */
import {
  ClinicListSchema,
  DEFAULT_CLINICS,
  DEFAULT_DESK_SETTINGS,
  DEFAULT_RETENTION,
  DeskSettingsSchema,
  RetentionSettingsSchema,
} from '../../domain/visit-api.ts';
import type { SettingDefinition } from './settings-repository.ts';

export const CLINIC_SETTINGS: SettingDefinition<typeof ClinicListSchema> = {
  key: 'clinics',
  schema: ClinicListSchema,
  defaults: [...DEFAULT_CLINICS],
};

export const RETENTION_SETTINGS: SettingDefinition<typeof RetentionSettingsSchema> = {
  key: 'retention',
  schema: RetentionSettingsSchema,
  defaults: DEFAULT_RETENTION,
};

export const DESK_SETTINGS: SettingDefinition<typeof DeskSettingsSchema> = {
  key: 'desk',
  schema: DeskSettingsSchema,
  defaults: DEFAULT_DESK_SETTINGS,
};
