/**
 * Presence: who is reading which line, never stored. Names go only to members of the same
 * organisation; everyone else sees counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceReaders } from '../../../shared/realtime.ts';
import { createLiveApp, type LiveApp, TestSocket, waitFor } from '../../helpers/live.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: LiveApp;
let w: World;
let docId: string;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  t = await createLiveApp();
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true });
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.close();
});

function lastPresence(s: TestSocket): PresenceReaders | undefined {
  const all = s.messages.filter((m): m is { type: 'presence'; documentId: string; readers: PresenceReaders } => m.type === 'presence');
  return all[all.length - 1]?.readers;
}

describe('presence', () => {
  it('shows colleagues by name and everyone else as a count, per line', async () => {
    const blocks = await blocksOf(t, docId);
    const author = await TestSocket.open(t.wsUrl, { token: w.ngo.token });
    const colleague = await TestSocket.open(t.wsUrl, { token: w.ngoColleague.token });
    const stranger = await TestSocket.open(t.wsUrl, { token: w.otherNgo.token });
    sockets.push(author, colleague, stranger);
    for (const s of [author, colleague, stranger]) await s.subscribe(docId);
    author.send({ type: 'presence', documentId: docId, blockId: blocks[1].id });
    colleague.send({ type: 'presence', documentId: docId, blockId: blocks[2].id });
    stranger.send({ type: 'presence', documentId: docId });
    await waitFor(() => lastPresence(stranger)?.total === 3 && lastPresence(author)?.total === 3 && lastPresence(author), 10_000, 'presence of three');
    const seenByStranger = lastPresence(stranger) as PresenceReaders;
    expect(seenByStranger.colleagues).toEqual([]);
    expect(seenByStranger.byBlock).toEqual({ [blocks[1].id]: 1, [blocks[2].id]: 1 });
    const seenByAuthor = lastPresence(author) as PresenceReaders;
    expect(seenByAuthor.colleagues).toEqual([{ name: w.ngoColleague.name, blockId: blocks[2].id }]);
    const strangerBytes = stranger.raw.filter((r) => r.includes('"presence"')).join('\n');
    expect(strangerBytes).not.toContain(w.ngo.name);
    expect(strangerBytes).not.toContain(w.ngoColleague.name);
    // Leaving is seen too.
    colleague.close();
    await waitFor(() => lastPresence(author)?.total === 2, 10_000, 'presence after leaving');
    const rows = await t.database.db.selectFrom('audit_entry').select('action').where('action', 'like', '%presence%').execute();
    expect(rows).toEqual([]);
  });

  it('ignores presence for a document the socket has not subscribed to', async () => {
    const s = await TestSocket.open(t.wsUrl);
    sockets.push(s);
    s.send({ type: 'presence', documentId: docId });
    await s.subscribe(docId);
    expect(s.messages.filter((m) => m.type === 'presence')).toEqual([]);
  });
});
