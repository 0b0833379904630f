/**
 * Keyboard layouts as data: what each HID usage ID (Keyboard/Keypad page 0x07)
 * types unshifted, with Shift, and with AltGr, as the Windows layout of the
 * same name does. A scanner in keyboard mode is set to one of these; the
 * decoder must use the same one. Keypad rows assume Num Lock on.
 */

/** [usage ID, unshifted, shifted, AltGr] */
export type KeyRow = readonly [usage: number, base: string, shifted: string, altGr?: string];

export interface KeyboardLayout {
  id: string;
  name: string;
  keys: readonly KeyRow[];
  /** Characters that are dead keys, mapped to the combining mark they put on the next letter. */
  deadKeys?: Readonly<Record<string, string>>;
}

function letters(usageOf: (letter: string) => number, altGr: Readonly<Record<string, string>> = {}): KeyRow[] {
  return [...'abcdefghijklmnopqrstuvwxyz'].map((letter): KeyRow => {
    const extra = altGr[letter];
    return extra === undefined ? [usageOf(letter), letter, letter.toUpperCase()] : [usageOf(letter), letter, letter.toUpperCase(), extra];
  });
}

const alphabetical = (letter: string) => 0x04 + letter.charCodeAt(0) - 0x61;

const KEYPAD: readonly KeyRow[] = [
  [0x54, '/', '/'],
  [0x55, '*', '*'],
  [0x56, '-', '-'],
  [0x57, '+', '+'],
  [0x59, '1', '1'],
  [0x5a, '2', '2'],
  [0x5b, '3', '3'],
  [0x5c, '4', '4'],
  [0x5d, '5', '5'],
  [0x5e, '6', '6'],
  [0x5f, '7', '7'],
  [0x60, '8', '8'],
  [0x61, '9', '9'],
  [0x62, '0', '0'],
];

export const US_LAYOUT: KeyboardLayout = {
  id: 'us',
  name: 'US (QWERTY)',
  keys: [
    ...letters(alphabetical),
    [0x1e, '1', '!'],
    [0x1f, '2', '@'],
    [0x20, '3', '#'],
    [0x21, '4', '$'],
    [0x22, '5', '%'],
    [0x23, '6', '^'],
    [0x24, '7', '&'],
    [0x25, '8', '*'],
    [0x26, '9', '('],
    [0x27, '0', ')'],
    [0x2c, ' ', ' '],
    [0x2d, '-', '_'],
    [0x2e, '=', '+'],
    [0x2f, '[', '{'],
    [0x30, ']', '}'],
    [0x31, '\\', '|'],
    [0x32, '\\', '|'],
    [0x33, ';', ':'],
    [0x34, "'", '"'],
    [0x35, '`', '~'],
    [0x36, ',', '<'],
    [0x37, '.', '>'],
    [0x38, '/', '?'],
    [0x64, '\\', '|'],
    ...KEYPAD,
    [0x63, '.', '.'],
  ],
};

/** German QWERTZ: Y and Z swapped, umlauts, `|` and `@` on AltGr, three dead keys. */
export const GERMAN_LAYOUT: KeyboardLayout = {
  id: 'de',
  name: 'German (QWERTZ)',
  keys: [
    ...letters((letter) => alphabetical(letter === 'y' ? 'z' : letter === 'z' ? 'y' : letter), { q: '@', e: '€', m: 'µ' }),
    [0x1e, '1', '!'],
    [0x1f, '2', '"', '²'],
    [0x20, '3', '§', '³'],
    [0x21, '4', '$'],
    [0x22, '5', '%'],
    [0x23, '6', '&'],
    [0x24, '7', '/', '{'],
    [0x25, '8', '(', '['],
    [0x26, '9', ')', ']'],
    [0x27, '0', '=', '}'],
    [0x2c, ' ', ' '],
    [0x2d, 'ß', '?', '\\'],
    [0x2e, '´', '`'],
    [0x2f, 'ü', 'Ü'],
    [0x30, '+', '*', '~'],
    [0x31, '#', "'"],
    [0x32, '#', "'"],
    [0x33, 'ö', 'Ö'],
    [0x34, 'ä', 'Ä'],
    [0x35, '^', '°'],
    [0x36, ',', ';'],
    [0x37, '.', ':'],
    [0x38, '-', '_'],
    [0x64, '<', '>', '|'],
    ...KEYPAD,
    [0x63, ',', ','],
  ],
  deadKeys: { '´': '\u0301', '`': '\u0300', '^': '\u0302' },
};

export const KEYBOARD_LAYOUTS: readonly KeyboardLayout[] = [US_LAYOUT, GERMAN_LAYOUT];

/** Letters only Vietnamese uses; a layout that cannot type them all loses diacritics. */
const VIETNAMESE_PROBE = ['ă', 'đ', 'ơ', 'ư', 'ễ'];

/** Whether the layout can type every probe letter, directly or through a dead key. */
export function layoutCanTypeVietnamese(layout: KeyboardLayout): boolean {
  const typed = new Set(layout.keys.flatMap(([, ...chars]) => chars.filter((c) => c !== undefined)));
  const marks = Object.values(layout.deadKeys ?? {});
  return VIETNAMESE_PROBE.every((letter) => {
    if (typed.has(letter)) return true;
    const decomposed = letter.normalize('NFD');
    const base = decomposed.slice(0, -1).normalize('NFC');
    const mark = decomposed.slice(-1);
    return typed.has(base) && marks.includes(mark);
  });
}
