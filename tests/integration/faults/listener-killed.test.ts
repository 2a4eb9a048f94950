/**
 * The LISTEN connection killed (pg_terminate_backend) while events keep coming: the listener
 * notices, reconnects with backoff, re-reads every watched document from its last seq, and
 * subscribers get every event exactly once, in order.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveApp, type LiveApp, TestSocket, waitFor } from '../../helpers/live.ts';
import { defaultDriver } from '../../helpers/test-database.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

const onPostgres = defaultDriver() === 'postgres';
let t: LiveApp;
let w: World;
let docId: string;
let anchor: unknown;
let socket: TestSocket;
beforeAll(async () => {
  if (!onPostgres) return;
  t = await createLiveApp();
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true });
  const blocks = await blocksOf(t, docId);
  anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 4 } };
});
afterAll(async () => {
  socket?.close();
  await t?.close();
});

describe.skipIf(!onPostgres)('listener connection killed', () => {
  it('reconnects and delivers all 50 events published around the cut, in order, once each', async () => {
    socket = await TestSocket.open(t.wsUrl);
    const { seq: start } = (await socket.subscribe(docId)) as { seq: number };
    const listeners = () => sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where application_name = 'tashawur-listener' and datname = current_database()`.execute(t.database.db);
    await waitFor(async () => true, 10);
    expect((await listeners()).rows[0].n).toBe(1);
    const posts = Array.from({ length: 50 }, (_, i) => i);
    for (const i of posts) {
      if (i === 10) await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'tashawur-listener' and datname = current_database()`.execute(t.database.db);
      const res = await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: `event ${i}`, visibility: 'public', attribution: 'named' } });
      expect(res.statusCode).toBe(201);
    }
    await waitFor(() => socket.events(docId).length >= 50, 30_000, 'all 50 events');
    expect(socket.events(docId).map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => start + 1 + i));
    // And the listener is back.
    const back = await (async () => {
      for (let i = 0; i < 100; i++) {
        if ((await listeners()).rows[0].n === 1) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    })();
    expect(back).toBe(true);
  });
});
