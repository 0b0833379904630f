/** The desk's payment settings: receiving account, fees per visit type, what the clerk may confirm. */
import { DEFAULT_PAYMENT_SETTINGS, PaymentSettingsSchema } from '../../domain/payment-api.ts';
import type { SettingDefinition } from '../settings/settings-repository.ts';

export const PAYMENT_SETTINGS: SettingDefinition<typeof PaymentSettingsSchema> = {
  key: 'payment',
  schema: PaymentSettingsSchema,
  defaults: DEFAULT_PAYMENT_SETTINGS,
};
