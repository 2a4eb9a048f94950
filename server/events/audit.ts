/**
 * The audit trail: append-only rows saying who did what to which object, when (UTC).
 * Never stores comment text or the person behind an organisation-only comment in `detail`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';

/**
 * The request being served, so every audit row can name its request id (ASVS 16.2.1, LOG-115)
 * and be matched with the server log, without threading the request through every service.
 */
export const requestScope = new AsyncLocalStorage<{ requestId: string }>();

export interface AuditInput {
  actorId: string | null;
  action: string;
  objectType?: string;
  objectId?: string;
  documentId?: string;
  organizationId?: string;
  detail?: Record<string, unknown>;
  ip?: string;
}

/** The row of one audit entry, with the request id added to its detail. */
export function auditRow(entry: AuditInput) {
  const requestId = requestScope.getStore()?.requestId;
  const detail = requestId && entry.detail?.requestId === undefined ? { ...entry.detail, requestId } : (entry.detail ?? {});
  return {
    id: newId(),
    actor_id: entry.actorId,
    action: entry.action,
    object_type: entry.objectType ?? null,
    object_id: entry.objectId ?? null,
    document_id: entry.documentId ?? null,
    organization_id: entry.organizationId ?? null,
    detail: JSON.stringify(detail),
    ip: entry.ip ?? null,
  };
}

export async function appendAudit(db: Db, entry: AuditInput): Promise<void> {
  await db.insertInto('audit_entry').values(auditRow(entry)).execute();
}
