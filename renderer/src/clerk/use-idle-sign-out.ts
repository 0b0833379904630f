import { useEffect, useRef } from 'react';
import { useBridge } from '../app/bridge-context.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';

/** What counts as the clerk being at the desk: typing, clicking, scrolling, and a scan or a card tap. */
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * Calls `onIdle` once the desk has seen no activity for `minutes` while `enabled`
 * (a clerk signed in, the setting not 0). Every activity starts the wait again.
 */
export function useIdleSignOut(minutes: number | undefined, enabled: boolean, onIdle: () => void): void {
  const { client } = useBridge();
  const latest = useRef(onIdle);
  useEffect(() => {
    latest.current = onIdle;
  });
  useEffect(() => {
    if (!enabled || minutes === undefined || minutes <= 0) return;
    const waitMs = minutes * 60_000;
    let timer = setTimeout(() => latest.current(), waitMs);
    const activity = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), waitMs);
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, activity, { capture: true, passive: true });
    const offScan = client.on('scan', activity);
    const offCard = client.on('card.inserted', activity);
    recordTestEvent('clerk-idle-watch', { minutes });
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, activity, { capture: true });
      offScan();
      offCard();
    };
  }, [client, enabled, minutes]);
}
