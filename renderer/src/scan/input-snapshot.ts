/**
 * The start of a scanner burst lands in whatever input has focus before the
 * burst is recognised. A snapshot taken at its first key puts the input back.
 */

type TextField = HTMLInputElement | HTMLTextAreaElement;

export interface InputSnapshot {
  readonly element: TextField;
  readonly value: string;
  readonly selectionStart: number | null;
  readonly selectionEnd: number | null;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number', '']);

function asTextField(element: Element | null): TextField | undefined {
  if (element instanceof HTMLTextAreaElement) return element;
  if (element instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(element.type)) return element;
  return undefined;
}

export function takeSnapshot(element: Element | null): InputSnapshot | undefined {
  const field = asTextField(element);
  if (!field || field.readOnly || field.disabled) return undefined;
  let selectionStart: number | null = null;
  let selectionEnd: number | null = null;
  try {
    selectionStart = field.selectionStart;
    selectionEnd = field.selectionEnd;
  } catch {
    // type=number has no selection
  }
  return { element: field, value: field.value, selectionStart, selectionEnd };
}

/**
 * Puts the value back through the prototype's setter and announces it with an
 * input event, so a React-controlled input updates its state too.
 */
export function restoreSnapshot(snapshot: InputSnapshot): void {
  const { element, value } = snapshot;
  if (!element.isConnected || element.value === value) return;
  const prototype = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(element, value);
  else element.value = value;
  element.dispatchEvent(new Event('input', { bubbles: true }));
  if (snapshot.selectionStart !== null && snapshot.selectionEnd !== null) {
    try {
      element.setSelectionRange(snapshot.selectionStart, snapshot.selectionEnd);
    } catch {
      // not every input type has a selection
    }
  }
}
