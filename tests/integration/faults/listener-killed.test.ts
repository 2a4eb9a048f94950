/**
 * SECURITY.md FR-103 "only the LISTEN connection is killed": pg_terminate_backend on the
 * listener while 50 events are published. The listener notices at once (well within one 5 s
 * heartbeat), logs a warning, reconnects with backoff, re-reads every watched document from its
 * last seq, and the subscriber gets all 50 events exactly once, in order.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListener } from '../../../server/realtime/listener.ts';
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

describe.skipIf(!onPostgres)('FR-103 listener connection killed', () => {
  it('FR-103 reconnects and delivers all 50 events published around the cut, in order, once each', async () => {
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

  it('FR-103 the loss is detected within one heartbeat interval (5 s), logged as a warning, and followed by a reconnect and a catch-up of every watched document', async () => {
    const warnings: { at: number; reason: unknown; msg: string }[] = [];
    let reconnects = 0;
    const listener = await startListener(t.database, {
      onNotify: () => {},
      onReconnect: () => {
        reconnects++;
      },
      log: { warn: (obj, msg) => warnings.push({ at: Date.now(), reason: (obj as { reason?: unknown }).reason, msg }), info: () => {} },
    });
    try {
      expect(reconnects).toBe(1);
      expect(listener.connected).toBe(true);
      const killedAt = Date.now();
      // Both listeners of this database (the app's and this one) are cut; the app's reconnects too.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'tashawur-listener' and datname = current_database()`.execute(t.database.db);
      await waitFor(() => warnings.length > 0, 5_000, 'a warning');
      expect(warnings[0].at - killedAt).toBeLessThan(5_000);
      expect(warnings[0].msg).toMatch(/listener lost its connection/);
      // onReconnect is what makes the hub re-read every watched document (nudgeAll).
      await waitFor(() => reconnects >= 2, 15_000, 'the reconnect');
      expect(listener.connected).toBe(true);
    } finally {
      await listener.close();
    }
  });
});
