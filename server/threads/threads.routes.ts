/** HTTP routes for threads, comments, dispositions, endorsements, moderation and the report. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { IdempotencyHeaders, IdParams } from '../../shared/common.ts';
import { ErrorBody } from '../../shared/errors.ts';
import { Comment, CommentBody, CreateThreadBody, DispositionBody, EditCommentBody, EndorseBody, HideBody, ReportQuery, Thread, ThreadQuery } from '../../shared/threads.ts';
import type { Database } from '../db/database.ts';
import { documentAudit, fullAudit, ownSecurityEvents } from '../events/audit.service.ts';
import { appendAudit } from '../events/audit.ts';
import { sendJsonBytes } from '../http/cached-json.ts';
import { slowRoute } from '../http/deadlines.ts';
import type { ConcurrencyCap } from '../http/concurrency-cap.ts';
import { AppError } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import type { WriteLimit } from '../http/write-limit.ts';
import { dispose, setThreadStatus } from './answers.service.ts';
import { reportFile } from './report.service.ts';
import { threadListBytes } from './thread-list-cache.ts';
import { createThread, editComment, endorse, getThread, hideComment, reply, withdrawComment } from './threads.service.ts';

/** writeLimit: per-account limit on new threads and comments; expensive: the export/report cap (server/features.ts). */
export const threadRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database>; writeLimit?: WriteLimit; expensive?: ConcurrencyCap }> = async (app, { db, writeLimit, expensive }) => {
  const limited = writeLimit ? { preHandler: writeLimit } : {};
  const tags = ['threads'];
  const errors = { '4xx': ErrorBody };

  // The 200 schema documents the answer; the answer itself is sent as bytes (a few MB for a
  // long consultation) with an ETag and gzip, so the schema's serialiser is not run on it.
  app.get('/documents/:id/threads', { ...slowRoute, schema: { tags, params: IdParams, querystring: ThreadQuery, response: { 200: Type.Array(Thread), ...errors } } }, async (request, reply) => {
    const version = request.query.version === undefined ? undefined : Number(request.query.version);
    if (version !== undefined && version < 1) throw new AppError('invalid_input', 400, 'version must be 1 or more.');
    const { body, seq } = await threadListBytes(db, request.actor, request.params.id, { version, status: request.query.status, blockId: request.query.blockId });
    // The seq the list was read at: the client subscribes after it (API.md "Real time").
    reply.header('x-document-seq', String(seq));
    return sendJsonBytes(request, reply, body);
  });

  app.post('/documents/:id/threads', { ...limited, schema: { tags, params: IdParams, headers: IdempotencyHeaders, body: CreateThreadBody, response: { 201: Type.Object({ thread: Thread }), ...errors } } }, async (request, reply) => {
    const answer = await createThread(db, request.actor, request.params.id, request.body, idempotencyOf(request));
    return reply.status(answer.status).header('idempotent-replayed', String(answer.replayed)).send(answer.body);
  });

  app.get('/threads/:id', { schema: { tags, params: IdParams, response: { 200: Type.Object({ thread: Thread }), ...errors } } }, async (request) => ({
    thread: await getThread(db, request.actor, request.params.id),
  }));

  app.post('/threads/:id/comments', { ...limited, schema: { tags, params: IdParams, headers: IdempotencyHeaders, body: CommentBody, response: { 201: Type.Object({ comment: Comment }), ...errors } } }, async (request, res) => {
    const answer = await reply(db, request.actor, request.params.id, request.body, idempotencyOf(request));
    return res.status(answer.status).header('idempotent-replayed', String(answer.replayed)).send(answer.body);
  });

  app.patch('/comments/:id', { schema: { tags, params: IdParams, body: EditCommentBody, response: { 200: Type.Object({ comment: Comment }), ...errors } } }, async (request) => ({
    comment: await editComment(db, request.actor, request.params.id, request.body.body),
  }));

  app.post('/comments/:id/withdraw', { schema: { tags, params: IdParams, response: { 200: Type.Object({ comment: Comment }), ...errors } } }, async (request) => ({
    comment: await withdrawComment(db, request.actor, request.params.id),
  }));

  app.post('/comments/:id/hide', { schema: { tags, params: IdParams, body: HideBody, response: { 200: Type.Object({ comment: Comment }), ...errors } } }, async (request) => ({
    comment: await hideComment(db, request.actor, request.params.id, request.body.reason),
  }));

  app.post('/threads/:id/disposition', { schema: { tags, params: IdParams, body: DispositionBody, response: { 200: Type.Object({ thread: Thread }), ...errors } } }, async (request) => ({
    thread: await dispose(db, request.actor, request.params.id, request.body),
  }));

  app.post('/threads/:id/resolve', { schema: { tags, params: IdParams, response: { 200: Type.Object({ thread: Thread }), ...errors } } }, async (request) => ({
    thread: await setThreadStatus(db, request.actor, request.params.id, 'resolved'),
  }));

  app.post('/threads/:id/reopen', { schema: { tags, params: IdParams, response: { 200: Type.Object({ thread: Thread }), ...errors } } }, async (request) => ({
    thread: await setThreadStatus(db, request.actor, request.params.id, 'open'),
  }));

  app.post('/threads/:id/endorsements', { schema: { tags, params: IdParams, headers: IdempotencyHeaders, body: EndorseBody, response: { 201: Type.Object({ thread: Thread }), ...errors } } }, async (request, reply) => {
    const answer = await endorse(db, request.actor, request.params.id, request.body.organizationId, idempotencyOf(request));
    return reply.status(answer.status).send(answer.body);
  });

  app.get('/documents/:id/report', { ...slowRoute,
    schema: { tags, params: IdParams, querystring: ReportQuery },
  }, async (request, reply) => {
    const format = request.query.format ?? 'json';
    const make = () => reportFile(db, request.actor, request.params.id, format);
    const file = expensive ? await expensive.run(request, make) : await make();
    await appendAudit(db, { actorId: request.actor?.accountId ?? null, action: 'report.exported', objectType: 'document', objectId: request.params.id, documentId: request.params.id, detail: { format }, ip: request.ip });
    if (file.disposition) reply.header('content-disposition', file.disposition);
    return reply.type(file.contentType).send(file.body);
  });

  const AuditList = Type.Array(Type.Object({ at: Type.String(), action: Type.String(), objectType: Type.Union([Type.String(), Type.Null()]), objectId: Type.Union([Type.String(), Type.Null()]), documentId: Type.Union([Type.String(), Type.Null()]), actor: Type.Object({ name: Type.Optional(Type.String()), pseudonym: Type.Optional(Type.String()), organization: Type.Optional(Type.String()) }) }));
  app.get('/documents/:id/audit', { schema: { tags: ['audit'], params: IdParams, response: { 200: AuditList, ...errors } } }, async (request) => documentAudit(db, request.actor, request.params.id));
  app.get('/audit', { schema: { tags: ['audit'], response: { 200: AuditList, ...errors } } }, async (request) => fullAudit(db, request.actor));
  app.get('/me/security-events', { schema: { tags: ['audit'], response: { 200: Type.Array(Type.Object({ at: Type.String(), action: Type.String(), ip: Type.Union([Type.String(), Type.Null()]) })), ...errors } } }, async (request) => ownSecurityEvents(db, request.actor));

  await app.register((await import('./confirm-anchor.ts')).confirmAnchorRoutes, { db });
};
