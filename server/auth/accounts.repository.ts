/** SQL for accounts and the memberships that make up an actor. */
import type { Db } from '../db/database.ts';
import type { ActorMembership } from '../policy/actor.ts';

export function findAccountByEmail(db: Db, email: string) {
  return db.selectFrom('account').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findAccountById(db: Db, id: string) {
  return db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAccount(db: Db, row: { id: string; email: string; name: string; password_hash: string }) {
  await db.insertInto('account').values(row).execute();
}

export async function updatePassword(db: Db, id: string, passwordHash: string) {
  await db.updateTable('account').set({ password_hash: passwordHash, password_changed_at: new Date() }).where('id', '=', id).execute();
}

/** Ends every session of the account (what lucia's invalidateUserSessions does), inside `db`'s transaction. */
export async function endAllSessions(db: Db, accountId: string) {
  await db.deleteFrom('session').where('account_id', '=', accountId).execute();
}

export async function findMemberships(db: Db, accountId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('organization', 'organization.id', 'membership.organization_id')
    .select([
      'membership.organization_id as organizationId',
      'membership.role',
      'organization.kind',
      'organization.approved',
      'organization.name as organizationName',
    ])
    .where('membership.account_id', '=', accountId)
    .orderBy('organization.name')
    .execute() as Promise<(ActorMembership & { organizationName: string })[]>;
}

/** Accounts whose email or name contains `text` (case-insensitive), newest first. */
export function searchAccounts(db: Db, text: string, limit: number) {
  let q = db.selectFrom('account').select(['id', 'email', 'name', 'created_at', 'disabled_at']).orderBy('created_at', 'desc').orderBy('id').limit(limit);
  const needle = text.trim();
  if (needle) {
    // LIKE wildcards typed by the admin are matched literally.
    const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('email', 'ilike', pattern), eb('name', 'ilike', pattern)]));
  }
  return q.execute();
}

/** Sets or clears disabled_at; returns whether the row changed (false: already in that state). */
export async function setDisabled(db: Db, id: string, disabled: boolean): Promise<boolean> {
  const result = await db
    .updateTable('account')
    .set({ disabled_at: disabled ? new Date() : null })
    .where('id', '=', id)
    .where('disabled_at', disabled ? 'is' : 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
