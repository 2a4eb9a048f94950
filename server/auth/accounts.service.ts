/**
 * Registration, sign-in, sign-out and password change. Framework-free: routes call these.
 */
import type { LoginBody, MeResponse, RegisterBody } from '../../shared/auth.ts';
import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { appendAudit } from '../events/audit.ts';
import { AppError } from '../http/errors.ts';
import type { Actor } from '../policy/actor.ts';
import { endAllSessions, findAccountByEmail, findAccountById, findMemberships, insertAccount, updatePassword } from './accounts.repository.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { Sessions } from './sessions.ts';
import { cleanDisplayName, isDemoEmail, isReservedName, nameSkeleton, normalizeEmail } from './text-rules.ts';

export interface AuthDeps {
  db: Db;
  sessions: Sessions;
  adminEmails: ReadonlySet<string>;
}

function toUser(account: { id: string; email: string; name: string }, adminEmails: ReadonlySet<string>) {
  return { id: account.id, email: account.email, name: account.name, isAdmin: adminEmails.has(account.email) };
}

const INVALID_CREDENTIALS = () => new AppError('invalid_credentials', 401, 'The email or password is wrong.');

/**
 * A person's name is shown beside their comments: it must not read as the platform or as an
 * approved organisation ("Ministry of Justice" signing as a person, IN-47). Pending
 * organisations are left out so that registering reveals nothing about them.
 */
async function assertPersonName(db: Db, name: string): Promise<void> {
  const wanted = nameSkeleton(name);
  const organizations = await db.selectFrom('organization').select('name').where('approved', '=', true).execute();
  if (isReservedName(name) || organizations.some((o) => nameSkeleton(o.name) === wanted)) {
    throw new AppError('invalid_input', 400, 'This name is reserved or reads like an organisation’s name; register under your own name.');
  }
}

/** Creates the account and signs it in. */
export async function register(deps: AuthDeps, input: RegisterBody, ip?: string) {
  const email = normalizeEmail(input.email);
  if (isDemoEmail(email)) throw new AppError('invalid_input', 400, 'Addresses at this domain are reserved for the demo data; register with your own email address.');
  const name = cleanDisplayName(input.name, 'name');
  await assertPersonName(deps.db, name);
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await insertAccount(trx, { id, email, name, password_hash: passwordHash });
      await appendAudit(trx, { actorId: id, action: 'account.registered', objectType: 'account', objectId: id, ip });
    });
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw new AppError('email_taken', 409, 'An account with this email already exists; sign in instead.');
    throw e;
  }
  const session = await deps.sessions.create(id);
  return { user: toUser({ id, email, name }, deps.adminEmails), ...session };
}

/** Wrong email and wrong password answer alike, after the same argon2 work. */
export async function login(deps: AuthDeps, input: LoginBody, ip?: string) {
  const email = normalizeEmail(input.email);
  const account = await findAccountByEmail(deps.db, email);
  const ok = await verifyPassword(account && !account.disabled_at ? account.password_hash : null, input.password);
  if (!account || !ok) {
    await appendAudit(deps.db, { actorId: account?.id ?? null, action: 'auth.login_failed', detail: { known: !!account }, ip });
    throw INVALID_CREDENTIALS();
  }
  const session = await deps.sessions.create(account.id);
  await appendAudit(deps.db, { actorId: account.id, action: 'auth.login', objectType: 'account', objectId: account.id, ip });
  return { user: toUser(account, deps.adminEmails), ...session };
}

export async function logout(deps: AuthDeps, actor: Actor, sessionId: string) {
  await deps.sessions.invalidate(sessionId);
  await appendAudit(deps.db, { actorId: actor.accountId, action: 'auth.logout' });
}

/** Changing the password ends every session of the account, then signs this client in again. */
export async function changePassword(deps: AuthDeps, actor: Actor, currentPassword: string, newPassword: string, ip?: string) {
  const account = await findAccountById(deps.db, actor.accountId);
  if (!account || !(await verifyPassword(account.password_hash, currentPassword))) {
    throw new AppError('invalid_credentials', 401, 'The current password is wrong.');
  }
  const passwordHash = await hashPassword(newPassword);
  // One transaction: a new password never coexists with the sessions it was meant to end.
  await deps.db.transaction().execute(async (trx) => {
    await updatePassword(trx, account.id, passwordHash);
    await endAllSessions(trx, account.id);
    await appendAudit(trx, { actorId: account.id, action: 'auth.password_changed', ip });
  });
  const session = await deps.sessions.create(account.id);
  return { user: toUser(account, deps.adminEmails), ...session };
}

export async function me(deps: AuthDeps, actor: Actor): Promise<MeResponse> {
  const memberships = await findMemberships(deps.db, actor.accountId);
  return {
    user: { id: actor.accountId, email: actor.email, name: actor.name, isAdmin: actor.isAdmin },
    memberships: memberships.map((m) => ({
      organizationId: m.organizationId,
      role: m.role,
      organizationName: m.organizationName,
      organizationKind: m.kind,
      approved: m.approved,
    })),
  };
}
