/**
 * Resolves the actor of each request from the session cookie or a bearer token, and applies
 * the origin check for cookie-authenticated writes. Runs in onRequest, so it also guards
 * WebSocket upgrades before the 101.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { requestScope } from '../events/audit.ts';
import { AppError } from '../http/errors.ts';
import { checkOrigin } from '../http/origin.ts';
import type { Actor } from '../policy/actor.ts';
import type { SessionAccount, Sessions } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    authVia: 'cookie' | 'bearer' | null;
  }
}

/** The actor from what session validation already loaded (one query; see sessions.ts). */
export function actorFrom(accountId: string, account: SessionAccount, adminEmails: ReadonlySet<string>): Actor {
  return {
    accountId,
    name: account.name,
    email: account.email,
    isAdmin: adminEmails.has(account.email),
    memberships: account.memberships.map(({ organizationId, role, kind, approved }) => ({ organizationId, role, kind, approved })),
  };
}

export function registerAuthentication(
  app: FastifyInstance,
  deps: {
    db: Db;
    sessions: Sessions;
    adminEmails: ReadonlySet<string>;
    allowedOrigins: ReadonlySet<string>;
    /** A token was presented and refused (recorded as an authentication failure). */
    onRejected: (request: FastifyRequest, via: 'bearer' | 'cookie') => Promise<void>;
  },
): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('authVia', null);
  // Every audit row written while serving the request names it. Callback style on purpose:
  // `done` runs the rest of the request inside the scope, which an async hook's returned
  // promise would not. The id is also sent back, so a person reporting a problem can quote it
  // and it can be found in the audit trail and the server log.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    requestScope.run({ requestId: request.id }, done);
  });
  app.addHook('onRequest', async (request: FastifyRequest, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const bearer = deps.sessions.readBearer(request.headers.authorization);
    // Two copies of the session cookie (e.g. one tossed by a sibling subdomain) authenticate as
    // neither: the browser's choice between them cannot be trusted.
    const cookieCopies = (request.headers.cookie ?? '').split(';').filter((c) => c.trim().startsWith(`${deps.sessions.cookieName}=`)).length;
    const cookie = bearer || cookieCopies > 1 ? null : deps.sessions.readCookie(request.headers.cookie);
    const token = bearer ?? cookie;
    checkOrigin({
      method: request.method,
      origin: request.headers.origin,
      secFetchSite: request.headers['sec-fetch-site'] as string | undefined,
      viaCookie: !!cookie,
      allowed: deps.allowedOrigins,
    });
    if (cookieCopies > 1) reply.header('set-cookie', deps.sessions.blankCookie());
    if (!token) return;
    const session = await deps.sessions.validate(token);
    if (!session) {
      // A stale cookie is cleared so the browser stops sending it.
      if (cookie) reply.header('set-cookie', deps.sessions.blankCookie());
      await deps.onRejected(request, bearer ? 'bearer' : 'cookie');
      // A socket must not open as "signed out" on credentials that were refused.
      if (request.url.split('?')[0] === '/api/ws') throw new AppError('not_signed_in', 401, 'Your session has ended; sign in again.');
      return;
    }
    request.actor = actorFrom(session.accountId, session.account, deps.adminEmails);
    request.sessionId = session.sessionId;
    request.authVia = bearer ? 'bearer' : 'cookie';
    if (session.fresh && cookie) reply.header('set-cookie', deps.sessions.cookieFor(cookie));
  });
}
