/**
 * The drafters' side of a thread: the disposition with its rationale (and where an accepted
 * comment was applied), resolve and reopen. Only drafters of the owning organisation.
 */
import type { Kysely } from 'kysely';
import type { DispositionBody, ThreadDto } from '../../shared/threads.ts';
import type { Database, Db } from '../db/database.ts';
import { versionBlocks } from '../documents/block-cache.ts';
import { appendAudit } from '../events/audit.ts';
import { appendEvent } from '../events/event-log.ts';
import { AppError, forbidden } from '../http/errors.ts';
import type { Actor } from '../policy/actor.ts';
import { canAnswer } from '../policy/threads.ts';
import { checkTextLength } from './text-length.ts';
import { updateThread } from './threads.repository.ts';
import { loadVisibleThread, presentOne } from './threads.service.ts';

const RATIONALE_OPTIONAL = new Set(['accepted', 'noted']);

async function loadForAnswer(trx: Kysely<Database> | Parameters<typeof loadVisibleThread>[0], actor: Actor | null, threadId: string) {
  if (!actor) throw new AppError('not_signed_in', 401, 'Sign in to do this.');
  const loaded = await loadVisibleThread(trx, actor, threadId, true);
  if (!canAnswer(actor, loaded.doc.facts)) throw forbidden('Only drafters of the owning organisation answer threads.');
  return loaded;
}

/**
 * Where an accepted comment was applied must name a published version of this document and
 * lines of that version (else 422): the report prints it as a reference readers will follow.
 * Returns the block ids without repeats, in the order given.
 */
async function checkApplied(db: Db, documentId: string, currentVersion: number, input: DispositionBody): Promise<string[] | null> {
  const { appliedVersion, appliedBlockIds } = input;
  if (appliedVersion === undefined) {
    if (appliedBlockIds?.length) throw new AppError('invalid_input', 422, 'Name the version in which these lines were changed (appliedVersion).');
    return null;
  }
  if (appliedVersion > currentVersion) {
    throw new AppError('invalid_input', 422, `Version ${appliedVersion} does not exist: this document has ${currentVersion === 1 ? 'one version' : `versions 1 to ${currentVersion}`}.`);
  }
  if (!appliedBlockIds?.length) return null;
  const { blocks } = await versionBlocks(db, documentId, appliedVersion);
  const known = new Set(blocks.map((b) => b.id));
  const unknown = appliedBlockIds.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new AppError('invalid_input', 422, `${unknown.length === 1 ? 'One line is' : `${unknown.length} lines are`} not in version ${appliedVersion}: choose lines of that version.`);
  }
  return [...new Set(appliedBlockIds)];
}

export async function dispose(db: Kysely<Database>, actor: Actor | null, threadId: string, input: DispositionBody): Promise<ThreadDto> {
  const rationale = checkTextLength(input.rationale?.normalize('NFC').trim() ?? '', 'rationale');
  const facts = await db.transaction().execute(async (trx) => {
    const { thread, doc } = await loadForAnswer(trx, actor, threadId);
    if (!rationale && !RATIONALE_OPTIONAL.has(input.value)) {
      throw new AppError('rationale_required', 422, `Explain why: a rationale is required for "${input.value}".`);
    }
    const appliedBlockIds = await checkApplied(db, thread.document_id, doc.row.current_version, input);
    await updateThread(trx, threadId, {
      disposition: input.value,
      rationale: rationale || null,
      disposed_by: (actor as Actor).accountId,
      disposed_at: new Date(),
      applied_version: input.appliedVersion ?? null,
      applied_block_ids: appliedBlockIds ? (JSON.stringify(appliedBlockIds) as never) : null,
    });
    await appendAudit(trx, {
      actorId: (actor as Actor).accountId,
      action: 'thread.disposed',
      objectType: 'thread',
      objectId: threadId,
      documentId: thread.document_id,
      detail: { value: input.value, previous: thread.disposition },
    });
    // Last: the event append takes the document's row lock, held until commit.
    await appendEvent(trx, thread.document_id, 'thread.disposed', { threadId, value: input.value }, (actor as Actor).accountId);
    return doc.facts;
  });
  return presentOne(db, actor, facts, threadId);
}

export async function setThreadStatus(db: Kysely<Database>, actor: Actor | null, threadId: string, status: 'open' | 'resolved'): Promise<ThreadDto> {
  const facts = await db.transaction().execute(async (trx) => {
    const { thread, doc } = await loadForAnswer(trx, actor, threadId);
    if (status === 'resolved' && !thread.disposition) {
      throw new AppError('invalid_input', 400, 'Give the thread a disposition (accepted, rejected, …) before resolving it.');
    }
    if (thread.status === status) throw new AppError('conflict', 409, status === 'resolved' ? 'This thread is already resolved.' : 'This thread is already open.');
    await updateThread(trx, threadId, { status });
    const kind = status === 'resolved' ? 'thread.resolved' : 'thread.reopened';
    await appendAudit(trx, { actorId: (actor as Actor).accountId, action: kind, objectType: 'thread', objectId: threadId, documentId: thread.document_id });
    await appendEvent(trx, thread.document_id, kind, { threadId }, (actor as Actor).accountId);
    return doc.facts;
  });
  return presentOne(db, actor, facts, threadId);
}
