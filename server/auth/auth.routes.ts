/** HTTP routes for accounts and sessions (API.md "Accounts and organisations"). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuthResponse, ChangePasswordBody, LoginBody, MeResponse, RegisterBody } from '../../shared/auth.ts';
import { Type } from 'typebox';
import { ErrorBody } from '../../shared/errors.ts';
import { createKeyLimiter } from '../http/key-limiter.ts';
import { changePassword, login, logout, me, register, type AuthDeps } from './accounts.service.ts';
import { adminAccountRoutes } from './admin-accounts.routes.ts';
import { requireActor } from './require.ts';
import { normalizeEmail } from './text-rules.ts';

export interface AuthRoutesOptions extends AuthDeps {
  rateLimits: { loginPerMinute: number; registerPerHour: number };
  /** Windows of the per-address limits: a minute for sign-in, an hour for registration unless given (tests shorten them). */
  rateLimitWindowsMs?: { login?: number; register?: number };
  /** Open sockets of ended sessions are closed at once (real time). */
  onSessionsEnded: (match: { sessionId?: string; accountId?: string }) => void;
}

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, deps) => {
  // Per account: guessing one person's password from many addresses is slowed too, and the
  // window is short so nobody can lock a person out for long.
  const loginPerAccount = createKeyLimiter(deps.rateLimits.loginPerMinute, 60_000);
  const loginWindow = deps.rateLimitWindowsMs?.login ?? 60_000;
  const registerWindow = deps.rateLimitWindowsMs?.register ?? 3_600_000;
  const tags = ['accounts'];
  await app.register(adminAccountRoutes, { db: deps.db, adminEmails: deps.adminEmails, onSessionsEnded: deps.onSessionsEnded });

  app.post('/auth/register', {
    schema: { tags, body: RegisterBody, response: { 201: AuthResponse, '4xx': ErrorBody } },
    config: { rateLimit: { max: deps.rateLimits.registerPerHour, timeWindow: registerWindow } },
  }, async (request, reply) => {
    const { user, token, cookie } = await register(deps, request.body, request.ip);
    reply.header('set-cookie', cookie).header('cache-control', 'no-store');
    return reply.status(201).send({ user, token });
  });

  app.post('/auth/login', {
    schema: { tags, body: LoginBody, response: { 200: AuthResponse, '4xx': ErrorBody } },
    config: { rateLimit: { max: deps.rateLimits.loginPerMinute * 3, timeWindow: loginWindow } },
  }, async (request, reply) => {
    loginPerAccount.hit(normalizeEmail(request.body.email));
    const { user, token, cookie } = await login(deps, request.body, request.ip);
    // A new sign-in ends the session this client held before (no fixation, ASVS 7.2.4).
    if (request.sessionId) {
      await deps.sessions.invalidate(request.sessionId);
      deps.onSessionsEnded({ sessionId: request.sessionId });
    }
    reply.header('set-cookie', cookie).header('cache-control', 'no-store');
    return { user, token };
  });

  app.post('/auth/logout', { schema: { tags, response: { 204: Type.Null(), '4xx': ErrorBody } } }, async (request, reply) => {
    const actor = requireActor(request);
    await logout(deps, actor, request.sessionId as string);
    deps.onSessionsEnded({ sessionId: request.sessionId as string });
    reply.header('set-cookie', deps.sessions.blankCookie());
    return reply.status(204).send(null);
  });

  app.post('/auth/password', {
    schema: { tags, body: ChangePasswordBody, response: { 200: AuthResponse, '4xx': ErrorBody } },
    config: { rateLimit: { max: deps.rateLimits.loginPerMinute, timeWindow: loginWindow } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { user, token, cookie } = await changePassword(deps, actor, request.body.currentPassword, request.body.newPassword, request.ip);
    deps.onSessionsEnded({ accountId: actor.accountId });
    reply.header('set-cookie', cookie).header('cache-control', 'no-store');
    return { user, token };
  });

  app.get('/me', { schema: { tags, response: { 200: MeResponse, '4xx': ErrorBody } } }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return me(deps, requireActor(request));
  });
};
