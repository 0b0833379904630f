/** The scanner settings as a stored setting. */
import { DEFAULT_SCANNER_SETTINGS, ScannerSettingsSchema } from '../../domain/scan.ts';
import type { SettingDefinition } from './settings-repository.ts';

export const SCANNER_SETTINGS: SettingDefinition<typeof ScannerSettingsSchema> = {
  key: 'scanners',
  schema: ScannerSettingsSchema,
  defaults: DEFAULT_SCANNER_SETTINGS,
};
