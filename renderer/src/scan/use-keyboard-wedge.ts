import { useEffect, useRef } from 'react';
import { takeSnapshot, restoreSnapshot, type InputSnapshot } from './input-snapshot.ts';
import { WedgeDetector, type WedgeScan, type WedgeSettings } from './wedge.ts';

/**
 * One capture for the whole window: keys reach it first (capture phase on
 * window), a scanner burst is kept from the page and handed to `onScan`, and
 * everything else goes on as if the capture were not there.
 */
export function useKeyboardWedge(settings: WedgeSettings, onScan: (scan: WedgeScan) => void): void {
  const detector = useRef<WedgeDetector | null>(null);
  detector.current ??= new WedgeDetector(settings);
  const latestOnScan = useRef(onScan);
  useEffect(() => {
    latestOnScan.current = onScan;
  });
  useEffect(() => {
    detector.current?.configure(settings);
  }, [settings]);

  useEffect(() => {
    const wedge = detector.current;
    if (!wedge) return;
    let snapshot: InputSnapshot | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const emit = (scan: WedgeScan | undefined): void => {
      if (scan) latestOnScan.current(scan);
    };
    const schedule = (): void => {
      clearTimeout(timer);
      const deadline = wedge.nextDeadline();
      if (deadline !== undefined) timer = setTimeout(onIdle, Math.max(0, deadline - performance.now()));
    };
    const onIdle = (): void => {
      emit(wedge.idle(performance.now()));
      schedule();
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.isComposing) return;
      const decision = wedge.key({
        key: event.key,
        time: event.timeStamp,
        command: event.ctrlKey || event.altKey || event.metaKey,
      });
      if (decision.startsCandidate) snapshot = takeSnapshot(document.activeElement);
      if (decision.recognised && snapshot) {
        restoreSnapshot(snapshot);
        snapshot = undefined;
      }
      if (decision.consume) {
        event.preventDefault();
        event.stopPropagation();
      }
      emit(decision.scan);
      schedule();
    };
    const onBlur = (): void => {
      emit(wedge.idle(Number.POSITIVE_INFINITY));
      wedge.reset();
      clearTimeout(timer);
    };

    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('blur', onBlur);
      clearTimeout(timer);
      wedge.reset();
    };
  }, []);
}
