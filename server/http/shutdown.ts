/**
 * Graceful shutdown of HTTP (SECURITY.md FR-109). Requests arriving while the app closes get
 * 503 + Retry-After in the API's own error shape (Fastify's `return503OnClosing` is off in
 * server/app.ts because its body is not `{error:{code,message}}`, which clients read). Answers
 * still being written when closing starts carry `Connection: close`: otherwise the kept-alive
 * connection of a request that was in flight turns idle only after the idle sockets were
 * closed, and holds `app.close()` — and the process, past its deadline — until the keep-alive
 * timeout (72 s).
 */
import type { FastifyInstance } from 'fastify';

export function registerShutdown(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    return reply
      .code(503)
      .header('retry-after', '5')
      .type('application/json; charset=utf-8')
      // A string: the route's own 503 schema (e.g. /api/health) must not reshape this answer.
      .send(JSON.stringify({ error: { code: 'service_unavailable', message: 'The server is restarting; try again in a few seconds.' } }));
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}
