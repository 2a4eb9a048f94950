/**
 * Keeps the keyboard where it was when a keyed list reorders. Moving a DOM node (a thread that
 * now sorts elsewhere, a virtualised window that slides past the focused card) makes the browser
 * drop its focus, so the reply being typed would lose its caret. Used by the thread panel and the
 * drafters' queue: the focused field and its selection are noted before the list changes (a
 * computation runs before the DOM is patched) and given back after, when the node survived.
 */
import { type Accessor, createComputed, createEffect, on } from 'solid-js';

interface Held {
  element: HTMLElement;
  selection: { start: number; end: number; direction: 'forward' | 'backward' | 'none' } | null;
}

function hasSelection(element: Element): element is HTMLTextAreaElement | HTMLInputElement {
  return (element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement) && element.selectionStart !== null;
}

export function keepFocusAcross(order: Accessor<unknown>, container: () => HTMLElement | undefined): void {
  let held: Held | null = null;
  createComputed(
    on(
      order,
      () => {
        const active = globalThis.document?.activeElement;
        const list = container();
        if (!(active instanceof HTMLElement) || !list?.contains(active)) return;
        const selection = hasSelection(active) ? { start: active.selectionStart ?? 0, end: active.selectionEnd ?? 0, direction: active.selectionDirection ?? 'none' } : null;
        held = { element: active, selection };
      },
      { defer: true },
    ),
  );
  createEffect(
    on(
      order,
      () => {
        const kept = held;
        held = null;
        if (!kept?.element.isConnected || globalThis.document.activeElement === kept.element) return;
        kept.element.focus({ preventScroll: true });
        if (kept.selection && hasSelection(kept.element)) kept.element.setSelectionRange(kept.selection.start, kept.selection.end, kept.selection.direction);
      },
      { defer: true },
    ),
  );
}
