/**
 * Causes of the misses, found by reading the server, profiling it and prototyping fixes in
 * bench/prototypes: attached to a figure when it misses its target, so BENCHMARKS.md says why
 * and what would close the gap. Kept in one place so they are reviewed together with the code.
 */
import type { Section } from './lib/report.ts';

const WRITE_PATH =
  'Two limits, measured apart in this section. (1) The write path ("write path alone"): since commit a832f77 the document-row lock is taken late, ' +
  "but it still spans five round trips and the COMMIT (appendEvent's UPDATE last_seq, INSERT event and NOTIFY, then the current_version SELECT and the " +
  'idempotency UPDATE in server/threads/threads.service.ts createThread and server/http/idempotency.ts), each delayed by a busy event loop, and a POST ' +
  'makes ~20 queries in all on a pool of 10 per process (authentication 3, the document 1, the transaction ~10, presentOne 5 after COMMIT). Fix: one ' +
  'statement `WITH s AS (UPDATE document SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq, current_version) INSERT INTO document_event … ' +
  'RETURNING seq, (SELECT current_version FROM s), pg_notify(…)` as the last statement, with the idempotency answer stored before it (see "prototype: ' +
  'comment transaction … one statement"); load the actor with one joined query (server/auth/authenticate.ts). (2) The fan-out ("fan-out alone", comments ' +
  "written in SQL): in server/realtime/hub.ts each pull reads the events, re-reads the document (findDocument) and renders through the renderer's queries " +
  "before any send, then awaits every client's delivery (Promise.all) before the next pull may read, so reads and sends never overlap; each client goes " +
  'through its promise chain, `channel.recent.filter(…)` over the whole window (O(window) per client per pull), an async audience lookup per event and one ' +
  'ws.send (one writev syscall per message: the top of the CPU profile). Fix: render once per audience inside pull, then deliver to caught-up clients in a ' +
  'plain synchronous loop (keep the queue for clients replaying); index the window by seq (seq − recent[0].seq) instead of filtering; frame each message ' +
  'once (ws Sender.frame) and cork writes per tick (PERFORMANCE.md: 2.4–2.7 µs instead of 11–13 µs a delivery); let the next pull read while sends drain; ' +
  'keep the document facts in the channel, refreshed on document.updated and version.published events.';

const ROUND_TRIPS =
  'Cause: database round trips in series. From POST start to the NOTIFY there are ~15 sequential queries (authentication: session, account, memberships ' +
  'in server/auth/authenticate.ts; loadReadableDocument; the transaction), then ~6 more in the hub before the first write to a socket ' +
  '(server/realtime/hub.ts pull: readEventsAfter, then findDocument again on every pull; the renderer: findThreadOnCurrentVersion and the comment authors, ' +
  "then presentThreads' comments+endorsements and names+organisations), against 4 on the bare path (BEGIN, INSERT, NOTIFY, COMMIT, then a send). " +
  "Fixes: keep the document facts in the hub's channel; render a thread event from one query (thread, comments and names with json_agg) instead of six; " +
  'load the actor with one joined query; and the one-statement event append above.';

const GET_DOCUMENT =
  'Cause: what is left per request after commit a832f77 (bytes and hash cached per version): two queries before sending (findDocument with its invites ' +
  'subquery, findVersion) and, in sendCachedJson (server/http/cached-json.ts), a Buffer.concat copying the whole answer on every request — also on the ' +
  'gzip path, where the copy is thrown away once the compressed answer is cached. Fix: look the gzip cache up before concatenating, keep the concatenated ' +
  'Buffer per ETag like the gzip (anonymous readers share one head), and read document and version in one query.';

const CLIENT =
  'The timeline above is measured, and its "where the time goes" is computed from it. Fixes that follow from it: start fetching the document with the ' +
  'shell (not after other requests), render the first screen of lines before the whole draft is processed (or fetch the first lines first), keep ' +
  'every list virtualised (threads as well as lines), and serve GET …/threads through the same cached/gzip path as the document.';

const REANCHOR =
  'Cause: matchBlocks dominates (see the split): the similarity passes (block-pairing.ts) build trigram sets for every unmatched line and compare them, which ' +
  'allocates heavily (GC shows in profiles), and on this shared machine the same code runs 2–4× slower than when it is quiet. Fix if it stays over budget: ' +
  'intern trigrams as integers in typed arrays instead of Sets of strings, and skip the global pass when the gap pass left nothing unpaired.';

export const THREADS_NOTE =
  'Why: GET …/threads builds every thread on every request (server/threads/threads.service.ts listThreads): threadsOnVersion, then comments with a ' +
  'correlated revision count, endorsements and names through IN lists of every id (server/threads/present.ts), a sort that first builds a Map of all ' +
  'block positions, and the response schema serialising ~1.2 KB a thread — 11.6 MB for 10,000 threads, not compressed. The work is linear in the ' +
  'threads, and the large short-lived heap (GC about a quarter of the CPU in a profile) can make a step worse than linear on a busy machine. Fix: page the ' +
  "list (or send per-line counts and load a line's threads on demand), cache the presented list per version and audience with the ETag/gzip path of " +
  'the document, and use the cached blockIndex() for positions.';

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
