import { useEffect } from 'react';
import type { CardReadView } from '../card/use-card-read.ts';
import { recordTestEvent } from './record-test-event.ts';

/** Announces each card-read phase once the screen shows it. No personal data goes into the details. */
export function useCardTestEvents(view: CardReadView): void {
  useEffect(() => {
    switch (view.phase) {
      case 'reading':
        recordTestEvent('card-progress', { step: view.step, files: view.files.length });
        return;
      case 'done':
        recordTestEvent('card-read-done', {
          passive: view.result.verification.passive.status,
          active: view.result.verification.active.status,
          chip: view.result.verification.chip.status,
          photo: view.result.photo !== undefined,
        });
        return;
      case 'failed':
        recordTestEvent('card-read-failed', { code: view.error.code });
        return;
      case 'idle':
        return;
    }
  }, [view]);
}
