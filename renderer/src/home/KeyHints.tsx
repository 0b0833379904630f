import { useTranslation } from 'react-i18next';

/** The keys that work on this screen, always visible at the bottom, as on the check-in screens. */
export function KeyHints() {
  const { t } = useTranslation();
  return (
    <footer className="keyhints" data-testid="key-hints">
      <span className="keyhints__item">
        <kbd>{t('patient.searchShortcut')}</kbd> {t('patient.title')}
      </span>
      <span className="keyhints__item">
        <kbd>{t('patient.newShortcut')}</kbd> {t('patient.newPatient')}
      </span>
      <span className="keyhints__item">
        <kbd>{t('visit.createShortcut')}</kbd> {t('visit.create')}
      </span>
      <span className="keyhints__item">
        <kbd>{t('language.shortcut')}</kbd> {t('language.switchTo')}
      </span>
      <span className="keyhints__item">
        <kbd>{t('scan.cameraShortcut')}</kbd> {t('scan.camera')}
      </span>
      <span className="keyhints__item">
        <kbd>{t('settings.shortcut')}</kbd> {t('settings.open')}
      </span>
    </footer>
  );
}
