/**
 * SECURITY.md catalogue: fault injection and recovery (FR 98–100, 107–109, 111, 113) on a
 * listening server over the shared PostgreSQL (or PGlite where noted). The other FR cases live
 * with the fault tests that start their own throwaway PostgreSQL or server processes:
 * FR-101 tests/integration/faults/postgres-freeze, FR-102 faults/postgres-restart,
 * FR-103 faults/listener-killed, FR-105 faults/kill-and-reconnect, FR-109 (SIGTERM on a real
 * process) faults/graceful-shutdown. The web client's side of FR-108 (reload on
 * `resync_required`) is client/tests/live-document-resync.test.ts.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyEvent, emptyState } from '../../../client/src/state/document-events.ts';
import { createLiveApp, type LiveApp, TestSocket, waitFor } from '../../helpers/live.ts';
import { serverSources } from '../../helpers/server-sources.ts';
import type { TestUser } from '../../helpers/test-app.ts';
import { defaultDriver } from '../../helpers/test-database.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

const onPostgres = defaultDriver() === 'postgres';
let t: LiveApp;
let w: World;
let docId: string;
let threadId: string;
let anchor: { start: { blockId: string; offset: number }; end: { blockId: string; offset: number } };
const sockets: TestSocket[] = [];
const proxies: TcpProxy[] = [];

beforeAll(async () => {
  t = await createLiveApp();
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true });
  const blocks = await blocksOf(t, docId);
  anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
  threadId = (await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: 'fault target', visibility: 'public', attribution: 'named' } })).json().thread.id;
});
afterAll(async () => {
  for (const s of sockets) s.ws.terminate();
  for (const p of proxies) await p.close();
  await t.close();
});

/**
 * A TCP proxy in front of the app. With `cutAfterHeaders`, it passes each response's status
 * line and headers to the client and then closes the connection: the body never arrives.
 * `reset()` sends a TCP RST on every client connection it carries.
 */
class TcpProxy {
  private constructor(
    private readonly server: net.Server,
    private readonly clients: Set<net.Socket>,
    readonly port: number,
  ) {}

  static async start(targetPort: number, options: { cutAfterHeaders?: boolean } = {}): Promise<TcpProxy> {
    const clients = new Set<net.Socket>();
    const server = net.createServer((client) => {
      clients.add(client);
      const upstream = net.connect(targetPort, '127.0.0.1');
      client.on('error', () => {});
      upstream.on('error', () => {});
      client.on('close', () => {
        clients.delete(client);
        upstream.destroy();
      });
      upstream.on('close', () => client.destroy());
      client.pipe(upstream);
      if (!options.cutAfterHeaders) {
        upstream.pipe(client);
        return;
      }
      let seen = Buffer.alloc(0);
      upstream.on('data', (chunk: Buffer) => {
        seen = Buffer.concat([seen, chunk]);
        const end = seen.indexOf('\r\n\r\n');
        if (end < 0) return;
        upstream.removeAllListeners('data');
        upstream.destroy();
        client.end(seen.subarray(0, end + 4));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new TcpProxy(server, clients, (server.address() as net.AddressInfo).port);
    proxies.push(proxy);
    return proxy;
  }

  reset(): void {
    for (const c of this.clients) c.resetAndDestroy();
  }

  close(): Promise<void> {
    for (const c of this.clients) c.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A POST over a fresh connection; `complete` is false when the body did not fully arrive. */
function rawPost(port: number, url: string, who: TestUser, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string; complete: boolean }> {
  return new Promise((resolve) => {
    const payload = JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: url, agent: false, headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('error', () => {});
      res.on('close', () => resolve({ status: res.statusCode ?? 0, body: text, complete: res.complete }));
    });
    req.on('error', () => resolve({ status: 0, body: '', complete: false }));
    req.end(payload);
  });
}

const commentRows = (body: string) => t.database.db.selectFrom('comment').select(['id']).where('body', '=', body).execute();
const reply = (who: TestUser, body: string, key?: string) => t.call('POST', `/api/threads/${threadId}/comments`, { token: who.token, body: { body }, headers: key ? { 'idempotency-key': key } : {} });

describe('FR-98 idempotent retry after a lost response', () => {
  it('FR-98 a comment whose response is cut right after the headers (TCP proxy) is committed once; the retry with the same Idempotency-Key returns the same comment id and status, and one row exists', async () => {
    const proxy = await TcpProxy.start(t.port, { cutAfterHeaders: true });
    const key = `fr98-${randomBytes(6).toString('hex')}`;
    const lost = await rawPost(proxy.port, `/api/threads/${threadId}/comments`, w.ngo, { body: 'FR-98 lost response' }, { 'idempotency-key': key });
    // The client saw the status line, but never the body with the comment's id.
    expect(lost.status).toBe(201);
    expect(lost.complete).toBe(false);
    expect(lost.body).not.toContain('"id"');
    const stored = await commentRows('FR-98 lost response');
    expect(stored).toHaveLength(1);

    const retry = await rawPost(t.port, `/api/threads/${threadId}/comments`, w.ngo, { body: 'FR-98 lost response' }, { 'idempotency-key': key });
    expect(retry.status).toBe(lost.status);
    expect(retry.complete).toBe(true);
    expect(JSON.parse(retry.body).comment.id).toBe(stored[0].id);
    expect(await commentRows('FR-98 lost response')).toHaveLength(1);
  });
});

describe('FR-99 key reused with another payload; concurrent duplicates', () => {
  it('FR-99 (a) the same key with a different body answers 422 idempotency_key_reused and stores nothing for it', async () => {
    const key = `fr99a-${randomBytes(6).toString('hex')}`;
    expect((await reply(w.ngo, 'FR-99 body one', key)).statusCode).toBe(201);
    const second = await reply(w.ngo, 'FR-99 body two', key);
    expect(second.statusCode).toBe(422);
    expect(second.json().error.code).toBe('idempotency_key_reused');
    expect(await commentRows('FR-99 body one')).toHaveLength(1);
    expect(await commentRows('FR-99 body two')).toHaveLength(0);
  });

  it('FR-99 (b) two POSTs with one key sent in parallel, 100 times: exactly one creates (201), the other is refused with 409 idempotency_key_in_use and Retry-After while it runs, or replays the same 201 once it is done; exactly one row', { timeout: 120_000 }, async () => {
    const send = (key: string, body: string) =>
      fetch(`http://127.0.0.1:${t.port}/api/threads/${threadId}/comments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${w.nhri.token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ body }),
      }).then(async (res) => ({ status: res.status, replayed: res.headers.get('idempotent-replayed'), retryAfter: res.headers.get('retry-after'), json: (await res.json()) as { comment?: { id: string }; error?: { code: string } } }));
    const odd: string[] = [];
    for (let i = 0; i < 100; i++) {
      const key = `fr99b-${i}-${randomBytes(4).toString('hex')}`;
      const body = `FR-99 race ${i}`;
      const [a, b] = await Promise.all([send(key, body), send(key, body)]);
      const created = [a, b].filter((r) => r.status === 201 && r.replayed === 'false');
      const other = created.length === 1 ? (created[0] === a ? b : a) : null;
      const refused = other?.status === 409 && other.json.error?.code === 'idempotency_key_in_use' && Number(other.retryAfter) >= 1;
      const replayed = other?.status === 201 && other.replayed === 'true' && other.json.comment?.id === created[0].json.comment?.id;
      if (!(refused || replayed)) odd.push(`${i}: ${a.status}/${a.replayed} ${b.status}/${b.replayed}`);
    }
    expect(odd).toEqual([]);
    const rows = await t.database.db.selectFrom('comment').select('body').where('body', 'like', 'FR-99 race %').execute();
    expect(rows).toHaveLength(100);
    expect(new Set(rows.map((r) => r.body)).size).toBe(100);
  });
});

// FR-100 allows either 400 IDEMPOTENCY_KEY_REQUIRED or a documented server-side fallback. The
// design chosen here (API.md: creating writes *accept* an Idempotency-Key) is neither: the key
// is optional, and a write without one is an ordinary write — sent twice, it is stored twice.
// The web client always sends a key (its outbox retries with it). This test pins that choice.
describe('FR-100 key missing', () => {
  it('FR-100 without Idempotency-Key a comment is accepted (201) and not de-duplicated: the same POST twice stores two rows; the OpenAPI description lists the header as optional', async () => {
    const first = await reply(w.ngo, 'FR-100 no key');
    const second = await reply(w.ngo, 'FR-100 no key');
    expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
    expect(second.json().comment.id).not.toBe(first.json().comment.id);
    expect(second.headers['idempotent-replayed']).toBe('false');
    expect(await commentRows('FR-100 no key')).toHaveLength(2);
    const spec = (await t.call('GET', '/api/docs/json')).json();
    const parameters = spec.paths['/api/threads/{id}/comments'].post.parameters as { name: string; in: string; required?: boolean }[];
    const header = parameters.find((p) => p.in === 'header' && p.name === 'idempotency-key');
    expect(header).toBeDefined();
    expect(header?.required ?? false).toBe(false);
  });
});

describe('FR-107 client connection dropped', () => {
  it('FR-107 after a TCP reset of its connection and 50 events published, the client resuming from its last seq gets exactly the 50 missing events in order, and its state holds each thread once', async () => {
    const proxy = await TcpProxy.start(t.port);
    const socket = await TestSocket.open(`ws://127.0.0.1:${proxy.port}/api/ws`, { token: w.nhri.token });
    sockets.push(socket);
    const { seq: start } = (await socket.subscribe(docId)) as { seq: number };
    const post = (i: number) => t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: `FR-107 ${i}`, visibility: 'public', attribution: 'named' } });
    for (let i = 0; i < 3; i++) expect((await post(i)).statusCode).toBe(201);
    await waitFor(() => socket.events(docId).length >= 3, 10_000, 'three events before the reset');
    const before = socket.events(docId);
    proxy.reset();
    await waitFor(() => socket.closeCode !== null, 10_000, 'the reset noticed');
    const last = before[before.length - 1].seq;
    expect(last).toBe(start + 3);
    for (let i = 3; i < 53; i++) expect((await post(i)).statusCode).toBe(201);

    const again = await TestSocket.open(`ws://127.0.0.1:${proxy.port}/api/ws`, { token: w.nhri.token });
    sockets.push(again);
    again.send({ type: 'subscribe', documentId: docId, after: last });
    await waitFor(() => again.events(docId).length >= 50, 20_000, 'the 50 missing events');
    await new Promise((r) => setTimeout(r, 200));
    const missed = again.events(docId);
    expect(missed.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => last + 1 + i));
    // The client's reducer (what the page shows): the events before the drop, a duplicate of the
    // last one (as a client resuming from an older seq would get), then the 50: 53 threads once each.
    let state = emptyState();
    for (const e of [...before, before[before.length - 1], ...missed]) state = applyEvent(state, e);
    const bodies = [...state.threads.values()].map((th) => th.comments[0].body);
    expect(bodies).toEqual(Array.from({ length: 53 }, (_, i) => `FR-107 ${i}`));
  });
});

describe('FR-108 resume from beyond retention', () => {
  it('FR-108 resuming from a very old seq (0) replays the whole log in order, with no gap and no resync: the event log is never trimmed', async () => {
    const doc = await createDocument(t, w, { open: true });
    const blocks = await blocksOf(t, doc);
    const a = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 4 } };
    for (let i = 0; i < 5; i++) await t.call('POST', `/api/documents/${doc}/threads`, { token: w.ngo.token, body: { anchor: a, kind: 'comment', body: `FR-108 old ${i}`, visibility: 'public', attribution: 'named' } });
    const last = (await t.database.db.selectFrom('document').select('last_seq').where('id', '=', doc).executeTakeFirstOrThrow()).last_seq;
    const socket = await TestSocket.open(t.wsUrl, { token: w.nhri.token });
    sockets.push(socket);
    socket.send({ type: 'subscribe', documentId: doc, after: 0 });
    await waitFor(() => socket.events(doc).length >= last, 10_000, 'the whole log');
    expect(socket.events(doc).map((e) => e.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(socket.messages.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('FR-108 resuming from a seq the document never reached gets an explicit resync_required frame before subscribed (never a silent gap), then the new events', async () => {
    const last = (await t.database.db.selectFrom('document').select('last_seq').where('id', '=', docId).executeTakeFirstOrThrow()).last_seq;
    const socket = await TestSocket.open(t.wsUrl, { token: w.nhri.token });
    sockets.push(socket);
    socket.send({ type: 'subscribe', documentId: docId, after: last + 1000 });
    await waitFor(() => socket.messages.some((m) => m.type === 'subscribed'), 10_000, 'subscribed');
    const [first, second] = socket.messages;
    expect(first).toMatchObject({ type: 'error', code: 'resync_required', documentId: docId });
    expect(second).toMatchObject({ type: 'subscribed', documentId: docId, seq: last });
    // From the seq in `subscribed` on, the reader is live again.
    await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: 'FR-108 after resync', visibility: 'public', attribution: 'named' } });
    await waitFor(() => socket.events(docId).length >= 1, 10_000, 'the next event');
    expect(socket.events(docId).map((e) => e.seq)).toEqual([last + 1]);
    // A normal resume (from the current seq) gets no such frame.
    const normal = await TestSocket.open(t.wsUrl, { token: w.nhri.token });
    sockets.push(normal);
    expect(await normal.subscribe(docId, last + 1)).toMatchObject({ type: 'subscribed', seq: last + 1 });
    expect(normal.messages.filter((m) => m.type === 'error')).toEqual([]);
  });
});

describe('FR-109 graceful shutdown, in process', () => {
  it.skipIf(!onPostgres)('FR-109 while closing, a new request on a kept-alive connection gets 503, the POST in flight completes (201, committed) with Connection: close, app.close() returns at once, and the LISTEN connection is gone', async () => {
    const app = await createLiveApp();
    const lock = new pg.Client({ connectionString: app.database.url as string });
    await lock.connect();
    const connections: net.Socket[] = [];
    try {
      const ww = await createWorld(app);
      const doc = await createDocument(app, ww, { open: true });
      const blocks = await blocksOf(app, doc);
      const a = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 4 } };
      // Hold the document's row: the POST below waits inside its transaction, in flight.
      await lock.query('begin');
      await lock.query('select 1 from document where id = $1 for update', [doc]);
      const payload = JSON.stringify({ anchor: a, kind: 'comment', body: 'FR-109 in flight', visibility: 'public', attribution: 'named' });
      const conn = net.connect(app.port, '127.0.0.1');
      connections.push(conn);
      let received = '';
      conn.on('data', (chunk) => {
        received += chunk.toString();
      });
      const ended = new Promise<void>((resolve) => conn.on('close', () => resolve()));
      conn.write(`POST /api/documents/${doc}/threads HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ww.ngo.token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`);
      const waiting = async () => (await lock.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0].n > 0;
      for (let i = 0; i < 200 && !(await waiting()); i++) await new Promise((r) => setTimeout(r, 10));
      expect(await waiting()).toBe(true);

      // A second kept-alive connection, in the middle of sending a request when closing starts
      // (so it is not idle and stays open): the request it completes afterwards is refused.
      const late = net.connect(app.port, '127.0.0.1');
      connections.push(late);
      let lateReceived = '';
      late.on('data', (chunk) => {
        lateReceived += chunk.toString();
      });
      late.on('error', () => {});
      await new Promise<void>((resolve) => late.once('connect', () => resolve()));
      late.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      await new Promise((r) => setTimeout(r, 100));

      const closing = app.app.close();
      await new Promise((r) => setTimeout(r, 100));
      late.write('Connection: keep-alive\r\n\r\n');
      await waitFor(() => lateReceived.includes('\r\n\r\n'), 5_000, 'an answer while closing');
      await lock.query('rollback');
      // The in-flight answer ends its connection (Connection: close), so closing does not wait
      // for the 72 s keep-alive timeout: app.close() returns well within the process deadline.
      let closed = false;
      void Promise.all([ended, closing]).then(() => {
        closed = true;
      });
      for (let i = 0; i < 500 && !closed; i++) await new Promise((r) => setTimeout(r, 10));
      expect(closed).toBe(true);
      const statuses = (text: string) => [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
      expect(statuses(lateReceived), lateReceived).toEqual([503]);
      // In the API's error shape, with Retry-After, like every other refusal.
      await waitFor(() => lateReceived.includes('"code":"service_unavailable"'), 5_000, 'the API error body');
      expect(lateReceived).toMatch(/^retry-after: 5\r$/im);
      expect(statuses(received)).toEqual([201]);
      expect(received).toMatch(/^connection: close\r$/im);
      expect(await app.database.db.selectFrom('comment').select('id').where('body', '=', 'FR-109 in flight').execute()).toHaveLength(1);
      const listeners = await lock.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'tashawur-listener'`);
      expect(listeners.rows[0].n).toBe(0);
    } finally {
      for (const c of connections) c.destroy();
      await lock.end().catch(() => {});
      await app.app.close();
      await app.database.close();
    }
  });
});

describe('FR-111 NOTIFY payloads carry no secrets', () => {
  it.skipIf(!onPostgres)('FR-111 a separate low-privilege role LISTENing on the app channel sees only {documentId, seq} while confidential and organisation-only comments are posted', async () => {
    const serverUrl = inject('pgUrl') as string;
    const role = `tashawur_fr111_${randomBytes(5).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create role ${role} login nosuperuser nocreatedb nocreaterole noinherit password '${password}'`);
    const url = new URL(t.database.url as string);
    url.username = role;
    url.password = password;
    const spy = new pg.Client({ connectionString: url.toString() });
    try {
      await spy.connect();
      // Low privilege indeed: it cannot read the tables.
      await expect(spy.query('select body from comment limit 1')).rejects.toThrow(/permission denied/);
      const payloads: string[] = [];
      spy.on('notification', (n) => payloads.push(n.payload ?? ''));
      await spy.query('listen tashawur_events');
      const secrets = ['FR-111 confidential SECRET-BODY-1', 'FR-111 org-only SECRET-BODY-2', 'FR-111 suggestion SECRET-BODY-3'];
      const posted = [
        await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: secrets[0], visibility: 'confidential', attribution: 'named' } }),
        await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: secrets[1], visibility: 'public', attribution: 'organization' } }),
        await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngoColleague.token, body: { anchor, kind: 'suggestion', suggestion: 'REPLACEMENT-SECRET', body: secrets[2], visibility: 'confidential', attribution: 'anonymous' } }),
      ];
      expect(posted.map((p) => p.statusCode)).toEqual([201, 201, 201]);
      const confidentialThread = posted[0].json().thread.id as string;
      expect((await t.call('POST', `/api/threads/${confidentialThread}/comments`, { token: w.ngoColleague.token, body: { body: 'FR-111 confidential reply SECRET-BODY-4' } })).statusCode).toBe(201);
      await waitFor(() => payloads.length >= 4, 10_000, 'four notifications');
      for (const raw of payloads) {
        const parsed = JSON.parse(raw);
        expect(Object.keys(parsed).sort()).toEqual(['documentId', 'seq']);
        expect(parsed.documentId).toBe(docId);
        expect(Number.isInteger(parsed.seq)).toBe(true);
      }
      const all = payloads.join('\n');
      for (const secret of [...secrets, 'SECRET-BODY-4', 'REPLACEMENT-SECRET', w.ngo.name, w.ngo.email, w.ngoColleague.name, w.ngoColleague.email, w.ngo.id, w.ngoColleague.id, w.ngoId, 'Migrant Rights']) {
        expect(all).not.toContain(secret);
      }
    } finally {
      await spy.end().catch(() => {});
      await admin.query(`drop role if exists ${role}`);
      await admin.end();
    }
  });
});

describe('FR-113 the record cannot be changed', () => {
  /** Runs a statement as the app's own database role, inside a transaction that never commits. */
  const attempt = (statement: ReturnType<typeof sql>) =>
    t.database.db.transaction().execute(async (trx) => {
      await statement.execute(trx);
      throw new Error('ROLLBACK: the statement was allowed');
    });
  const BLOCKED = /permission denied|append-only|not allowed/i;

  it('FR-113 as the app database role, UPDATE and DELETE on existing comment revisions, events and audit rows, and DELETE on comments, threads and versions, are refused; the rows are unchanged', async () => {
    const c = await reply(w.ngo, 'FR-113 original wording');
    const commentId = c.json().comment.id as string;
    expect((await t.call('PATCH', `/api/comments/${commentId}`, { token: w.ngo.token, body: { body: 'FR-113 second wording' } })).statusCode).toBe(200);
    const count = async (table: string) => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(t.database.db)).rows[0].n);
    const tables = ['comment_revision', 'document_event', 'audit_entry', 'comment', 'thread', 'version'];
    const before = await Promise.all(tables.map(count));
    expect(before.every((n) => n > 0)).toBe(true);

    const refused: [string, ReturnType<typeof sql>][] = [
      ['update comment_revision', sql`update comment_revision set body = 'forged' where comment_id = ${commentId}`],
      ['delete comment_revision', sql`delete from comment_revision where comment_id = ${commentId}`],
      ['update document_event', sql`update document_event set kind = 'forged' where document_id = ${docId}`],
      ['delete document_event', sql`delete from document_event where document_id = ${docId}`],
      ['update audit_entry', sql`update audit_entry set action = 'forged'`],
      ['delete audit_entry', sql`delete from audit_entry`],
      ['delete comment', sql`delete from comment where id = ${commentId}`],
      ['delete thread', sql`delete from thread where id = ${threadId}`],
      ['delete version', sql`delete from version where document_id = ${docId}`],
    ];
    for (const [label, statement] of refused) {
      const error = await attempt(statement).then(
        () => null,
        (e: Error) => e.message,
      );
      expect([label, error]).toEqual([label, expect.stringMatching(BLOCKED)]);
    }
    expect(await Promise.all(tables.map(count))).toEqual(before);
    const revisions = await t.database.db.selectFrom('comment_revision').select('body').where('comment_id', '=', commentId).execute();
    expect(revisions.map((r) => r.body)).toEqual(['FR-113 original wording']);
  });

  it('FR-113 an edit through the API adds a revision row holding the previous wording, and the comment shows the new one', async () => {
    const c = await reply(w.ngo, 'FR-113 first');
    const commentId = c.json().comment.id as string;
    const revisions = () => t.database.db.selectFrom('comment_revision').select('body').where('comment_id', '=', commentId).orderBy('created_at').execute();
    expect(await revisions()).toEqual([]);
    for (const next of ['FR-113 second', 'FR-113 third']) {
      const edit = await t.call('PATCH', `/api/comments/${commentId}`, { token: w.ngo.token, body: { body: next } });
      expect(edit.statusCode).toBe(200);
      expect(edit.json().comment.body).toBe(next);
    }
    expect((await revisions()).map((r) => r.body)).toEqual(['FR-113 first', 'FR-113 second']);
  });

  it('FR-113 no server code path UPDATEs or DELETEs the append-only tables (revisions, events, audit) nor DELETEs comments', () => {
    const files = serverSources();
    const appendOnly = 'comment_revision|document_event|audit_entry';
    const patterns = [
      new RegExp(`(updateTable|deleteFrom)\\(\\s*['"\`](${appendOnly})['"\`]`, 'g'),
      new RegExp(`\\b(update|delete\\s+from)\\s+"?(${appendOnly})\\b`, 'gi'),
      /deleteFrom\(\s*['"`]comment['"`]/g,
      /\bdelete\s+from\s+"?comment\b/gi,
      /\btruncate\b/gi,
    ];
    const found: string[] = [];
    for (const { file, text } of files) {
      for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(`${file}: ${m[0]}`);
    }
    expect(files.length).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });
});
