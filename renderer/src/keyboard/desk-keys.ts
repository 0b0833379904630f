export interface Shortcut {
  /** KeyboardEvent.code, so the shortcut works whatever the keyboard layout or Vietnamese input method. */
  code: string;
  alt?: boolean;
  ctrl?: boolean;
  shift?: boolean;
}

/**
 * Every key of the desk, one meaning each: a key never means one thing in one
 * step and another in the next (the identity check's F5–F7 are not the
 * payment's keys), so a key pressed a step early cannot record the wrong decision.
 */
export const DESK_KEYS = {
  readCard: { code: 'F2' },
  search: { code: 'F3' },
  newPatient: { code: 'F4' },
  samePerson: { code: 'F5' },
  notSamePerson: { code: 'F6' },
  skipIdentityCheck: { code: 'F7' },
  camera: { code: 'F8' },
  issueNumber: { code: 'F9' },
  settings: { code: 'F10' },
  save: { code: 'KeyS', ctrl: true },
  transferReceived: { code: 'KeyK', ctrl: true },
  cashReceived: { code: 'KeyM', ctrl: true },
  confirmScan: { code: 'Enter', ctrl: true },
  language: { code: 'KeyL', alt: true },
  switchClerk: { code: 'KeyL', ctrl: true },
} as const satisfies Record<string, Shortcut>;

export type DeskAction = keyof typeof DESK_KEYS;

export const DESK_ACTIONS = Object.keys(DESK_KEYS) as DeskAction[];

/** How the key is written on the key caps: "F9", "Ctrl+S", "Alt+L". */
export function keyLabel(shortcut: Shortcut): string {
  const key = shortcut.code.startsWith('Key') ? shortcut.code.slice(3) : shortcut.code;
  return [shortcut.ctrl ? 'Ctrl' : '', shortcut.alt ? 'Alt' : '', shortcut.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** The parts of a KeyboardEvent a shortcut is matched on. */
export interface KeyPress {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

export function matchesShortcut(event: KeyPress, shortcut: Shortcut): boolean {
  const { code, alt = false, ctrl = false, shift = false } = shortcut;
  return event.code === code && event.altKey === alt && event.ctrlKey === ctrl && event.shiftKey === shift && !event.metaKey;
}

/** The desk action a key press stands for, if any. */
export function deskActionOf(event: KeyPress): DeskAction | undefined {
  return DESK_ACTIONS.find((action) => matchesShortcut(event, DESK_KEYS[action]));
}
