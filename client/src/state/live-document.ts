/**
 * The per-document store of the reader and the queue: threads fed by the HTTP list and by the
 * WebSocket through the pure reducer in document-events.ts, the connection status, presence,
 * and an outbox of writes (new threads, replies, endorsements) that could not be sent yet, kept
 * with their Idempotency-Key (outbox.ts, in sessionStorage) and retried when the connection
 * returns, so nothing is lost on a reload and nothing is posted twice. Pages hand the store to
 * the thread cards through LiveDocumentContext.
 */
import { createContext, createEffect, createSignal, on, onCleanup, useContext } from 'solid-js';
import type { PresenceReaders } from '../../../shared/realtime.ts';
import type { CreateThreadBody, ThreadDto } from '../../../shared/threads.ts';
import { ApiError, newIdempotencyKey } from '../api/http.ts';
import { createThread, endorse, getThread, listThreadsAt, reply, type ThreadList } from '../api/threads.ts';
import { applyEvent, type DocumentLiveState, emptyState, listLoaded, upsertThread } from './document-events.ts';
import { type OutboxEntry, readOutbox, writeOutbox } from './outbox.ts';
import { type Channel, type ConnectionStatus, openChannel } from './realtime.ts';

export type { OutboxEntry } from './outbox.ts';

/** `thread`: the thread as the server answered (absent when only the live update will bring it). */
export type PostResult = { ok: true; thread: ThreadDto } | { ok: false; queued: true } | { ok: false; queued: false; error: unknown };
export type WriteResult = { ok: true; thread?: ThreadDto } | { ok: false; queued: true } | { ok: false; queued: false; error: unknown };

/** Worth retrying later with the same key: no answer, the server or its database away, or the same key still running. */
function retryable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 502 || error.code === 'idempotency_key_in_use');
}

export interface LiveDocument {
  state(): DocumentLiveState;
  status(): ConnectionStatus;
  presence(): PresenceReaders | null;
  /** Writes waiting for the connection, oldest first. */
  outbox(): readonly OutboxEntry[];
  loaded(): boolean;
  loadError(): unknown;
  reload(): Promise<void>;
  /** Puts a thread answered by an HTTP call (disposition, reply…) into the state. */
  put(thread: ThreadDto): void;
  post(body: CreateThreadBody, key?: string): Promise<PostResult>;
  reply(threadId: string, body: string, key?: string): Promise<WriteResult>;
  endorse(threadId: string, organizationId: string, key?: string): Promise<WriteResult>;
  readingLine(blockId: string | undefined): void;
}

export function createLiveDocument(
  documentId: string,
  options: {
    version?: number;
    live: boolean;
    /** A list already requested (public/document-preload.js), used for the first load. */
    firstList?: Promise<ThreadList> | null;
    /** The signed-in account: its unsent writes on this document are kept across reloads. */
    accountId?: () => string | null;
  },
): LiveDocument {
  const [state, setState] = createSignal<DocumentLiveState>(emptyState());
  const [status, setStatus] = createSignal<ConnectionStatus>(options.live ? 'connecting' : 'live');
  const [presence, setPresence] = createSignal<PresenceReaders | null>(null);
  const [outbox, setList] = createSignal<readonly OutboxEntry[]>([]);
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

  const account = () => options.accountId?.() ?? null;
  const setOutbox = (change: (list: readonly OutboxEntry[]) => readonly OutboxEntry[]) => {
    const next = setList(change);
    const accountId = account();
    if (accountId) writeOutbox(accountId, documentId, next);
  };
  const write = async (entry: OutboxEntry): Promise<ThreadDto | undefined> => {
    if (entry.kind === 'thread') return createThread(documentId, entry.body, { idempotencyKey: entry.key });
    if (entry.kind === 'endorsement') return endorse(entry.threadId, entry.organizationId, { idempotencyKey: entry.key });
    await reply(entry.threadId, entry.body, { idempotencyKey: entry.key });
    // The thread with its new comment; the live update brings it too, if this read fails.
    return getThread(entry.threadId).catch(() => undefined);
  };

  /** Keys being sent now: a flush while one is on its way must not send it a second time. */
  const sending = new Set<string>();
  const send = async (entry: OutboxEntry): Promise<WriteResult> => {
    if (sending.has(entry.key)) return { ok: false, queued: true };
    sending.add(entry.key);
    try {
      const thread = await write(entry);
      setOutbox((list) => list.filter((p) => p.key !== entry.key));
      if (thread) setState((current) => (entry.kind === 'thread' && current.threads.has(thread.id) ? current : upsertThread(current, thread)));
      return { ok: true, thread };
    } catch (error) {
      if (retryable(error)) {
        if (!outbox().some((p) => p.key === entry.key)) setOutbox((list) => [...list, entry]);
        return { ok: false, queued: true };
      }
      setOutbox((list) => list.filter((p) => p.key !== entry.key));
      return { ok: false, queued: false, error };
    } finally {
      sending.delete(entry.key);
    }
  };

  const flush = () => {
    for (const entry of outbox()) void send(entry);
  };
  // The writes this account left unsent here (before a reload), merged in once it is known.
  createEffect(
    on(account, (accountId) => {
      if (!accountId) return;
      const stored = readOutbox(accountId, documentId);
      setOutbox((list) => [...stored.filter((entry) => !list.some((p) => p.key === entry.key)), ...list]);
      if (subscribed) flush();
    }),
  );

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
    post: async (body, key) => {
      const result = await send({ kind: 'thread', key: key ?? newIdempotencyKey(), body });
      return result.ok ? { ok: true, thread: result.thread as ThreadDto } : result;
    },
    reply: (threadId, body, key) => send({ kind: 'reply', key: key ?? newIdempotencyKey(), threadId, body }),
    endorse: (threadId, organizationId, key) => send({ kind: 'endorsement', key: key ?? newIdempotencyKey(), threadId, organizationId }),
    readingLine: (blockId) => channel?.presence(blockId),
  };
}

/** The live store of the page around a thread card; absent where cards are shown without one. */
export const LiveDocumentContext = createContext<LiveDocument>();

export function useLiveDocument(): LiveDocument | undefined {
  return useContext(LiveDocumentContext);
}
