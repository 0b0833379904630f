/**
 * The HIS connection settings: address, auth kind, user and the hospital's CA
 * certificate in the settings table; the bearer token and the password only
 * in the secret store (OS keychain in Electron). The view never returns them.
 */
import { HisSettingsSchema, type HisSettings, type HisSettingsInput, type HisSettingsView } from '../../domain/sync-api.ts';
import type { SecretStore } from '../secrets/secret-store.ts';
import type { SettingDefinition, SettingsRepository } from '../settings/settings-repository.ts';
import type { FhirHisAdapterOptions } from './fhir/fhir-his-adapter.ts';

export const HIS_SETTINGS: SettingDefinition<typeof HisSettingsSchema> = {
  key: 'his',
  schema: HisSettingsSchema,
  defaults: HisSettingsSchema.parse({}),
};

export const HIS_TOKEN_SECRET = 'his.token';
export const HIS_PASSWORD_SECRET = 'his.password';

export interface HisSettingsStore {
  get(): HisSettings;
  view(): Promise<HisSettingsView>;
  set(input: HisSettingsInput): Promise<HisSettingsView>;
  /**
   * What the adapter needs, or null while no address is set. A missing secret is sent as none: the HIS will say 401.
   * From the stored settings, or from `typed` ones (not saved) whose blank token or password is the stored one, as in set.
   */
  connection(typed?: HisSettingsInput): Promise<FhirHisAdapterOptions | null>;
}

export function createHisSettingsStore(settings: SettingsRepository, secrets: SecretStore): HisSettingsStore {
  const get = () => settings.get(HIS_SETTINGS);
  const view = async (): Promise<HisSettingsView> => ({
    ...get(),
    tokenSet: await secrets.has(HIS_TOKEN_SECRET),
    passwordSet: await secrets.has(HIS_PASSWORD_SECRET),
  });
  const store = async (name: string, value: string | undefined) => {
    if (value === '') await secrets.delete(name);
    else if (value !== undefined) await secrets.set(name, value);
  };
  return {
    get,
    view,
    async set({ token, password, ...fields }) {
      settings.set(HIS_SETTINGS, fields);
      await store(HIS_TOKEN_SECRET, token);
      await store(HIS_PASSWORD_SECRET, password);
      return view();
    },
    async connection(typed) {
      const current = typed ?? get();
      if (current.baseUrl === '') return null;
      // Absent: the stored secret; an empty string: none.
      const secret = async (name: string, given: string | undefined) => (given ?? (await secrets.get(name))) || undefined;
      const base = { baseUrl: current.baseUrl, timeoutMs: current.timeoutMs, ...(current.caPem ? { caPem: current.caPem } : {}) };
      if (current.authKind === 'bearer') {
        const token = await secret(HIS_TOKEN_SECRET, typed?.token);
        return { ...base, auth: token ? { kind: 'bearer', token } : { kind: 'none' } };
      }
      if (current.authKind === 'basic') {
        const password = (await secret(HIS_PASSWORD_SECRET, typed?.password)) ?? '';
        return { ...base, auth: { kind: 'basic', user: current.user, password } };
      }
      return { ...base, auth: { kind: 'none' } };
    },
  };
}
