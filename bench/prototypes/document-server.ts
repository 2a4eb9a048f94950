/**
 * Prototype of a fix for GET /api/documents/:id, without the database (child process). Both
 * routes serve the same saved response (BODY_FILE):
 * - /as-is: what the route does per request today — the JSON string assembled from the document
 *   head and the cached blocks string, then handed to the server's own sendCachedJson (SHA-1 of
 *   the whole string for the ETag, UTF-8 encoding of the whole string by Node);
 * - /cached: the bytes, ETag and gzip computed once per version and kept as Buffers; a request
 *   only compares the ETag and writes a Buffer.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

type Send = (request: FastifyRequest, reply: FastifyReply, json: string) => unknown;

const saved = JSON.parse(fs.readFileSync(process.env.BODY_FILE as string, 'utf8')) as { document: unknown; version: unknown; blocks: unknown };
const head = JSON.stringify(saved.document);
const version = JSON.stringify(saved.version);
const blocks = JSON.stringify(saved.blocks);
const assemble = () => `{"document":${head},"version":${version},"blocks":${blocks}}`;

// The server's own helper when it exists (it is new and may change); a plain send otherwise.
const helper = './../../server/http/cached-json.ts';
const send: Send =
  ((await import(helper).catch(() => null)) as { sendCachedJson?: Send } | null)?.sendCachedJson ?? ((_q, reply, json) => reply.type('application/json; charset=utf-8').send(json));

const bytes = Buffer.from(assemble());
const etag = `"${createHash('sha1').update(bytes).digest('base64url')}"`;
const gzipped = zlib.gzipSync(bytes, { level: 6 });

const app = Fastify({ logger: false });
app.get('/as-is/:id', (request, reply) => send(request, reply, assemble()));
app.get('/cached/:id', (request, reply) => {
  reply.header('etag', etag).header('vary', 'accept-encoding').type('application/json; charset=utf-8');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(gzipped);
  return reply.send(bytes);
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`prototype document server listening on ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', async () => {
  await app.close();
  process.exit(0);
});
