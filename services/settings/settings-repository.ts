/**
 * Typed settings over the settings table: each setting is a key, a zod schema
 * and defaults. Values are validated on the way in (refused with BAD_INPUT
 * naming the field) and on the way out (a corrupt stored value falls back to
 * the defaults with a warning, so a bad row never keeps the app from starting).
 */
import type { z } from 'zod';
import { AppError } from '../../domain/errors.ts';
import type { SettingsStore } from '../../db/settings-store.ts';
import type { Logger } from '../log.ts';

export interface SettingDefinition<S extends z.ZodType> {
  readonly key: string;
  readonly schema: S;
  readonly defaults: z.output<S>;
}

export interface SettingsRepository {
  get<S extends z.ZodType>(setting: SettingDefinition<S>): z.output<S>;
  /** Validates, stores and returns the value as stored (defaults filled in). */
  set<S extends z.ZodType>(setting: SettingDefinition<S>, value: unknown): z.output<S>;
}

/** `store` is undefined when the database is not ready: reads give defaults, writes are refused. */
export function createSettingsRepository(store: SettingsStore | undefined, log: Logger): SettingsRepository {
  return {
    get(setting) {
      const text = store?.get(setting.key);
      if (text === undefined) return setting.defaults;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        log.warn('stored setting is not JSON; using defaults', { key: setting.key });
        return setting.defaults;
      }
      const parsed = setting.schema.safeParse(json);
      if (parsed.success) return parsed.data;
      log.warn('stored setting is invalid; using defaults', {
        key: setting.key,
        fields: parsed.error.issues.map((issue) => issue.path.join('.')),
      });
      return setting.defaults;
    },

    set(setting, value) {
      const parsed = setting.schema.safeParse(value);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
        const first = issues[0];
        const where = first ? `${first.path.join('.') || setting.key}: ${first.message}` : setting.key;
        throw new AppError('BAD_INPUT', `Invalid setting ${where}`, issues);
      }
      if (!store) throw new AppError('DB_NOT_READY', 'Settings cannot be saved: the database is not ready');
      store.set(setting.key, JSON.stringify(parsed.data));
      return parsed.data;
    },
  };
}
