/**
 * The event log (an outbox): every visible change of a document appends a row with the
 * document's next sequence number, taken under the document row's lock, in the writer's own
 * transaction — so numbers have no gaps and follow commit order. A NOTIFY carrying only
 * {documentId, seq} is queued in the same transaction: PostgreSQL delivers it at commit and
 * drops it on rollback. Never put text or names in the payload of the NOTIFY.
 * Bump, event and NOTIFY are one statement (see appendEventLast): every round trip
 * taken while the row is locked would delay every other writer to the document.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { type AuditInput, auditRow } from './audit.ts';

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
  'thread.anchor_confirmed',
  'endorsement.added',
  'version.published',
  'document.updated',
  'assessment.saved',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface AppendedEvent {
  seq: number;
  /** The document's version when the event was numbered (under the row's lock). */
  currentVersion: number;
}

/**
 * Appends one event in a single statement: the last_seq bump (which takes the document's row
 * lock), the event row and the NOTIFY. Make it the last statement of the transaction, so the
 * lock spans this one round trip and the COMMIT, not the writes before it. The version read
 * under the lock lets a writer refuse (and roll back) a write that a publication overtook.
 * `payload` holds ids and facts needed to filter and render the event per reader (e.g. the
 * thread id); readers get a redacted view, never this row as is.
 */
export async function appendEventLast(
  trx: Db,
  documentId: string,
  kind: EventKind,
  payload: Record<string, unknown>,
  actorId: string | null,
  audit?: AuditInput,
): Promise<AppendedEvent> {
  // The change's audit entry rides in the same statement when given: one round trip fewer per write.
  const a = audit ? auditRow(audit) : null;
  const auditInsert = a
    ? sql`, a AS (INSERT INTO audit_entry (id, actor_id, action, object_type, object_id, document_id, organization_id, detail, ip)
        SELECT ${a.id}, ${a.actor_id}, ${a.action}, ${a.object_type}, ${a.object_id}, ${a.document_id}, ${a.organization_id}, ${a.detail}::jsonb, ${a.ip} FROM s)`
    : sql``;
  const { rows } = await sql<{ seq: number; current_version: number }>`
    WITH s AS (UPDATE document SET last_seq = last_seq + 1 WHERE id = ${documentId} RETURNING last_seq, current_version)${auditInsert}
    INSERT INTO document_event (document_id, seq, kind, payload, actor_id)
    SELECT ${documentId}, s.last_seq, ${kind}, ${JSON.stringify(payload)}::jsonb, ${actorId} FROM s
    RETURNING seq, (SELECT current_version FROM s) AS current_version,
      pg_notify(${EVENTS_CHANNEL}, json_build_object('documentId', document_id, 'seq', seq)::text)`.execute(trx);
  const row = rows[0];
  if (!row) throw new Error(`appendEvent: document ${documentId} does not exist`);
  return { seq: row.seq, currentVersion: row.current_version };
}

/** Appends one event (see appendEventLast); returns its sequence number. */
export async function appendEvent(trx: Db, documentId: string, kind: EventKind, payload: Record<string, unknown>, actorId: string | null): Promise<number> {
  return (await appendEventLast(trx, documentId, kind, payload, actorId)).seq;
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
