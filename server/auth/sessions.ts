/**
 * Sessions through lucia, behind this one module so the rest of the code never imports it.
 *
 * The client holds a random 256-bit token; lucia's "session id" is SHA-256 of that token, so
 * the database never stores a usable credential. Sessions expire after 10 days without use
 * (lucia slides the expiry when half of it has passed) and in any case 30 days after sign-in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { type Adapter, type DatabaseSession, Lucia, TimeSpan } from 'lucia';
import type { Db } from '../db/database.ts';
import type { ActorMembership } from '../policy/actor.ts';

const IDLE = new TimeSpan(10, 'd');
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 3600 * 1000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What a valid session says about its account: enough to build the actor without more queries. */
export interface SessionAccount {
  email: string;
  name: string;
  memberships: ActorMembership[];
}

/**
 * The session, its account and the account's memberships in one statement: authentication
 * runs on every request, so it costs one round trip. The disabled flag comes with it: a
 * disabled account yields no user, which makes lucia treat the session as dead (and delete it).
 */
function sessionWithAccount(db: Db, id: string) {
  return db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select((eb) => [
      'session.id',
      'session.account_id',
      'session.expires_at',
      'session.created_at',
      'account.email',
      'account.name',
      'account.disabled_at',
      jsonArrayFrom(
        eb
          .selectFrom('membership')
          .innerJoin('organization', 'organization.id', 'membership.organization_id')
          .select(['membership.organization_id as organizationId', 'membership.role', 'organization.kind', 'organization.approved'])
          .whereRef('membership.account_id', '=', 'account.id')
          .orderBy('organization.name'),
      ).as('memberships'),
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();
}

/**
 * Session ids (of open sockets) that still authenticate: present, unexpired, and their account
 * not disabled. Used by the periodic re-check of long-lived sockets.
 */
export async function liveSessionIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select('session.id')
    .where('session.id', 'in', ids)
    .where('session.expires_at', '>', new Date())
    .where('account.disabled_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}

function kyselyAdapter(db: Db): Adapter {
  const toSession = (r: { id: string; account_id: string; expires_at: Date; created_at: Date }): DatabaseSession => ({
    id: r.id,
    userId: r.account_id,
    expiresAt: new Date(r.expires_at),
    attributes: { createdAt: new Date(r.created_at) } as never,
  });
  return {
    async getSessionAndUser(id) {
      const row = await sessionWithAccount(db, id);
      if (!row) return [null, null];
      if (row.disabled_at) return [toSession(row), null];
      const account: SessionAccount = { email: row.email, name: row.name, memberships: row.memberships as ActorMembership[] };
      return [toSession(row), { id: row.account_id, attributes: account as never }];
    },
    async getUserSessions(userId) {
      const rows = await db.selectFrom('session').selectAll().where('account_id', '=', userId).execute();
      return rows.map(toSession);
    },
    async setSession(s) {
      await db.insertInto('session').values({ id: s.id, account_id: s.userId, expires_at: s.expiresAt }).execute();
    },
    async updateSessionExpiration(id, expiresAt) {
      await db.updateTable('session').set({ expires_at: expiresAt }).where('id', '=', id).execute();
    },
    async deleteSession(id) {
      await db.deleteFrom('session').where('id', '=', id).execute();
    },
    async deleteUserSessions(userId) {
      await db.deleteFrom('session').where('account_id', '=', userId).execute();
    },
    async deleteExpiredSessions() {
      await db.deleteFrom('session').where('expires_at', '<=', new Date()).execute();
    },
  };
}

export interface ValidSession {
  accountId: string;
  sessionId: string;
  /** The expiry moved: the cookie should be sent again. */
  fresh: boolean;
  account: SessionAccount;
}

export function createSessions(db: Db, options: { secureCookie: boolean }) {
  const lucia = new Lucia(kyselyAdapter(db), {
    sessionExpiresIn: IDLE,
    getSessionAttributes: (attributes) => ({ createdAt: (attributes as { createdAt?: Date }).createdAt }),
    getUserAttributes: (attributes) => ({ account: attributes as unknown as SessionAccount }),
    sessionCookie: {
      // The __Host- prefix requires Secure; plain http (local use) gets a plain name.
      name: options.secureCookie ? '__Host-tashawur_session' : 'tashawur_session',
      attributes: { secure: options.secureCookie, sameSite: 'lax', path: '/' },
    },
  });

  return {
    cookieName: lucia.sessionCookieName,
    async create(accountId: string): Promise<{ token: string; cookie: string }> {
      const token = randomBytes(32).toString('base64url');
      await lucia.createSession(accountId, {} as never, { sessionId: hashToken(token) });
      return { token, cookie: lucia.createSessionCookie(token).serialize() };
    },
    async validate(token: string): Promise<ValidSession | null> {
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
      const id = hashToken(token);
      const { session, user } = await lucia.validateSession(id);
      if (!session || !user) return null;
      const createdAt = (session as unknown as { createdAt?: Date }).createdAt;
      if (createdAt && Date.now() - createdAt.getTime() > ABSOLUTE_LIFETIME_MS) {
        await lucia.invalidateSession(id);
        return null;
      }
      return { accountId: session.userId, sessionId: id, fresh: session.fresh, account: (user as unknown as { account: SessionAccount }).account };
    },
    cookieFor(token: string): string {
      return lucia.createSessionCookie(token).serialize();
    },
    blankCookie(): string {
      return lucia.createBlankSessionCookie().serialize();
    },
    readCookie(header: string | undefined): string | null {
      return header ? lucia.readSessionCookie(header) : null;
    },
    readBearer(header: string | undefined): string | null {
      return header ? lucia.readBearerToken(header) : null;
    },
    invalidate: (sessionId: string) => lucia.invalidateSession(sessionId),
  };
}

export type Sessions = ReturnType<typeof createSessions>;
