/** HTTP routes for documents and versions (API.md "Documents and versions"). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdempotencyHeaders, IdParams } from '../../shared/common.ts';
import { Block, CreateDocumentBody, DiffEntry, DiffQuery, Document, DocumentListQuery, DocumentQuery, ExportParams, ExportQuery, NewVersionBody, PreviewBody, UpdateDocumentBody, VersionSummary } from '../../shared/documents.ts';
import { ErrorBody } from '../../shared/errors.ts';
import { requireActor } from '../auth/require.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { appendAudit } from '../events/audit.ts';
import { sendCachedJson } from '../http/cached-json.ts';
import type { ConcurrencyCap } from '../http/concurrency-cap.ts';
import { slowRoute } from '../http/deadlines.ts';
import { AppError } from '../http/errors.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import { documentJsonParts } from './document-json.ts';
import { createDocument, listDocuments, listVersionSummaries, previewSource, publishVersion, readableVersion, updateDocument } from './documents.service.ts';
import { exportVersion } from './exports.service.ts';
import { diffVersions } from './version-diff.ts';

/** Uploads carry up to 10 MB of source, base64 in JSON. */
const UPLOAD_LIMIT = 16 * 1024 * 1024;

const ParsedBlockSchema = Type.Object({ ordinal: Type.Integer(), kind: Type.String(), label: Type.Union([Type.String(), Type.Null()]), path: Type.String(), text: Type.String(), dir: Type.String() });

function int(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new AppError('invalid_input', 400, `${name} must be a version number (1, 2, …).`);
  return n;
}

/** expensive: the cap shared by exports and reports (server/features.ts). */
export const documentRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database>; expensive?: ConcurrencyCap }> = async (app, { db, expensive }) => {
  const tags = ['documents'];

  app.post('/documents/preview', { ...slowRoute,
    bodyLimit: UPLOAD_LIMIT,
    schema: { tags, summary: 'Detect the blocks of a source without storing anything', body: PreviewBody, response: { 200: Type.Object({ blocks: Type.Array(ParsedBlockSchema) }), '4xx': ErrorBody } },
  }, async (request) => {
    requireActor(request);
    return previewSource(request.body);
  });

  app.post('/documents', { ...slowRoute,
    bodyLimit: UPLOAD_LIMIT,
    schema: { tags, headers: IdempotencyHeaders, body: CreateDocumentBody, response: { 201: Type.Object({ document: Document, version: VersionSummary }), 200: Type.Object({ preview: Type.Array(Block) }), '4xx': ErrorBody } },
  }, async (request, reply) => {
    const result = await createDocument(db, requireActor(request), request.body, idempotencyOf(request));
    if ('preview' in result) return result;
    return reply.status(result.status).header('idempotent-replayed', String(result.replayed)).send(result.body);
  });

  app.get('/documents', {
    schema: { tags, querystring: DocumentListQuery, response: { 200: Type.Array(Document) } },
  }, async (request) => listDocuments(db, request.actor, request.query));

  // No response schema: long drafts are served as a prebuilt JSON string (see block-cache.ts).
  app.get('/documents/:id', { ...slowRoute,
    schema: { tags, summary: 'A document with the blocks of one version (default: current)', params: IdParams, querystring: DocumentQuery },
  }, async (request, reply) => {
    return sendCachedJson(request, reply, await documentJsonParts(db, request.actor, request.params.id, int(request.query.version, 'version')));
  });

  app.patch('/documents/:id', {
    schema: { tags, params: IdParams, body: UpdateDocumentBody, response: { 200: Type.Object({ document: Document }), '4xx': ErrorBody } },
  }, async (request) => ({ document: await updateDocument(db, requireActor(request), request.params.id, request.body) }));

  app.post('/documents/:id/versions', { ...slowRoute,
    bodyLimit: UPLOAD_LIMIT,
    schema: { tags, params: IdParams, headers: IdempotencyHeaders, body: NewVersionBody, response: { 201: Type.Object({ version: VersionSummary }), '4xx': ErrorBody } },
  }, async (request, reply) => {
    const answer = await publishVersion(db, requireActor(request), request.params.id, request.body, idempotencyOf(request));
    return reply.status(answer.status).header('idempotent-replayed', String(answer.replayed)).send(answer.body);
  });

  app.get('/documents/:id/versions', { schema: { tags, params: IdParams, response: { 200: Type.Array(VersionSummary), '4xx': ErrorBody } } }, async (request) =>
    listVersionSummaries(db, request.actor, request.params.id),
  );

  app.get('/documents/:id/diff', { ...slowRoute,
    schema: { tags, params: IdParams, querystring: DiffQuery, response: { 200: Type.Array(DiffEntry), '4xx': ErrorBody } },
  }, async (request) => {
    const from = await readableVersion(db, request.actor, request.params.id, int(request.query.from, 'from') as number);
    const to = await readableVersion(db, request.actor, request.params.id, int(request.query.to, 'to') as number);
    return diffVersions(from.blocks, to.blocks);
  });

  app.get('/documents/:id/versions/:n/export', { ...slowRoute,
    schema: {
      tags,
      params: ExportParams,
      querystring: ExportQuery,
    },
  }, async (request, reply) => {
    const make = () => exportVersion(db, request.actor, request.params.id, int(request.params.n, 'n') as number, request.query.format);
    const file = expensive ? await expensive.run(request, make) : await make();
    await appendAudit(db, { actorId: request.actor?.accountId ?? null, action: 'version.exported', objectType: 'document', objectId: request.params.id, documentId: request.params.id, detail: { version: request.params.n, format: request.query.format }, ip: request.ip });
    return reply.type(file.contentType).header('content-disposition', file.disposition).send(file.body);
  });
};
