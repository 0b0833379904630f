import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { isLanguage, loadLanguage, saveLanguage } from './language-preference.ts';
import { DEFAULT_LANGUAGE, LANGUAGES } from './messages.ts';
import { vi } from './vi.ts';

/** One i18next instance with both languages bundled: no loading, no flash of keys. */
export function setUpI18n(): i18n {
  const instance = i18next.createInstance();
  const language = loadLanguage();
  instance.use(initReactI18next);
  void instance.init({
    resources: { vi: { translation: vi }, en: { translation: en } },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = language;
  instance.on('languageChanged', (next) => {
    if (!isLanguage(next)) return;
    saveLanguage(next);
    document.documentElement.lang = next;
  });
  return instance;
}
