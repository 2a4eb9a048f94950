/**
 * Loads a document for a reader, or answers the one 404 every invisible or missing document
 * gets. Used by every feature that reads through a document (threads, reports, events, …).
 */
import type { Db } from '../db/database.ts';
import { notFound } from '../http/errors.ts';
import type { Actor } from '../policy/actor.ts';
import { canReadDocument, type DocumentFacts } from '../policy/documents.ts';
import { type DocumentRow, findDocument } from './documents.repository.ts';

export function factsOf(row: DocumentRow): DocumentFacts {
  return {
    id: row.id,
    organizationId: row.organization_id,
    status: row.status,
    visibility: row.visibility,
    invitedOrganizationIds: row.invited ?? [],
    opensAt: row.opens_at ? new Date(row.opens_at) : null,
    closesAt: row.closes_at ? new Date(row.closes_at) : null,
  };
}

export async function loadReadableDocument(db: Db, actor: Actor | null, id: string): Promise<{ row: DocumentRow; facts: DocumentFacts }> {
  const row = await findDocument(db, id);
  if (!row) throw notFound('document');
  const facts = factsOf(row);
  if (!canReadDocument(actor, facts)) throw notFound('document');
  return { row, facts };
}
