/**
 * The hub on its own, over a real database (the app's writes make the events) with a recording
 * socket: a notification that lands while the first subscriber's document is being read is
 * not lost, and a burst of notifications is coalesced into fewer reads of the event log.
 * A Kysely plugin observes the hub's queries (and runs a write at a chosen moment); nothing is
 * mocked.
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../../shared/realtime.ts';
import { Hub } from '../../../server/realtime/hub.ts';
import { SocketClient } from '../../../server/realtime/socket-client.ts';
import { createThreadEventRenderer } from '../../../server/threads/event-renderer.ts';
import { waitFor } from '../../helpers/live.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

/** Counts reads of the event log and runs `onDocumentRead` once, after the next document row read. */
class Observer implements KyselyPlugin {
  eventReads = 0;
  onDocumentRead: (() => Promise<void>) | null = null;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node as { kind: string; from?: { froms: { table?: { identifier?: { name?: string } } }[] } };
    const tables = node.kind === 'SelectQueryNode' ? (node.from?.froms ?? []).map((f) => f.table?.identifier?.name) : [];
    if (tables.includes('document_event')) this.eventReads++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const row = args.result.rows[0];
    if (this.onDocumentRead && row && 'last_seq' in row && 'current_version' in row) {
      const hook = this.onDocumentRead;
      this.onDocumentRead = null;
      await hook();
    }
    return args.result;
  }
}

function recordingClient() {
  const messages: ServerMessage[] = [];
  const socket = { bufferedAmount: 0, send: (text: string) => messages.push(JSON.parse(text)), close() {}, terminate() {} } as unknown as WebSocket;
  return { client: new SocketClient(socket, null, null), messages };
}

function hubWith(observer: Observer) {
  const db = t.database.db.withPlugin(observer);
  return new Hub(db, createThreadEventRenderer(db));
}

describe('hub', () => {
  it('delivers an event committed and notified while the first subscriber of a document is being read (the channel did not exist yet)', async () => {
    const docId = await createDocument(t, w, { open: true });
    const observer = new Observer();
    const hub = hubWith(observer);
    const { client, messages } = recordingClient();
    // Right after the hub read the document row, and before it registered the channel: a write
    // commits (its event has the next seq) and its notification reaches this hub.
    observer.onDocumentRead = async () => {
      const res = await t.call('PATCH', `/api/documents/${docId}`, { token: w.drafter.token, body: { title: 'Renamed while subscribing' } });
      expect(res.statusCode).toBe(200);
      hub.nudge(docId);
    };
    await hub.subscribe(client, docId, undefined);
    const subscribed = messages.find((m) => m.type === 'subscribed') as { seq: number };
    expect(subscribed).toBeTruthy();
    const event = await waitFor(() => messages.find((m) => m.type === 'event' && m.kind === 'document.updated'), 5_000, 'the event that landed during subscribe');
    expect((event as { seq: number }).seq).toBe(subscribed.seq + 1);
    hub.drop(client);
  });

  it('coalesces a burst of 30 notifications into a few reads of the event log, and still sends every event once, in order', async () => {
    const docId = await createDocument(t, w, { open: true });
    const blocks = await blocksOf(t, docId);
    const anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 4 } };
    const observer = new Observer();
    const hub = hubWith(observer);
    const { client, messages } = recordingClient();
    await hub.subscribe(client, docId, undefined);
    const start = (messages.find((m) => m.type === 'subscribed') as { seq: number }).seq;
    // The initial read after subscribing is done before the burst starts.
    await waitFor(() => observer.eventReads >= 1, 5_000, 'the read after subscribing');
    const readsBefore = observer.eventReads;
    for (let i = 0; i < 30; i++) {
      const res = await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: `burst ${i}`, visibility: 'public', attribution: 'named' } });
      expect(res.statusCode).toBe(201);
    }
    // The 30 notifications arrive together, as they do after a burst of commits.
    for (let i = 0; i < 30; i++) hub.nudge(docId);
    const events = () => messages.filter((m): m is Extract<ServerMessage, { type: 'event' }> => m.type === 'event');
    await waitFor(() => events().length >= 30, 10_000, '30 events');
    expect(events().map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => start + 1 + i));
    const reads = observer.eventReads - readsBefore;
    expect(reads).toBeGreaterThanOrEqual(1);
    expect(reads).toBeLessThanOrEqual(3);
    hub.drop(client);
  });
});
