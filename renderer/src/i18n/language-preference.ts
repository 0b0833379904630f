import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './messages.ts';

const STORAGE_KEY = 'tiepdon.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The clerk's last choice on this machine, or Vietnamese. */
export function loadLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function saveLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be disabled by policy: the choice then lasts for this session.
  }
}

export function otherLanguage(language: Language): Language {
  return language === 'vi' ? 'en' : 'vi';
}
