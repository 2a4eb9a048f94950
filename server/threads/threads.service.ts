/**
 * Threads and comments: open a thread on a span, reply, edit (kept as revisions), withdraw,
 * hide (moderation), endorse. Each function checks the policy, writes in one transaction with
 * the event and the audit entry, and returns what this actor may see. Nothing is deleted.
 */
import type { Block } from '../../shared/documents.ts';
import type { Attribution, CommentBody, CommentDto, CreateThreadBody, ThreadDto } from '../../shared/threads.ts';
import type { Kysely } from 'kysely';
import type { Database, Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { loadReadableDocument } from '../documents/access.ts';
import { versionBlocks } from '../documents/block-cache.ts';
import { appendAudit } from '../events/audit.ts';
import { appendEvent } from '../events/event-log.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { type IdempotencyKey, runIdempotent } from '../http/idempotency.ts';
import type { Actor } from '../policy/actor.ts';
import { membershipIn } from '../policy/actor.ts';
import { commentingMembership, type DocumentFacts, effectiveStatus, isDrafter } from '../policy/documents.ts';
import { canModerate, canSeeThread, type Decision, endorseDecision, openThreadDecision, replyDecision } from '../policy/threads.ts';
import { anchorProblem, contextOf, quoteOf } from './anchor-text.ts';
import { presentThreads, threadFacts } from './present.ts';
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
  return text;
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
  const thread = lock ? await repo.lockThread(db, threadId) : await repo.findThread(db, threadId);
  if (!thread) throw notFound('thread');
  let doc: Awaited<ReturnType<typeof loadReadableDocument>>;
  try {
    doc = await loadReadableDocument(db, actor, thread.document_id);
  } catch {
    throw notFound('thread');
  }
  if (!canSeeThread(actor, threadFacts(thread), doc.facts)) throw notFound('thread');
  return { thread, doc };
}

export async function presentOne(db: Db, actor: Actor | null, facts: DocumentFacts, threadId: string): Promise<ThreadDto> {
  const row = (await repo.findThread(db, threadId)) as repo.ThreadRow;
  const [dto] = await presentThreads(db, actor, facts, [row]);
  return dto;
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
  if (!membership || (input.organizationId && membership.organizationId !== input.organizationId)) throw forbidden('You can only speak for an approved organisation you belong to.');
  if (input.kind === 'suggestion' && !input.suggestion?.trim()) throw new AppError('invalid_input', 422, 'A suggestion needs the replacement wording.');
  if (input.kind !== 'suggestion' && input.suggestion !== undefined) throw new AppError('invalid_input', 422, 'Replacement wording goes with a thread of kind "suggestion".');
  const { blocks } = await versionBlocks(db, documentId, row.current_version);
  checkAnchor(blocks, input.anchor);
  const body = cleanBody(input.body);
  const answer = await runIdempotent(db, author.accountId, idem, 201, async (trx) => {
    const id = newId();
    const { prefix, suffix } = contextOf(blocks, input.anchor);
    await repo.insertThread(trx, {
      id,
      document_id: documentId,
      version_number: row.current_version,
      anchor: JSON.stringify(input.anchor),
      quote: quoteOf(blocks, input.anchor),
      prefix,
      suffix,
      kind: input.kind,
      suggestion: input.kind === 'suggestion' ? (input.suggestion as string).normalize('NFC') : null,
      visibility: input.visibility,
      attribution: input.attribution,
      author_id: author.accountId,
      author_organization_id: membership.organizationId,
      disposition: null,
      rationale: null,
      disposed_by: null,
      disposed_at: null,
      applied_version: null,
      applied_block_ids: null,
    });
    await repo.insertComment(trx, { id: newId(), thread_id: id, author_id: author.accountId, author_organization_id: membership.organizationId, attribution: input.attribution, body, edited_at: null, withdrawn_at: null, hidden_at: null, hidden_reason: null, hidden_by: null });
    await appendAudit(trx, { actorId: author.accountId, action: 'thread.created', objectType: 'thread', objectId: id, documentId, organizationId: membership.organizationId, detail: { visibility: input.visibility, attribution: input.attribution, kind: input.kind } });
    // appendEvent locks the document row; only then is the version stable. Taking that lock as
    // late as possible keeps concurrent writers on one document from queueing behind each other.
    await appendEvent(trx, documentId, 'thread.created', { threadId: id }, author.accountId);
    const current = await trx.selectFrom('document').select('current_version').where('id', '=', documentId).executeTakeFirstOrThrow();
    // A version published meanwhile would not carry this thread: refuse rather than orphan it.
    if (current.current_version !== row.current_version) throw new AppError('conflict', 409, 'A new version was just published; reload the document and select the text again.');
    return { threadId: id };
  });
  // Presented after commit, so the document's lock is held only for the writes themselves.
  return { ...answer, body: { thread: await presentOne(db, author, facts, answer.body.threadId) } };
}

export async function listThreads(db: Db, actor: Actor | null, documentId: string, query: { version?: number; status?: 'open' | 'resolved'; blockId?: string }): Promise<ThreadDto[]> {
  const { row, facts } = await loadReadableDocument(db, actor, documentId);
  const version = query.version ?? row.current_version;
  if (version > row.current_version) throw notFound('version');
  let rows = await repo.threadsOnVersion(db, documentId, version);
  if (query.status) rows = rows.filter((r) => r.status === query.status);
  let threads = await presentThreads(db, actor, facts, rows as never);
  if (query.blockId) threads = threads.filter((t) => t.anchor.start.blockId === query.blockId || t.anchor.end.blockId === query.blockId);
  // Document order: by the position of the anchor's start on this version.
  const { blocks } = await versionBlocks(db, documentId, version);
  const position = new Map(blocks.map((b) => [b.id, b.ordinal]));
  return threads.sort((a, b) => (position.get(a.anchor.start.blockId) ?? 0) - (position.get(b.anchor.start.blockId) ?? 0) || a.anchor.start.offset - b.anchor.start.offset);
}

export async function getThread(db: Db, actor: Actor | null, threadId: string): Promise<ThreadDto> {
  const { doc } = await loadVisibleThread(db, actor, threadId);
  return presentOne(db, actor, doc.facts, threadId);
}

function replyAttribution(actor: Actor, thread: repo.ThreadRow, orgId: string, requested: Attribution | undefined): Attribution {
  if (requested) return requested;
  return orgId === thread.author_organization_id ? thread.attribution : 'organization';
}

export async function reply(db: Kysely<Database>, actor: Actor | null, threadId: string, input: CommentBody, idem: IdempotencyKey | null) {
  const { thread, doc } = await loadVisibleThread(db, actor, threadId);
  enforce(replyDecision(actor, doc.facts), 'reply');
  const author = actor as Actor;
  const drafter = isDrafter(author, doc.facts);
  const orgId = drafter ? doc.facts.organizationId : (membershipIn(author, thread.author_organization_id)?.approved ? thread.author_organization_id : commentingMembership(author, doc.facts)?.organizationId);
  if (!orgId) throw forbidden('You can only reply for an approved organisation you belong to.');
  const body = cleanBody(input.body);
  const answer = await runIdempotent(db, author.accountId, idem, 201, async (trx) => {
    const id = newId();
    const attribution = drafter ? 'named' : replyAttribution(author, thread, orgId, input.attribution);
    await repo.insertComment(trx, { id, thread_id: threadId, author_id: author.accountId, author_organization_id: orgId, attribution, body, edited_at: null, withdrawn_at: null, hidden_at: null, hidden_reason: null, hidden_by: null });
    await appendAudit(trx, { actorId: author.accountId, action: 'comment.created', objectType: 'comment', objectId: id, documentId: thread.document_id, organizationId: orgId });
    // Last: appendEvent takes the document's row lock, held until commit.
    await appendEvent(trx, thread.document_id, 'comment.created', { threadId, commentId: id }, author.accountId);
    return { commentId: id };
  });
  const dto = await presentOne(db, author, doc.facts, threadId);
  return { ...answer, body: { comment: dto.comments.find((c) => c.id === answer.body.commentId) as CommentDto } };
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
  if (await repo.hasLaterComment(db, comment)) throw new AppError('comment_frozen', 409, `Someone already replied, so this comment can no longer be ${action === 'edit' ? 'edited' : 'withdrawn'}; add a reply instead.`);
  if (thread.disposition) throw new AppError('comment_frozen', 409, 'The drafters already answered this thread, so its comments can no longer change; add a reply instead.');
  if (!isDrafter(actor, doc.facts) && effectiveStatus(doc.facts) !== 'open') throw new AppError('consultation_closed', 409, `The consultation is closed: you can no longer ${action} comments.`);
  return { comment, thread, doc };
}

export async function editComment(db: Kysely<Database>, actor: Actor | null, commentId: string, newBody: string): Promise<CommentDto> {
  const { threadId, facts } = await db.transaction().execute(async (trx) => {
    const { comment, thread, doc } = await loadOwnComment(trx, actor, commentId, 'edit');
    const body = cleanBody(newBody);
    await repo.insertRevision(trx, { id: newId(), comment_id: commentId, body: comment.body });
    await repo.updateComment(trx, commentId, { body, edited_at: new Date() });
    await appendEvent(trx, thread.document_id, 'comment.edited', { threadId: thread.id, commentId }, comment.author_id);
    await appendAudit(trx, { actorId: comment.author_id, action: 'comment.edited', objectType: 'comment', objectId: commentId, documentId: thread.document_id });
    return { threadId: thread.id, facts: doc.facts };
  });
  return presentComment(db, actor, facts, threadId, commentId);
}

export async function withdrawComment(db: Kysely<Database>, actor: Actor | null, commentId: string): Promise<CommentDto> {
  const { threadId, facts } = await db.transaction().execute(async (trx) => {
    const { comment, thread, doc } = await loadOwnComment(trx, actor, commentId, 'withdraw');
    await repo.updateComment(trx, commentId, { withdrawn_at: new Date() });
    await appendEvent(trx, thread.document_id, 'comment.withdrawn', { threadId: thread.id, commentId }, comment.author_id);
    await appendAudit(trx, { actorId: comment.author_id, action: 'comment.withdrawn', objectType: 'comment', objectId: commentId, documentId: thread.document_id });
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
    await appendEvent(trx, thread.document_id, 'comment.hidden', { threadId: thread.id, commentId }, actor.accountId);
    await appendAudit(trx, { actorId: actor.accountId, action: 'comment.hidden', objectType: 'comment', objectId: commentId, documentId: thread.document_id, detail: { reason: reason.trim() } });
    return { threadId: thread.id, facts: doc.facts };
  });
  return presentComment(db, actor, facts, threadId, commentId);
}

export async function endorse(db: Kysely<Database>, actor: Actor | null, threadId: string, organizationId: string, idem: IdempotencyKey | null) {
  const { doc } = await loadVisibleThread(db, actor, threadId);
  enforce(endorseDecision(actor, doc.facts, organizationId), 'endorse for this organisation');
  const author = actor as Actor;
  const answer = await runIdempotent(db, author.accountId, idem, 201, async (trx) => {
    const added = await repo.insertEndorsement(trx, { thread_id: threadId, organization_id: organizationId, account_id: author.accountId });
    if (!added) throw new AppError('already_endorsed', 409, 'Your organisation already endorses this thread.');
    await appendEvent(trx, doc.row.id, 'endorsement.added', { threadId, organizationId }, author.accountId);
    await appendAudit(trx, { actorId: author.accountId, action: 'endorsement.added', objectType: 'thread', objectId: threadId, documentId: doc.row.id, organizationId });
    return { threadId };
  });
  return { ...answer, body: { thread: await presentOne(db, author, doc.facts, answer.body.threadId) } };
}
