/**
 * Two server processes on one PostgreSQL (separate `node` processes, different ports): a comment
 * posted through one reaches subscribers of the other; 20 concurrent writers × 50 comments on one
 * document reach 10 subscribers spread over both processes exactly once, in seq order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket, waitFor } from '../../helpers/live.ts';
import { httpCall, type ServerProcess, startServerProcess } from '../../helpers/processes.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { createTestDatabase, defaultDriver } from '../../helpers/test-database.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

const onPostgres = defaultDriver() === 'postgres';
let setup: TestApp;
let w: World;
let a: ServerProcess;
let b: ServerProcess;
let docId: string;
let anchor: unknown;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  const database = await createTestDatabase('postgres');
  setup = await createTestApp({ database });
  w = await createWorld(setup);
  docId = await createDocument(setup, w, { open: true });
  const blocks = await blocksOf(setup, docId);
  anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
  [a, b] = await Promise.all([startServerProcess(database.url as string), startServerProcess(database.url as string)]);
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await setup?.close();
});

describe.skipIf(!onPostgres)('two processes on one PostgreSQL', () => {
  it('delivers a comment posted through A to a subscriber on B', async () => {
    const onB = await TestSocket.open(b.wsUrl);
    sockets.push(onB);
    await onB.subscribe(docId);
    const res = await httpCall(a.base, 'POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: 'from A to B', visibility: 'public', attribution: 'named' } });
    expect(res.status).toBe(201);
    const id = res.json().thread.id;
    await waitFor(() => onB.events(docId).find((e) => (e.data.thread as { id: string }).id === id), 10_000, 'event on B');
  });

  it('gives 10 subscribers over both processes every one of 1,000 concurrent comments exactly once, in order', { timeout: 240_000 }, async () => {
    const subs: TestSocket[] = [];
    let start = 0;
    for (let i = 0; i < 10; i++) {
      const s = await TestSocket.open(i % 2 ? a.wsUrl : b.wsUrl, { token: i % 3 ? w.nhri.token : undefined });
      sockets.push(s);
      subs.push(s);
      start = ((await s.subscribe(docId)) as { seq: number }).seq;
    }
    const writers = [w.ngo, w.ngoColleague, w.otherNgo, w.nhri];
    await Promise.all(
      Array.from({ length: 20 }, async (_, writer) => {
        const base = writer % 2 ? a.base : b.base;
        for (let i = 0; i < 50; i++) {
          const res = await httpCall(base, 'POST', `/api/documents/${docId}/threads`, {
            token: writers[writer % writers.length].token,
            headers: { 'idempotency-key': `w${writer}-c${i}` },
            body: { anchor, kind: 'comment', body: `writer ${writer} comment ${i}`, visibility: 'public', attribution: 'named' },
          });
          if (res.status !== 201) throw new Error(`${res.status} ${res.body}\n${a.output().slice(-3000)}\n${b.output().slice(-3000)}`);
        }
      }),
    );
    const expected = Array.from({ length: 1000 }, (_, i) => start + 1 + i);
    for (const s of subs) {
      await waitFor(() => s.events(docId).filter((e) => e.seq > start).length >= 1000, 180_000, 'all events');
      expect(s.events(docId).filter((e) => e.seq > start).map((e) => e.seq)).toEqual(expected);
    }
    const stored = await setup.database.db.selectFrom('comment').select('id').where('body', 'like', 'writer %').execute();
    expect(stored).toHaveLength(1000);
  });
});
