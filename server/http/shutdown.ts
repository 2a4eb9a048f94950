/**
 * Graceful shutdown of HTTP (SECURITY.md FR-109). Requests arriving while the app closes get
 * 503 from Fastify (`return503OnClosing`). Answers still being written when closing starts carry
 * `Connection: close`: otherwise the kept-alive connection of a request that was in flight turns
 * idle only after the idle sockets were closed, and holds `app.close()` — and the process, past
 * its deadline — until the keep-alive timeout (72 s).
 */
import type { FastifyInstance } from 'fastify';

export function registerShutdown(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}
