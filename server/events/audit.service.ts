/**
 * Reading the audit trail, scoped by policy/audit.ts. People other than the owning
 * organisation's drafters never appear by name: each gets a pseudonym that is different for
 * every thread (so a named thread cannot be linked to the same person's organisation-only one)
 * and for their account's security events; account ids are never shown; the organisation
 * behind an anonymous thread is shown only to that document's drafters.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { factsOf, loadReadableDocument } from '../documents/access.ts';
import { findDocument } from '../documents/documents.repository.ts';
import { AppError, forbidden } from '../http/errors.ts';
import type { Actor } from '../policy/actor.ts';
import { canReadDocumentAudit, canReadFullAudit } from '../policy/audit.ts';
import { type DocumentFacts, isDrafter } from '../policy/documents.ts';
import { canSeeThread } from '../policy/threads.ts';

export interface AuditEntryDto {
  at: string;
  action: string;
  objectType: string | null;
  objectId: string | null;
  documentId: string | null;
  actor: { name?: string; pseudonym?: string; organization?: string };
}

type AuditRow = Awaited<ReturnType<typeof query>>[number];

interface ThreadInfo {
  id: string;
  attribution: string;
  facts: DocumentFacts;
  visible: boolean;
}

function pseudonym(actorId: string, scope: string): string {
  return `p-${createHash('sha256').update(`${scope}:${actorId}`).digest('hex').slice(0, 10)}`;
}

function query(db: Db) {
  return db.selectFrom('audit_entry').select(['at', 'action', 'object_type', 'object_id', 'document_id', 'organization_id', 'actor_id']).orderBy('at', 'desc').limit(1000).execute();
}

/** The thread each entry is about (directly, or through its comment), with what the reader may see. */
async function threadsOf(db: Db, actor: Actor, rows: AuditRow[]): Promise<Map<AuditRow, ThreadInfo>> {
  const commentIds = rows.filter((r) => r.object_type === 'comment' && r.object_id).map((r) => r.object_id as string);
  const comments = commentIds.length ? await db.selectFrom('comment').select(['id', 'thread_id']).where('id', 'in', commentIds).execute() : [];
  const threadOfComment = new Map(comments.map((c) => [c.id, c.thread_id]));
  const threadIdOf = (r: AuditRow) => (r.object_type === 'thread' ? r.object_id : r.object_type === 'comment' ? threadOfComment.get(r.object_id as string) : undefined) ?? null;
  const ids = [...new Set(rows.map(threadIdOf).filter((x): x is string => !!x))];
  const threads = ids.length ? await db.selectFrom('thread').select(['id', 'document_id', 'visibility', 'attribution', 'author_id', 'author_organization_id']).where('id', 'in', ids).execute() : [];
  const facts = new Map<string, DocumentFacts>();
  for (const docId of new Set(threads.map((x) => x.document_id))) {
    const doc = await findDocument(db, docId);
    if (doc) facts.set(docId, factsOf(doc));
  }
  const infos = new Map<string, ThreadInfo>();
  for (const x of threads) {
    const f = facts.get(x.document_id);
    if (!f) continue;
    const visible = canSeeThread(actor, { visibility: x.visibility, authorId: x.author_id, authorOrganizationId: x.author_organization_id }, f);
    infos.set(x.id, { id: x.id, attribution: x.attribution, facts: f, visible });
  }
  const result = new Map<AuditRow, ThreadInfo>();
  for (const r of rows) {
    const info = infos.get(threadIdOf(r) ?? '');
    if (info) result.set(r, info);
  }
  return result;
}

async function present(db: Db, actor: Actor, allRows: AuditRow[], officialOrgId: string | null, scope: string): Promise<AuditEntryDto[]> {
  const threads = await threadsOf(db, actor, allRows);
  // Entries about a thread the reader may not see are absent (not even its id).
  const rows = allRows.filter((r) => threads.get(r)?.visible !== false);
  const actorIds = [...new Set(rows.map((r) => r.actor_id).filter((x): x is string => !!x))];
  const officials = new Set<string>();
  if (officialOrgId && actorIds.length) {
    const members = await db.selectFrom('membership').select('account_id').where('organization_id', '=', officialOrgId).where('account_id', 'in', actorIds).execute();
    for (const m of members) officials.add(m.account_id);
  }
  const names = officials.size ? await db.selectFrom('account').select(['id', 'name']).where('id', 'in', [...officials]).execute() : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const orgIds = [...new Set(rows.map((r) => r.organization_id).filter((x): x is string => !!x))];
  const orgs = orgIds.length ? await db.selectFrom('organization').select(['id', 'name']).where('id', 'in', orgIds).execute() : [];
  const orgOf = new Map(orgs.map((o) => [o.id, o.name]));
  return rows.map((r) => {
    const thread = threads.get(r);
    const isAccount = r.object_type === 'account';
    let who: AuditEntryDto['actor'] = {};
    if (r.actor_id && officials.has(r.actor_id)) who = { name: nameOf.get(r.actor_id) };
    else if (r.actor_id) {
      const unit = thread ? `thread:${thread.id}` : isAccount || r.action.startsWith('auth.') ? 'security' : `org:${r.organization_id ?? ''}`;
      const hideOrg = thread?.attribution === 'anonymous' && !isDrafter(actor, thread.facts);
      const org = r.organization_id && !hideOrg ? orgOf.get(r.organization_id) : undefined;
      who = { pseudonym: pseudonym(r.actor_id, `${scope}:${unit}`), ...(org ? { organization: org } : {}) };
    }
    return {
      at: new Date(r.at).toISOString(),
      action: r.action,
      objectType: r.object_type,
      // An account id would name the person behind the pseudonym.
      objectId: isAccount ? null : r.object_id,
      documentId: r.document_id,
      actor: who,
    };
  });
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
