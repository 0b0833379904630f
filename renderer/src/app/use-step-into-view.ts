import { useLayoutEffect, type RefObject } from 'react';

/**
 * A step that appears below the one before it scrolls its column to itself
 * (under the pinned patient banner: see scroll-margin-top in the styles), so
 * what the clerk must answer is in view without touching the mouse.
 */
export function useStepIntoView(step: RefObject<HTMLElement | null>, shown: boolean): void {
  useLayoutEffect(() => {
    if (shown) step.current?.scrollIntoView({ block: 'start' });
  }, [step, shown]);
}
