/**
 * Turns thread rows into what one reader may see: invisible threads dropped, authors redacted,
 * withdrawn and hidden bodies absent. Loads comments, endorsements and names in batches (no
 * N+1). Every read path that returns threads — lists, by id, reports, events — uses this.
 */
import type { Anchor, AnchorState, CommentDto, ThreadDto } from '../../shared/threads.ts';
import type { Db } from '../db/database.ts';
import type { Actor } from '../policy/actor.ts';
import type { DocumentFacts } from '../policy/documents.ts';
import { type AuthorFacts, canSeeThread, redactAuthor } from '../policy/threads.ts';
import { accountNames, type CommentRow, commentsOfThreads, endorsementsOfThreads, organizationsByIds, type ThreadRow } from './threads.repository.ts';

export type ThreadOnVersion = ThreadRow & { projected_anchor?: Anchor | null; projected_state?: AnchorState | null };

export function threadFacts(row: ThreadRow) {
  return { visibility: row.visibility, authorId: row.author_id, authorOrganizationId: row.author_organization_id };
}

function iso(d: Date | string | null): string | null {
  return d ? new Date(d).toISOString() : null;
}

interface Lookup {
  names: Map<string, string>;
  orgs: Map<string, { id: string; name: string; kind: string }>;
}

function author(lookup: Lookup, doc: DocumentFacts, authorId: string, orgId: string | null, attribution: AuthorFacts['attribution']): AuthorFacts {
  return {
    authorId,
    authorName: lookup.names.get(authorId) ?? '',
    organization: orgId ? (lookup.orgs.get(orgId) ?? null) : null,
    attribution,
    official: orgId === doc.organizationId,
  };
}

function presentComment(actor: Actor | null, doc: DocumentFacts, lookup: Lookup, c: CommentRow & { revision_count: number }): CommentDto {
  const hidden = !!c.hidden_at;
  const withdrawn = !!c.withdrawn_at;
  return {
    id: c.id,
    threadId: c.thread_id,
    ...(hidden || withdrawn ? {} : { body: c.body }),
    author: redactAuthor(actor, author(lookup, doc, c.author_id, c.author_organization_id, c.attribution), doc),
    createdAt: iso(c.created_at) as string,
    editedAt: iso(c.edited_at),
    withdrawn,
    hidden,
    ...(hidden && c.hidden_reason ? { hiddenReason: c.hidden_reason } : {}),
    revisionCount: Number(c.revision_count ?? 0),
  };
}

/** What presenting threads needs besides their rows; the same for every reader. */
export interface ThreadContext {
  commentsBy: Map<string, (CommentRow & { revision_count: number })[]>;
  endorsementsBy: Map<string, Awaited<ReturnType<typeof endorsementsOfThreads>>>;
  lookup: Lookup;
}

/**
 * Loads comments, endorsements and names of the threads `ids` in batches, for any number of
 * readers. `rows` (those threads) may still be loading: comments need only the ids.
 */
export async function loadThreadContext(db: Db, organizationIds: string[], ids: string[], rows: ThreadRow[] | Promise<ThreadRow[]>): Promise<ThreadContext> {
  const [threads, comments, endorsements] = await Promise.all([rows, commentsOfThreads(db, ids), endorsementsOfThreads(db, ids)]);
  const accountIds = new Set<string>();
  const orgIds = new Set<string>(organizationIds);
  for (const r of threads) {
    accountIds.add(r.author_id);
    orgIds.add(r.author_organization_id);
    if (r.disposed_by) accountIds.add(r.disposed_by);
  }
  for (const c of comments) {
    accountIds.add(c.author_id);
    if (c.author_organization_id) orgIds.add(c.author_organization_id);
  }
  const [names, orgs] = await Promise.all([accountNames(db, [...accountIds]), organizationsByIds(db, [...orgIds])]);
  return {
    commentsBy: groupBy(comments, (c) => c.thread_id),
    endorsementsBy: groupBy(endorsements, (e) => e.thread_id),
    lookup: { names: new Map(names.map((a) => [a.id, a.name])), orgs: new Map(orgs.map((o) => [o.id, o])) },
  };
}

/** The threads of `rows` this reader may see, as DTOs, in the order given. */
export async function presentThreads(db: Db, actor: Actor | null, doc: DocumentFacts, rows: ThreadOnVersion[]): Promise<ThreadDto[]> {
  const visible = rows.filter((r) => canSeeThread(actor, threadFacts(r), doc));
  return presentLoaded(actor, doc, visible, await loadThreadContext(db, [doc.organizationId], visible.map((r) => r.id), visible));
}

/** presentThreads with the context already loaded (by loadThreadContext, with doc's organisation). */
export function presentLoaded(actor: Actor | null, doc: DocumentFacts, rows: ThreadOnVersion[], context: ThreadContext): ThreadDto[] {
  const { commentsBy, endorsementsBy, lookup } = context;
  return rows
    .filter((r) => canSeeThread(actor, threadFacts(r), doc))
    .map((r) => {
      const anchor = (r.projected_anchor ?? r.anchor) as Anchor;
      return {
        id: r.id,
        documentId: r.document_id,
        versionNumber: r.version_number,
        anchor,
        originalAnchor: r.anchor as Anchor,
        anchorState: r.projected_state ?? 'unchanged',
        quote: r.quote,
        prefix: r.prefix,
        suffix: r.suffix,
        kind: r.kind,
        status: r.status,
        visibility: r.visibility,
        attribution: r.attribution,
        author: redactAuthor(actor, author(lookup, doc, r.author_id, r.author_organization_id, r.attribution), doc),
        comments: (commentsBy.get(r.id) ?? []).map((c) => presentComment(actor, doc, lookup, c)),
        ...(r.suggestion !== null ? { suggestion: r.suggestion } : {}),
        ...(r.disposition
          ? {
              disposition: {
                value: r.disposition as NonNullable<ThreadDto['disposition']>['value'],
                rationale: r.rationale,
                by: redactAuthor(actor, author(lookup, doc, r.disposed_by as string, doc.organizationId, 'named'), doc),
                at: iso(r.disposed_at) as string,
                appliedVersion: r.applied_version,
                appliedBlockIds: (r.applied_block_ids as string[] | null) ?? [],
              },
            }
          : {}),
        endorsements: (endorsementsBy.get(r.id) ?? []).map((e) => ({ organizationId: e.organization_id, name: e.name })),
        createdAt: iso(r.created_at) as string,
      };
    });
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
