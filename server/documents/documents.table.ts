/** Row types of documents, invitations, versions and blocks. */
import type { ColumnType, Generated } from 'kysely';
import type { BlockKind, DocumentKind, DocumentStatus, DocumentVisibility } from '../../shared/documents.ts';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface DocumentTable {
  id: string;
  organization_id: string;
  kind: DocumentKind;
  title: string;
  language: 'ar' | 'en' | 'fr';
  visibility: DocumentVisibility;
  status: DocumentStatus;
  opens_at: Date | null;
  closes_at: Date | null;
  current_version: number;
  last_seq: Generated<number>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface DocumentInviteTable {
  document_id: string;
  organization_id: string;
}

export interface VersionTable {
  document_id: string;
  number: number;
  note: string;
  block_count: number;
  published_by: string;
  published_at: CreatedAt;
}

export interface BlockTable {
  document_id: string;
  version_number: number;
  ordinal: number;
  block_id: string;
  kind: BlockKind;
  label: string | null;
  path: string;
  text: string;
  dir: 'rtl' | 'ltr' | 'auto';
}

export interface DocumentTables {
  document: DocumentTable;
  document_invite: DocumentInviteTable;
  version: VersionTable;
  block: BlockTable;
}
