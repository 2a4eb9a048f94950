/**
 * GET of a long draft: req/s of GET /api/documents/:id (autocannon) against bare Fastify serving
 * the same bytes from memory; the bytes with and without `accept-encoding: gzip` (does the
 * server compress? what would gzip give?); validators (ETag → 304); and GET …/threads time
 * and bytes.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { cannonPair } from './lib/cannon.ts';
import { call } from './lib/http.ts';
import { outPath } from './lib/paths.ts';
import { type Row, ratio, type Section } from './lib/report.ts';
import { type NodeProcess, type ServerProcess, spawnNode } from './lib/server-process.ts';
import { fmtBytes, fmtMs, fmtNum, percentile } from './lib/stats.ts';

export interface LoadPair {
  ours: number;
  bare: number;
  p50: number;
  p99: number;
  bareP99: number;
}

export interface GetFigures {
  /** autocannon, as asked; its JavaScript parser caps it on multi-MB bodies. */
  autocannon: LoadPair;
  /** node:http keep-alive client (native parser). */
  nodeHttp: LoadPair;
  bytes: number;
  gzipBytes: number;
  /** gzip level 6 of the same body, computed here (what compression could give). */
  localGzipBytes: number;
  compressed: boolean;
  etag: boolean;
  threadsMs: number;
  threadsP95: number;
  threadsBytes: number;
  /** Bytes of GET …/threads asked with accept-encoding: gzip, and whether it came compressed. */
  threadsGzip: { bytes: number; compressed: boolean };
  threads: number;
}

/** Time and size of GET …/threads, sequentially (first request warms caches and is dropped). */
export async function timeThreads(base: string, documentId: string, count = 6) {
  const times: number[] = [];
  let bytes = 0;
  let threads = 0;
  for (let i = 0; i <= count; i++) {
    const start = performance.now();
    const res = await call(base, 'GET', `/api/documents/${documentId}/threads`);
    if (res.status !== 200) throw new Error(`GET threads: ${res.status} ${res.body.slice(0, 300)}`);
    if (i > 0) times.push(performance.now() - start);
    bytes = Buffer.byteLength(res.body);
    threads = (res.json() as unknown[]).length;
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), bytes, threads };
}

export const BYTES_DIR = outPath('bodies');

/** The bare Fastify baseline (serves whatever measureGet saved in BYTES_DIR). */
export function startBareFastify(): Promise<NodeProcess> {
  fs.mkdirSync(BYTES_DIR, { recursive: true });
  return spawnNode('bench/baselines/fastify-server.ts', { BYTES_DIR }, /bare fastify listening on (\d+)/);
}

export async function measureGet(
  server: ServerProcess,
  bare: NodeProcess,
  documentId: string,
  options: { durationSec?: number; rounds?: number; threadRequests?: number; clients?: ('autocannon' | 'node-http')[] } = {},
): Promise<GetFigures> {
  const path = `/api/documents/${documentId}`;
  const plain = await fetch(`${server.base}${path}`);
  const body = Buffer.from(await plain.arrayBuffer());
  if (plain.status !== 200) throw new Error(`GET document: ${plain.status}`);
  const etag = plain.headers.get('etag');
  // fetch decodes gzip itself; a raw request tells what really went over the wire.
  const gz = await rawGet(server.port, path, { 'accept-encoding': 'gzip' });
  fs.mkdirSync(BYTES_DIR, { recursive: true });
  const file = `${BYTES_DIR}/${documentId}.json`;
  fs.writeFileSync(file, body);
  try {
    const figures: Record<string, LoadPair> = {};
    for (const client of options.clients ?? ['autocannon', 'node-http']) {
      const pair = await cannonPair(`${server.base}${path}`, `http://127.0.0.1:${bare.port}${path}`, {
        durationSec: options.durationSec ?? 3,
        rounds: options.rounds ?? 2,
        client,
      });
      if (pair.ours.errors || pair.ours.non2xx) throw new Error(`GET document under load: ${pair.ours.errors} errors, ${pair.ours.non2xx} non-2xx`);
      figures[client] = { ours: pair.ours.requestsPerSecond, bare: pair.bare.requestsPerSecond, p50: pair.ours.p50, p99: pair.ours.p99, bareP99: pair.bare.p99 };
    }
    const none = { ours: Number.NaN, bare: Number.NaN, p50: Number.NaN, p99: Number.NaN, bareP99: Number.NaN };
    const threads = await timeThreads(server.base, documentId, options.threadRequests ?? 6);
    return {
      autocannon: figures.autocannon ?? none,
      nodeHttp: figures['node-http'] ?? none,
      bytes: body.length,
      gzipBytes: gz.bytes,
      localGzipBytes: zlib.gzipSync(body, { level: 6 }).length,
      compressed: gz.encoding === 'gzip',
      etag: !!etag && (await rawGet(server.port, path, { 'if-none-match': etag })).status === 304,
      threadsMs: threads.p50,
      threadsP95: threads.p95,
      threadsBytes: threads.bytes,
      threadsGzip: await rawGet(server.port, `${path}/threads`, { 'accept-encoding': 'gzip' }).then((r) => ({ bytes: r.bytes, compressed: r.encoding === 'gzip' })),
      threads: threads.threads,
    };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

async function rawGet(port: number, path: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; encoding: string | null }> {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => {
        bytes += c.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, encoding: (res.headers['content-encoding'] as string | undefined) ?? null }));
    });
    req.on('error', reject);
  });
}

export async function benchGetDocument(server: ServerProcess, documentId: string, lines: number): Promise<Section> {
  const bare = await startBareFastify();
  const f = await measureGet(server, bare, documentId).finally(() => bare.stop());
  const load = (name: string, p: LoadPair): Row => ({
    figure: `GET /api/documents/:id, ${fmtNum(lines)} lines (${name}, 8 connections)`,
    ours: `${fmtNum(p.ours, 1)} req/s (p50 ${fmtMs(p.p50)}, p99 ${fmtMs(p.p99)})`,
    baseline: `${fmtNum(p.bare, 1)} req/s, p99 ${fmtMs(p.bareP99)} (bare Fastify, same bytes from memory)`,
    ratio: ratio(p.ours, p.bare),
    target: '≥ 0.5',
    pass: p.ours >= 0.5 * p.bare,
  });
  const rows: Row[] = [
    load('autocannon', f.autocannon),
    {
      ...load('node:http client', f.nodeHttp),
      note: 'autocannon parses bodies with http-parser-js (JavaScript) and saturates on multi-MB responses before either server does; the node:http client (native llhttp) shows the servers’ own rates.',
    },
    {
      figure: 'GET document: response bytes, identity / with accept-encoding: gzip',
      ours: `${fmtBytes(f.bytes)} / ${f.compressed ? fmtBytes(f.gzipBytes) : `${fmtBytes(f.bytes)} (not compressed)`}`,
      baseline: `gzip -6 of the same body: ${fmtBytes(f.localGzipBytes)}`,
      ratio: f.compressed ? ratio(f.gzipBytes, f.bytes) : '1.00',
      target: 'report',
      pass: null,
      note: `${f.compressed ? 'The server compresses.' : 'The server does not compress (no compression plugin); a client on a slow link downloads the full JSON.'} ${f.etag ? 'ETag → 304 works.' : 'No ETag/304 on this route: every reload downloads it again.'}`,
    },
    {
      figure: `GET /api/documents/:id/threads, ${fmtNum(f.threads)} threads (sequential)`,
      ours: `${fmtMs(f.threadsMs)} p50, ${fmtMs(f.threadsP95)} max; ${fmtBytes(f.threadsBytes)}${f.threadsGzip.compressed ? `, ${fmtBytes(f.threadsGzip.bytes)} gzipped` : ' (not compressed, even with accept-encoding: gzip)'}`,
      baseline: '–',
      ratio: '–',
      target: 'report',
      pass: null,
    },
  ];
  return { title: 'GET a long draft', rows };
}
