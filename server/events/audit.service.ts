/** Reading the audit trail, scoped by policy/audit.ts, with non-official actors pseudonymised. */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { factsOf, loadReadableDocument } from '../documents/access.ts';
import { findDocument } from '../documents/documents.repository.ts';
import { canSeeThread } from '../policy/threads.ts';
import { AppError, forbidden } from '../http/errors.ts';
import type { Actor } from '../policy/actor.ts';
import { canReadDocumentAudit, canReadFullAudit } from '../policy/audit.ts';

export interface AuditEntryDto {
  at: string;
  action: string;
  objectType: string | null;
  objectId: string | null;
  documentId: string | null;
  actor: { name?: string; pseudonym?: string; organization?: string };
}

function pseudonym(actorId: string, scope: string): string {
  return `p-${createHash('sha256').update(`${scope}:${actorId}`).digest('hex').slice(0, 10)}`;
}

type AuditRow = Awaited<ReturnType<typeof query>>[number];

/**
 * Drops entries about threads or comments the reader may not see (a confidential thread is
 * absent for admins too: not even its id may appear).
 */
async function visibleEntries(db: Db, actor: Actor, rows: AuditRow[]): Promise<AuditRow[]> {
  const commentIds = rows.filter((r) => r.object_type === 'comment' && r.object_id).map((r) => r.object_id as string);
  const comments = commentIds.length ? await db.selectFrom('comment').select(['id', 'thread_id']).where('id', 'in', commentIds).execute() : [];
  const threadOf = new Map(comments.map((c) => [c.id, c.thread_id]));
  const threadIdOf = (r: AuditRow) => (r.object_type === 'thread' ? r.object_id : r.object_type === 'comment' ? threadOf.get(r.object_id as string) : undefined) ?? null;
  const threadIds = [...new Set(rows.map(threadIdOf).filter((x): x is string => !!x))];
  if (threadIds.length === 0) return rows;
  const threads = await db.selectFrom('thread').select(['id', 'document_id', 'visibility', 'author_id', 'author_organization_id']).where('id', 'in', threadIds).execute();
  const docs = new Map<string, Awaited<ReturnType<typeof findDocument>>>();
  for (const docId of new Set(threads.map((x) => x.document_id))) docs.set(docId, await findDocument(db, docId));
  const visible = new Set(
    threads
      .filter((x) => {
        const doc = docs.get(x.document_id);
        return doc && canSeeThread(actor, { visibility: x.visibility, authorId: x.author_id, authorOrganizationId: x.author_organization_id }, factsOf(doc));
      })
      .map((x) => x.id),
  );
  return rows.filter((r) => {
    const id = threadIdOf(r);
    return !id || visible.has(id);
  });
}

async function present(db: Db, actor: Actor, allRows: AuditRow[], officialOrgId: string | null, scope: string): Promise<AuditEntryDto[]> {
  const rows = await visibleEntries(db, actor, allRows);
  const actorIds = [...new Set(rows.map((r) => r.actor_id).filter((x): x is string => !!x))];
  const officials = new Set<string>();
  if (officialOrgId && actorIds.length) {
    const members = await db.selectFrom('membership').select('account_id').where('organization_id', '=', officialOrgId).where('account_id', 'in', actorIds).execute();
    for (const m of members) officials.add(m.account_id);
  }
  const names = actorIds.length ? await db.selectFrom('account').select(['id', 'name']).where('id', 'in', actorIds).execute() : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const orgIds = [...new Set(rows.map((r) => r.organization_id).filter((x): x is string => !!x))];
  const orgs = orgIds.length ? await db.selectFrom('organization').select(['id', 'name']).where('id', 'in', orgIds).execute() : [];
  const orgOf = new Map(orgs.map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    documentId: r.document_id,
    actor: !r.actor_id
      ? {}
      : officials.has(r.actor_id)
        ? { name: nameOf.get(r.actor_id) }
        : { pseudonym: pseudonym(r.actor_id, scope), ...(r.organization_id && orgOf.get(r.organization_id) ? { organization: orgOf.get(r.organization_id) } : {}) },
  }));
}

function query(db: Db) {
  return db.selectFrom('audit_entry').select(['at', 'action', 'object_type', 'object_id', 'document_id', 'organization_id', 'actor_id']).orderBy('at', 'desc').limit(1000).execute();
}

export async function documentAudit(db: Db, actor: Actor | null, documentId: string): Promise<AuditEntryDto[]> {
  if (!actor) throw new AppError('not_signed_in', 401, 'Sign in to do this.');
  const { facts } = await loadReadableDocument(db, actor, documentId);
  if (!canReadDocumentAudit(actor, facts)) throw forbidden('Only drafters of this document and administrators can read its audit trail.');
  const rows = await db.selectFrom('audit_entry').select(['at', 'action', 'object_type', 'object_id', 'document_id', 'organization_id', 'actor_id']).where('document_id', '=', documentId).orderBy('at', 'desc').limit(5000).execute();
  return present(db, actor, rows, facts.organizationId, documentId);
}

export async function fullAudit(db: Db, actor: Actor | null): Promise<AuditEntryDto[]> {
  if (!actor) throw new AppError('not_signed_in', 401, 'Sign in to do this.');
  if (!canReadFullAudit(actor)) throw forbidden('Only administrators can read the whole audit trail.');
  return present(db, actor, await query(db), null, 'platform');
}

/** One's own account's security events (sign-ins, failures, password changes). */
export async function ownSecurityEvents(db: Db, actor: Actor | null) {
  if (!actor) throw new AppError('not_signed_in', 401, 'Sign in to do this.');
  const rows = await db.selectFrom('audit_entry').select(['at', 'action', 'ip']).where('actor_id', '=', actor.accountId).where('action', 'like', 'auth.%').orderBy('at', 'desc').limit(200).execute();
  return rows.map((r) => ({ at: new Date(r.at).toISOString(), action: r.action, ip: r.ip }));
}
