/** SQL for documents, invitations, versions and blocks. */
import { type Selectable, sql } from 'kysely';
import type { Block, DocumentKind, DocumentStatus } from '../../shared/documents.ts';
import type { Db } from '../db/database.ts';
import type { DocumentTable } from './documents.table.ts';

export type DocumentRow = Selectable<DocumentTable> & { organization_name: string; invited: string[] };

const INSERT_CHUNK = 1000;

function selectDocuments(db: Db) {
  return db
    .selectFrom('document')
    .innerJoin('organization', 'organization.id', 'document.organization_id')
    .selectAll('document')
    .select('organization.name as organization_name')
    .select(sql<string[]>`coalesce((select array_agg(di.organization_id) from document_invite di where di.document_id = document.id), '{}')`.as('invited'));
}

export async function findDocument(db: Db, id: string): Promise<DocumentRow | undefined> {
  return (await selectDocuments(db).where('document.id', '=', id).executeTakeFirst()) as DocumentRow | undefined;
}

/**
 * A document with one of its versions (default: the current one) in one query; the version's
 * columns are null when it does not exist.
 */
export function findDocumentWithVersion(db: Db, id: string, versionNumber?: number) {
  return selectDocuments(db)
    .leftJoin('version', (join) => {
      const on = join.onRef('version.document_id', '=', 'document.id');
      return versionNumber === undefined ? on.onRef('version.number', '=', 'document.current_version') : on.on('version.number', '=', versionNumber);
    })
    .select(['version.number as version_number', 'version.note as version_note', 'version.published_at as version_published_at', 'version.block_count as version_block_count'])
    .where('document.id', '=', id)
    .executeTakeFirst();
}

/** The document a thread belongs to, found by the thread's id (so both can be read at once). */
export async function findDocumentOfThread(db: Db, threadId: string): Promise<DocumentRow | undefined> {
  return (await selectDocuments(db)
    .where('document.id', '=', (eb) => eb.selectFrom('thread').select('thread.document_id').where('thread.id', '=', threadId))
    .executeTakeFirst()) as DocumentRow | undefined;
}

/** Locks the document row for the rest of the transaction (publishing, status changes). */
export async function lockDocument(db: Db, id: string): Promise<void> {
  await db.selectFrom('document').select('id').where('id', '=', id).forUpdate().execute();
}

/**
 * A coarse pre-filter in SQL (what might be visible); the policy module then decides each row.
 */
export async function listCandidateDocuments(
  db: Db,
  filter: { status?: DocumentStatus; kind?: DocumentKind; memberOrgIds: string[]; signedIn: boolean },
): Promise<DocumentRow[]> {
  let q = selectDocuments(db).orderBy('document.updated_at', 'desc').limit(500);
  if (filter.kind) q = q.where('document.kind', '=', filter.kind);
  if (filter.status) q = q.where('document.status', '=', filter.status);
  const orgs = filter.memberOrgIds.length ? filter.memberOrgIds : ['-'];
  q = q.where((eb) =>
    eb.or([
      eb('document.organization_id', 'in', orgs),
      eb.and([
        eb('document.status', '!=', 'draft'),
        eb.or([
          eb('document.visibility', '=', 'public'),
          ...(filter.signedIn ? [eb('document.visibility', '=', 'registered')] : []),
          eb.and([
            eb('document.visibility', '=', 'invited'),
            eb.exists(eb.selectFrom('document_invite').select('document_id').whereRef('document_invite.document_id', '=', 'document.id').where('document_invite.organization_id', 'in', orgs)),
          ]),
        ]),
      ]),
    ]),
  );
  return (await q.execute()) as unknown as DocumentRow[];
}

export async function insertDocument(db: Db, row: Omit<DocumentTable, 'last_seq' | 'created_at' | 'updated_at'>): Promise<void> {
  await db.insertInto('document').values(row).execute();
}

export async function updateDocument(db: Db, id: string, patch: Partial<Omit<DocumentTable, 'id' | 'last_seq' | 'created_at'>>): Promise<void> {
  await db.updateTable('document').set({ ...patch, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function replaceInvites(db: Db, documentId: string, organizationIds: string[]): Promise<void> {
  // Invitations are access settings, not part of the record: replacing them is allowed.
  await db.deleteFrom('document_invite').where('document_id', '=', documentId).execute();
  if (organizationIds.length) {
    await db.insertInto('document_invite').values([...new Set(organizationIds)].map((organization_id) => ({ document_id: documentId, organization_id }))).execute();
  }
}

export async function insertVersion(db: Db, documentId: string, number: number, note: string, publishedBy: string, blocks: Block[]): Promise<void> {
  await db.insertInto('version').values({ document_id: documentId, number, note, block_count: blocks.length, published_by: publishedBy }).execute();
  for (let i = 0; i < blocks.length; i += INSERT_CHUNK) {
    await db
      .insertInto('block')
      .values(
        blocks.slice(i, i + INSERT_CHUNK).map((b) => ({
          document_id: documentId,
          version_number: number,
          ordinal: b.ordinal,
          block_id: b.id,
          kind: b.kind,
          label: b.label,
          path: b.path,
          text: b.text,
          dir: b.dir,
        })),
      )
      .execute();
  }
}

export function findVersion(db: Db, documentId: string, number: number) {
  return db.selectFrom('version').selectAll().where('document_id', '=', documentId).where('number', '=', number).executeTakeFirst();
}

export function listVersions(db: Db, documentId: string) {
  return db.selectFrom('version').selectAll().where('document_id', '=', documentId).orderBy('number').execute();
}

export async function findBlocks(db: Db, documentId: string, versionNumber: number): Promise<Block[]> {
  const rows = await db
    .selectFrom('block')
    .select(['block_id', 'ordinal', 'kind', 'label', 'path', 'text', 'dir'])
    .where('document_id', '=', documentId)
    .where('version_number', '=', versionNumber)
    .orderBy('ordinal')
    .execute();
  return rows.map((r) => ({ id: r.block_id, ordinal: r.ordinal, kind: r.kind, label: r.label, path: r.path, text: r.text, dir: r.dir }));
}

export function findOrganizationFacts(db: Db, id: string) {
  return db.selectFrom('organization').select(['id', 'kind', 'approved', 'name']).where('id', '=', id).executeTakeFirst();
}
