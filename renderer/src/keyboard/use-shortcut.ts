import { useEffect, useRef } from 'react';

export interface Shortcut {
  /** KeyboardEvent.code, so the shortcut works whatever the keyboard layout or Vietnamese input method. */
  code: string;
  alt?: boolean;
  ctrl?: boolean;
  shift?: boolean;
}

export function useShortcut(shortcut: Shortcut, action: () => void): void {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  const { code, alt = false, ctrl = false, shift = false } = shortcut;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.repeat || event.code !== code) return;
      if (event.altKey !== alt || event.ctrlKey !== ctrl || event.shiftKey !== shift || event.metaKey) return;
      event.preventDefault();
      latest.current();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [code, alt, ctrl, shift]);
}
