import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DESK_KEYS, deskActionOf, keyLabel, type DeskAction } from '../keyboard/desk-keys.ts';
import { ALWAYS_KEYS, STEP_KEYS, useDeskStep } from '../keyboard/desk-step.ts';
import { keyActedOn } from '../keyboard/use-shortcut.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

interface KeyHintsProps {
  /** False while a dialog covers the desk: its keys are the dialog's. */
  active: boolean;
}

/**
 * The keys that act in the clerk's current step, always visible at the bottom;
 * a desk key pressed where it does nothing says why instead of nothing happening.
 */
export function KeyHints({ active }: KeyHintsProps) {
  const { t } = useTranslation();
  const step = useDeskStep();
  const [unused, setUnused] = useState<DeskAction | undefined>(undefined);

  useEffect(() => setUnused(undefined), [step]);
  useEffect(() => {
    if (!active) return;
    function onKeyDown(event: KeyboardEvent): void {
      if (event.repeat) return;
      const action = deskActionOf(event);
      // Judged once every listener has had the key: only then is it known whether one acted on it.
      setTimeout(() => {
        if (action && !keyActedOn(event)) {
          setUnused(action);
          recordTestEvent('key-unused', { action, step });
        } else setUnused(undefined);
      }, 0);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [active, step]);

  return (
    <footer className="keyhints" data-testid="key-hints" data-step={step} aria-label={t('keys.hintsLabel')}>
      {unused ? (
        <p className="keyhints__unused" role="status" data-testid="key-unused" data-action={unused}>
          {t('keys.unused', { key: keyLabel(DESK_KEYS[unused]), action: t(`keys.actions.${unused}`), when: t(`keys.when.${unused}`) })}
        </p>
      ) : null}
      {[...STEP_KEYS[step], ...ALWAYS_KEYS].map((action) => (
        <span key={action} className="keyhints__item" data-testid="key-hint" data-action={action}>
          <kbd>{keyLabel(DESK_KEYS[action])}</kbd> {t(`keys.actions.${action}`)}
        </span>
      ))}
    </footer>
  );
}
