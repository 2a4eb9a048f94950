/**
 * PostgreSQL restarted under a running server (a throwaway PostgreSQL started by the test on its
 * own port, never the shared one): writes during the outage fail fast with 503 and a clear
 * error; once it is back the pool recovers without a restart, the listener reconnects, and
 * subscribers catch up with everything committed — nothing missing, nothing twice.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../../../server/db/connect.ts';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import { type LiveApp, TestSocket, waitFor } from '../../helpers/live.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { startThrowawayPg, type ThrowawayPg, throwawayPgAvailable } from '../../helpers/throwaway-pg.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

const available = throwawayPgAvailable();
if (!available && process.env.CI === 'true') throw new Error('CI requires the PostgreSQL binaries and root to run fault tests');

let server: ThrowawayPg;
let t: LiveApp;
let w: World;
let docId: string;
let anchor: unknown;
let socket: TestSocket;

beforeAll(async () => {
  if (!available) return;
  server = await startThrowawayPg();
  const admin = new pg.Client({ connectionString: server.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE tashawur');
  await admin.end();
  const database = await openPostgres(server.url('tashawur'), 5);
  await migrateToLatest(database.db);
  const app = await createTestApp({ database });
  await app.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.app.server.address() as { port: number }).port;
  t = Object.assign(app, { port, wsUrl: `ws://127.0.0.1:${port}/api/ws` });
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true });
  const blocks = await blocksOf(t, docId);
  anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 4 } };
}, 120_000);

afterAll(async () => {
  socket?.close();
  await t?.close().catch(() => {});
  server?.destroy();
});

const post = (body: string) => t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, headers: { 'idempotency-key': body.replace(/ /g, '-') }, body: { anchor, kind: 'comment', body, visibility: 'public', attribution: 'named' } });

describe.skipIf(!available)('PostgreSQL restarted during a run', () => {
  it('fails writes fast with 503 during the outage, then recovers and delivers everything committed', async () => {
    socket = await TestSocket.open(t.wsUrl);
    const { seq: start } = (await socket.subscribe(docId)) as { seq: number };
    for (let i = 0; i < 3; i++) expect((await post(`before ${i}`)).statusCode).toBe(201);
    await waitFor(() => socket.events(docId).length >= 3, 10_000, 'events before the outage');

    server.stop('immediate');
    const started = Date.now();
    const during = await post('during the outage');
    expect(Date.now() - started).toBeLessThan(8000);
    expect(during.statusCode).toBe(503);
    expect(during.json().error.code).toBe('service_unavailable');
    expect(during.headers['retry-after']).toBeDefined();
    expect(during.body).not.toMatch(/ECONNREFUSED|stack|at /);

    server.start();
    await waitFor(() => true, 100);
    // The pool recovers without restarting the app; the client retries with the same key.
    let retried = await post('during the outage');
    for (let i = 0; i < 50 && retried.statusCode !== 201; i++) {
      await new Promise((r) => setTimeout(r, 200));
      retried = await post('during the outage');
    }
    expect(retried.statusCode).toBe(201);
    for (let i = 0; i < 3; i++) expect((await post(`after ${i}`)).statusCode).toBe(201);

    await waitFor(() => socket.events(docId).length >= 7, 30_000, 'events after the restart');
    const seqs = socket.events(docId).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 7 }, (_, i) => start + 1 + i));
    const bodies = await t.database.db.selectFrom('comment').select('body').where('body', 'in', ['during the outage']).execute();
    expect(bodies).toHaveLength(1);
  });
});
