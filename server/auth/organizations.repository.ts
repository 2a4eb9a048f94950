/** SQL for organisations and memberships. */
import type { Db } from '../db/database.ts';
import type { OrganizationTable } from './auth.table.ts';

export function findOrganization(db: Db, id: string) {
  return db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOrganization(db: Db, row: Omit<OrganizationTable, 'created_at' | 'approved'> & { approved?: boolean }) {
  await db.insertInto('organization').values(row).execute();
}

export async function setApproved(db: Db, id: string) {
  await db.updateTable('organization').set({ approved: true }).where('id', '=', id).execute();
}

/** Approved organisations plus the caller's own (pending ones included); everything for admins. */
export function listVisibleOrganizations(db: Db, accountId: string | null, all: boolean) {
  let q = db.selectFrom('organization').selectAll().orderBy('name');
  if (!all) {
    q = q.where((eb) =>
      eb.or([
        eb('approved', '=', true),
        ...(accountId
          ? [eb('id', 'in', eb.selectFrom('membership').select('organization_id').where('account_id', '=', accountId))]
          : []),
      ]),
    );
  }
  return q.execute();
}

export async function upsertMembership(db: Db, row: { account_id: string; organization_id: string; role: 'member' | 'lead' }) {
  await db
    .insertInto('membership')
    .values(row)
    .onConflict((oc) => oc.columns(['account_id', 'organization_id']).doUpdateSet({ role: row.role }))
    .execute();
}

export function listMembers(db: Db, organizationId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.account_id')
    .select(['account.id as accountId', 'account.name', 'account.email', 'membership.role'])
    .where('membership.organization_id', '=', organizationId)
    .orderBy('account.name')
    .execute();
}
