/**
 * Real time on both database tiers (the shared PostgreSQL when there is one, and the embedded
 * PGlite in one process): every thread event kind reaches a subscriber; an event's thread is
 * exactly what GET /api/threads/:id answers the same reader; `subscribed` carries the
 * protocol version; a rolled-back write leaves no event and no notification.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ServerMessage } from '../../../shared/realtime.ts';
import { PROTOCOL_VERSION } from '../../../shared/realtime.ts';
import { appendEventLast, EVENTS_CHANNEL } from '../../../server/events/event-log.ts';
import { createLiveApp, type LiveApp, TestSocket, waitFor } from '../../helpers/live.ts';
import type { Driver } from '../../helpers/test-database.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

const drivers: Driver[] = inject('pgUrl') ? ['postgres', 'embedded'] : ['embedded'];

type EventMessage = Extract<ServerMessage, { type: 'event' }>;
interface ThreadData {
  id: string;
  status: string;
  comments: { id: string; body?: string; withdrawn: boolean }[];
  endorsements: unknown[];
}

describe.each(drivers)('on %s', (driver) => {
  let t: LiveApp;
  let w: World;
  let docId: string;
  let anchor: { start: { blockId: string; offset: number }; end: { blockId: string; offset: number } };
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await createLiveApp({ driver });
    w = await createWorld(t);
    docId = await createDocument(t, w, { open: true });
    const blocks = await blocksOf(t, docId);
    anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await t.close();
  });

  async function socket(token?: string) {
    const s = await TestSocket.open(t.wsUrl, { token });
    sockets.push(s);
    return s;
  }
  function newThread(token: string, body: string, attribution = 'named') {
    return t.call('POST', `/api/documents/${docId}/threads`, { token, body: { anchor, kind: 'comment', body, visibility: 'public', attribution } });
  }
  function eventOf(s: TestSocket, kind: string, threadId: string, check: (thread: ThreadData) => boolean = () => true): Promise<EventMessage> {
    return waitFor(() => s.events(docId).find((m) => m.kind === kind && (m.data.thread as ThreadData | undefined)?.id === threadId && check(m.data.thread as ThreadData)), 10_000, `${kind} of ${threadId}`);
  }

  it('sends the protocol version in `subscribed`', async () => {
    const s = await socket();
    const subscribed = await s.subscribe(docId);
    expect(subscribed).toMatchObject({ type: 'subscribed', documentId: docId, protocol: PROTOCOL_VERSION });
  });

  it('delivers comment.edited, endorsement.added, thread.resolved and thread.reopened, and comment.withdrawn, each with the thread as it now is', async () => {
    const watcher = await socket(w.nhri.token);
    await watcher.subscribe(docId);
    const created = await newThread(w.ngo.token, 'First wording');
    expect(created.statusCode).toBe(201);
    const thread = created.json().thread as ThreadData;
    const commentId = thread.comments[0].id;

    expect((await t.call('PATCH', `/api/comments/${commentId}`, { token: w.ngo.token, body: { body: 'Second wording' } })).statusCode).toBe(200);
    await eventOf(watcher, 'comment.edited', thread.id, (th) => th.comments[0].body === 'Second wording');

    expect((await t.call('POST', `/api/threads/${thread.id}/endorsements`, { token: w.otherNgo.token, body: { organizationId: w.otherNgoId } })).statusCode).toBe(201);
    await eventOf(watcher, 'endorsement.added', thread.id, (th) => th.endorsements.length === 1);

    const disposed = await t.call('POST', `/api/threads/${thread.id}/disposition`, { token: w.drafter.token, body: { value: 'noted', rationale: 'Taken into account.' } });
    expect(disposed.statusCode, disposed.body).toBe(200);
    expect((await t.call('POST', `/api/threads/${thread.id}/resolve`, { token: w.drafter.token })).statusCode).toBe(200);
    await eventOf(watcher, 'thread.resolved', thread.id, (th) => th.status === 'resolved');
    expect((await t.call('POST', `/api/threads/${thread.id}/reopen`, { token: w.drafter.token })).statusCode).toBe(200);
    await eventOf(watcher, 'thread.reopened', thread.id, (th) => th.status === 'open');

    const other = (await newThread(w.ngo.token, 'To be withdrawn')).json().thread as ThreadData;
    expect((await t.call('POST', `/api/comments/${other.comments[0].id}/withdraw`, { token: w.ngo.token })).statusCode).toBe(200);
    const withdrawn = await eventOf(watcher, 'comment.withdrawn', other.id, (th) => th.comments[0].withdrawn);
    expect((withdrawn.data.thread as ThreadData).comments[0].body).toBeUndefined();
    expect(JSON.stringify(withdrawn)).not.toContain('To be withdrawn');

    const seqs = watcher.events(docId).map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('gives each reader in an event exactly the thread GET /api/threads/:id gives them (drafter, another organisation, signed out; organisation-only author)', async () => {
    const readers = { drafter: w.drafter.token, otherNgo: w.otherNgo.token, signedOut: undefined } as const;
    const open: Record<string, TestSocket> = {};
    for (const [name, token] of Object.entries(readers)) {
      open[name] = await socket(token);
      await open[name].subscribe(docId);
    }
    const res = await newThread(w.ngo.token, 'Organisation-only parity', 'organization');
    expect(res.statusCode).toBe(201);
    const threadId = res.json().thread.id as string;
    for (const [name, token] of Object.entries(readers)) {
      const event = await eventOf(open[name], 'thread.created', threadId);
      const rest = await t.call('GET', `/api/threads/${threadId}`, { token });
      expect(rest.statusCode, name).toBe(200);
      expect(event.data.thread, name).toEqual(rest.json().thread ?? rest.json());
      expect(JSON.stringify(event), name).not.toContain(w.ngo.name);
    }
  });

  it('leaves no event and sends no notification for a write that rolls back', async () => {
    const notified: { documentId: string; seq: number }[] = [];
    const stop = await listen(t, (payload) => notified.push(JSON.parse(payload)));
    try {
      const before = await t.database.db.selectFrom('document').select('last_seq').where('id', '=', docId).executeTakeFirstOrThrow();
      await expect(
        t.database.db.transaction().execute(async (trx) => {
          await appendEventLast(trx, docId, 'document.updated', { changed: ['title'] }, w.drafter.id);
          throw new Error('the write fails after its event was appended');
        }),
      ).rejects.toThrow('the write fails');
      const after = await t.database.db.selectFrom('document').select('last_seq').where('id', '=', docId).executeTakeFirstOrThrow();
      expect(after.last_seq).toBe(before.last_seq);
      const rows = await t.database.db.selectFrom('document_event').select('seq').where('document_id', '=', docId).where('seq', '>', before.last_seq).execute();
      expect(rows).toEqual([]);
      // A committed write next: its notification is the first and only one this listener gets.
      expect((await t.call('PATCH', `/api/documents/${docId}`, { token: w.drafter.token, body: { title: 'Committed after a rollback' } })).statusCode).toBe(200);
      await waitFor(() => notified.length > 0, 10_000, 'the committed write’s notification');
      expect(notified).toEqual([{ documentId: docId, seq: before.last_seq + 1 }]);
      const kinds = await t.database.db.selectFrom('document_event').select(['seq', 'kind']).where('document_id', '=', docId).where('seq', '>', before.last_seq).execute();
      expect(kinds).toEqual([{ seq: before.last_seq + 1, kind: 'document.updated' }]);
    } finally {
      await stop();
    }
  });
});

/** LISTENs on the events channel beside the app's own listener: a pg client, or PGlite's listen. */
async function listen(t: LiveApp, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  if (t.database.kind === 'embedded') {
    const pglite = t.database.pglite as { listen(channel: string, cb: (payload: string) => void): Promise<() => Promise<void>> };
    return pglite.listen(EVENTS_CHANNEL, onPayload);
  }
  const client = new pg.Client({ connectionString: t.database.url as string });
  await client.connect();
  client.on('notification', (n) => onPayload(n.payload ?? ''));
  await client.query(`LISTEN ${EVENTS_CHANNEL}`);
  return () => client.end();
}
