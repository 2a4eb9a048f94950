/**
 * Baseline: bare Fastify serving the very bytes of a Tashawur response from memory, on the same
 * route shape, no hooks, no database: GET /api/documents/:id answers BYTES_DIR/<id>.json, read
 * into a Buffer on first use and kept. Child process.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';

const dir = process.env.BYTES_DIR as string;
const bodies = new Map<string, Buffer>();
const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/api/documents/:id', (request, reply) => {
  let body = bodies.get(request.params.id);
  if (!body) {
    body = fs.readFileSync(path.join(dir, `${path.basename(request.params.id)}.json`));
    bodies.set(request.params.id, body);
  }
  return reply.type('application/json; charset=utf-8').send(body);
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`bare fastify listening on ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', async () => {
  await app.close();
  process.exit(0);
});
