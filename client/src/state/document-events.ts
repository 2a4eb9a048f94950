/**
 * The pure part of a document's live state: the threads this reader may see, the last event
 * seen, and what the page must refetch. `applyEvent` is the only way events change it, so an
 * optimistic post, its HTTP answer and its echo over the WebSocket all converge on one entry
 * (threads are upserted by id). Events at or below the last seq are duplicates and ignored.
 */
import type { ThreadDto } from '../../../shared/threads.ts';

export interface LiveEvent {
  seq: number;
  kind: string;
  data: Record<string, unknown>;
}

export interface DocumentLiveState {
  /** The last event applied (0 before any). */
  seq: number;
  /** Threads by id, in the order they were first seen. */
  threads: ReadonlyMap<string, ThreadDto>;
  /** The seq at which each thread was last changed by an event (HTTP loads use the seq they started at). */
  threadSeq: ReadonlyMap<string, number>;
  /** The newest version announced by `version.published`, if any. */
  publishedVersion: number | null;
  /** Bumped on `document.updated`: the page refetches the document. */
  documentRevision: number;
}

export function emptyState(): DocumentLiveState {
  return { seq: 0, threads: new Map(), threadSeq: new Map(), publishedVersion: null, documentRevision: 0 };
}

function isThread(value: unknown): value is ThreadDto {
  const thread = value as Partial<ThreadDto> | null;
  return !!thread && typeof thread === 'object' && typeof thread.id === 'string' && Array.isArray(thread.comments);
}

/** Puts one thread in (replacing the entry with the same id), marked as of `seq`. */
export function upsertThread(state: DocumentLiveState, thread: ThreadDto, seq = state.seq): DocumentLiveState {
  const threads = new Map(state.threads);
  threads.set(thread.id, thread);
  const threadSeq = new Map(state.threadSeq);
  threadSeq.set(thread.id, seq);
  return { ...state, threads, threadSeq };
}

/**
 * Replaces the threads with a list read over HTTP while events kept arriving: a thread changed
 * by an event after `asOfSeq` keeps its newer copy.
 */
export function loadThreads(state: DocumentLiveState, list: readonly ThreadDto[], asOfSeq: number): DocumentLiveState {
  const threads = new Map<string, ThreadDto>();
  const threadSeq = new Map<string, number>();
  for (const thread of list) {
    const newer = (state.threadSeq.get(thread.id) ?? -1) > asOfSeq;
    threads.set(thread.id, newer ? (state.threads.get(thread.id) as ThreadDto) : thread);
    threadSeq.set(thread.id, newer ? (state.threadSeq.get(thread.id) as number) : asOfSeq);
  }
  for (const [id, seq] of state.threadSeq) {
    if (seq > asOfSeq && !threads.has(id)) {
      threads.set(id, state.threads.get(id) as ThreadDto);
      threadSeq.set(id, seq);
    }
  }
  return { ...state, threads, threadSeq };
}

/**
 * A thread list read at `seq` (`known`: the server said so; otherwise the seq the read started
 * at). When known, every event up to it is already in the list: the state's seq moves up to
 * it, so a replayed event at or below it is ignored and one above it applied, once.
 */
export function listLoaded(state: DocumentLiveState, list: readonly ThreadDto[], seq: number, known: boolean): DocumentLiveState {
  const next = loadThreads(state, list, seq);
  return known && seq > next.seq ? { ...next, seq } : next;
}

/** Applies one event from the server. Pure: returns the same object for a duplicate or old event. */
export function applyEvent(state: DocumentLiveState, event: LiveEvent): DocumentLiveState {
  if (!Number.isInteger(event.seq) || event.seq <= state.seq) return state;
  let next: DocumentLiveState = { ...state, seq: event.seq };
  const thread = event.data?.thread;
  if (isThread(thread)) next = upsertThread(next, thread, event.seq);
  if (event.kind === 'version.published' && typeof event.data?.number === 'number') {
    next = { ...next, publishedVersion: Math.max(next.publishedVersion ?? 0, event.data.number) };
  }
  if (event.kind === 'document.updated') next = { ...next, documentRevision: next.documentRevision + 1 };
  return next;
}

/** Threads as a list, in document order (line, then offset), for the reader and the queue. */
export function threadsInOrder(state: DocumentLiveState, ordinalOf: (blockId: string) => number): ThreadDto[] {
  return [...state.threads.values()].sort(
    (a, b) => ordinalOf(a.anchor.start.blockId) - ordinalOf(b.anchor.start.blockId) || a.anchor.start.offset - b.anchor.start.offset || a.createdAt.localeCompare(b.createdAt),
  );
}
