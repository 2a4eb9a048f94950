/**
 * The per-document store of the reader and the queue: threads fed by the HTTP list and by the
 * WebSocket through the pure reducer in document-events.ts, the connection status, presence,
 * and an outbox of new threads that could not be sent yet (kept with their Idempotency-Key and
 * retried when the connection returns, so nothing is posted twice).
 */
import { createSignal, onCleanup } from 'solid-js';
import type { PresenceReaders } from '../../../shared/realtime.ts';
import type { CreateThreadBody, ThreadDto } from '../../../shared/threads.ts';
import { ApiError, newIdempotencyKey } from '../api/http.ts';
import { createThread, listThreadsAt, type ThreadList } from '../api/threads.ts';
import { applyEvent, type DocumentLiveState, emptyState, listLoaded, upsertThread } from './document-events.ts';
import { type Channel, type ConnectionStatus, openChannel } from './realtime.ts';

export interface PendingPost {
  key: string;
  body: CreateThreadBody;
}

export type PostResult = { ok: true; thread: ThreadDto } | { ok: false; queued: true } | { ok: false; queued: false; error: unknown };

export interface LiveDocument {
  state(): DocumentLiveState;
  status(): ConnectionStatus;
  presence(): PresenceReaders | null;
  outbox(): readonly PendingPost[];
  loaded(): boolean;
  loadError(): unknown;
  reload(): Promise<void>;
  /** Puts a thread answered by an HTTP call (disposition, reply…) into the state. */
  put(thread: ThreadDto): void;
  post(body: CreateThreadBody, key?: string): Promise<PostResult>;
  readingLine(blockId: string | undefined): void;
}

export function createLiveDocument(
  documentId: string,
  options: { version?: number; live: boolean; /** A list already requested (public/document-preload.js), used for the first load. */ firstList?: Promise<ThreadList> | null },
): LiveDocument {
  const [state, setState] = createSignal<DocumentLiveState>(emptyState());
  const [status, setStatus] = createSignal<ConnectionStatus>(options.live ? 'connecting' : 'live');
  const [presence, setPresence] = createSignal<PresenceReaders | null>(null);
  const [outbox, setOutbox] = createSignal<readonly PendingPost[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [loadError, setLoadError] = createSignal<unknown>(null);
  let subscribed = false;
  let disposed = false;
  /** Set by `resync_required`: the next `subscribed` reloads the whole state. */
  let resyncing = false;

  /** Loads the list; true when it said the seq it was read at (then state().seq is at least that). */
  const load = async (source?: Promise<ThreadList> | null): Promise<boolean> => {
    const asOf = state().seq;
    try {
      const list = await (source ?? listThreadsAt(documentId, options.version));
      // A list requested early is often there when the page mounts: applied at once, its threads
      // would be laid out in the same task as the first screen of lines. Let that paint first.
      if (source) await new Promise((resolve) => setTimeout(resolve, 0));
      setState((current) => listLoaded(current, list.threads, list.seq ?? asOf, list.seq !== null));
      setLoadError(null);
      setLoaded(true);
      return list.seq !== null;
    } catch (error) {
      setLoadError(error);
      return false;
    }
  };
  const reload = async () => {
    await load();
  };

  const send = async (item: PendingPost): Promise<PostResult> => {
    try {
      const thread = await createThread(documentId, item.body, { idempotencyKey: item.key });
      setOutbox((list) => list.filter((p) => p.key !== item.key));
      setState((current) => (current.threads.has(thread.id) ? current : upsertThread(current, thread)));
      return { ok: true, thread };
    } catch (error) {
      if (error instanceof ApiError && (error.status === 0 || error.status >= 502)) {
        if (!outbox().some((p) => p.key === item.key)) setOutbox((list) => [...list, item]);
        return { ok: false, queued: true };
      }
      setOutbox((list) => list.filter((p) => p.key !== item.key));
      return { ok: false, queued: false, error };
    }
  };

  const flush = () => {
    for (const item of outbox()) void send(item);
  };

  let channel: Channel | undefined;
  /**
   * The thread list is read once: when it says the seq it was read at, the socket subscribes
   * after that seq and the server replays what happened since (events at or below it are in
   * the list and ignored, events above it are applied, each once). Without a seq (an older
   * server, or the list failed), the socket subscribes from now and the list is read again.
   */
  const connect = (resumable: boolean) => {
    if (disposed || !options.live || typeof WebSocket === 'undefined') return;
    channel = openChannel(documentId, {
      lastSeq: () => state().seq,
      resumeFrom: resumable ? () => state().seq : undefined,
      onSubscribed: (seq) => {
        if (resyncing) {
          resyncing = false;
          setState((current) => ({ ...current, seq }));
          void reload();
        } else if (!subscribed) {
          subscribed = true;
          if (!resumable) {
            setState((current) => ({ ...current, seq: Math.max(current.seq, seq) }));
            void reload();
          }
        }
        subscribed = true;
        flush();
      },
      // The server cannot continue from our seq (`resync_required`, sent before `subscribed`):
      // forget it and what events told us, so the reload that follows `subscribed` replaces every
      // thread (the list stays on screen meanwhile), and have the page refetch the document.
      onResync: () => {
        resyncing = true;
        setState((current) => ({ ...current, seq: 0, threadSeq: new Map(), documentRevision: current.documentRevision + 1 }));
      },
      onEvent: (event) => setState((current) => applyEvent(current, event)),
      onPresence: setPresence,
      onStatus: setStatus,
    });
  };
  void load(options.firstList).then(connect);
  const online = () => flush();
  globalThis.addEventListener?.('online', online);
  onCleanup(() => {
    disposed = true;
    channel?.close();
    globalThis.removeEventListener?.('online', online);
  });

  return {
    state,
    status,
    presence,
    outbox,
    loaded,
    loadError,
    reload,
    put: (thread) => setState((current) => upsertThread(current, thread)),
    post: (body, key) => send({ key: key ?? newIdempotencyKey(), body }),
    readingLine: (blockId) => channel?.presence(blockId),
  };
}
