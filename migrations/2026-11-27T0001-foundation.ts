/**
 * Foundation schema: accounts, sessions, organisations, documents and versions, threads and
 * comments, the per-document event log, the audit trail and idempotency keys.
 * Frozen: later changes go into new migrations.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('password_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('disabled_at', 'timestamptz')
    .execute();

  // The session id stored is SHA-256 of the token the client holds: the database never
  // holds a usable credential.
  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('session_account_idx').on('session').column('account_id').execute();

  await db.schema
    .createTable('organization')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('approved', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_by', 'text', (c) => c.references('account.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('membership')
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('membership_pk', ['account_id', 'organization_id'])
    .execute();
  await db.schema.createIndex('membership_org_idx').on('membership').column('organization_id').execute();

  await db.schema
    .createTable('document')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opens_at', 'timestamptz')
    .addColumn('closes_at', 'timestamptz')
    .addColumn('current_version', 'integer', (c) => c.notNull())
    // Last event sequence number; taken under this row's lock so seqs have no gaps.
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('document_invite')
    .addColumn('document_id', 'text', (c) => c.notNull().references('document.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addPrimaryKeyConstraint('document_invite_pk', ['document_id', 'organization_id'])
    .execute();

  await db.schema
    .createTable('version')
    .addColumn('document_id', 'text', (c) => c.notNull().references('document.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('block_count', 'integer', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('version_pk', ['document_id', 'number'])
    .execute();

  await db.schema
    .createTable('block')
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('block_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('dir', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('block_pk', ['document_id', 'version_number', 'ordinal'])
    .addForeignKeyConstraint('block_version_fk', ['document_id', 'version_number'], 'version', ['document_id', 'number'])
    .execute();
  await db.schema
    .createIndex('block_id_idx')
    .on('block')
    .columns(['document_id', 'version_number', 'block_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('thread')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('document_id', 'text', (c) => c.notNull().references('document.id'))
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('anchor', 'jsonb', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('suffix', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('suggestion', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('attribution', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('author_organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('disposition', 'text')
    .addColumn('rationale', 'text')
    .addColumn('disposed_by', 'text', (c) => c.references('account.id'))
    .addColumn('disposed_at', 'timestamptz')
    .addColumn('applied_version', 'integer')
    .addColumn('applied_block_ids', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('thread_document_idx').on('thread').columns(['document_id', 'created_at']).execute();

  // Where each thread sits on each later version, computed once at publication.
  await db.schema
    .createTable('thread_projection')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('thread.id'))
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('anchor', 'jsonb', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('thread_projection_pk', ['thread_id', 'version_number'])
    .execute();

  await db.schema
    .createTable('comment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('thread.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('author_organization_id', 'text', (c) => c.references('organization.id'))
    .addColumn('attribution', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('edited_at', 'timestamptz')
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('hidden_at', 'timestamptz')
    .addColumn('hidden_reason', 'text')
    .addColumn('hidden_by', 'text', (c) => c.references('account.id'))
    .execute();
  await db.schema.createIndex('comment_thread_idx').on('comment').columns(['thread_id', 'created_at']).execute();

  await db.schema
    .createTable('comment_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comment.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('comment_revision_comment_idx').on('comment_revision').column('comment_id').execute();

  await db.schema
    .createTable('endorsement')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('thread.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organization.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('account.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('endorsement_pk', ['thread_id', 'organization_id'])
    .execute();

  // The outbox: every visible change of a document, numbered without gaps in commit order.
  await db.schema
    .createTable('document_event')
    .addColumn('document_id', 'text', (c) => c.notNull().references('document.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('document_event_pk', ['document_id', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('document_id', 'text')
    .addColumn('organization_id', 'text')
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_entry_document_idx').on('audit_entry').columns(['document_id', 'at']).execute();
  await db.schema.createIndex('audit_entry_actor_idx').on('audit_entry').columns(['actor_id', 'at']).execute();

  await db.schema
    .createTable('idempotency_key')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_key_pk', ['account_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'idempotency_key',
    'audit_entry',
    'document_event',
    'endorsement',
    'comment_revision',
    'comment',
    'thread_projection',
    'thread',
    'block',
    'version',
    'document_invite',
    'document',
    'membership',
    'organization',
    'session',
    'account',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
