/**
 * Renders thread events for one reader: the thread as that reader may see it (the same
 * presenter and policy as REST), or null when the thread is invisible to them. Other document
 * events carry only ids and numbers, the same for every reader of the document.
 *
 * What a thread event needs (thread, comments, endorsements, names) does not depend on the
 * reader, so it is loaded once per event and shared by every audience; the events asked for
 * in the same tick (one hub pull) are loaded together, in one set of queries. Nothing is kept
 * past that: each later call reads the thread as it is then.
 */
import type { Db } from '../db/database.ts';
import type { EventRenderer, StoredEvent } from '../events/event-view.ts';
import type { Actor } from '../policy/actor.ts';
import { type DocumentFacts, isDrafter } from '../policy/documents.ts';
import { canSeeThread } from '../policy/threads.ts';
import { loadThreadContext, presentLoaded, type ThreadContext, type ThreadOnVersion, threadFacts } from './present.ts';
import { findThreadsOnCurrentVersion } from './threads.repository.ts';

const THREAD_KINDS = new Set(['thread.created', 'comment.created', 'comment.edited', 'comment.withdrawn', 'comment.hidden', 'thread.disposed', 'thread.resolved', 'thread.reopened', 'thread.anchor_confirmed', 'endorsement.added']);

interface Snapshot {
  thread: ThreadOnVersion | undefined;
  context: ThreadContext;
  /** Organisations and people whose redaction may differ per reader. */
  orgIds: Set<string>;
  accountIds: Set<string>;
}

interface Loaded {
  threads: Map<string, ThreadOnVersion>;
  context: ThreadContext;
}

/** Collects the threads asked for during one tick and loads them with one set of queries. */
function batchLoader(db: Db) {
  let pending: { threadIds: Set<string>; orgIds: Set<string>; result: Promise<Loaded> } | null = null;
  return (threadId: string, organizationId: string): Promise<Loaded> => {
    if (!pending) {
      const batch = { threadIds: new Set<string>(), orgIds: new Set<string>(), result: null as unknown as Promise<Loaded> };
      batch.result = new Promise<void>((resolve) => queueMicrotask(resolve)).then(async () => {
        pending = null;
        const ids = [...batch.threadIds];
        const rows = findThreadsOnCurrentVersion(db, ids) as Promise<ThreadOnVersion[]>;
        const context = await loadThreadContext(db, [...batch.orgIds], ids, rows);
        return { threads: new Map((await rows).map((r) => [r.id, r])), context };
      });
      pending = batch;
    }
    pending.threadIds.add(threadId);
    pending.orgIds.add(organizationId);
    return pending.result;
  };
}

export function createThreadEventRenderer(db: Db): EventRenderer {
  const load = batchLoader(db);
  const snapshots = new Map<string, Promise<Snapshot>>();

  function snapshot(event: StoredEvent, doc: DocumentFacts): Promise<Snapshot> {
    const threadId = String(event.payload.threadId);
    const key = `${threadId}:${event.seq}`;
    let p = snapshots.get(key);
    if (!p) {
      p = load(threadId, doc.organizationId).then(({ threads, context }) => {
        const thread = threads.get(threadId);
        const comments = context.commentsBy.get(threadId) ?? [];
        return {
          thread,
          context,
          orgIds: new Set([thread?.author_organization_id, ...comments.map((c) => c.author_organization_id)].filter((x): x is string => !!x)),
          accountIds: new Set([thread?.author_id, thread?.disposed_by, ...comments.map((c) => c.author_id)].filter((x): x is string => !!x)),
        };
      });
      // Shared by the audience and render calls made as this load completes (one hub pull), then
      // forgotten: a later call (GET /events, a replay) must see withdrawals and moderation.
      const forget = () => setImmediate(() => snapshots.get(key) === p && snapshots.delete(key));
      p.then(forget, forget);
      snapshots.set(key, p);
    }
    return p;
  }

  return {
    async audience(actor: Actor | null, doc: DocumentFacts, event: StoredEvent) {
      if (!THREAD_KINDS.has(event.kind)) return 'all';
      const { thread, orgIds, accountIds } = await snapshot(event, doc);
      if (!thread || !canSeeThread(actor, threadFacts(thread), doc)) return 'none';
      const own = (actor?.memberships ?? []).map((m) => m.organizationId).filter((id) => orgIds.has(id)).sort();
      const you = actor && accountIds.has(actor.accountId) ? actor.accountId : '';
      return `t|${isDrafter(actor, doc)}|${own.join(',')}|${you}`;
    },
    async render(_db: Db, actor: Actor | null, doc: DocumentFacts, event: StoredEvent) {
      if (!THREAD_KINDS.has(event.kind)) return { ...event.payload };
      const { thread, context } = await snapshot(event, doc);
      if (!thread) return null;
      const [dto] = presentLoaded(actor, doc, [thread], context);
      if (!dto) return null;
      return { thread: dto, ...(event.payload.commentId ? { commentId: event.payload.commentId } : {}) };
    },
  };
}
