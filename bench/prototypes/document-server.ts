/**
 * GET /api/documents/:id without the database (child process), two ways of sending the same
 * saved answer (BODY_FILE), so the cost of the sending itself is measured apart:
 * - /string: the way before commit a832f77 — the JSON string assembled per request from the head
 *   and the cached blocks string, SHA-1 of the whole string for the ETag, Node encoding the
 *   string to UTF-8 again to send it;
 * - /bytes: the blocks kept as bytes with their hash, once per version — a request hashes the
 *   small head only and writes Buffers (what a832f77 does, minus its per-request Buffer.concat).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import Fastify from 'fastify';

const saved = JSON.parse(fs.readFileSync(process.env.BODY_FILE as string, 'utf8')) as { document: unknown; version: unknown; blocks: unknown };
const head = `{"document":${JSON.stringify(saved.document)},"version":${JSON.stringify(saved.version)},"blocks":`;
const blocks = JSON.stringify(saved.blocks);
const blockBytes = Buffer.from(blocks);
const blocksHash = createHash('sha1').update(blockBytes).digest('base64url');
const whole = Buffer.concat([Buffer.from(head), blockBytes, Buffer.from('}')]);

const app = Fastify({ logger: false });
app.get('/string/:id', (request, reply) => {
  const json = `${head}${blocks}}`;
  const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  reply.header('etag', etag).type('application/json; charset=utf-8');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.send(json);
});
app.get('/bytes/:id', (request, reply) => {
  const etag = `"${createHash('sha1').update(head).update(blocksHash).digest('base64url')}"`;
  reply.header('etag', etag).type('application/json; charset=utf-8');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.send(whole);
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`prototype document server listening on ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', async () => {
  await app.close();
  process.exit(0);
});
