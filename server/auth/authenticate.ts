/**
 * Resolves the actor of each request from the session cookie or a bearer token, and applies
 * the origin check for cookie-authenticated writes. Runs in onRequest, so it also guards
 * WebSocket upgrades before the 101.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { checkOrigin } from '../http/origin.ts';
import type { Actor } from '../policy/actor.ts';
import { findAccountById, findMemberships } from './accounts.repository.ts';
import type { Sessions } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    authVia: 'cookie' | 'bearer' | null;
  }
}

export async function loadActor(db: Db, accountId: string, adminEmails: ReadonlySet<string>): Promise<Actor | null> {
  const account = await findAccountById(db, accountId);
  if (!account || account.disabled_at) return null;
  const memberships = await findMemberships(db, accountId);
  return {
    accountId,
    name: account.name,
    email: account.email,
    isAdmin: adminEmails.has(account.email),
    memberships: memberships.map(({ organizationId, role, kind, approved }) => ({ organizationId, role, kind, approved })),
  };
}

export function registerAuthentication(
  app: FastifyInstance,
  deps: { db: Db; sessions: Sessions; adminEmails: ReadonlySet<string>; allowedOrigins: ReadonlySet<string> },
): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('authVia', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const bearer = deps.sessions.readBearer(request.headers.authorization);
    const cookie = bearer ? null : deps.sessions.readCookie(request.headers.cookie);
    const token = bearer ?? cookie;
    checkOrigin({
      method: request.method,
      origin: request.headers.origin,
      secFetchSite: request.headers['sec-fetch-site'] as string | undefined,
      viaCookie: !!cookie,
      allowed: deps.allowedOrigins,
    });
    if (!token) return;
    const session = await deps.sessions.validate(token);
    if (!session) {
      // A stale cookie is cleared so the browser stops sending it.
      if (cookie) reply.header('set-cookie', deps.sessions.blankCookie());
      return;
    }
    request.actor = await loadActor(deps.db, session.accountId, deps.adminEmails);
    if (!request.actor) return;
    request.sessionId = session.sessionId;
    request.authVia = bearer ? 'bearer' : 'cookie';
    if (session.fresh && cookie) reply.header('set-cookie', deps.sessions.cookieFor(cookie));
  });
}
