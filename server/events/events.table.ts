/** Row types of the event log, the audit trail and idempotency keys. */
import type { ColumnType, JSONColumnType } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface DocumentEventTable {
  document_id: string;
  seq: number;
  kind: string;
  payload: JSONColumnType<Record<string, unknown>>;
  actor_id: string | null;
  created_at: CreatedAt;
}

export interface AuditEntryTable {
  id: string;
  at: CreatedAt;
  actor_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  document_id: string | null;
  organization_id: string | null;
  detail: JSONColumnType<Record<string, unknown>>;
  ip: string | null;
}

export interface IdempotencyKeyTable {
  account_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: JSONColumnType<object> | null;
  created_at: CreatedAt;
}

export interface EventTables {
  document_event: DocumentEventTable;
  audit_entry: AuditEntryTable;
  idempotency_key: IdempotencyKeyTable;
}
