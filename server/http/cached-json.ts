/**
 * Sends a large JSON answer well: a strong ETag from its bytes (304 when the client has it),
 * and gzip when the client accepts it, compressed once and kept in a small cache so readers of
 * the same published version share the work. Used for long drafts (PERFORMANCE.md point 5).
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzipAsync = promisify(gzip);
const MIN_COMPRESS = 32 * 1024;
const CACHE_SIZE = 16;
const compressed = new Map<string, Promise<Buffer>>();
const CLOSE = Buffer.from('}');

/**
 * `head` + `body` + `}` is the JSON: a small per-reader head and a large shared body (a
 * version's blocks) whose bytes and hash were computed once, so a request hashes only the head.
 */
export async function sendCachedJson(request: FastifyRequest, reply: FastifyReply, parts: { head: string; body: Buffer; bodyHash: string }): Promise<FastifyReply> {
  const etag = `"${createHash('sha1').update(parts.head).update(parts.bodyHash).digest('base64url')}"`;
  reply.header('etag', etag).header('vary', 'accept-encoding, authorization, cookie').type('application/json; charset=utf-8');
  // Signed-in answers are never stored (they may hold embargoed text); the public one may be
  // kept by caches but is revalidated on every use, so a withdrawn document disappears at once.
  reply.header('cache-control', request.actor ? 'private, no-store' : 'public, no-cache');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  const accepts = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const json = Buffer.concat([Buffer.from(parts.head), parts.body, CLOSE]);
  if (!accepts || json.length < MIN_COMPRESS) return reply.send(json);
  let body = compressed.get(etag);
  if (!body) {
    body = gzipAsync(json, { level: 1 });
    compressed.set(etag, body);
    if (compressed.size > CACHE_SIZE) compressed.delete(compressed.keys().next().value as string);
  }
  return reply.header('content-encoding', 'gzip').send(await body);
}
