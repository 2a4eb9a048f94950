/**
 * How long a request may run before the person is told 503 + Retry-After.
 *
 * The default deadline (config.handlerTimeoutMs, PostgreSQL only) bounds what a person waits
 * when the database freezes: SECURITY.md FR-101 asks for 503 + Retry-After within 5 s. The work
 * is not cancelled: its transaction commits or rolls back as a whole once the database answers,
 * and the idempotency record commits with it, so a retry with the same key either replays the
 * stored answer or does the work once. An embedded PGlite cannot freeze apart from the process,
 * so there is no deadline there.
 *
 * Our own hook rather than Fastify's `handlerTimeout`: on Node 20 that timer is cleared when the
 * request emits 'close', which happens as soon as a POST body has been read — so it never fired
 * for the writes it matters most for.
 *
 * Imports, new versions, long lists and exports legitimately take seconds on long drafts: they
 * get a longer deadline (`slowRoute`) instead of failing half way through a person's upload.
 */
import type { FastifyInstance } from 'fastify';

export const SLOW_ROUTE_DEADLINE_MS = 120_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's deadline in ms, instead of the default. */
    deadlineMs?: number;
  }
}

export const slowRoute = { config: { deadlineMs: SLOW_ROUTE_DEADLINE_MS } };

const MESSAGE = 'The service did not answer in time; your change may still be saved. Send it again with the same Idempotency-Key in a few seconds: it is stored only once.';

/** Registered before authentication, so the deadline also covers a session lookup that hangs. */
export function registerDeadlines(app: FastifyInstance, defaultMs: number): void {
  app.addHook('onRequest', (request, reply, done) => {
    const ms = request.routeOptions.config?.deadlineMs ?? defaultMs;
    if (!ms) return done();
    const timer = setTimeout(() => {
      // Sent already, or handed over to a WebSocket: nothing to answer.
      if (reply.sent || reply.raw.headersSent) return;
      request.log.warn({ url: request.url, ms }, 'request deadline passed');
      // A string: the route's own 503 schema (e.g. /api/health) must not reshape this answer.
      reply.code(503).header('retry-after', '5').type('application/json; charset=utf-8').send(JSON.stringify({ error: { code: 'service_unavailable', message: MESSAGE } }));
    }, ms);
    const clear = () => clearTimeout(timer);
    reply.raw.once('finish', clear);
    reply.raw.once('close', clear);
    done();
  });
}
