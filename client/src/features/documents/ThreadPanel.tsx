/**
 * The thread panel of the reader: every thread, or the threads of the selected line. The list is
 * virtualised like the lines (a draft with 2,000 threads would otherwise put tens of thousands
 * of elements in the page); the card holding focus is always kept rendered so a reply being
 * typed survives scrolling. At phone width the panel is a sheet over the bottom of the screen
 * (styles/thread-panel.css) that opens when a line is chosen and can be folded away.
 */
import { createVirtualizer, defaultRangeExtractor } from '@tanstack/solid-virtual';
import { batch, createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import type { DocumentDto } from '../../../../shared/documents.ts';
import type { ThreadDto } from '../../../../shared/threads.ts';
import { Button } from '../../components/Button.tsx';
import { t, tp } from '../../i18n/index.ts';
import { keepFocusAcross } from './keep-focus.ts';
import { ThreadCard } from './ThreadCard.tsx';
import '../../styles/thread-panel.css';

export interface ThreadPanelApi {
  /** Scrolls the card of `threadId` into the list and focuses it. */
  reveal(threadId: string): void;
}

export interface ThreadPanelProps {
  threads: readonly ThreadDto[];
  document: DocumentDto;
  selectedLine: number | null;
  loaded: boolean;
  onShowAll: () => void;
  onChanged: (thread: ThreadDto) => void;
  ref?: (api: ThreadPanelApi) => void;
}

const VIRTUAL_FROM = 40;

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

export function ThreadPanel(props: ThreadPanelProps) {
  let scroller: HTMLElement | undefined;
  const [open, setOpen] = createSignal(false);
  const [pinned, setPinned] = createSignal<string | null>(null);
  const indexOfThread = (id: string | null) => (id ? props.threads.findIndex((thread) => thread.id === id) : -1);

  const virtualizer = createVirtualizer({
    get count() {
      return props.threads.length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => 120,
    overscan: 5,
    getItemKey: (index) => props.threads[index]?.id ?? index,
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      const keep = indexOfThread(pinned());
      return keep >= 0 && !indexes.includes(keep) ? [...indexes, keep].sort((a, b) => a - b) : indexes;
    },
  });

  const unmeasured = new Set<HTMLElement>();
  const measureLater = (element: HTMLElement) => {
    if (unmeasured.size === 0) {
      queueMicrotask(() => {
        const items = [...unmeasured].filter((item) => item.isConnected);
        unmeasured.clear();
        batch(() => {
          for (const item of items) virtualizer.measureElement(item);
        });
      });
    }
    unmeasured.add(element);
  };

  // A short list is simply rendered: nothing to save, and no dependence on the panel's measured box.
  const virtual = () => props.threads.length > VIRTUAL_FROM;
  // Cards are keyed by thread id, never by position: a thread arriving on an earlier line must
  // not hand a card (and the reply being typed in it) to another thread, and an updated thread
  // (a new object with the same id) updates its card in place, keeping focus, text and caret.
  const positions = createMemo(() => new Map(props.threads.map((thread, index) => [thread.id, index])));
  const starts = createMemo(() => (virtual() ? new Map(virtualizer.getVirtualItems().map((item) => [props.threads[item.index]?.id, item.start])) : null));
  const ids = createMemo(
    () => (virtual() ? virtualizer.getVirtualItems().flatMap((item) => props.threads[item.index]?.id ?? []) : props.threads.map((thread) => thread.id)),
    undefined,
    { equals: sameIds },
  );
  let list: HTMLOListElement | undefined;
  keepFocusAcross(ids, () => list);

  // Choosing a line on a phone is asking to see its threads.
  createEffect(
    on(
      () => props.selectedLine,
      (line) => line !== null && setOpen(true),
      { defer: true },
    ),
  );

  const focusCard = (threadId: string, attempts = 10) => {
    const card = globalThis.document.getElementById(`thread-${threadId}`);
    if (card) card.focus();
    else if (attempts > 0) requestAnimationFrame(() => focusCard(threadId, attempts - 1));
  };

  props.ref?.({
    reveal(threadId) {
      setOpen(true);
      const index = indexOfThread(threadId);
      if (index < 0) return;
      setPinned(threadId);
      virtualizer.scrollToIndex(index, { align: 'start' });
      requestAnimationFrame(() => focusCard(threadId));
    },
  });

  return (
    <aside class="panel" classList={{ 'panel--open': open() }} aria-labelledby="panel-title" tabindex="0" ref={scroller}>
      <div class="panel__head">
        <h2 id="panel-title" class="section-title">
          <Show when={props.selectedLine !== null} fallback={t('panel.allThreads')}>
            {t('panel.lineThreads', { line: (props.selectedLine ?? 0) + 1 })}
          </Show>
        </h2>
        <button type="button" class="button button--secondary panel__toggle" aria-expanded={open()} aria-controls="thread-list" onClick={() => setOpen(!open())}>
          {open() ? t('panel.sheet.hide') : t('panel.sheet.show')}
        </button>
      </div>
      <Show when={props.selectedLine !== null}>
        <Button variant="quiet" onClick={() => props.onShowAll()}>
          {t('panel.showAll')}
        </Button>
      </Show>
      <p role="status">{props.loaded ? tp('panel.count', props.threads.length) : t('common.loading')}</p>
      <ol
        id="thread-list"
        ref={list}
        class="thread-list"
        classList={{ 'thread-list--virtual': virtual() }}
        style={virtual() ? { height: `${virtualizer.getTotalSize()}px` } : {}}
        onFocusIn={(event) => setPinned((event.target as Element).closest<HTMLElement>('[data-thread-id]')?.dataset.threadId ?? null)}
        onFocusOut={(event) => {
          const next = event.relatedTarget as Node | null;
          if (!next || !event.currentTarget.contains(next)) setPinned(null);
        }}
      >
        <For each={ids()}>
          {(threadId) => {
            const index = () => positions().get(threadId) ?? -1;
            return (
              <Show when={props.threads[index()]}>
                {(thread) => (
                  <li
                    class="thread-list__item"
                    data-index={index()}
                    data-thread-id={threadId}
                    aria-posinset={index() + 1}
                    aria-setsize={props.threads.length}
                    ref={(element) => virtual() && measureLater(element)}
                    style={virtual() ? { transform: `translateY(${starts()?.get(threadId) ?? 0}px)` } : {}}
                  >
                    <ThreadCard thread={thread()} document={props.document} onChanged={props.onChanged} />
                  </li>
                )}
              </Show>
            );
          }}
        </For>
      </ol>
    </aside>
  );
}
