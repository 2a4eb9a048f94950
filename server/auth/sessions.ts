/**
 * Sessions through lucia, behind this one module so the rest of the code never imports it.
 *
 * The client holds a random 256-bit token; lucia's "session id" is SHA-256 of that token, so
 * the database never stores a usable credential. Sessions expire after 10 days without use
 * (lucia slides the expiry when half of it has passed) and in any case 30 days after sign-in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Adapter, type DatabaseSession, Lucia, TimeSpan } from 'lucia';
import type { Db } from '../db/database.ts';

const IDLE = new TimeSpan(10, 'd');
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 3600 * 1000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
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
      const row = await db
        .selectFrom('session')
        .innerJoin('account', 'account.id', 'session.account_id')
        .select(['session.id', 'session.account_id', 'session.expires_at', 'session.created_at', 'account.disabled_at'])
        .where('session.id', '=', id)
        .executeTakeFirst();
      if (!row) return [null, null];
      return [toSession(row), row.disabled_at ? null : { id: row.account_id, attributes: {} as never }];
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
}

export function createSessions(db: Db, options: { secureCookie: boolean }) {
  const lucia = new Lucia(kyselyAdapter(db), {
    sessionExpiresIn: IDLE,
    getSessionAttributes: (attributes) => ({ createdAt: (attributes as { createdAt?: Date }).createdAt }),
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
      const { session } = await lucia.validateSession(id);
      if (!session) return null;
      const createdAt = (session as unknown as { createdAt?: Date }).createdAt;
      if (createdAt && Date.now() - createdAt.getTime() > ABSOLUTE_LIFETIME_MS) {
        await lucia.invalidateSession(id);
        return null;
      }
      return { accountId: session.userId, sessionId: id, fresh: session.fresh };
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
    invalidateAccount: (accountId: string) => lucia.invalidateUserSessions(accountId),
  };
}

export type Sessions = ReturnType<typeof createSessions>;
