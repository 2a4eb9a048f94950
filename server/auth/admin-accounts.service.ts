/**
 * Platform admins find accounts and disable or re-enable them. Disabling ends every session of
 * the account in the same transaction (ASVS 7.4.2); the caller closes its open sockets, and
 * other processes' sockets fail their next session re-check. A disabled account cannot sign
 * in, and is told so only as "wrong email or password" (no enumeration).
 */
import { ACCOUNT_SEARCH_LIMIT, type AdminAccount } from '../../shared/admin.ts';
import type { Db } from '../db/database.ts';
import { appendAudit } from '../events/audit.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import type { Actor } from '../policy/actor.ts';
import { accountPolicy } from '../policy/accounts.ts';
import { findAccountById, searchAccounts, setDisabled } from './accounts.repository.ts';

interface AccountRow {
  id: string;
  email: string;
  name: string;
  created_at: Date;
  disabled_at: Date | null;
}

function toAdminAccount(row: AccountRow, adminEmails: ReadonlySet<string>): AdminAccount {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    isAdmin: adminEmails.has(row.email),
    createdAt: new Date(row.created_at).toISOString(),
    disabledAt: row.disabled_at ? new Date(row.disabled_at).toISOString() : null,
  };
}

export async function searchAccountsForAdmin(db: Db, adminEmails: ReadonlySet<string>, actor: Actor, text: string): Promise<AdminAccount[]> {
  if (!accountPolicy.search(actor)) throw forbidden('Only a platform administrator can look up accounts.');
  const rows = await searchAccounts(db, text, ACCOUNT_SEARCH_LIMIT);
  return rows.map((r) => toAdminAccount(r, adminEmails));
}

export async function setAccountDisabled(
  db: Db,
  adminEmails: ReadonlySet<string>,
  actor: Actor,
  input: { accountId: string; disabled: boolean; reason?: string; ip?: string },
): Promise<AdminAccount> {
  // Non-admins learn nothing about which ids exist.
  if (!actor.isAdmin) throw forbidden('Only a platform administrator can disable or enable accounts.');
  const target = await findAccountById(db, input.accountId);
  if (!target) throw notFound('account');
  if (!accountPolicy.setDisabled(actor, target)) throw new AppError('conflict', 409, 'You cannot disable or enable your own account; ask another administrator.');
  const reason = input.reason?.trim() || undefined;
  await db.transaction().execute(async (trx) => {
    const changed = await setDisabled(trx, target.id, input.disabled);
    // Sessions are ended even when the flag was already set: a session slipped in by a sign-in
    // racing the first request must not survive a repeated "disable".
    if (input.disabled) await trx.deleteFrom('session').where('account_id', '=', target.id).execute();
    if (changed) {
      await appendAudit(trx, {
        actorId: actor.accountId,
        action: input.disabled ? 'account.disabled' : 'account.enabled',
        objectType: 'account',
        objectId: target.id,
        detail: reason ? { reason } : {},
        ip: input.ip,
      });
    }
  });
  return toAdminAccount((await findAccountById(db, target.id)) as AccountRow, adminEmails);
}
