/**
 * The hub's state for one watched document: its subscribers, the facts the policy needs, and
 * a window of recent events with their serialised messages per audience, so that a batch is
 * rendered once for every socket and a resuming socket is served without the table.
 */
import type { StoredEvent } from '../events/event-view.ts';
import type { DocumentFacts } from '../policy/documents.ts';
import type { SocketClient } from './socket-client.ts';

const WINDOW = 2000;

export interface Entry {
  event: StoredEvent;
  /** audience → serialised message (or null: not for them). */
  texts: Map<string, Promise<string | null>>;
  /** The texts show the document as of this seq or later. */
  stamp: number;
}

export function entryOf(event: StoredEvent, stamp: number): Entry {
  return { event, texts: new Map(), stamp };
}

export class Channel {
  /** Highest seq read from the table. */
  lastRead: number;
  /** Highest seq sent to every caught-up subscriber (reads may run ahead of it). */
  delivered: number;
  readonly clients = new Set<SocketClient>();
  /** Subscribers catching up through their own queue; live batches skip them. */
  readonly replaying = new Set<SocketClient>();
  reading: Promise<void> | null = null;
  again = false;
  /** Batches render concurrently with the next read but are sent strictly in seq order. */
  sending: Promise<void> = Promise.resolve();
  private window: Entry[] = [];
  /** thread id → seq of its latest event read. */
  private readonly threadSeqs = new Map<string, number>();

  constructor(
    readonly documentId: string,
    public facts: DocumentFacts,
    lastSeq: number,
  ) {
    this.lastRead = lastSeq;
    this.delivered = lastSeq;
  }

  /** Appends events read from the table; seqs have no gaps, so the window is indexed by seq. */
  push(events: StoredEvent[]): Entry[] {
    const last = events[events.length - 1]?.seq ?? this.lastRead;
    const entries = events.map((e) => entryOf(e, last));
    for (const e of events) if (typeof e.payload.threadId === 'string') this.threadSeqs.set(e.payload.threadId, e.seq);
    if (this.window.length > 0 && entries.length > 0 && entries[0].event.seq !== this.window[this.window.length - 1].event.seq + 1) this.window = [];
    this.window.push(...entries);
    if (this.window.length > WINDOW) this.window.splice(0, this.window.length - WINDOW);
    return entries;
  }

  /**
   * The entry's rendered texts, dropped first when a later event changed its thread (a comment
   * withdrawn or hidden): a reader catching up then gets the thread as it is now.
   */
  textsOf(entry: Entry): Map<string, Promise<string | null>> {
    const threadId = entry.event.payload.threadId;
    if (typeof threadId === 'string' && (this.threadSeqs.get(threadId) ?? 0) > entry.stamp) {
      entry.texts.clear();
      entry.stamp = this.lastRead;
    }
    return entry.texts;
  }

  /** Up to `limit` entries after `from` up to `to` from the window, or null when it no longer holds them. */
  slice(from: number, to: number, limit: number): Entry[] | null {
    if (this.window.length === 0) return null;
    const start = from + 1 - this.window[0].event.seq;
    if (start < 0) return null;
    const entries = this.window.slice(start, start + Math.min(limit, to - from));
    return entries.length > 0 && entries[0].event.seq === from + 1 ? entries : null;
  }
}
