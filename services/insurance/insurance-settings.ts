/**
 * The BHXH gateway settings: address, facility account, the looking-up staff
 * member and timeouts in the settings table; the password only as its MD5, and
 * only in the secret store (OS keychain in Electron). get never returns it.
 */
import { createHash } from 'node:crypto';
import {
  InsuranceSettingsSchema,
  type InsuranceSettings,
  type InsuranceSettingsInput,
  type InsuranceSettingsView,
} from '../../domain/insurance-api.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { SettingDefinition, SettingsRepository } from '../settings/settings-repository.ts';
import type { GatewayAccount } from './gateway-client.ts';

export const INSURANCE_SETTINGS: SettingDefinition<typeof InsuranceSettingsSchema> = {
  key: 'insurance',
  schema: InsuranceSettingsSchema,
  defaults: InsuranceSettingsSchema.parse({}),
};

export const BHXH_PASSWORD_SECRET = 'bhxh.password-md5';

/** The gateway wants MD5 hex of the password; nothing needs the password itself, so only the hash is kept. */
export function passwordMd5(password: string): string {
  return createHash('md5').update(password, 'utf8').digest('hex').toUpperCase();
}

export interface InsuranceSettingsStore {
  get(): InsuranceSettings;
  view(): Promise<InsuranceSettingsView>;
  set(input: InsuranceSettingsInput): Promise<InsuranceSettingsView>;
  /**
   * The account to log in with, or null while something is missing. From the stored settings, or from
   * `typed` ones (not saved) whose absent password is the stored one and empty password none, as in set.
   */
  account(typed?: InsuranceSettingsInput): Promise<GatewayAccount | null>;
}

export function createInsuranceSettingsStore(settings: SettingsRepository, secrets: SecretStore): InsuranceSettingsStore {
  const get = () => settings.get(INSURANCE_SETTINGS);
  const view = async (): Promise<InsuranceSettingsView> => ({ ...get(), passwordSet: await secrets.has(BHXH_PASSWORD_SECRET) });
  return {
    get,
    view,
    async set(input) {
      const { password, ...fields } = input;
      settings.set(INSURANCE_SETTINGS, fields);
      if (password === '') await secrets.delete(BHXH_PASSWORD_SECRET);
      else if (password !== undefined) await secrets.set(BHXH_PASSWORD_SECRET, passwordMd5(password));
      return view();
    },
    async account(typed) {
      const current = typed ?? get();
      const md5 = typed?.password === undefined ? await secrets.get(BHXH_PASSWORD_SECRET) : typed.password && passwordMd5(typed.password);
      if (!current.baseUrl || !current.username || !md5 || !current.staffName || !current.staffCccd) return null;
      return { baseUrl: current.baseUrl, username: current.username, passwordMd5: md5, staffName: current.staffName, staffCccd: current.staffCccd };
    },
  };
}
