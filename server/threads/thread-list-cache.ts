/**
 * GET /documents/:id/threads for readers who are not signed in, from a cache: on a long
 * consultation the list is a few MB rendered from thousands of rows (listThreads, then the
 * presenter), and every anonymous reader of the same document is sent the same bytes.
 *
 * An entry is found by what the answer depends on: the document (its last event seq, its row's
 * updated_at, its status as of now), the version and the query, and a fingerprint read in one
 * query of what can change without an event (threads, comments, endorsements written directly,
 * e.g. by an import or the bench's seeding; authors' and organisations' names). A change to any
 * of them makes a new key; old entries age out of a small byte-bounded LRU. Signed-in readers
 * are not cached: what they see depends on their memberships, which change without events.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { loadReadableDocument } from '../documents/access.ts';
import type { Actor } from '../policy/actor.ts';
import { effectiveStatus } from '../policy/documents.ts';
import { listThreadsWithSeq } from './threads.service.ts';

type Query = { version?: number; status?: 'open' | 'resolved'; blockId?: string };

const MAX_BYTES = 32 * 1024 * 1024;
const entries = new Map<string, { body: Promise<Buffer>; size: number }>();
let held = 0;

function remember(key: string, body: Promise<Buffer>, size: number): void {
  forget(key);
  entries.set(key, { body, size });
  held += size;
  for (const [oldest] of entries) {
    if (held <= MAX_BYTES || entries.size === 1) break;
    forget(oldest);
  }
}

function forget(key: string): void {
  const entry = entries.get(key);
  if (!entry) return;
  entries.delete(key);
  held -= entry.size;
}

/** What can change the anonymous list without a new event, as one string. */
async function fingerprint(db: Db, documentId: string): Promise<string> {
  const { rows } = await sql<{ f: string }>`
    with t as (select id, author_id, author_organization_id, disposed_by, created_at, disposed_at, status from thread where document_id = ${documentId}),
         c as (select c.id, c.author_id, c.author_organization_id, greatest(c.created_at, c.edited_at, c.withdrawn_at, c.hidden_at) as at from comment c join t on t.id = c.thread_id),
         e as (select e.organization_id, e.created_at from endorsement e join t on t.id = e.thread_id)
    select concat_ws('|',
      (select concat_ws(':', count(*), max(created_at), max(disposed_at), count(*) filter (where status = 'resolved')) from t),
      (select concat_ws(':', count(*), max(at)) from c),
      (select concat_ws(':', count(*), max(created_at)) from e),
      (select md5(coalesce(string_agg(a.id || a.name, ',' order by a.id), '')) from account a
        where a.id in (select author_id from t union select author_id from c union select disposed_by from t)),
      (select md5(coalesce(string_agg(o.id || o.name || o.kind, ',' order by o.id), '')) from organization o
        where o.id in (select author_organization_id from t union select author_organization_id from c union select organization_id from e))
    ) as f`.execute(db);
  return rows[0]?.f ?? '';
}

/** The list's JSON bytes and the seq it was read at (every event up to it is in the list). */
export async function threadListBytes(db: Db, actor: Actor | null, documentId: string, query: Query): Promise<{ body: Buffer; seq: number }> {
  if (actor) {
    const { threads, seq } = await listThreadsWithSeq(db, actor, documentId, query);
    return { body: Buffer.from(JSON.stringify(threads)), seq };
  }
  const { row, facts } = await loadReadableDocument(db, null, documentId);
  const seq = Number(row.last_seq);
  const key = JSON.stringify([
    documentId,
    seq,
    new Date(row.updated_at).getTime(),
    effectiveStatus(facts),
    facts.visibility,
    query.version ?? row.current_version,
    query.status ?? '',
    query.blockId ?? '',
    await fingerprint(db, documentId),
  ]);
  const hit = entries.get(key);
  if (hit) {
    entries.delete(key);
    entries.set(key, hit);
    return { body: await hit.body, seq };
  }
  // Read after the key: the bytes hold at least what the key describes (maybe a little more,
  // and then no later request can have this key); the seq sent stays the one read first.
  const body = listThreadsWithSeq(db, null, documentId, query).then(({ threads }) => Buffer.from(JSON.stringify(threads)));
  remember(key, body, 1024 * 1024);
  try {
    const bytes = await body;
    if (entries.get(key)?.body === body) remember(key, body, bytes.length);
    return { body: bytes, seq };
  } catch (error) {
    if (entries.get(key)?.body === body) forget(key);
    throw error;
  }
}
