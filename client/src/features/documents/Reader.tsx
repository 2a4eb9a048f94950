/**
 * The lines of a version, virtualised (only the lines near the viewport are in the DOM, so a
 * 20,000-line draft opens fast). Each line: its number, structural label, the text with the
 * passages under discussion highlighted (underlined; overlaps get a double underline), a count
 * of its threads and a "Comment" button for keyboard users. Selecting a passage opens the
 * composer on it, however the selection was made: with the mouse (mouseup), with the keyboard
 * or by touch (selection-input.ts).
 */
import { createVirtualizer } from '@tanstack/solid-virtual';
import { batch, createMemo, For, Index, onCleanup, Show } from 'solid-js';
import type { Block } from '../../../../shared/documents.ts';
import type { Anchor, ThreadDto } from '../../../../shared/threads.ts';
import { formatNumber, t, tp } from '../../i18n/index.ts';
import { anchorFromRange, lineAnchor } from './anchor.ts';
import { watchKeyboardSelection, watchTouchSelection } from './selection-input.ts';
import { rangeOnLine, segmentsOf } from './text-ranges.ts';

export interface ReaderApi {
  jumpTo(index: number, focus?: boolean): void;
}

export interface ReaderProps {
  blocks: readonly Block[];
  indexOf: (blockId: string) => number;
  threadsOf: (blockId: string) => readonly ThreadDto[];
  selectedBlock: string | null;
  canComment: boolean;
  onSelectLine: (blockId: string) => void;
  onCompose: (anchor: Anchor, quote: string) => void;
  ref?: (api: ReaderApi) => void;
}

function LineText(props: { block: Block; index: number; threads: readonly ThreadDto[]; indexOf: (id: string) => number }) {
  const segments = createMemo(() => {
    const ranges = props.threads
      .map((thread) => {
        const range = rangeOnLine(thread, props.index, props.block.text.length, props.indexOf);
        return range ? { id: thread.id, start: range[0], end: range[1] } : null;
      })
      .filter((r): r is { id: string; start: number; end: number } => r !== null);
    return segmentsOf(props.block.text.length, ranges);
  });
  return (
    <span class="line__text" data-line-text dir={props.block.dir}>
      <Index each={segments()}>
        {(segment) => (
          <Show when={segment().threads.length > 0} fallback={props.block.text.slice(segment().start, segment().end)}>
            <mark class="highlight" classList={{ 'highlight--overlap': segment().threads.length > 1 }} data-threads={segment().threads.join(' ')}>
              {props.block.text.slice(segment().start, segment().end)}
            </mark>
          </Show>
        )}
      </Index>
    </span>
  );
}

function Line(props: { block: Block; index: number; reader: ReaderProps }) {
  const threads = () => props.reader.threadsOf(props.block.id);
  const number = () => props.index + 1;
  return (
    <div
      class={`line line--${props.block.kind}`}
      classList={{ 'line--selected': props.reader.selectedBlock === props.block.id }}
      data-block-id={props.block.id}
      data-path={props.block.path}
    >
      <span class="line__gutter">
        <span class="line__number">{formatNumber(number())}</span>
        <Show when={threads().length > 0}>
          <button type="button" class="line__count" aria-label={tp('reader.lineThreads', threads().length, { line: number() })} onClick={() => props.reader.onSelectLine(props.block.id)}>
            {formatNumber(threads().length)}
          </button>
        </Show>
      </span>
      {/* The line's own direction for its label and text: a French or English line in an Arabic
          page reads left to right from its start edge, and an Arabic line in an English page the
          other way. */}
      <span class="line__body" dir={props.block.dir}>
        <Show when={props.block.label && props.block.kind !== 'text' && props.block.kind !== 'paragraph'}>
          <span class="line__label">
            <bdi>{props.block.label}</bdi>
          </span>
        </Show>
        <LineText block={props.block} index={props.index} threads={threads()} indexOf={props.reader.indexOf} />
      </span>
      <Show when={props.reader.canComment}>
        <button
          type="button"
          class="line__comment"
          aria-label={t('reader.commentOnLine', { line: number() })}
          onFocus={() => props.reader.onSelectLine(props.block.id)}
          onClick={() => props.reader.onCompose(lineAnchor(props.block.id, props.block.text), props.block.text)}
        >
          {t('reader.comment')}
        </button>
      </Show>
    </div>
  );
}

/** The parts of virtual-core's Virtualizer its own ResizeObserver callback uses to batch sizes. */
interface ResizeBatching {
  _resizeBatch: { sync: boolean; notify?: boolean } | null;
  notify(sync: boolean): void;
  _noteClampMax?(): void;
  _flushHoldIfReady?(force: boolean): void;
  _retryClampedAdjustment?(): void;
}

export function Reader(props: ReaderProps) {
  let scroller: HTMLElement | undefined;
  const virtualizer = createVirtualizer({
    get count() {
      return props.blocks.length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => 48,
    overscan: 12,
    // Keys by position: the reader is rebuilt for another version, and a key read through the
    // props chain for each of 20,000 rows at every measurement was a visible part of start-up.
  });

  // Rows rendered together are measured together: one store update instead of one per row.
  const unmeasured = new Set<HTMLElement>();
  const measureLater = (element: HTMLElement) => {
    if (unmeasured.size === 0) {
      queueMicrotask(() => {
        const rows = [...unmeasured].filter((row) => row.isConnected);
        unmeasured.clear();
        batch(() => measureRows(rows));
      });
    }
    unmeasured.add(element);
  };
  /**
   * Each measured size that differs from the estimate makes the virtualizer recompute the
   * positions of all rows after it (20,000 on a long draft) and notify: measuring the first
   * screen row by row was a quarter of a second of start-up. virtual-core batches the sizes its
   * ResizeObserver delivers (`_resizeBatch`: record every size, notify once); rows measured here
   * go through the same batch, or one by one if a later version no longer has it.
   */
  const measureRows = (rows: HTMLElement[]) => {
    const core = virtualizer as unknown as ResizeBatching;
    if (!('_resizeBatch' in core) || typeof core.notify !== 'function') {
      for (const row of rows) virtualizer.measureElement(row);
      return;
    }
    const pending: { sync: boolean; notify?: boolean } = { sync: false };
    core._resizeBatch = pending;
    try {
      for (const row of rows) virtualizer.measureElement(row);
    } finally {
      core._resizeBatch = null;
    }
    if (!pending.notify) return;
    core.notify(pending.sync);
    core._noteClampMax?.();
    core._flushHoldIfReady?.(true);
    core._retryClampedAdjustment?.();
  };

  const focusLine = (index: number, attempts = 10) => {
    const id = props.blocks[index]?.id;
    const element = id ? scroller?.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(id)}"]`) : null;
    if (element) {
      // Focusable only when jumped to: a focusable line would take focus on every mouse press.
      element.tabIndex = -1;
      element.focus({ preventScroll: true });
    }
    else if (attempts > 0) requestAnimationFrame(() => focusLine(index, attempts - 1));
  };

  props.ref?.({
    jumpTo(index, focus = true) {
      virtualizer.scrollToIndex(index, { align: 'start' });
      // Once rendered and measured, settle the position again, then move focus there.
      requestAnimationFrame(() => {
        virtualizer.scrollToIndex(index, { align: 'start' });
        if (focus) focusLine(index);
      });
    },
  });

  const composeFromSelection = () => {
    if (!props.canComment) return;
    const selection = globalThis.getSelection?.();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    if (!scroller?.contains(range.commonAncestorContainer)) return;
    const anchor = anchorFromRange(range);
    if (anchor) props.onCompose(anchor, selection.toString());
  };
  const keyboard = watchKeyboardSelection(() => scroller, composeFromSelection);
  const touch = watchTouchSelection(() => scroller, composeFromSelection);
  onCleanup(() => {
    keyboard();
    touch.stop();
  });

  return (
    <section
      class="reader"
      aria-label={t('reader.label')}
      ref={scroller}
      onMouseUp={composeFromSelection}
      onTouchStart={touch.started}
      onTouchEnd={touch.ended}
    >
      <div class="reader__inner" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        <For each={virtualizer.getVirtualItems()}>
          {(item) => (
            <div
              class="reader__row"
              data-index={item.index}
              ref={measureLater}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <Show when={props.blocks[item.index]}>{(block) => <Line block={block()} index={item.index} reader={props} />}</Show>
            </div>
          )}
        </For>
      </div>
    </section>
  );
}
