import i18next, { type BackendModule, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { isLanguage, loadLanguage, saveLanguage } from './language-preference.ts';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language, type Messages } from './messages.ts';
import { viCore } from './vi-core.ts';

/** Vietnamese ships with the first screen (the desk's own texts with the desk: desk-messages.ts); English, which few desks use, is fetched on its first use. */
const loadOnDemand: Partial<Record<Language, () => Promise<Messages>>> = {
  en: () => import('./en.ts').then((module) => module.en),
};

const onDemandBackend: BackendModule = {
  type: 'backend',
  init: () => {},
  read(language, _namespace, callback) {
    const load = isLanguage(language) ? loadOnDemand[language] : undefined;
    if (!load) return callback(null, {});
    load().then(
      (messages: Messages) => callback(null, messages),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

/**
 * One i18next instance. Resolves once the saved language's texts are in, so
 * the first screen never shows keys or flashes the other language.
 */
export async function setUpI18n(): Promise<i18n> {
  const instance = i18next.createInstance();
  const language = loadLanguage();
  instance.use(onDemandBackend).use(initReactI18next);
  await instance.init({
    resources: { vi: { translation: viCore } },
    partialBundledLanguages: true,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language;
  instance.on('languageChanged', (next) => {
    if (!isLanguage(next)) return;
    saveLanguage(next);
    document.documentElement.lang = next;
  });
  return instance;
}
