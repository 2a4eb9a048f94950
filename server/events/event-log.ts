/**
 * The event log (an outbox): every visible change of a document appends a row with the
 * document's next sequence number, taken under the document row's lock, in the writer's own
 * transaction — so numbers have no gaps and follow commit order. A NOTIFY carrying only
 * {documentId, seq} is queued in the same transaction: PostgreSQL delivers it at commit and
 * drops it on rollback. Never put text or names in the payload of the NOTIFY.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export const EVENTS_CHANNEL = 'tashawur_events';

export const EVENT_KINDS = [
  'thread.created',
  'comment.created',
  'comment.edited',
  'comment.withdrawn',
  'comment.hidden',
  'thread.disposed',
  'thread.resolved',
  'thread.reopened',
  'endorsement.added',
  'version.published',
  'document.updated',
  'assessment.saved',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * Appends one event. `payload` holds ids and facts needed to filter and render it per reader
 * (e.g. the thread id, its visibility); readers get a redacted view, never this row as is.
 */
export async function appendEvent(trx: Db, documentId: string, kind: EventKind, payload: Record<string, unknown>, actorId: string | null): Promise<number> {
  const row = await trx
    .updateTable('document')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('id', '=', documentId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  const seq = row.last_seq;
  await trx.insertInto('document_event').values({ document_id: documentId, seq, kind, payload: JSON.stringify(payload), actor_id: actorId }).execute();
  await sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify({ documentId, seq })})`.execute(trx);
  return seq;
}

export function readEventsAfter(db: Db, documentId: string, after: number, limit = 1000) {
  return db
    .selectFrom('document_event')
    .select(['document_id', 'seq', 'kind', 'payload', 'actor_id', 'created_at'])
    .where('document_id', '=', documentId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
}
