/** HTTP routes for organisations and memberships. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AddMemberBody, CreateOrganizationBody, Member, MemberList, OrganizationList, OrganizationResponse } from '../../shared/auth.ts';
import { IdempotencyHeaders, IdParams } from '../../shared/common.ts';
import { ErrorBody } from '../../shared/errors.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import { requireActor } from './require.ts';
import { addMember, approveOrganization, createOrganization, getMembers, getOrganization, listOrganizations } from './organizations.service.ts';

export const organizationRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database> }> = async (app, { db }) => {
  const tags = ['organizations'];

  app.post('/organizations', { schema: { tags, headers: IdempotencyHeaders, body: CreateOrganizationBody, response: { 201: OrganizationResponse, '4xx': ErrorBody } } }, async (request, reply) => {
    const answer = await createOrganization(db, requireActor(request), request.body, idempotencyOf(request));
    return reply.status(answer.status).header('idempotent-replayed', String(answer.replayed)).send(answer.body);
  });

  app.get('/organizations', { schema: { tags, response: { 200: OrganizationList } } }, async (request) => listOrganizations(db, request.actor));

  app.get('/organizations/:id', { schema: { tags, params: IdParams, response: { 200: OrganizationResponse, '4xx': ErrorBody } } }, async (request) => ({
    organization: await getOrganization(db, request.actor, request.params.id),
  }));

  app.post('/organizations/:id/approve', { schema: { tags, params: IdParams, response: { 200: OrganizationResponse, '4xx': ErrorBody } } }, async (request) => ({
    organization: await approveOrganization(db, requireActor(request), request.params.id),
  }));

  app.post('/organizations/:id/members', {
    schema: { tags, params: IdParams, headers: IdempotencyHeaders, body: AddMemberBody, response: { 201: Member, '4xx': ErrorBody } },
  }, async (request, reply) => {
    const answer = await addMember(db, requireActor(request), request.params.id, request.body, idempotencyOf(request));
    return reply.status(answer.status).header('idempotent-replayed', String(answer.replayed)).send(answer.body);
  });

  app.get('/organizations/:id/members', { schema: { tags, params: IdParams, response: { 200: MemberList, '4xx': ErrorBody } } }, async (request) =>
    getMembers(db, requireActor(request), request.params.id),
  );
};
