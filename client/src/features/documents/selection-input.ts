/**
 * How a passage gets selected without a mouse, for the reader (Reader.tsx opens the composer
 * through `compose`, which reads the DOM selection):
 *
 * - Keyboard: Shift + arrows (Ctrl for words, Home/End for the line's ends). Inside a focused
 *   line or from its "Comment" button the reader moves the selection itself with
 *   Selection.modify, since browsers move no caret in static text unless caret browsing is on;
 *   with caret browsing elsewhere in the reader the browser's own selection is used. Either
 *   way the composer opens once Shift is released, not at every step of the selection.
 * - Touch: on touchend (a long press that selected a word), and when the selection comes to
 *   rest after a touch (dragging the handles fires only selectionchange in the page).
 */

/** How long selection handles must rest before the composer opens on a touch screen. */
const TOUCH_SETTLE_MS = 800;

type Direction = 'forward' | 'backward' | 'left' | 'right';
type Granularity = 'character' | 'word' | 'line' | 'lineboundary';

/** Selection.modify is not in TypeScript's DOM library although every engine has it. */
type Modifiable = Selection & { modify?: (alter: 'extend' | 'move', direction: Direction, granularity: Granularity) => void };

function stepOf(event: KeyboardEvent): [Direction, Granularity] | null {
  const words = event.ctrlKey || event.altKey;
  switch (event.key) {
    // Left and right are visual: in an Arabic line, ArrowLeft goes on reading.
    case 'ArrowLeft':
      return ['left', words ? 'word' : 'character'];
    case 'ArrowRight':
      return ['right', words ? 'word' : 'character'];
    case 'ArrowUp':
      return ['backward', 'line'];
    case 'ArrowDown':
      return ['forward', 'line'];
    case 'Home':
      return ['backward', 'lineboundary'];
    case 'End':
      return ['forward', 'lineboundary'];
    default:
      return null;
  }
}

const inField = (target: EventTarget | null) => target instanceof Element && !!target.closest('input, textarea, select, dialog, [contenteditable]');

/** The line holding focus (the line itself after a jump, or one of its controls). */
function focusedLine(reader: HTMLElement | undefined): HTMLElement | null {
  const active = globalThis.document.activeElement;
  const line = active instanceof HTMLElement ? active.closest<HTMLElement>('[data-block-id]') : null;
  return line && reader?.contains(line) ? line : null;
}

/** Puts a caret at the start (or end) of the line's text unless the selection is already in it. */
function caretInto(line: HTMLElement, selection: Selection, atEnd: boolean): boolean {
  const text = line.querySelector('[data-line-text]');
  if (!text) return false;
  if (selection.rangeCount > 0 && line.contains(selection.getRangeAt(0).commonAncestorContainer)) return true;
  const range = globalThis.document.createRange();
  range.selectNodeContents(text);
  range.collapse(!atEnd);
  selection.removeAllRanges();
  selection.addRange(range);
  // Focus on the line, so Escape from the composer comes back here and not to the button.
  if (line !== globalThis.document.activeElement) {
    line.tabIndex = -1;
    line.focus({ preventScroll: true });
  }
  return true;
}

export function watchKeyboardSelection(reader: () => HTMLElement | undefined, compose: () => void): () => void {
  let selecting = false;
  const down = (event: KeyboardEvent) => {
    if (!event.shiftKey || inField(event.target)) return;
    const step = stepOf(event);
    if (!step) return;
    const line = focusedLine(reader());
    const selection = globalThis.getSelection?.() as Modifiable | null;
    if (line && selection?.modify) {
      const ltr = getComputedStyle(line).direction !== 'rtl';
      const backwards = step[0] === 'backward' || (step[0] === 'left' && ltr) || (step[0] === 'right' && !ltr);
      if (!caretInto(line, selection, backwards)) return;
      event.preventDefault();
      selection.modify('extend', step[0], step[1]);
    }
    selecting = true;
  };
  const up = (event: KeyboardEvent) => {
    if (!selecting || event.shiftKey) return;
    selecting = false;
    compose();
  };
  globalThis.document.addEventListener('keydown', down);
  globalThis.document.addEventListener('keyup', up);
  return () => {
    globalThis.document.removeEventListener('keydown', down);
    globalThis.document.removeEventListener('keyup', up);
  };
}

export function watchTouchSelection(reader: () => HTMLElement | undefined, compose: () => void) {
  let touched = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    if (!touched) return;
    const selection = globalThis.getSelection?.();
    const node = selection && selection.rangeCount > 0 ? selection.getRangeAt(0).commonAncestorContainer : null;
    clearTimeout(timer);
    if (node && reader()?.contains(node) && !selection?.isCollapsed) timer = setTimeout(compose, TOUCH_SETTLE_MS);
  };
  const untouched = () => {
    touched = false;
  };
  globalThis.document.addEventListener('selectionchange', changed);
  // A mouse or a keyboard after a touch: back to their own paths.
  globalThis.document.addEventListener('mousedown', untouched);
  globalThis.document.addEventListener('keydown', untouched);
  return {
    started: () => {
      touched = true;
    },
    // The browser settles the selection after the touch ends.
    ended: () => {
      touched = true;
      clearTimeout(timer);
      setTimeout(compose, 0);
    },
    stop: () => {
      clearTimeout(timer);
      globalThis.document.removeEventListener('selectionchange', changed);
      globalThis.document.removeEventListener('mousedown', untouched);
      globalThis.document.removeEventListener('keydown', untouched);
    },
  };
}
