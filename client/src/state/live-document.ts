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
import { createThread, listThreads } from '../api/threads.ts';
import { applyEvent, type DocumentLiveState, emptyState, loadThreads, upsertThread } from './document-events.ts';
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

export function createLiveDocument(documentId: string, options: { version?: number; live: boolean }): LiveDocument {
  const [state, setState] = createSignal<DocumentLiveState>(emptyState());
  const [status, setStatus] = createSignal<ConnectionStatus>(options.live ? 'connecting' : 'live');
  const [presence, setPresence] = createSignal<PresenceReaders | null>(null);
  const [outbox, setOutbox] = createSignal<readonly PendingPost[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [loadError, setLoadError] = createSignal<unknown>(null);
  let subscribed = false;

  const reload = async () => {
    const asOf = state().seq;
    try {
      const list = await listThreads(documentId, options.version);
      setState((current) => loadThreads(current, list, asOf));
      setLoadError(null);
      setLoaded(true);
    } catch (error) {
      setLoadError(error);
    }
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
  if (options.live && typeof WebSocket !== 'undefined') {
    channel = openChannel(documentId, {
      lastSeq: () => state().seq,
      onSubscribed: (seq) => {
        if (!subscribed) {
          subscribed = true;
          setState((current) => ({ ...current, seq: Math.max(current.seq, seq) }));
          void reload();
        }
        flush();
      },
      onEvent: (event) => setState((current) => applyEvent(current, event)),
      onPresence: setPresence,
      onStatus: setStatus,
    });
  }
  void reload();
  const online = () => flush();
  globalThis.addEventListener?.('online', online);
  onCleanup(() => {
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
