/**
 * GET /api/documents/:id/events?after=N — the events a reader may see after seq N, in order,
 * rendered exactly as the WebSocket renders them (same renderer, same policy).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '../../shared/common.ts';
import { type EventMessage, EventsQuery } from '../../shared/realtime.ts';
import type { Db } from '../db/database.ts';
import { loadReadableDocument } from '../documents/access.ts';
import { readEventsAfter } from './event-log.ts';
import type { EventRenderer, StoredEvent } from './event-view.ts';

export const eventRoutes: FastifyPluginAsyncTypebox<{ db: Db; renderer: EventRenderer }> = async (app, { db, renderer }) => {
  app.get('/documents/:id/events', {
    schema: {
      tags: ['real time'],
      summary: 'Events after a sequence number (at most 1000 per call; call again with the last seq)',
      params: IdParams,
      querystring: EventsQuery,
    },
  }, async (request) => {
    const { facts } = await loadReadableDocument(db, request.actor, request.params.id);
    const rows = (await readEventsAfter(db, request.params.id, Number(request.query.after ?? 0), 1000)) as unknown as StoredEvent[];
    const out: EventMessage[] = [];
    for (const event of rows) {
      const data = await renderer.render(db, request.actor, facts, event);
      if (data) out.push({ type: 'event', documentId: event.document_id, seq: event.seq, kind: event.kind, data });
    }
    return out;
  });
};
