/**
 * Presence across two server processes (separate `node` processes on one PostgreSQL): readers
 * connected to either process are counted by both; names go only to members of the same
 * organisation, a count to everyone else; a reader who leaves on one process disappears on
 * the other at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceReaders, ServerMessage } from '../../../shared/realtime.ts';
import { TestSocket, waitFor } from '../../helpers/live.ts';
import { type ServerProcess, startServerProcess } from '../../helpers/processes.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { createTestDatabase, defaultDriver } from '../../helpers/test-database.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

const onPostgres = defaultDriver() === 'postgres';
let setup: TestApp;
let w: World;
let a: ServerProcess;
let b: ServerProcess;
let docId: string;
let lines: string[];
const sockets: TestSocket[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  const database = await createTestDatabase('postgres');
  setup = await createTestApp({ database });
  w = await createWorld(setup);
  docId = await createDocument(setup, w, { open: true });
  lines = (await blocksOf(setup, docId)).map((block) => block.id);
  [a, b] = await Promise.all([startServerProcess(database.url as string), startServerProcess(database.url as string)]);
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  await Promise.all([a?.stop(), b?.stop()]);
  await setup?.close();
});

async function reader(server: ServerProcess, token: string, blockId: string) {
  const s = await TestSocket.open(server.wsUrl, { token });
  sockets.push(s);
  await s.subscribe(docId);
  s.send({ type: 'presence', documentId: docId, blockId });
  return s;
}

/** Waits until the latest presence this socket received satisfies `check`. */
function presenceOf(s: TestSocket, check: (readers: PresenceReaders) => boolean, what: string): Promise<PresenceReaders> {
  return waitFor(() => {
    const last = s.messages.filter((m): m is Extract<ServerMessage, { type: 'presence' }> => m.type === 'presence' && m.documentId === docId).at(-1);
    return last && check(last.readers) ? last.readers : undefined;
  }, 10_000, what);
}

describe.skipIf(!onPostgres)('presence over two processes', () => {
  it('counts readers on both processes, names colleagues across them, shows another organisation only the count, and drops a reader who leaves', async () => {
    const onA = await reader(a, w.ngo.token, lines[1]);
    const onB = await reader(b, w.ngoColleague.token, lines[2]);
    const seenOnA = await presenceOf(onA, (r) => r.total === 2, 'A to count 2');
    const seenOnB = await presenceOf(onB, (r) => r.total === 2, 'B to count 2');
    expect(seenOnA.byBlock).toEqual({ [lines[1]]: 1, [lines[2]]: 1 });
    expect(seenOnB.byBlock).toEqual({ [lines[1]]: 1, [lines[2]]: 1 });
    // Same organisation: the name of the reader on the other process, with their line.
    expect(seenOnA.colleagues).toEqual([{ name: w.ngoColleague.name, blockId: lines[2] }]);
    expect(seenOnB.colleagues).toEqual([{ name: w.ngo.name, blockId: lines[1] }]);

    const stranger = await reader(b, w.otherNgo.token, lines[1]);
    const seenByStranger = await presenceOf(stranger, (r) => r.total === 3, 'the other organisation to count 3');
    expect(seenByStranger.colleagues).toEqual([]);
    const raw = stranger.raw.join('\n');
    expect(raw).not.toContain(w.ngo.name);
    expect(raw).not.toContain(w.ngoColleague.name);
    const countedOnA = await presenceOf(onA, (r) => r.total === 3, 'A to count 3');
    expect(countedOnA.colleagues).toEqual([{ name: w.ngoColleague.name, blockId: lines[2] }]);

    stranger.close();
    onB.close();
    const afterLeaving = await presenceOf(onA, (r) => r.total === 1, 'A to count 1 once B’s readers left');
    expect(afterLeaving).toEqual({ total: 1, byBlock: { [lines[1]]: 1 }, colleagues: [] });
  });
});
