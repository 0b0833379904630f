/** The facility setting: the 5-character facility code (MA_CSKCB) the BHYT data files carry. */
import { DEFAULT_FACILITY, FacilitySettingsSchema } from '../../domain/xml130-api.ts';
import type { SettingDefinition } from './settings-repository.ts';

export const FACILITY_SETTINGS: SettingDefinition<typeof FacilitySettingsSchema> = {
  key: 'facility',
  schema: FacilitySettingsSchema,
  defaults: DEFAULT_FACILITY,
};
