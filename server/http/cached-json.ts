/**
 * Sends a large JSON answer well: a strong ETag (304 when the client has it), and gzip when
 * the client accepts it, compressed once and kept in a small cache so readers of the same
 * bytes share the work. Used for long drafts and thread lists (PERFORMANCE.md point 5).
 *
 * The caches are keyed by the ETag, and the ETag is a hash of exactly the bytes sent: two
 * readers share an entry only when they would have been sent the same bytes, so one
 * audience's answer can never reach another.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzipAsync = promisify(gzip);
const MIN_COMPRESS = 32 * 1024;
const CLOSE = Buffer.from('}');

/** A least-recently-used map bounded by the bytes it holds (entries are megabytes each). */
class ByteCache<T> {
  private readonly entries = new Map<string, { value: T; size: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: T, size: number): void {
    this.delete(key);
    this.entries.set(key, { value, size });
    this.bytes += size;
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes || this.entries.size === 1) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.size;
  }
}

// A compression in flight is shared by the readers who ask meanwhile; it is counted at the
// JSON's size (compressed answers are ~4× smaller), so the bound holds before it finishes.
const compressed = new ByteCache<Promise<Buffer>>(48 * 1024 * 1024);
const assembled = new ByteCache<Buffer>(64 * 1024 * 1024);

function sendEntity(request: FastifyRequest, reply: FastifyReply, etag: string, size: number, build: () => Buffer): Promise<FastifyReply> | FastifyReply {
  reply.header('etag', etag).header('vary', 'accept-encoding, authorization, cookie').type('application/json; charset=utf-8');
  // Signed-in answers are never stored (they may hold embargoed text); the public one may be
  // kept by caches but is revalidated on every use, so a withdrawn document disappears at once.
  reply.header('cache-control', request.actor ? 'private, no-store' : 'public, no-cache');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  const accepts = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  if (!accepts || size < MIN_COMPRESS) return reply.send(build());
  let body = compressed.get(etag);
  if (!body) {
    const pending = gzipAsync(build(), { level: 1 });
    pending.catch(() => compressed.delete(etag));
    compressed.set(etag, pending, size);
    body = pending;
  }
  return body.then((gz) => reply.header('content-encoding', 'gzip').send(gz));
}

/**
 * `head` + `body` + `}` is the JSON: a small per-reader head and a large shared body (a
 * version's blocks) whose bytes and hash were computed once, so a request hashes only the
 * head, and the whole answer is assembled only when neither cache has it.
 */
export function sendCachedJson(request: FastifyRequest, reply: FastifyReply, parts: { head: string; body: Buffer; bodyHash: string }): Promise<FastifyReply> | FastifyReply {
  const etag = `"${createHash('sha1').update(parts.head).update(parts.bodyHash).digest('base64url')}"`;
  const size = Buffer.byteLength(parts.head) + parts.body.length + CLOSE.length;
  return sendEntity(request, reply, etag, size, () => {
    const cached = assembled.get(etag);
    if (cached) return cached;
    const json = Buffer.concat([Buffer.from(parts.head), parts.body, CLOSE], size);
    assembled.set(etag, json, size);
    return json;
  });
}

/** A JSON answer rendered for this request: its ETag is the hash of its bytes. */
export function sendJsonBytes(request: FastifyRequest, reply: FastifyReply, json: Buffer): Promise<FastifyReply> | FastifyReply {
  const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  return sendEntity(request, reply, etag, json.length, () => json);
}
