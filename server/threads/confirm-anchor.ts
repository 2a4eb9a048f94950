/**
 * Settling an `uncertain` anchor (DESIGN.md "Anchors across versions"). Re-anchoring only marks a
 * thread uncertain when it found its quote approximately inside the same block; a person then says
 * whether that place is right, or points the thread at the right span of the current version.
 *
 * Who may: the drafters (they answer every thread and published the version that moved it, so they
 * may do it also once the consultation is closed, while preparing the report), and the thread's
 * own organisation while the consultation is open (they know what they meant; the same window in
 * which they may reply). Other organisations, admins and the public may not: a thread's place is
 * part of what its authors said, and moderation never rewrites it.
 *
 * Only the projection on the current version changes; the original anchor and quote stay as
 * written, and the event and audit entry keep both places, so nothing of the record is lost.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { IdParams } from '../../shared/common.ts';
import { ErrorBody } from '../../shared/errors.ts';
import { type Anchor, ConfirmAnchorBody, Thread, type ThreadDto } from '../../shared/threads.ts';
import type { Database } from '../db/database.ts';
import { versionBlocks } from '../documents/block-cache.ts';
import { appendAudit } from '../events/audit.ts';
import { appendEvent } from '../events/event-log.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from '../policy/actor.ts';
import { isDrafter } from '../policy/documents.ts';
import { confirmAnchorDecision } from '../policy/threads.ts';
import { anchorProblem } from './anchor-text.ts';
import { presentThreads, threadFacts } from './present.ts';
import { findThreadOnCurrentVersion } from './threads.repository.ts';
import { enforce, loadVisibleThread } from './threads.service.ts';

function sameAnchor(a: Anchor, b: Anchor): boolean {
  return a.start.blockId === b.start.blockId && a.start.offset === b.start.offset && a.end.blockId === b.end.blockId && a.end.offset === b.end.offset;
}

export async function confirmAnchor(db: Kysely<Database>, actor: Actor | null, threadId: string, input: ConfirmAnchorBody): Promise<ThreadDto> {
  if (!actor) throw new AppError('not_signed_in', 401, 'Sign in to do this.');
  const facts = await db.transaction().execute(async (trx) => {
    // Locked, so two people confirming at once are answered one after the other (the second gets 409).
    const { thread, doc } = await loadVisibleThread(trx, actor, threadId, true);
    enforce(confirmAnchorDecision(actor, threadFacts(thread), doc.facts), 'confirm where this thread sits');
    const current = doc.row.current_version;
    if (input.version !== current) {
      throw new AppError('conflict', 409, `Version ${current} is the current version: reload the document and confirm the thread's position there.`);
    }
    const projection = await trx
      .selectFrom('thread_projection')
      .select(['anchor', 'state'])
      .where('thread_id', '=', threadId)
      .where('version_number', '=', current)
      .executeTakeFirst();
    if (projection?.state !== 'uncertain') {
      throw new AppError('conflict', 409, 'The position of this thread is not uncertain on the current version: there is nothing to confirm.');
    }
    const placed = projection.anchor as Anchor;
    const target = input.anchor ?? placed;
    if (input.anchor) {
      const { blocks } = await versionBlocks(trx, thread.document_id, current);
      const problem = anchorProblem(blocks, input.anchor);
      if (problem) {
        const why = problem === 'unknown block' ? 'a block that is not in the current version' : problem;
        throw new AppError('invalid_anchor', 422, `The selected span is not valid: ${why}. Reload the document and select again.`);
      }
      if (input.anchor.start.blockId === input.anchor.end.blockId && input.anchor.start.offset === input.anchor.end.offset) {
        throw new AppError('invalid_anchor', 422, 'The selected span is empty: select some text, or point at the whole line.');
      }
    }
    const repointed = !sameAnchor(target, placed);
    // `edited`: the line changed since the thread was written, and a person vouches for the place.
    await trx
      .updateTable('thread_projection')
      .set({ anchor: JSON.stringify(target), state: 'edited' })
      .where('thread_id', '=', threadId)
      .where('version_number', '=', current)
      .execute();
    const drafter = isDrafter(actor, doc.facts);
    await appendAudit(trx, {
      actorId: actor.accountId,
      action: 'thread.anchor_confirmed',
      objectType: 'thread',
      objectId: threadId,
      documentId: thread.document_id,
      organizationId: drafter ? doc.facts.organizationId : thread.author_organization_id,
      detail: { version: current, repointed, ...(repointed ? { from: placed, to: target } : {}) },
    });
    // Last: appendEvent takes the document's row lock, held until commit.
    await appendEvent(trx, thread.document_id, 'thread.anchor_confirmed', { threadId, version: current }, actor.accountId);
    // A version published while this ran was computed from the uncertain projection: refuse
    // rather than leave the newer version disagreeing with what was just confirmed.
    const now = await trx.selectFrom('document').select('current_version').where('id', '=', thread.document_id).executeTakeFirstOrThrow();
    if (now.current_version !== current) throw new AppError('conflict', 409, 'A new version was just published; reload the document and confirm the thread there.');
    return doc.facts;
  });
  // Presented on the current version, so the answer shows the anchor just confirmed.
  const row = await findThreadOnCurrentVersion(db, threadId);
  const [dto] = await presentThreads(db, actor, facts, [row as never]);
  return dto;
}

/** POST /threads/:id/confirm-anchor, registered by threadRoutes (same prefix, tags and error shape). */
export const confirmAnchorRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  app.post(
    '/threads/:id/confirm-anchor',
    {
      schema: {
        tags: ['threads'],
        summary: 'Confirm or re-point a thread whose anchor is uncertain on the current version',
        description:
          'After a new version, a thread whose quote was only found approximately has anchorState "uncertain". Drafters of the document (any time after publication) and members of the thread’s own organisation (while the consultation is open) settle it: without `anchor` the thread keeps the place the server found; with `anchor` it moves to that span of the current version. Either way its anchorState becomes "edited"; the original anchor and quote never change. Appends a `thread.anchor_confirmed` event and an audit entry. 401 signed out, 403 not allowed, 404 thread not visible, 409 not uncertain or `version` is not the current one (or the consultation is closed, for authors), 422 invalid span.',
        params: IdParams,
        body: ConfirmAnchorBody,
        response: { 200: Type.Object({ thread: Thread }), '4xx': ErrorBody },
      },
    },
    async (request) => ({ thread: await confirmAnchor(db, request.actor, request.params.id, request.body) }),
  );
};
