/** Row types of threads, their projections, comments, revisions and endorsements. */
import type { ColumnType, JSONColumnType } from 'kysely';
import type { Anchor } from '../../shared/threads.ts';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface ThreadTable {
  id: string;
  document_id: string;
  version_number: number;
  anchor: JSONColumnType<Anchor>;
  quote: string;
  prefix: string;
  suffix: string;
  kind: 'comment' | 'question' | 'suggestion';
  suggestion: string | null;
  visibility: 'public' | 'confidential';
  attribution: 'named' | 'organization' | 'anonymous';
  author_id: string;
  author_organization_id: string;
  status: ColumnType<'open' | 'resolved', 'open' | 'resolved' | undefined, 'open' | 'resolved'>;
  disposition: string | null;
  rationale: string | null;
  disposed_by: string | null;
  disposed_at: Date | null;
  applied_version: number | null;
  applied_block_ids: JSONColumnType<string[]> | null;
  created_at: CreatedAt;
}

export interface ThreadProjectionTable {
  thread_id: string;
  version_number: number;
  anchor: JSONColumnType<Anchor>;
  state: 'unchanged' | 'moved' | 'edited' | 'uncertain' | 'outdated';
}

export interface CommentTable {
  id: string;
  thread_id: string;
  author_id: string;
  author_organization_id: string | null;
  attribution: 'named' | 'organization' | 'anonymous';
  body: string;
  created_at: CreatedAt;
  edited_at: Date | null;
  withdrawn_at: Date | null;
  hidden_at: Date | null;
  hidden_reason: string | null;
  hidden_by: string | null;
}

export interface CommentRevisionTable {
  id: string;
  comment_id: string;
  body: string;
  created_at: CreatedAt;
}

export interface EndorsementTable {
  thread_id: string;
  organization_id: string;
  account_id: string;
  created_at: CreatedAt;
}

export interface ThreadTables {
  thread: ThreadTable;
  thread_projection: ThreadProjectionTable;
  comment: CommentTable;
  comment_revision: CommentRevisionTable;
  endorsement: EndorsementTable;
}
