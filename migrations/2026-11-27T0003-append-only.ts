/**
 * The record cannot be changed from inside the database either: the audit trail, the event log
 * and comment revisions are append-only; comments, threads and versions are never deleted.
 * (In production also REVOKE DELETE on these tables from the application's role.)
 */
import { type Kysely, sql } from 'kysely';

const APPEND_ONLY = ['audit_entry', 'document_event', 'comment_revision'];
const NEVER_DELETED = ['comment', 'thread', 'version'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function tashawur_forbid_change() returns trigger language plpgsql as $$
    begin
      raise exception 'append-only: % on % is not allowed', tg_op, tg_table_name using errcode = '42501';
    end $$`.execute(db);
  for (const table of APPEND_ONLY) {
    await sql`create trigger ${sql.raw(`${table}_append_only`)} before update or delete on ${sql.table(table)} for each row execute function tashawur_forbid_change()`.execute(db);
  }
  for (const table of NEVER_DELETED) {
    await sql`create trigger ${sql.raw(`${table}_never_deleted`)} before delete on ${sql.table(table)} for each row execute function tashawur_forbid_change()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of APPEND_ONLY) await sql`drop trigger ${sql.raw(`${table}_append_only`)} on ${sql.table(table)}`.execute(db);
  for (const table of NEVER_DELETED) await sql`drop trigger ${sql.raw(`${table}_never_deleted`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function tashawur_forbid_change()`.execute(db);
}
