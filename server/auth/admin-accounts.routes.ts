/** Admin routes for accounts: find, disable, enable (documented in the OpenAPI description). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AccountSearchQuery, AdminAccountList, AdminAccountResponse, DisableAccountBody } from '../../shared/admin.ts';
import { IdParams } from '../../shared/common.ts';
import { ErrorBody } from '../../shared/errors.ts';
import type { Db } from '../db/database.ts';
import { searchAccountsForAdmin, setAccountDisabled } from './admin-accounts.service.ts';
import { requireActor } from './require.ts';

export interface AdminAccountRoutesOptions {
  db: Db;
  adminEmails: ReadonlySet<string>;
  /** Open sockets of ended sessions are closed at once (real time). */
  onSessionsEnded: (match: { sessionId?: string; accountId?: string }) => void;
}

export const adminAccountRoutes: FastifyPluginAsyncTypebox<AdminAccountRoutesOptions> = async (app, deps) => {
  const tags = ['administration'];

  app.get('/admin/accounts', {
    schema: {
      tags,
      summary: 'Find accounts by part of their email or name (platform admins)',
      querystring: AccountSearchQuery,
      response: { 200: AdminAccountList, '4xx': ErrorBody },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return searchAccountsForAdmin(deps.db, deps.adminEmails, requireActor(request), request.query.q ?? '');
  });

  app.post('/admin/accounts/:id/disable', {
    schema: {
      tags,
      summary: 'Disable an account (platform admins)',
      description:
        'Ends every session of the account at once (its requests answer 401 and its open WebSockets are closed with 4401) and refuses its sign-ins with the same 401 as a wrong password. Audited as account.disabled, with the optional reason. Disabling an already disabled account changes nothing. An admin cannot disable their own account (409).',
      params: IdParams,
      body: DisableAccountBody,
      response: { 200: AdminAccountResponse, '4xx': ErrorBody },
    },
    // The body is optional (only a reason): a bare POST from a script counts as `{}`.
    preValidation: async (request) => {
      request.body ??= {};
    },
  }, async (request) => {
    const account = await setAccountDisabled(deps.db, deps.adminEmails, requireActor(request), {
      accountId: request.params.id,
      disabled: true,
      reason: request.body?.reason,
      ip: request.ip,
    });
    deps.onSessionsEnded({ accountId: account.id });
    return { account };
  });

  app.post('/admin/accounts/:id/enable', {
    schema: {
      tags,
      summary: 'Re-enable a disabled account (platform admins)',
      description: 'The person can sign in again; sessions ended by the disabling stay ended. Audited as account.enabled.',
      params: IdParams,
      response: { 200: AdminAccountResponse, '4xx': ErrorBody },
    },
  }, async (request) => ({
    account: await setAccountDisabled(deps.db, deps.adminEmails, requireActor(request), { accountId: request.params.id, disabled: false, ip: request.ip }),
  }));
};
