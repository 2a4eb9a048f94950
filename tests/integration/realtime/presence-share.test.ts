/**
 * Sharing presence between processes (server/realtime/presence-share.ts): payloads stay under
 * PostgreSQL's NOTIFY limit however many readers a process has; a remote reader's name is
 * resolved here and shown only to the same organisation; readers of a process that stopped
 * refreshing expire; and on one process (PostgreSQL or the embedded PGlite) a process's own
 * announcements are not counted twice.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { PresenceReaders, ServerMessage } from '../../../shared/realtime.ts';
import { Presence } from '../../../server/realtime/presence.ts';
import { MAX_PAYLOAD_BYTES, PresenceShare, presencePayloads } from '../../../server/realtime/presence-share.ts';
import { SocketClient } from '../../../server/realtime/socket-client.ts';
import { createLiveApp, type LiveApp, TestSocket, waitFor } from '../../helpers/live.ts';
import type { Driver } from '../../helpers/test-database.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

const drivers: Driver[] = inject('pgUrl') ? ['postgres', 'embedded'] : ['embedded'];
const id = (n: number, prefix: string) => `${prefix}${String(n).padStart(22 - prefix.length, '0')}`;

describe('presence payloads', () => {
  it('splits 2,000 readers into NOTIFY payloads under 8,000 bytes, losing none', () => {
    const sets = Array.from({ length: 2000 }, (_, i) => [id(i, 'doc'), id(i, 'r'), id(i, 'acc'), [id(i, 'org'), id(i + 1, 'org')], id(i, 'blk')] as [string, string, string, string[], string]);
    const leaves = Array.from({ length: 500 }, (_, i) => [id(i, 'doc'), id(i, 'gone')] as [string, string]);
    const payloads = presencePayloads('process-1', sets, leaves);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    const parsed = payloads.map((p) => JSON.parse(p) as { p: string; s?: unknown[]; x?: unknown[] });
    expect(parsed.every((p) => p.p === 'process-1')).toBe(true);
    expect(parsed.flatMap((p) => p.s ?? [])).toEqual(sets);
    expect(parsed.flatMap((p) => p.x ?? [])).toEqual(leaves);
  });
});

describe.each(drivers)('on %s', (driver) => {
  let t: LiveApp;
  let w: World;
  let docId: string;
  let lines: string[];
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await createLiveApp({ driver });
    w = await createWorld(t);
    docId = await createDocument(t, w, { open: true });
    lines = (await blocksOf(t, docId)).map((b) => b.id);
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await t.close();
  });

  it('resolves a remote reader’s name for the same organisation only, and drops the readers of a process that stopped refreshing', async () => {
    const presence = new Presence(() => []);
    const share = new PresenceShare(t.database.db, presence, { refreshMs: 60_000, expiryMs: 1_000 });
    const member = (actor: { id: string; name: string; email: string }, orgId: string | null) =>
      new SocketClient({ bufferedAmount: 0, send() {}, close() {} } as unknown as WebSocket, {
        accountId: actor.id,
        name: actor.name,
        email: actor.email,
        isAdmin: false,
        memberships: orgId ? [{ organizationId: orgId, role: 'member', kind: 'ngo', approved: true }] : [],
      }, null);
    const colleague = member(w.ngoColleague, w.ngoId);
    const stranger = member(w.otherNgo, w.otherNgoId);
    await share.receive(JSON.stringify({ p: 'elsewhere', s: [[docId, 'reader-1', w.ngo.id, [w.ngoId], lines[1]]] }));
    const expected: PresenceReaders = { total: 1, byBlock: { [lines[1]]: 1 }, colleagues: [{ name: w.ngo.name, blockId: lines[1] }] };
    expect(presence.viewFor(docId, colleague)).toEqual(expected);
    expect(presence.viewFor(docId, stranger)).toEqual({ ...expected, colleagues: [] });
    // Its own announcements come back on the channel: ignored.
    await share.receive(JSON.stringify({ p: share.processId, s: [[docId, 'mine', null, [], null]] }));
    expect(presence.viewFor(docId, stranger).total).toBe(1);
    // The other process stopped refreshing (it died): its reader expires.
    presence.expire(Date.now() + 1_001);
    expect(presence.viewFor(docId, colleague)).toEqual({ total: 0, byBlock: {}, colleagues: [] });
    presence.close();
  });

  it('counts two readers on one process once each, though the process hears its own announcements', async () => {
    const first = await TestSocket.open(t.wsUrl, { token: w.ngo.token });
    const second = await TestSocket.open(t.wsUrl, { token: w.ngoColleague.token });
    sockets.push(first, second);
    for (const [s, line] of [[first, lines[1]], [second, lines[2]]] as const) {
      await s.subscribe(docId);
      s.send({ type: 'presence', documentId: docId, blockId: line });
    }
    const latest = () => first.messages.filter((m): m is Extract<ServerMessage, { type: 'presence' }> => m.type === 'presence').at(-1)?.readers;
    await waitFor(() => latest()?.total === 2, 10_000, 'a count of 2');
    // The move is broadcast 300 ms after it; the process's own announcement (flushed after 50 ms)
    // has come back through NOTIFY by then, and would have been counted as a third reader.
    const more = first.messages.length;
    second.send({ type: 'presence', documentId: docId, blockId: lines[1] });
    await waitFor(() => first.messages.slice(more).some((m) => m.type === 'presence'), 10_000, 'the move');
    expect(latest()).toEqual({ total: 2, byBlock: { [lines[1]]: 2 }, colleagues: [{ name: w.ngoColleague.name, blockId: lines[1] }] });
  });
});
