/**
 * Causes of the misses, found by reading the server, profiling it and prototyping fixes in
 * bench/prototypes: attached to a figure when it misses its target, so BENCHMARKS.md says why
 * and what would close the gap. Kept in one place so they are reviewed together with the code.
 */
import type { Section } from './lib/report.ts';

const WRITE_PATH =
  'Cause: the write path, not the fan-out (compare "write path alone"). Every comment on a document serialises on that document\'s row: ' +
  'createThread (server/threads/threads.service.ts) takes `SELECT … FOR UPDATE` on it first and holds it through ~14 more round trips ' +
  '(thread, comment, last_seq UPDATE, event, NOTIFY, audit, the 5 reads of presentOne, the idempotency UPDATE, COMMIT), each of which also waits ' +
  'its turn in a busy event loop, so one document accepts 1 ÷ (lock hold time) comments per second whatever the number of writers. ' +
  'Fix: take the lock last — do the inserts, the audit entry and presentOne first, then one statement ' +
  '`WITH s AS (UPDATE document SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq, current_version) INSERT INTO document_event … SELECT … FROM s RETURNING seq, (SELECT current_version FROM s), pg_notify(…)` ' +
  '(409 when current_version moved), then COMMIT; the same for the other writers through appendEvent (server/events/event-log.ts: append last). ' +
  'To keep the deadlock fix of commit 12d948d, lockDocument (publishVersion, updateDocument) should take FOR NO KEY UPDATE instead of FOR UPDATE: ' +
  "it then no longer conflicts with the KEY SHARE lock the thread INSERT's foreign key takes, so no cycle can form. " +
  'See "prototype: comment transaction" for the measured effect at the SQL level (larger through HTTP, where each round trip inside the lock also waits for the event loop).';

const ROUND_TRIPS =
  'Cause: database round trips in series. From POST start to the first send there are ~20 sequential queries before COMMIT ' +
  '(authentication: session, account, memberships in server/auth/authenticate.ts; loadReadableDocument; the transaction) and ~6 more in the hub ' +
  'before it writes to a socket (server/realtime/hub.ts pull: readEventsAfter, then findDocument again on every pull; the renderer: ' +
  "findThreadOnCurrentVersion and the comment authors, then presentThreads' comments+endorsements and names+organisations), against 4 on the bare path " +
  '(BEGIN, INSERT, NOTIFY, COMMIT, then a send). On this loaded machine each round trip costs milliseconds. Fixes: keep the document facts in the ' +
  "hub's channel and refresh them only on document.updated / version.published events; render a thread event from one query (thread, comments and " +
  'names with json_agg) instead of six; load the actor with one joined query; and shorten the write transaction as above.';

const GET_DOCUMENT =
  'Cause: per-request work on a multi-megabyte answer. sendCachedJson (server/http/cached-json.ts) computes the SHA-1 ETag over the whole JSON string on ' +
  'every request, Node then encodes the same string to UTF-8 again to send it, and getDocumentJson (server/documents/documents.service.ts) rebuilds the ' +
  'string by concatenation after two queries (findDocument, findVersion). Fix: keep per version, next to the cached blocks (block-cache.ts), the blocks JSON as a ' +
  'Buffer with its hash; make the ETag from that hash plus a hash of the small per-reader head, and send the bytes (Buffer.concat of head, blocks, tail; the whole ' +
  'Buffer cached for the anonymous head), keeping the gzip cache per ETag. See "prototype: GET document bytes" for the measured effect.';

const CLIENT =
  'The timeline above is measured, and its "where the time goes" is computed from it. Fixes that follow from it: start fetching the document with the ' +
  'shell (not after other requests), render the first screen of lines before the whole draft is processed (or fetch the first lines first), keep ' +
  'every list virtualised (threads as well as lines), and serve GET …/threads through the same cached/gzip path as the document.';

const REANCHOR =
  'Cause: matchBlocks dominates (see the split): the similarity passes (block-pairing.ts) build trigram sets for every unmatched line and compare them, which ' +
  'allocates heavily (GC shows in profiles), and on this shared machine the same code runs 2–4× slower than when it is quiet. Fix if it stays over budget: ' +
  'intern trigrams as integers in typed arrays instead of Sets of strings, and skip the global pass when the gap pass left nothing unpaired.';

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
    if (cause && !row.note?.includes(cause)) row.note = row.note ? `${row.note}. ${cause}` : cause;
  }
}
