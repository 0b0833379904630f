import { useTranslation } from 'react-i18next';
import { isLanguage, otherLanguage } from '../i18n/language-preference.ts';
import { DEFAULT_LANGUAGE } from '../i18n/messages.ts';
import { DESK_KEYS } from '../keyboard/desk-keys.ts';
import { useShortcut } from '../keyboard/use-shortcut.ts';

/** Switches between Vietnamese and English; Alt+L does the same from anywhere. */
export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  const next = otherLanguage(current);
  const toggle = () => void i18n.changeLanguage(next);
  useShortcut(DESK_KEYS.language, toggle);
  return (
    <button
      type="button"
      className="language-toggle"
      data-testid="language-toggle"
      lang={next}
      title={t('language.switchHint')}
      aria-keyshortcuts="Alt+L"
      onClick={toggle}
    >
      <span>{t('language.switchTo')}</span>
      <kbd>{t('language.shortcut')}</kbd>
    </button>
  );
}
