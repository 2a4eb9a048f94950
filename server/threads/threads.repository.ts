/** SQL for threads, projections, comments, revisions and endorsements. Nothing is ever deleted. */
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { CommentTable, ThreadTable } from './threads.table.ts';

export type ThreadRow = Selectable<ThreadTable>;
export type CommentRow = Selectable<CommentTable>;

export async function insertThread(db: Db, row: Insertable<ThreadTable>): Promise<void> {
  await db.insertInto('thread').values(row).execute();
}

export async function insertComment(db: Db, row: Insertable<CommentTable>): Promise<void> {
  await db.insertInto('comment').values(row).execute();
}

export type OrganizationFacts = { id: string; name: string; kind: string };
export type WrittenComment = Awaited<ReturnType<typeof insertCommentReturning>>;

/**
 * Inserts a comment and returns its row with its author organisation's facts, so the write
 * can present it without another round trip. With `thread`, the thread is inserted by the
 * same statement (the comment's foreign key is checked at the statement's end).
 */
export async function insertCommentReturning(db: Db, row: Insertable<CommentTable> & { author_organization_id: string }, thread?: Insertable<ThreadTable>) {
  const base = (thread ? db.with('new_thread', (q) => q.insertInto('thread').values(thread)) : db) as Pick<Db, 'insertInto'>;
  const inserted = await base
    .insertInto('comment')
    .values(row)
    .returningAll()
    .returning((eb) =>
      eb
        .selectFrom('organization')
        .select(sql<OrganizationFacts>`json_build_object('id', id, 'name', name, 'kind', kind)`.as('o'))
        .where('id', '=', row.author_organization_id)
        .as('organization'),
    )
    .executeTakeFirstOrThrow();
  const { organization, ...comment } = inserted;
  return { comment: comment as CommentRow, organization: organization as OrganizationFacts };
}

export function findThread(db: Db, id: string) {
  return db.selectFrom('thread').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockThread(db: Db, id: string) {
  return db.selectFrom('thread').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findComment(db: Db, id: string) {
  return db.selectFrom('comment').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Threads that exist on `version`, each with its anchor there (projection, or original). */
export function threadsOnVersion(db: Db, documentId: string, version: number) {
  return db
    .selectFrom('thread')
    .leftJoin('thread_projection as p', (join) => join.onRef('p.thread_id', '=', 'thread.id').on('p.version_number', '=', version))
    .selectAll('thread')
    .select(['p.anchor as projected_anchor', 'p.state as projected_state'])
    .where('thread.document_id', '=', documentId)
    .where('thread.version_number', '<=', version)
    .orderBy('thread.created_at')
    .execute();
}

export function commentsOfThreads(db: Db, threadIds: string[]) {
  if (threadIds.length === 0) return Promise.resolve([] as (CommentRow & { revision_count: number })[]);
  return db
    .selectFrom('comment')
    .selectAll('comment')
    .select((eb) => eb.selectFrom('comment_revision').select(eb.fn.countAll<number>().as('n')).whereRef('comment_revision.comment_id', '=', 'comment.id').as('revision_count'))
    .where('thread_id', 'in', threadIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute() as Promise<(CommentRow & { revision_count: number })[]>;
}

export function endorsementsOfThreads(db: Db, threadIds: string[]) {
  if (threadIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('endorsement')
    .innerJoin('organization', 'organization.id', 'endorsement.organization_id')
    .select(['endorsement.thread_id', 'endorsement.organization_id', 'organization.name', 'endorsement.created_at'])
    .where('endorsement.thread_id', 'in', threadIds)
    .orderBy('endorsement.created_at')
    .execute();
}

export function accountNames(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('account').select(['id', 'name']).where('id', 'in', ids).execute();
}

export function organizationsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organization').select(['id', 'name', 'kind']).where('id', 'in', ids).execute();
}

/** True when a comment was written in the thread after this one (a reply freezes it). */
export async function hasLaterComment(db: Db, comment: CommentRow): Promise<boolean> {
  const row = await db
    .selectFrom('comment')
    .select('id')
    .where('thread_id', '=', comment.thread_id)
    .where('id', '!=', comment.id)
    .where('created_at', '>=', comment.created_at)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

export async function insertRevision(db: Db, row: { id: string; comment_id: string; body: string }): Promise<void> {
  await db.insertInto('comment_revision').values(row).execute();
}

export async function updateComment(db: Db, id: string, patch: Partial<Pick<CommentTable, 'body' | 'edited_at' | 'withdrawn_at' | 'hidden_at' | 'hidden_reason' | 'hidden_by'>>): Promise<void> {
  await db.updateTable('comment').set(patch).where('id', '=', id).execute();
}

export async function updateThread(db: Db, id: string, patch: Record<string, unknown>): Promise<void> {
  await db.updateTable('thread').set(patch as never).where('id', '=', id).execute();
}

export async function insertEndorsement(db: Db, row: { thread_id: string; organization_id: string; account_id: string }): Promise<boolean> {
  const inserted = await db
    .insertInto('endorsement')
    .values(row)
    .onConflict((oc) => oc.columns(['thread_id', 'organization_id']).doNothing())
    .returning('thread_id')
    .executeTakeFirst();
  return !!inserted;
}

/** Threads with their anchor on their document's current version (one query for any number). */
export function findThreadsOnCurrentVersion(db: Db, ids: string[]) {
  return db
    .selectFrom('thread')
    .innerJoin('document', 'document.id', 'thread.document_id')
    .leftJoin('thread_projection as p', (join) => join.onRef('p.thread_id', '=', 'thread.id').onRef('p.version_number', '=', 'document.current_version'))
    .selectAll('thread')
    .select(['p.anchor as projected_anchor', 'p.state as projected_state'])
    .where('thread.id', 'in', ids)
    .execute();
}

/** One thread with its anchor on the document's current version. */
export async function findThreadOnCurrentVersion(db: Db, id: string) {
  return (await findThreadsOnCurrentVersion(db, [id]))[0];
}

/** A new comment's row: not edited, withdrawn or hidden yet. */
export function newCommentRow(c: { id: string; threadId: string; authorId: string; organizationId: string; attribution: CommentTable['attribution']; body: string }) {
  return {
    id: c.id,
    thread_id: c.threadId,
    author_id: c.authorId,
    author_organization_id: c.organizationId,
    attribution: c.attribution,
    body: c.body,
    edited_at: null,
    withdrawn_at: null,
    hidden_at: null,
    hidden_reason: null,
    hidden_by: null,
  };
}
