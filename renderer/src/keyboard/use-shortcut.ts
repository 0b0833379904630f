import { createContext, use, useEffect, useRef } from 'react';
import { matchesShortcut, type Shortcut } from './desk-keys.ts';

export type { Shortcut };

/** Key presses some shortcut acted on; a desk key pressed with none acting is explained to the clerk (KeyHints). */
const acted = new WeakSet<KeyboardEvent>();

export function keyActedOn(event: KeyboardEvent): boolean {
  return acted.has(event);
}

/**
 * Whether the desk's keys act: false while the desk is covered (the settings
 * open, nobody signed in), so a key meant for the cover never acts on the desk beneath.
 */
export const DeskKeysContext = createContext(true);

/**
 * Runs `action` on the key while `enabled` (and the desk's keys act, see DeskKeysContext). A disabled shortcut still keeps the
 * browser's own meaning of the key away (Ctrl+S must never save the page).
 */
export function useShortcut(shortcut: Shortcut, action: () => void, enabled = true): void {
  const deskKeysAct = use(DeskKeysContext);
  const latest = useRef({ action, enabled: enabled && deskKeysAct });
  useEffect(() => {
    latest.current = { action, enabled: enabled && deskKeysAct };
  });
  const { code, alt = false, ctrl = false, shift = false } = shortcut;
  useEffect(() => {
    const keys = { code, alt, ctrl, shift };
    function onKeyDown(event: KeyboardEvent): void {
      if (event.repeat || !matchesShortcut(event, keys)) return;
      event.preventDefault();
      if (!latest.current.enabled) return;
      acted.add(event);
      latest.current.action();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [code, alt, ctrl, shift]);
}
