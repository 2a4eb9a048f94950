/**
 * Renders thread events for one reader: the thread as that reader may see it (the same
 * presenter as REST), or null when the thread is invisible to them. Other document events
 * carry only ids and numbers, the same for every reader of the document.
 */
import type { Db } from '../db/database.ts';
import type { EventRenderer, StoredEvent } from '../events/event-view.ts';
import type { Actor } from '../policy/actor.ts';
import { type DocumentFacts, isDrafter } from '../policy/documents.ts';
import { canSeeThread } from '../policy/threads.ts';
import { presentThreads, threadFacts } from './present.ts';
import { findThreadOnCurrentVersion } from './threads.repository.ts';

const THREAD_KINDS = new Set(['thread.created', 'comment.created', 'comment.edited', 'comment.withdrawn', 'comment.hidden', 'thread.disposed', 'thread.resolved', 'thread.reopened', 'endorsement.added']);

interface ThreadInfo {
  thread: Awaited<ReturnType<typeof findThreadOnCurrentVersion>>;
  /** Organisations and people whose redaction may differ per reader. */
  orgIds: Set<string>;
  accountIds: Set<string>;
}

export function createThreadEventRenderer(db: Db): EventRenderer {
  const infos = new Map<string, Promise<ThreadInfo>>();

  function info(event: StoredEvent): Promise<ThreadInfo> {
    const threadId = String(event.payload.threadId);
    const key = `${threadId}:${event.seq}`;
    let p = infos.get(key);
    if (!p) {
      p = (async () => {
        const thread = await findThreadOnCurrentVersion(db, threadId);
        const authors = thread ? await db.selectFrom('comment').select(['author_id', 'author_organization_id']).where('thread_id', '=', threadId).execute() : [];
        return {
          thread,
          orgIds: new Set([thread?.author_organization_id, ...authors.map((a) => a.author_organization_id)].filter((x): x is string => !!x)),
          accountIds: new Set([thread?.author_id, ...authors.map((a) => a.author_id)].filter((x): x is string => !!x)),
        };
      })();
      infos.set(key, p);
      if (infos.size > 2000) infos.delete(infos.keys().next().value as string);
    }
    return p;
  }

  return {
    async audience(actor: Actor | null, doc: DocumentFacts, event: StoredEvent) {
      if (!THREAD_KINDS.has(event.kind)) return 'all';
      const { thread, orgIds, accountIds } = await info(event);
      if (!thread || !canSeeThread(actor, threadFacts(thread), doc)) return 'none';
      const own = (actor?.memberships ?? []).map((m) => m.organizationId).filter((id) => orgIds.has(id)).sort();
      const you = actor && accountIds.has(actor.accountId) ? actor.accountId : '';
      return `t|${isDrafter(actor, doc)}|${own.join(',')}|${you}`;
    },
    async render(renderDb: Db, actor: Actor | null, doc: DocumentFacts, event: StoredEvent) {
      if (!THREAD_KINDS.has(event.kind)) return { ...event.payload };
      const { thread } = await info(event);
      if (!thread) return null;
      const [dto] = await presentThreads(renderDb, actor, doc, [thread as never]);
      if (!dto) return null;
      return { thread: dto, ...(event.payload.commentId ? { commentId: event.payload.commentId } : {}) };
    },
  };
}
