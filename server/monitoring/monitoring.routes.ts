/** HTTP routes for monitoring action plans (API.md "Monitoring action plans"). Thin: schema, one service call. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { IdempotencyHeaders, IdParams } from '../../shared/common.ts';
import { ErrorBody } from '../../shared/errors.ts';
import {
  Assessment,
  AssessmentBody,
  AssessmentRevision,
  BulkMeasuresBody,
  BulkMeasuresResult,
  CreateMeasureBody,
  CreatePeriodBody,
  Dashboard,
  DocumentPeriodParams,
  DashboardQuery,
  Measure,
  MeasureHistory,
  Notifications,
  Period,
  PeriodAssessments,
  ReportQuery,
  UpdateMeasureBody,
} from '../../shared/monitoring.ts';
import { requireActor } from '../auth/require.ts';
import type { Database } from '../db/database.ts';
import type { ConcurrencyCap } from '../http/concurrency-cap.ts';
import { slowRoute } from '../http/deadlines.ts';
import { idempotencyOf } from '../http/idempotency.ts';
import { assessmentHistory, periodAssessments, saveAssessment } from './assessments.service.ts';
import { periodDashboard } from './dashboard.ts';
import { createMeasure, createMeasuresInBulk, listMeasureDtos, updateMeasure } from './measures.service.ts';
import { measureHistory } from './measure-history.ts';
import { overdueReminders } from './notifications.ts';
import { reportFile } from './periodic-report.ts';
import { closePeriod, createPeriod, listPeriodDtos } from './periods.service.ts';

const errors = { '4xx': ErrorBody };
const filter = (value: string | undefined) => value?.trim() || null;

/** expensive: the cap shared by exports and reports (server/features.ts). */
export const monitoringRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<Database>; expensive?: ConcurrencyCap }> = async (app, { db, expensive }) => {
  const tags = ['monitoring'];

  app.post(
    '/documents/:id/measures',
    {
      schema: {
        tags,
        summary: 'Designate a line of an action plan as a measure (drafters)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreateMeasureBody,
        response: { 201: Type.Object({ measure: Measure }), ...errors },
      },
    },
    async (request, reply) => {
      const answer = await createMeasure(db, request.actor, request.params.id, request.body, idempotencyOf(request));
      return reply.status(answer.status).header('idempotent-replayed', String(answer.replayed)).send(answer.body);
    },
  );

  app.post(
    '/documents/:id/measures/bulk',
    {
      schema: {
        tags,
        summary: 'Designate every line of a kind (optionally under one article) as measures',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: BulkMeasuresBody,
        response: { 201: BulkMeasuresResult, ...errors },
      },
    },
    async (request, reply) => {
      const answer = await createMeasuresInBulk(db, request.actor, request.params.id, request.body, idempotencyOf(request));
      return reply.status(answer.status).header('idempotent-replayed', String(answer.replayed)).send(answer.body);
    },
  );

  app.get(
    '/documents/:id/measures',
    {
      schema: { tags, summary: 'The measures with their line and each voice’s latest assessment', params: IdParams, response: { 200: Type.Array(Measure), ...errors } },
    },
    async (request) => listMeasureDtos(db, request.actor, request.params.id),
  );

  app.patch(
    '/measures/:id',
    {
      schema: {
        tags,
        summary: 'Edit a measure (drafters; earlier values kept in the audit trail)',
        params: IdParams,
        body: UpdateMeasureBody,
        response: { 200: Type.Object({ measure: Measure }), ...errors },
      },
    },
    async (request) => ({ measure: await updateMeasure(db, request.actor, request.params.id, request.body) }),
  );

  app.get(
    '/measures/:id/history',
    {
      schema: {
        tags,
        summary: 'A measure’s history: the edits of its fields and its line’s text in every version',
        description: 'Readable by whoever may read the plan. Edits come from the audit trail (values only, not who). `inCurrentVersion` is false once the line left the plan.',
        params: IdParams,
        response: { 200: MeasureHistory, ...errors },
      },
    },
    async (request) => measureHistory(db, request.actor, request.params.id),
  );

  app.post(
    '/documents/:id/periods',
    {
      schema: {
        tags,
        summary: 'Open a reporting period (drafters or NHRI members)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CreatePeriodBody,
        response: { 201: Type.Object({ period: Period }), ...errors },
      },
    },
    async (request, reply) => {
      const answer = await createPeriod(db, request.actor, request.params.id, request.body, idempotencyOf(request));
      return reply.status(answer.status).header('idempotent-replayed', String(answer.replayed)).send(answer.body);
    },
  );

  app.get('/documents/:id/periods', { schema: { tags, params: IdParams, response: { 200: Type.Array(Period), ...errors } } }, async (request) =>
    listPeriodDtos(db, request.actor, request.params.id),
  );

  app.post(
    '/periods/:id/close',
    {
      schema: { tags, summary: 'Close a reporting period: its entries become read-only', params: IdParams, response: { 200: Type.Object({ period: Period }), ...errors } },
    },
    async (request) => ({ period: await closePeriod(db, request.actor, request.params.id) }),
  );

  app.put(
    '/measures/:id/assessments/:periodId',
    {
      schema: {
        tags,
        summary: 'Save the government report (drafters) or the NHRI assessment (NHRI members) of a measure for a period',
        params: DocumentPeriodParams,
        body: AssessmentBody,
        response: { 200: Type.Object({ assessment: Assessment }), 201: Type.Object({ assessment: Assessment }), ...errors },
      },
    },
    async (request, reply) => {
      const { assessment, created } = await saveAssessment(db, request.actor, request.params.id, request.params.periodId, request.body);
      return reply.status(created ? 201 : 200).send({ assessment });
    },
  );

  app.get(
    '/measures/:id/assessments/:periodId/history',
    {
      schema: {
        tags,
        summary: 'Every saved entry of both voices for a measure in a period',
        params: DocumentPeriodParams,
        response: { 200: Type.Array(AssessmentRevision), ...errors },
      },
    },
    async (request) => assessmentHistory(db, request.actor, request.params.id, request.params.periodId),
  );

  app.get(
    '/documents/:id/periods/:periodId/assessments',
    {
      schema: { tags, summary: 'Both voices side by side for every measure in a period', params: DocumentPeriodParams, response: { 200: PeriodAssessments, ...errors } },
    },
    async (request) => periodAssessments(db, request.actor, request.params.id, request.params.periodId),
  );

  app.get(
    '/documents/:id/periods/:periodId/dashboard',
    {
      schema: { tags, params: DocumentPeriodParams, querystring: DashboardQuery, response: { 200: Dashboard, ...errors } },
    },
    async (request) => periodDashboard(db, request.actor, request.params.id, request.params.periodId, filter(request.query.responsible)),
  );

  // No response schema: the body is JSON, an HTML page or a Word file (PeriodicReport in shared/ describes the JSON).
  app.get('/documents/:id/periods/:periodId/report', { ...slowRoute, schema: { tags, params: DocumentPeriodParams, querystring: ReportQuery } }, async (request, reply) => {
    const make = () => reportFile(db, request.actor, request.params.id, request.params.periodId, request.query.format ?? 'json', filter(request.query.responsible));
    const file = expensive ? await expensive.run(request, make) : await make();
    if (file.disposition) reply.header('content-disposition', file.disposition);
    if (file.csp) reply.header('content-security-policy', file.csp);
    return reply.type(file.contentType).send(file.body);
  });

  app.get('/me/notifications', { schema: { tags, summary: 'Overdue measures of the plans you draft or monitor', response: { 200: Notifications, ...errors } } }, async (request) =>
    overdueReminders(db, requireActor(request)),
  );
};
