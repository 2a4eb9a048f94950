/**
 * Loads a document for a reader, or answers the one 404 every invisible or missing document
 * gets. Used by every feature that reads through a document (threads, reports, events, …).
 */
import type { Db } from '../db/database.ts';
import type { VersionSummary } from '../../shared/documents.ts';
import { notFound } from '../http/errors.ts';
import type { Actor } from '../policy/actor.ts';
import { canReadDocument, type DocumentFacts } from '../policy/documents.ts';
import { type DocumentRow, findDocument, findDocumentOfThread, findDocumentWithVersion } from './documents.repository.ts';

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

/** The document of a thread for a reader, or null when it is missing or not theirs to read. */
export async function findReadableDocumentOfThread(db: Db, actor: Actor | null, threadId: string): Promise<{ row: DocumentRow; facts: DocumentFacts } | null> {
  const row = await findDocumentOfThread(db, threadId);
  if (!row) return null;
  const facts = factsOf(row);
  return canReadDocument(actor, facts) ? { row, facts } : null;
}

/** loadReadableDocument with one of its versions (default: current), read in the same query. */
export async function loadReadableVersion(db: Db, actor: Actor | null, id: string, versionNumber?: number): Promise<{ row: DocumentRow; facts: DocumentFacts; version: VersionSummary }> {
  const found = await findDocumentWithVersion(db, id, versionNumber);
  if (!found) throw notFound('document');
  const { version_number, version_note, version_published_at, version_block_count, ...row } = found;
  const facts = factsOf(row as DocumentRow);
  if (!canReadDocument(actor, facts)) throw notFound('document');
  if (version_number === null) throw notFound('version');
  const version = { number: version_number, note: version_note as string, publishedAt: new Date(version_published_at as Date).toISOString(), blockCount: version_block_count as number };
  return { row: row as DocumentRow, facts, version };
}
