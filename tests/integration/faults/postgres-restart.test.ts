/**
 * SECURITY.md FR-102 "database crash and restart": PostgreSQL stopped with `-m immediate` and
 * started again under a running server (a throwaway PostgreSQL started by the test on its own
 * port, never the shared one). Writes during the outage fail fast with 503 and a clear error;
 * the post in flight is absent and, retried with its key, stored exactly once; once PostgreSQL
 * is back the pool recovers without restarting the app, the listener reconnects, a new event
 * reaches the open socket within 10 s, and the subscriber gets everything committed around the
 * outage — nothing missing, nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveApp, TestSocket, waitFor } from '../../helpers/live.ts';
import { startAppOnThrowawayPg, type ThrowawayPg, throwawayPgAvailable } from '../../helpers/throwaway-pg.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

const available = throwawayPgAvailable();
if (!available && process.env.CI === 'true') throw new Error('CI requires the PostgreSQL binaries and root to run fault tests');

let server: ThrowawayPg;
let destroy: (() => Promise<void>) | undefined;
let t: LiveApp;
let w: World;
let docId: string;
let anchor: unknown;
let socket: TestSocket;

beforeAll(async () => {
  if (!available) return;
  const started = await startAppOnThrowawayPg();
  ({ server, app: t } = started);
  destroy = started.destroy;
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true });
  const blocks = await blocksOf(t, docId);
  anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 4 } };
}, 120_000);

afterAll(async () => {
  socket?.close();
  await destroy?.();
});

const post = (body: string) => t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, headers: { 'idempotency-key': body.replace(/ /g, '-') }, body: { anchor, kind: 'comment', body, visibility: 'public', attribution: 'named' } });

describe.skipIf(!available)('FR-102 PostgreSQL crashed (stop -m immediate) and restarted during a run', () => {
  it('FR-102 fails writes fast with 503 during the outage, then recovers and delivers everything committed', async () => {
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

    // LISTEN is back: the new events reach the open socket within 10 s, with the catch-up.
    await waitFor(() => socket.events(docId).length >= 7, 10_000, 'events after the restart');
    const seqs = socket.events(docId).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 7 }, (_, i) => start + 1 + i));
    const bodies = await t.database.db.selectFrom('comment').select('body').where('body', 'in', ['during the outage']).execute();
    expect(bodies).toHaveLength(1);
  });
});
