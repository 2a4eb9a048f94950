/**
 * Threads and comments: open a thread on a span, reply, edit (kept as revisions), withdraw,
 * hide (moderation), endorse. Each function checks the policy, writes in one transaction with
 * the event and the audit entry, and returns what this actor may see. Nothing is deleted.
 */

import type { Kysely } from 'kysely';
import type { Block } from '../../shared/documents.ts';
import type { Attribution, CommentBody, CommentDto, CreateThreadBody, ThreadDto } from '../../shared/threads.ts';
import type { Database, Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { findReadableDocumentOfThread, loadReadableDocument } from '../documents/access.ts';
import { blockPositions, versionBlocks } from '../documents/block-cache.ts';
import { appendAudit } from '../events/audit.ts';
import { appendEvent, appendEventLast } from '../events/event-log.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { type IdempotencyKey, runIdempotentWrite } from '../http/idempotency.ts';
import type { Actor } from '../policy/actor.ts';
import { membershipIn } from '../policy/actor.ts';
import { commentingMembership, type DocumentFacts, effectiveStatus, isDrafter } from '../policy/documents.ts';
import { canModerate, canSeeThread, type Decision, endorseDecision, openThreadDecision, replyDecision } from '../policy/threads.ts';
import { anchorProblem, contextOf, quoteOf } from './anchor-text.ts';
import { presentLoaded, presentThreads, type ThreadContext, type ThreadOnVersion, threadFacts } from './present.ts';
import { checkTextLength } from './text-length.ts';
import * as repo from './threads.repository.ts';

/** Turns a policy decision into the error a client can act on. */
export function enforce(decision: Decision, action: string): void {
  if (decision === 'ok') return;
  if (decision === 'not_signed_in') throw new AppError('not_signed_in', 401, 'Sign in to do this.');
  if (decision === 'closed') throw new AppError('consultation_closed', 409, `The consultation is closed: you can no longer ${action}.`);
  throw forbidden(`You are not allowed to ${action} on this document.`);
}

const cleanBody = (body: string) => {
  const text = body.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (!text) throw new AppError('invalid_input', 400, 'Write something before sending.');
  return checkTextLength(text, 'comment');
};

function checkAnchor(blocks: Block[], anchor: CreateThreadBody['anchor']) {
  const problem = anchorProblem(blocks, anchor);
  if (problem) {
    const why = problem === 'unknown block' ? 'a block that is not in the current version' : problem;
    throw new AppError('invalid_anchor', 422, `The selected span is not valid: ${why}. Reload the document and select again.`);
  }
  if (anchor.start.blockId === anchor.end.blockId && anchor.start.offset === anchor.end.offset) {
    throw new AppError('invalid_anchor', 422, 'The selected span is empty: select some text, or comment on the whole line.');
  }
}

/** Loads a thread and its document for a reader, answering 404 for anything they may not see. */
export async function loadVisibleThread(db: Db, actor: Actor | null, threadId: string, lock = false) {
  // Both reads start at once: the document is found through the thread's id.
  const [thread, doc] = await Promise.all([lock ? repo.lockThread(db, threadId) : repo.findThread(db, threadId), findReadableDocumentOfThread(db, actor, threadId)]);
  if (!thread || !doc || !canSeeThread(actor, threadFacts(thread), doc.facts)) throw notFound('thread');
  return { thread, doc };
}

export async function presentOne(db: Db, actor: Actor | null, facts: DocumentFacts, threadId: string): Promise<ThreadDto> {
  // On the current version, as lists and live events show it: the original anchor would put a
  // carried-forward thread back on text of an older version (and lose its anchorState).
  const row = await repo.findThreadOnCurrentVersion(db, threadId);
  const [dto] = await presentThreads(db, actor, facts, [row as never]);
  return dto;
}

/**
 * A thread its author has just written, presented from the rows the write returned instead of
 * reading them back: the presenter's own code with its one comment and the names it mentions.
 */
function presentWritten(actor: Actor, facts: DocumentFacts, thread: ThreadOnVersion, written: repo.WrittenComment): ThreadDto {
  const context: ThreadContext = {
    commentsBy: new Map([[thread.id, [{ ...written.comment, revision_count: 0 }]]]),
    endorsementsBy: new Map(),
    lookup: { names: new Map([[actor.accountId, actor.name]]), orgs: new Map([[written.organization.id, written.organization]]) },
  };
  return presentLoaded(actor, facts, [thread], context)[0];
}

async function presentComment(db: Db, actor: Actor | null, facts: DocumentFacts, threadId: string, commentId: string): Promise<CommentDto> {
  const dto = await presentOne(db, actor, facts, threadId);
  return dto.comments.find((c) => c.id === commentId) as CommentDto;
}

export async function createThread(db: Kysely<Database>, actor: Actor | null, documentId: string, input: CreateThreadBody, idem: IdempotencyKey | null) {
  const { row, facts } = await loadReadableDocument(db, actor, documentId);
  enforce(openThreadDecision(actor, facts), 'open a thread');
  const author = actor as Actor;
  const membership = commentingMembership(author, facts, input.organizationId);
  if (!membership || (input.organizationId && membership.organizationId !== input.organizationId))
    throw forbidden('You can only speak for an approved organisation you belong to.');
  if (input.kind === 'suggestion' && !input.suggestion?.trim()) throw new AppError('invalid_input', 422, 'A suggestion needs the replacement wording.');
  if (input.kind !== 'suggestion' && input.suggestion !== undefined) throw new AppError('invalid_input', 422, 'Replacement wording goes with a thread of kind "suggestion".');
  if (input.version !== undefined && input.version !== row.current_version) {
    throw new AppError(
      'invalid_anchor',
      422,
      `The text was selected on version ${input.version}, but version ${row.current_version} is now the current one: reload the document and select the text again.`,
    );
  }
  const { blocks } = await versionBlocks(db, documentId, row.current_version);
  checkAnchor(blocks, input.anchor);
  const body = cleanBody(input.body);
  const threadId = newId();
  const { prefix, suffix } = contextOf(blocks, input.anchor);
  const thread = {
    id: threadId,
    document_id: documentId,
    version_number: row.current_version,
    quote: quoteOf(blocks, input.anchor),
    prefix,
    suffix,
    kind: input.kind,
    suggestion: input.kind === 'suggestion' ? checkTextLength((input.suggestion as string).normalize('NFC'), 'suggestion') : null,
    visibility: input.visibility,
    attribution: input.attribution,
    author_id: author.accountId,
    author_organization_id: membership.organizationId,
    status: 'open' as const,
    disposition: null,
    rationale: null,
    disposed_by: null,
    disposed_at: null,
    applied_version: null,
    applied_block_ids: null,
  };
  const comment = repo.newCommentRow({ id: newId(), threadId, authorId: author.accountId, organizationId: membership.organizationId, attribution: input.attribution, body });
  let written: repo.WrittenComment | undefined;
  const answer = await runIdempotentWrite(db, author.accountId, idem, 201, {
    answer: { threadId },
    write: async (trx) => {
      written = await repo.insertCommentReturning(trx, comment, { ...thread, anchor: JSON.stringify(input.anchor) });
      return undefined;
    },
    // The event append takes the document's row lock, so it comes last; only under that lock is
    // the version stable. A version published meanwhile would not carry this thread: refuse
    // (rolling back) rather than orphan it.
    last: async (trx) => {
      const { currentVersion } = await appendEventLast(trx, documentId, 'thread.created', { threadId }, author.accountId, {
        actorId: author.accountId,
        action: 'thread.created',
        objectType: 'thread',
        objectId: threadId,
        documentId,
        organizationId: membership.organizationId,
        detail: { visibility: input.visibility, attribution: input.attribution, kind: input.kind },
      });
      if (currentVersion !== row.current_version) throw new AppError('conflict', 409, 'A new version was just published; reload the document and select the text again.');
    },
  });
  if (answer.replayed || !written) return { ...answer, body: { thread: await presentOne(db, author, facts, answer.body.threadId) } };
  // The thread's other columns are defaults of the insert; created_at is the transaction's now().
  const created = { ...thread, anchor: input.anchor, created_at: written.comment.created_at } as ThreadOnVersion;
  return { ...answer, body: { thread: presentWritten(author, facts, created, written) } };
}

export async function listThreads(
  db: Db,
  actor: Actor | null,
  documentId: string,
  query: { version?: number; status?: 'open' | 'resolved'; blockId?: string },
): Promise<ThreadDto[]> {
  return (await listThreadsWithSeq(db, actor, documentId, query)).threads;
}

/**
 * The list with the document's event seq read before it: every event up to `seq` is reflected
 * in the list (later ones may be too), so a reader can follow the document from `seq` on.
 */
export async function listThreadsWithSeq(
  db: Db,
  actor: Actor | null,
  documentId: string,
  query: { version?: number; status?: 'open' | 'resolved'; blockId?: string },
): Promise<{ threads: ThreadDto[]; seq: number }> {
  const { row, facts } = await loadReadableDocument(db, actor, documentId);
  const version = query.version ?? row.current_version;
  if (version > row.current_version) throw notFound('version');
  let rows = await repo.threadsOnVersion(db, documentId, version);
  if (query.status) rows = rows.filter((r) => r.status === query.status);
  let threads = await presentThreads(db, actor, facts, rows as never);
  if (query.blockId) threads = threads.filter((t) => t.anchor.start.blockId === query.blockId || t.anchor.end.blockId === query.blockId);
  // Document order: by the position of the anchor's start on this version.
  const position = blockPositions(await versionBlocks(db, documentId, version));
  threads.sort((a, b) => (position.get(a.anchor.start.blockId) ?? 0) - (position.get(b.anchor.start.blockId) ?? 0) || a.anchor.start.offset - b.anchor.start.offset);
  return { threads, seq: Number(row.last_seq) };
}

export async function getThread(db: Db, actor: Actor | null, threadId: string): Promise<ThreadDto> {
  const { doc } = await loadVisibleThread(db, actor, threadId);
  return presentOne(db, actor, doc.facts, threadId);
}

function replyAttribution(thread: repo.ThreadRow, orgId: string, requested: Attribution | undefined): Attribution {
  if (requested) return requested;
  return orgId === thread.author_organization_id ? thread.attribution : 'organization';
}

export async function reply(db: Kysely<Database>, actor: Actor | null, threadId: string, input: CommentBody, idem: IdempotencyKey | null) {
  const { thread, doc } = await loadVisibleThread(db, actor, threadId);
  enforce(replyDecision(actor, doc.facts), 'reply');
  const author = actor as Actor;
  const drafter = isDrafter(author, doc.facts);
  const orgId = drafter
    ? doc.facts.organizationId
    : membershipIn(author, thread.author_organization_id)?.approved
      ? thread.author_organization_id
      : commentingMembership(author, doc.facts)?.organizationId;
  if (!orgId) throw forbidden('You can only reply for an approved organisation you belong to.');
  const body = cleanBody(input.body);
  const commentId = newId();
  const attribution = drafter ? 'named' : replyAttribution(thread, orgId, input.attribution);
  let written: repo.WrittenComment | undefined;
  const answer = await runIdempotentWrite(db, author.accountId, idem, 201, {
    answer: { commentId },
    write: async (trx) => {
      written = await repo.insertCommentReturning(trx, repo.newCommentRow({ id: commentId, threadId, authorId: author.accountId, organizationId: orgId, attribution, body }));
      return undefined;
    },
    // Last: the event append takes the document's row lock, held until commit.
    last: async (trx) => {
      await appendEventLast(trx, thread.document_id, 'comment.created', { threadId, commentId }, author.accountId, {
        actorId: author.accountId,
        action: 'comment.created',
        objectType: 'comment',
        objectId: commentId,
        documentId: thread.document_id,
        organizationId: orgId,
      });
    },
  });
  if (answer.replayed || !written) {
    const dto = await presentOne(db, author, doc.facts, threadId);
    return { ...answer, body: { comment: dto.comments.find((c) => c.id === answer.body.commentId) as CommentDto } };
  }
  // Only the new comment is read from this rendering: its thread's other rows are not loaded.
  return { ...answer, body: { comment: presentWritten(author, doc.facts, thread, written).comments[0] } };
}

/** Loads a comment for its author (404 if they cannot see it, 403 if it is someone else's). */
async function loadOwnComment(db: Db, actor: Actor | null, commentId: string, action: string) {
  if (!actor) throw new AppError('not_signed_in', 401, 'Sign in to do this.');
  const comment = await repo.findComment(db, commentId);
  if (!comment) throw notFound('comment');
  const { thread, doc } = await loadVisibleThread(db, actor, comment.thread_id, true).catch(() => {
    throw notFound('comment');
  });
  if (comment.author_id !== actor.accountId) throw forbidden(`Only its author can ${action} a comment.`);
  if (comment.withdrawn_at || comment.hidden_at) throw new AppError('comment_frozen', 409, 'This comment was withdrawn or hidden and can no longer change.');
  if (await repo.hasLaterComment(db, comment))
    throw new AppError('comment_frozen', 409, `Someone already replied, so this comment can no longer be ${action === 'edit' ? 'edited' : 'withdrawn'}; add a reply instead.`);
  if (thread.disposition) throw new AppError('comment_frozen', 409, 'The drafters already answered this thread, so its comments can no longer change; add a reply instead.');
  if (!isDrafter(actor, doc.facts) && effectiveStatus(doc.facts) !== 'open')
    throw new AppError('consultation_closed', 409, `The consultation is closed: you can no longer ${action} comments.`);
  return { comment, thread, doc };
}

export async function editComment(db: Kysely<Database>, actor: Actor | null, commentId: string, newBody: string): Promise<CommentDto> {
  const { threadId, facts } = await db.transaction().execute(async (trx) => {
    const { comment, thread, doc } = await loadOwnComment(trx, actor, commentId, 'edit');
    const body = cleanBody(newBody);
    await repo.insertRevision(trx, { id: newId(), comment_id: commentId, body: comment.body });
    await repo.updateComment(trx, commentId, { body, edited_at: new Date() });
    await appendAudit(trx, { actorId: comment.author_id, action: 'comment.edited', objectType: 'comment', objectId: commentId, documentId: thread.document_id });
    await appendEvent(trx, thread.document_id, 'comment.edited', { threadId: thread.id, commentId }, comment.author_id);
    return { threadId: thread.id, facts: doc.facts };
  });
  return presentComment(db, actor, facts, threadId, commentId);
}

export async function withdrawComment(db: Kysely<Database>, actor: Actor | null, commentId: string): Promise<CommentDto> {
  const { threadId, facts } = await db.transaction().execute(async (trx) => {
    const { comment, thread, doc } = await loadOwnComment(trx, actor, commentId, 'withdraw');
    await repo.updateComment(trx, commentId, { withdrawn_at: new Date() });
    await appendAudit(trx, { actorId: comment.author_id, action: 'comment.withdrawn', objectType: 'comment', objectId: commentId, documentId: thread.document_id });
    await appendEvent(trx, thread.document_id, 'comment.withdrawn', { threadId: thread.id, commentId }, comment.author_id);
    return { threadId: thread.id, facts: doc.facts };
  });
  return presentComment(db, actor, facts, threadId, commentId);
}

export async function hideComment(db: Kysely<Database>, actor: Actor | null, commentId: string, reason: string): Promise<CommentDto> {
  if (!actor) throw new AppError('not_signed_in', 401, 'Sign in to do this.');
  const { threadId, facts } = await db.transaction().execute(async (trx) => {
    const comment = await repo.findComment(trx, commentId);
    if (!comment) throw notFound('comment');
    const { thread, doc } = await loadVisibleThread(trx, actor, comment.thread_id, true).catch(() => {
      throw notFound('comment');
    });
    if (!canModerate(actor)) throw forbidden('Only a platform administrator can hide comments; drafters may flag them to an administrator.');
    if (comment.hidden_at) throw new AppError('conflict', 409, 'This comment is already hidden.');
    await repo.updateComment(trx, commentId, { hidden_at: new Date(), hidden_reason: reason.trim(), hidden_by: actor.accountId });
    await appendAudit(trx, {
      actorId: actor.accountId,
      action: 'comment.hidden',
      objectType: 'comment',
      objectId: commentId,
      documentId: thread.document_id,
      detail: { reason: reason.trim() },
    });
    await appendEvent(trx, thread.document_id, 'comment.hidden', { threadId: thread.id, commentId }, actor.accountId);
    return { threadId: thread.id, facts: doc.facts };
  });
  return presentComment(db, actor, facts, threadId, commentId);
}

export async function endorse(db: Kysely<Database>, actor: Actor | null, threadId: string, organizationId: string, idem: IdempotencyKey | null) {
  const { doc } = await loadVisibleThread(db, actor, threadId);
  enforce(endorseDecision(actor, doc.facts, organizationId), 'endorse for this organisation');
  const author = actor as Actor;
  const answer = await runIdempotentWrite(db, author.accountId, idem, 201, {
    answer: { threadId },
    write: async (trx) => {
      const added = await repo.insertEndorsement(trx, { thread_id: threadId, organization_id: organizationId, account_id: author.accountId });
      if (!added) throw new AppError('already_endorsed', 409, 'Your organisation already endorses this thread.');
      return undefined;
    },
    last: async (trx) => {
      const audit = { actorId: author.accountId, action: 'endorsement.added', objectType: 'thread', objectId: threadId, documentId: doc.row.id, organizationId };
      await appendEventLast(trx, doc.row.id, 'endorsement.added', { threadId, organizationId }, author.accountId, audit);
    },
  });
  return { ...answer, body: { thread: await presentOne(db, author, doc.facts, answer.body.threadId) } };
}
