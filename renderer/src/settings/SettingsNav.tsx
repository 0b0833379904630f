import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { recordTestEvent } from '../testing/record-test-event.ts';

export interface SettingsNavEntry {
  /** The id of the section's heading. */
  readonly headingId: string;
  readonly label: string;
  /** The section titles this entry stands for (as the sections report unsaved edits). */
  readonly covers: readonly string[];
}

interface SettingsNavProps {
  entries: readonly SettingsNavEntry[];
  /** The scrolling pane the sections are in. */
  content: RefObject<HTMLElement | null>;
  unsavedNames: readonly string[];
}

/** A section counts as current once its heading has scrolled this close to the pane's top. */
const CURRENT_MARGIN_PX = 48;

/**
 * The settings' table of contents: every section one click (or Tab, Enter)
 * away, the one in view marked, and the ones holding unsaved edits flagged.
 */
export function SettingsNav({ entries, content, unsavedNames }: SettingsNavProps) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState(entries[0]?.headingId);

  useEffect(() => {
    const pane = content.current;
    if (!pane) return;
    function follow(): void {
      if (!pane) return;
      const top = pane.getBoundingClientRect().top + CURRENT_MARGIN_PX;
      let inView = entries[0]?.headingId;
      for (const entry of entries) {
        const heading = document.getElementById(entry.headingId);
        if (heading && heading.getBoundingClientRect().top <= top) inView = entry.headingId;
      }
      // Scrolled to the end: the last sections may never reach the top, the one at the bottom is the one being read.
      if (pane.scrollTop + pane.clientHeight >= pane.scrollHeight - 2) inView = entries.at(-1)?.headingId ?? inView;
      setCurrent(inView);
    }
    follow();
    pane.addEventListener('scroll', follow, { passive: true });
    return () => pane.removeEventListener('scroll', follow);
  }, [content, entries]);

  function go(entry: SettingsNavEntry): void {
    const heading = document.getElementById(entry.headingId);
    if (!heading) return;
    heading.closest('section')?.scrollIntoView({ block: 'start' });
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
    setCurrent(entry.headingId);
    recordTestEvent('settings-section-shown', { section: entry.headingId });
  }

  return (
    <nav className="settings-nav" aria-label={t('settings.nav.label')} data-testid="settings-nav">
      <ul className="settings-nav__list">
        {entries.map((entry) => {
          const unsaved = entry.covers.some((name) => unsavedNames.includes(name));
          return (
            <li key={entry.headingId}>
              <button
                type="button"
                className={entry.headingId === current ? 'settings-nav__item settings-nav__item--current' : 'settings-nav__item'}
                aria-current={entry.headingId === current ? 'location' : undefined}
                data-testid="settings-nav-item"
                data-section={entry.headingId}
                data-unsaved={unsaved}
                onClick={() => go(entry)}
              >
                <span className="settings-nav__label">{entry.label}</span>
                {unsaved && (
                  <span className="settings-nav__unsaved" title={t('settings.nav.unsaved')}>
                    <span aria-hidden="true">●</span>
                    <span className="visually-hidden">{t('settings.nav.unsaved')}</span>
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
