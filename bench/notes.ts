/**
 * Causes of the misses, found by reading the server, profiling it and prototyping fixes in
 * bench/prototypes: attached to a figure when it misses its target, so BENCHMARKS.md says why
 * and what would close the gap. Kept in one place so they are reviewed together with the code.
 */
import type { Section } from './lib/report.ts';

const WRITE_PATH =
  'Done: the event append is one statement (UPDATE last_seq … INSERT event … pg_notify, and now the audit row too) as the last statement of the ' +
  'transaction, so the document-row lock spans one round trip and the COMMIT; a comment POST makes 7 statements (session with memberships, the ' +
  'document, BEGIN, idempotency key, thread + comment, event + audit + NOTIFY, COMMIT) instead of ~20. The hub (server/realtime/hub.ts, channel.ts, ' +
  'fanout.ts) keeps the document facts, renders each event once per audience from one shared load, and sends to caught-up sockets in a corked loop. ' +
  'Profile (one process, 20 writers, nobody else on the machine: ~200 comments/s): about a quarter of the server\'s time is spent inside writev to ' +
  'PostgreSQL\'s socket, where the 2 cores are shared with PostgreSQL\'s 20 busy backends, and the rest is spread thin over Fastify, Kysely and pg ' +
  '(no single hot spot above 2%). What is left is structural: 7 round trips per comment against 1 for the bare INSERT+NOTIFY, every comment ' +
  'serialised on its document row (all writers here post to one document), and both servers, PostgreSQL and the 100 clients on the same 2 cores; ' +
  'the figure moves by ×2–3 between runs. Next: the session read cached per process for a few seconds with invalidation through the event channel; ' +
  'BEGIN sent with the first statement (pipelining).';

const ROUND_TRIPS =
  'Cause: database round trips in series. A comment POST alone takes ~8 ms with nobody else on the machine, ~4.5 ms of it in its 7 statements ' +
  '(session 1.0, thread + comment 0.8, document 0.7, event 0.7, COMMIT 0.6, idempotency 0.4, BEGIN 0.3 ms); the hub then reads the events and, in ' +
  'parallel, the thread, comments and endorsements, then names, before the first send: against 4 statements on the bare path (BEGIN, INSERT, ' +
  'NOTIFY, COMMIT, then a send). p99 on a loaded machine is dominated by event-loop and scheduler delays that hit the longer path more. Next: names ' +
  'loaded with the comments (one round trip fewer in the hub).';

const GET_DOCUMENT =
  'Done this session: the ETag is checked first, then the gzip cache, and only then the body is assembled (kept per ETag in a bounded cache); document ' +
  'and version are read in one query. What is left is one query per request and the copy of multi-MB bodies into the socket.';

const CLIENT =
  'Done: a small classic script (client/public/document-preload.js) starts GET /documents/:id and GET …/threads and modulepreloads the reader route\'s ' +
  'chunks (named at build time by client/vite.config.ts) before the shell\'s modules load, and parses both answers while they do; /api/me no longer ' +
  'delays them. The thread list is read once: its answer carries x-document-seq, the socket subscribes with after = that seq and the server replays ' +
  'only what happened since (events at or below it are ignored, above it applied once, by seq and thread id). Anonymous thread lists are cached by ' +
  'document seq, status, version, query and a fingerprint of rows that change without events. On the client: the virtualizer measures the first ' +
  'screen\'s rows in one batch (it recomputed 20,000 positions per row), block positions are built on first use and read once per sort, locale ' +
  'data is loaded while the document is on its way, and the table of contents waits for an idle moment. What is left: parsing the 5.7 MB (1.37 MB ' +
  'gzipped) document and 2.4 MB thread list, and rendering the shell, are most of the remaining main-thread time; on this shared 2-core machine the ' +
  'figure moves by ±40% between runs. Next: a lighter blocks format (or the first screen of lines first), and per-line thread counts instead of the ' +
  'whole thread list up front.';

const REANCHOR =
  'Cause: matchBlocks dominates (see the split): the similarity passes (block-pairing.ts) build trigram sets for every unmatched line and compare them, which ' +
  'allocates heavily (GC shows in profiles), and on this shared machine the same code runs 2–4× slower than when it is quiet. Fix if it stays over budget: ' +
  'intern trigrams as integers in typed arrays instead of Sets of strings, and skip the global pass when the gap pass left nothing unpaired.';

export const THREADS_NOTE =
  'GET …/threads renders every thread for each signed-in request (listThreads, then the presenter batching comments, endorsements and names), hashes ' +
  'the bytes for its per-reader ETag and gzips only on a cache miss (2.3 MB → ~0.3 MB). For readers not signed in (as here) the bytes are cached ' +
  '(server/threads/thread-list-cache.ts, keyed by document seq, status, version, query and a fingerprint query of rows that change without events), so ' +
  'a repeated request costs the document read, the fingerprint query, the hash and the copy. The uncached work is linear in the threads; the large ' +
  'short-lived heap (GC) can make a step worse than linear on a busy machine. Next: page the list, or send per-line counts and load a line\'s threads on demand.';

const CAUSES: [RegExp, string][] = [
  [/throughput/, WRITE_PATH],
  [/light load/, ROUND_TRIPS],
  [/^GET \/api\/documents\/:id,/, GET_DOCUMENT],
  [/^client:/, CLIENT],
  [/^re-anchor/, REANCHOR],
];

export function annotate(section: Section): void {
  for (const row of section.rows) {
    if (row.pass !== false) continue;
    const cause = CAUSES.find(([re]) => re.test(row.figure))?.[1];
    if (cause && !row.note?.includes(cause)) row.note = row.note ? `${row.note.replace(/\.$/, '')}. ${cause}` : cause;
  }
}
