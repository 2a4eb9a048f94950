/**
 * SECURITY.md catalogue: rate limiting and flooding (RL 76, 77, 78, 80, 82) and WebSocket abuse
 * (WS 85, 87, 88). Related cases proven elsewhere, not repeated here: the sign-in and
 * registration limits themselves in tests/integration/auth/rate-limits.test.ts; a slow reader
 * cut with 4001 while one other keeps up (a smaller WS-87) in
 * tests/integration/realtime/socket-abuse.test.ts; WS-84/86/89/93/94/97 in catalogue-csrf-ws.
 *
 * Time is compressed: "100 POSTs in 60 s" or "2 per minute for 5 minutes" run in a burst, which
 * only makes a fixed one-minute window stricter. Latency targets (RL-80's p99) belong to the
 * benchmarks, not to timed tests: here the 429s and the accepted writes are asserted.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../../../server/db/ids.ts';
import { loadConfig } from '../../../server/config.ts';
import { MAX_BUFFERED } from '../../../server/realtime/socket-client.ts';
import { CLOSE } from '../../../shared/realtime.ts';
import { createLiveApp, type LiveApp, TestSocket, waitFor } from '../../helpers/live.ts';
import { addMember, createTestApp, PASSWORD, registerUser, type TestApp, type TestUser, uniqueEmail } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';
import { createPlan, openPeriod } from '../monitoring/plan.ts';

/** RL-80: exports wait on this gate while it is closed, so "running at once" is deterministic. */
const gate = vi.hoisted(() => ({ closed: null as Promise<void> | null, held: 0 }));
vi.mock('../../../server/documents/exports.service.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../server/documents/exports.service.ts')>();
  return {
    ...real,
    exportVersion: async (...args: Parameters<typeof real.exportVersion>) => {
      if (gate.closed) {
        gate.held++;
        await gate.closed.finally(() => gate.held--);
      }
      return real.exportVersion(...args);
    },
  };
});

type Anchor = { start: { blockId: string; offset: number }; end: { blockId: string; offset: number } };
const OFFICE_IP = '203.0.113.7';

async function anchorOf(t: TestApp, docId: string): Promise<Anchor> {
  const blocks = await blocksOf(t, docId);
  return { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
}
async function count(t: TestApp, query: ReturnType<typeof sql<{ n: string }>>) {
  return Number((await query.execute(t.database.db)).rows[0].n);
}
const post = (t: TestApp, url: string, token: string | null, body: unknown, headers: Record<string, string> = {}, remoteAddress?: string) =>
  t.app.inject({
    method: 'POST',
    url,
    remoteAddress,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  });

describe('RL-76 comment flood from one user', () => {
  let t: TestApp;
  let w: World;
  let docId: string;
  let anchor: Anchor;
  beforeAll(async () => {
    t = await createTestApp({ config: { rateLimits: { writesPerMinute: 10 } } });
    w = await createWorld(t);
    docId = await createDocument(t, w, { open: true });
    anchor = await anchorOf(t, docId);
  });
  afterAll(() => t.close());

  it('RL-76 100 parallel thread/comment POSTs by one account: 10 accepted and persisted, 90 answered 429 rate_limited with Retry-After and RateLimit-* headers, writing no row, event or idempotency record; another account is unaffected', async () => {
    const thread = await post(t, `/api/documents/${docId}/threads`, w.ngo.token, { anchor, kind: 'comment', body: 'RL-76 first', visibility: 'public', attribution: 'named' });
    expect(thread.statusCode).toBe(201);
    const threadId = thread.json().thread.id as string;
    const events = () => count(t, sql<{ n: string }>`select count(*) as n from document_event where document_id = ${docId}`);
    const keys = () => count(t, sql<{ n: string }>`select count(*) as n from idempotency_key where account_id = ${w.ngo.id}`);
    const [eventsBefore, keysBefore] = [await events(), await keys()];
    // 99 more in one burst, new threads and replies mixed (one counter for both), each with an Idempotency-Key.
    const responses = await Promise.all(
      Array.from({ length: 99 }, (_, i) =>
        i % 3 === 0
          ? post(t, `/api/documents/${docId}/threads`, w.ngo.token, { anchor, kind: 'comment', body: `RL-76 flood ${i}`, visibility: 'public', attribution: 'named' }, { 'idempotency-key': `rl76-${i}` })
          : post(t, `/api/threads/${threadId}/comments`, w.ngo.token, { body: `RL-76 flood ${i}` }, { 'idempotency-key': `rl76-${i}` }),
      ),
    );
    const accepted = responses.flatMap((r, i) => (r.statusCode === 201 ? [i] : []));
    const refused = responses.flatMap((r, i) => (r.statusCode === 429 ? [i] : []));
    expect(accepted.length).toBe(9); // plus the first thread: 10 in the minute
    expect(refused.length).toBe(90);
    for (const i of refused) {
      const r = responses[i];
      expect(r.json().error.code).toBe('rate_limited');
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(r.headers['ratelimit-limit']).toBe('10');
      expect(r.headers['ratelimit-remaining']).toBe('0');
      expect(Number(r.headers['ratelimit-reset'])).toBeGreaterThan(0);
    }
    // Every accepted write is there; no refused one left a trace.
    const bodies = (await sql<{ body: string }>`select c.body from comment c join thread th on th.id = c.thread_id where th.document_id = ${docId} and c.body like 'RL-76 flood %'`.execute(t.database.db)).rows.map((r) => r.body).sort();
    expect(bodies).toEqual(accepted.map((i) => `RL-76 flood ${i}`).sort());
    expect(await events()).toBe(eventsBefore + accepted.length);
    expect(await keys()).toBe(keysBefore + accepted.length);
    // Per account: a colleague behind the same address still writes.
    expect((await post(t, `/api/threads/${threadId}/comments`, w.ngoColleague.token, { body: 'RL-76 colleague' })).statusCode).toBe(201);
    expect((await post(t, `/api/threads/${threadId}/comments`, w.ngo.token, { body: 'RL-76 still limited' })).statusCode).toBe(429);
  });
});

describe('RL-77 office NAT fairness', () => {
  let t: TestApp;
  let w: World;
  const office: TestUser[] = [];
  beforeAll(async () => {
    // The default write limit; 30 registrations and 15 sign-ins per address and hour/minute.
    t = await createTestApp({ config: { rateLimits: { writesPerMinute: loadConfig({}).rateLimits.writesPerMinute, registerPerHour: 30, loginPerMinute: 5 } } });
    w = await createWorld(t);
    // 30 NGO members, all registering from the office's one public address.
    for (let i = 0; i < 30; i++) {
      const email = uniqueEmail('office');
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/register', remoteAddress: OFFICE_IP, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email, password: PASSWORD, name: `Office Worker ${i}` }) });
      expect(res.statusCode).toBe(201);
      const user = { id: res.json().user.id, email, name: `Office Worker ${i}`, token: res.json().token };
      await addMember(t, w.ngo, w.ngoId, user);
      office.push(user);
    }
  });
  afterAll(() => t.close());

  it('RL-77 30 signed-in people behind one address post 10 comments each (300 from the address, 10× the per-account limit) and none is throttled, while signed-out requests from that address are limited per address', async () => {
    expect(loadConfig({}).rateLimits.writesPerMinute).toBe(30);
    const docId = await createDocument(t, w, { open: true });
    const anchor = await anchorOf(t, docId);
    const threadId = (await post(t, `/api/documents/${docId}/threads`, w.ngo.token, { anchor, kind: 'comment', body: 'RL-77 thread', visibility: 'public', attribution: 'named' })).json().thread.id;

    // Signed out from the office address: comment POSTs are refused 401, then 429 past the limit (keyed per address)…
    const anonymous: number[] = [];
    for (let i = 0; i < 32; i++) anonymous.push((await post(t, `/api/threads/${threadId}/comments`, null, { body: 'anonymous' }, {}, OFFICE_IP)).statusCode);
    expect(anonymous.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(anonymous.slice(30)).toEqual([429, 429]);
    // …so are sign-ins (15 a minute per address; distinct unknown emails, so the per-account limit is not what answers)…
    const logins: number[] = [];
    for (let i = 0; i < 17; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: OFFICE_IP, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: `nobody${i}@office.test`, password: 'wrong password!' }) });
      logins.push(res.statusCode);
    }
    expect(logins.slice(0, 15).every((s) => s === 401)).toBe(true);
    expect(logins.slice(15)).toEqual([429, 429]);
    // …and registrations (30 an hour per address, all used by the office).
    const late = await t.app.inject({ method: 'POST', url: '/api/auth/register', remoteAddress: OFFICE_IP, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: uniqueEmail('late'), password: PASSWORD, name: 'Late Comer' }) });
    expect(late.statusCode).toBe(429);

    // The signed-in people are keyed per account: 300 comments from the same address, all accepted.
    const statuses = (
      await Promise.all(office.map(async (u, k) => {
        const mine: number[] = [];
        for (let i = 0; i < 10; i++) mine.push((await post(t, `/api/threads/${threadId}/comments`, u.token, { body: `office ${k}/${i}` }, {}, OFFICE_IP)).statusCode);
        return mine;
      }))
    ).flat();
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(await count(t, sql<{ n: string }>`select count(*) as n from comment where thread_id = ${threadId} and body like 'office %'`)).toBe(300);
  });
});

describe('RL-78 spoofed X-Forwarded-For', () => {
  let t: TestApp;
  const PROXY = '10.0.0.1';
  const register = (remoteAddress: string, xff: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/register', remoteAddress, headers: { 'content-type': 'application/json', 'x-forwarded-for': xff }, payload: JSON.stringify({ email: uniqueEmail('xff'), password: PASSWORD, name: 'Forwarded Person' }) });
  const randomIp = () => `198.51.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 254) + 1}`;
  beforeAll(async () => {
    t = await createTestApp({ config: { trustProxy: PROXY, rateLimits: { registerPerHour: 3 } } });
  });
  afterAll(() => t.close());

  it('RL-78 with trustProxy set to the one proxy address, direct requests carrying a random X-Forwarded-For each are still limited on the real peer address', async () => {
    const direct: number[] = [];
    for (let i = 0; i < 6; i++) direct.push((await register('192.0.2.50', randomIp())).statusCode);
    expect(direct).toEqual([201, 201, 201, 429, 429, 429]);
    // Through the trusted proxy, the client address it appends is the key: a spoofed prefix
    // does not help the client, and other clients behind the proxy are not blocked.
    const client = '198.51.100.9';
    const viaProxy: number[] = [];
    for (let i = 0; i < 5; i++) viaProxy.push((await register(PROXY, `${randomIp()}, ${client}`)).statusCode);
    expect(viaProxy).toEqual([201, 201, 201, 429, 429]);
    expect((await register(PROXY, '198.51.100.10')).statusCode).toBe(201);
  });
});

describe('RL-80 expensive endpoints', () => {
  let t: TestApp;
  let w: World;
  let docId: string;
  let threadId: string;
  let plan: { id: string };
  let periodId: string;
  beforeAll(async () => {
    t = await createTestApp({ config: { rateLimits: { exportsAtOnce: 4, exportsPerAccount: 2 } } });
    w = await createWorld(t);
    docId = await createDocument(t, w, { open: true });
    const anchor = await anchorOf(t, docId);
    threadId = (await post(t, `/api/documents/${docId}/threads`, w.ngo.token, { anchor, kind: 'comment', body: 'RL-80 thread', visibility: 'public', attribution: 'named' })).json().thread.id;
    plan = await createPlan(t, w);
    periodId = (await openPeriod(t, w.nhri, plan.id, '2026 H1', '2026-01-01', '2026-06-30')).id;
  });
  afterAll(() => t.close());

  const exportAs = (token: string | null) => t.call('GET', `/api/documents/${docId}/versions/1/export?format=docx`, { token });

  it('RL-80 10 parallel exports: 4 run, 6 get 429 rate_limited with Retry-After at once; the comment-report and monitoring-report share the cap; 40 comments posted meanwhile are all accepted', async () => {
    let open = () => {};
    gate.closed = new Promise<void>((r) => {
      open = r;
    });
    try {
      const people = [w.ngo, w.ngoColleague, w.otherNgo, w.nhri, w.loner];
      const exports = people.flatMap((u) => [exportAs(u.token), exportAs(u.token)]);
      await waitFor(() => gate.held === 4, 10_000, 'four exports running');
      // The six refused ones are answered while the four are still running.
      const settled = await Promise.race([Promise.allSettled(exports), new Promise((r) => setTimeout(() => r('pending'), 300))]);
      expect(settled).toBe('pending');
      const reports = await Promise.all([
        t.call('GET', `/api/documents/${docId}/report?format=csv`, { token: w.drafter.token }),
        t.call('GET', `/api/documents/${plan.id}/periods/${periodId}/report?format=html`, { token: w.drafter.token }),
      ]);
      // Comments keep being accepted meanwhile.
      const comments = await Promise.all(Array.from({ length: 40 }, (_, i) => t.call('POST', `/api/threads/${threadId}/comments`, { token: [w.ngo, w.ngoColleague, w.otherNgo, w.nhri][i % 4].token, body: { body: `RL-80 during exports ${i}` } })));
      expect(comments.map((c) => c.statusCode)).toEqual(Array(40).fill(201));
      open();
      const done = await Promise.all(exports);
      const codes = done.map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 200, 200, 200, 429, 429, 429, 429, 429, 429]);
      for (const r of [...done.filter((d) => d.statusCode === 429), ...reports]) {
        expect(r.statusCode).toBe(429);
        expect(r.json().error.code).toBe('rate_limited');
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      }
      // Slots are given back: the reports and exports run again.
      expect((await t.call('GET', `/api/documents/${docId}/report?format=csv`, { token: w.drafter.token })).statusCode).toBe(200);
      expect((await t.call('GET', `/api/documents/${plan.id}/periods/${periodId}/report?format=html`, { token: w.drafter.token })).statusCode).toBe(200);
      expect((await exportAs(null)).statusCode).toBe(200);
    } finally {
      open();
      gate.closed = null;
    }
  });

  it('RL-80 one account holds at most 2 at once: its third parallel export is refused while another account still gets a slot', async () => {
    let open = () => {};
    gate.closed = new Promise<void>((r) => {
      open = r;
    });
    try {
      const mine = [exportAs(w.ngo.token), exportAs(w.ngo.token)];
      await waitFor(() => gate.held === 2, 10_000, 'two exports running');
      const third = await exportAs(w.ngo.token);
      expect(third.statusCode).toBe(429);
      const other = exportAs(w.otherNgo.token);
      await waitFor(() => gate.held === 3, 10_000, 'another account running');
      open();
      expect((await Promise.all([...mine, other])).map((r) => r.statusCode)).toEqual([200, 200, 200]);
    } finally {
      open();
      gate.closed = null;
    }
  });
});

describe('RL-82 password reset and registration throttles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { rateLimits: { registerPerHour: 5 } } });
  });
  afterAll(() => t.close());

  it('RL-82 there is no password reset and no e-mail (DESIGN.md, API.md): the reset URLs answer the same 404 as any unknown route, so nothing can be made to send mail', async () => {
    const unknown = await t.call('POST', '/api/auth/no-such-route', { body: { email: 'x@tashawur.test' } });
    expect(unknown.statusCode).toBe(404);
    for (const url of ['/api/auth/reset', '/api/auth/password-reset', '/api/auth/forgot', '/api/auth/password/reset']) {
      for (let i = 0; i < 50; i++) {
        const res = await t.call('POST', url, { body: { email: 'victim@tashawur.test' } });
        expect([url, res.statusCode, res.body]).toEqual([url, 404, unknown.body]);
      }
    }
  });

  it('RL-82 50 registrations from one address, for a taken e-mail and for new ones: 5 are answered, the other 45 get the identical 429 whichever e-mail they name; another address is unaffected', async () => {
    const taken = await registerUser(t, { email: uniqueEmail('taken') });
    const answers: { status: number; body: string }[] = [];
    for (let i = 0; i < 50; i++) {
      const email = i % 2 === 0 ? taken.email : uniqueEmail('fresh');
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/register', remoteAddress: '192.0.2.82', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email, password: PASSWORD, name: 'Fresh Person' }) });
      answers.push({ status: res.statusCode, body: res.body });
    }
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([409, 201, 409, 201, 409]);
    const limited = answers.slice(5);
    expect(limited.every((a) => a.status === 429)).toBe(true);
    expect(new Set(limited.map((a) => a.body)).size).toBe(1);
    expect(JSON.parse(limited[0].body).error.code).toBe('rate_limited');
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/auth/register', remoteAddress: '192.0.2.83', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: uniqueEmail('other'), password: PASSWORD, name: 'Other Place' }) });
    expect(elsewhere.statusCode).toBe(201);
  });
});

describe('WS-85 / WS-87 on one server', () => {
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
  async function open(options: Parameters<typeof TestSocket.open>[1] = {}) {
    const s = await TestSocket.open(t.wsUrl, options);
    sockets.push(s);
    return s;
  }

  it('WS-85 one message sent as 200,000 one-byte fragments is closed 1008 (ws >= 8.21 maxFragments, 16,384 on the server); a 16,000-fragment message under the limit is still served, and other sockets are unaffected', async () => {
    // The installed ws and the lockfile both have the 8.21.0 fix (maxFragments, default 16,384 on a server).
    const installed = JSON.parse(fs.readFileSync('node_modules/ws/package.json', 'utf8')).version as string;
    const locked = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')).packages['node_modules/ws'].version as string;
    for (const v of [installed, locked]) {
      const [major, minor] = v.split('.').map(Number);
      expect(major > 8 || (major === 8 && minor >= 21), v).toBe(true);
    }
    const bystander = await open({ token: w.otherNgo.token });
    const s = await open({ token: w.ngo.token });
    for (let i = 0; i < 199_999; i++) s.ws.send('x', { fin: false });
    s.ws.send('x', { fin: true });
    await waitFor(() => s.closeCode !== null, 20_000, 'fragmented socket closed');
    expect(s.closeCode).toBe(CLOSE.POLICY);
    // Legitimate fragmentation under the cap: a subscribe padded with JSON whitespace to 16,000 bytes, one byte per fragment.
    const ok = await open({ token: w.ngo.token });
    const json = `{"type":"subscribe","documentId":"${docId}"}`;
    const text = json.slice(0, -1) + ' '.repeat(16_000 - json.length) + json.slice(-1);
    for (let i = 0; i < text.length - 1; i++) ok.ws.send(text[i], { fin: false });
    ok.ws.send(text[text.length - 1], { fin: true });
    await waitFor(() => ok.messages.some((m) => m.type === 'subscribed'), 20_000, 'subscribed through fragments');
    expect(ok.closeCode).toBeNull();
    expect((await bystander.subscribe(docId)).type).toBe('subscribed');
  });

  it('WS-87 a subscriber that stops reading while 5,000 events are published is closed 4001 with its server buffer capped; 10 readers get all 5,000 in order; reconnecting with its last seq it gets every event it missed', async () => {
    // A template thread with a 2 KB comment, cloned in SQL: events of ~2.5 KB, ~12 MB in all,
    // far more than the paused socket's kernel buffers and the 1 MiB server cap.
    const anchor = await anchorOf(t, docId);
    const template = (await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: `WS-87 ${'y'.repeat(2000)}`, visibility: 'public', attribution: 'named' } })).json().thread.id as string;
    const readers = await Promise.all(Array.from({ length: 10 }, () => open()));
    const slow = await open();
    const start = ((await slow.subscribe(docId)) as { seq: number }).seq;
    for (const r of readers) await r.subscribe(docId);
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();

    let maxBuffered = 0;
    const sampler = setInterval(() => {
      for (const c of t.app.websocketServer.clients) maxBuffered = Math.max(maxBuffered, c.bufferedAmount);
    }, 5);
    const columns = async (table: string) => (await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = ${table} and table_schema = current_schema() order by ordinal_position`.execute(t.database.db)).rows.map((r) => r.column_name);
    const threadCols = await columns('thread');
    const commentCols = await columns('comment');
    const TOTAL = 5000;
    // 50 commits of 100 events (250 KB), each one read by the ten readers before the next: readers
    // in this very process can only read between batches, and a batch sent to a socket in one go
    // must stay under the 1 MiB cap for a reader that keeps up.
    const PER_TX = 100;
    try {
      for (let b = 0; b < TOTAL / PER_TX; b++) {
        const threadIds = Array.from({ length: PER_TX }, () => newId());
        const commentIds = Array.from({ length: PER_TX }, () => newId());
        await t.database.db.transaction().execute(async (trx) => {
          await sql`insert into thread (${sql.join(threadCols.map((c) => sql.ref(c)))}) select ${sql.join(threadCols.map((c) => (c === 'id' ? sql`n.id` : sql.ref(`t.${c}`))))} from thread t, unnest(${threadIds}::text[]) as n(id) where t.id = ${template}`.execute(trx);
          await sql`insert into comment (${sql.join(commentCols.map((c) => sql.ref(c)))}) select ${sql.join(commentCols.map((c) => (c === 'id' ? sql`n.cid` : c === 'thread_id' ? sql`n.tid` : sql.ref(`c.${c}`))))} from comment c, unnest(${commentIds}::text[], ${threadIds}::text[]) as n(cid, tid) where c.thread_id = ${template}`.execute(trx);
          const { rows } = await sql<{ last_seq: number }>`update document set last_seq = last_seq + ${PER_TX} where id = ${docId} returning last_seq`.execute(trx);
          const first = rows[0].last_seq - PER_TX + 1;
          await sql`insert into document_event (document_id, seq, kind, payload, actor_id) select ${docId}, ${first} + n.i - 1, 'thread.created', json_build_object('threadId', n.tid), ${w.ngo.id} from unnest(${threadIds}::text[]) with ordinality as n(tid, i)`.execute(trx);
          await sql`select pg_notify('tashawur_events', json_build_object('documentId', ${docId}::text, 'seq', ${rows[0].last_seq}::int)::text)`.execute(trx);
        });
        await waitFor(() => readers.every((r) => r.events(docId).length >= (b + 1) * PER_TX), 30_000, `batch ${b} read`);
        expect(readers.map((r) => r.closeCode)).toEqual(Array(10).fill(null));
      }
      const everything = Array.from({ length: TOTAL }, (_, i) => start + 1 + i);
      await waitFor(() => readers.every((r) => r.events(docId).length >= TOTAL), 60_000, 'the ten readers have everything');
      for (const r of readers) expect(r.events(docId).map((e) => e.seq)).toEqual(everything);
      // No server socket's send buffer ever went past the cap (plus the one event that tipped it).
      expect(maxBuffered).toBeGreaterThan(0);
      expect(maxBuffered).toBeLessThanOrEqual(MAX_BUFFERED + 16 * 1024);
      (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
      await waitFor(() => slow.closeCode !== null, 60_000, 'slow reader cut');
      expect(slow.closeCode).toBe(CLOSE.RESYNC);
      const seen = slow.events(docId).map((e) => e.seq);
      expect(seen.length).toBeLessThan(TOTAL);
      const lastSeen = seen.length ? seen[seen.length - 1] : start;
      expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => start + 1 + i));
      // Reconnect and resume from the last seq seen: every missed event, in order, none twice.
      const again = await open();
      await again.subscribe(docId, lastSeen);
      await waitFor(() => again.events(docId).length >= start + TOTAL - lastSeen, 60_000, 'replay after reconnect');
      expect([...seen, ...again.events(docId).map((e) => e.seq)]).toEqual(everything);
    } finally {
      clearInterval(sampler);
    }
  }, 120_000);
});

describe('WS-88 idle connections', () => {
  let t: LiveApp;
  let w: World;
  let docId: string;
  let registeredDoc: string;
  // Compressed from the production 30 s, but long enough that a loaded CI machine's scheduling
  // delays (server and clients share this process) stay well inside one period.
  const HEARTBEAT = 1_500;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    t = await createLiveApp({ config: { realtime: { heartbeatMs: HEARTBEAT, socketsPerAccount: 20 } } });
    w = await createWorld(t);
    docId = await createDocument(t, w, { open: true });
    registeredDoc = await createDocument(t, w, { open: true, visibility: 'registered' });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });
  async function open(options: Parameters<typeof TestSocket.open>[1] = {}) {
    const s = await TestSocket.open(t.wsUrl, options);
    sockets.push(s);
    return s;
  }
  const serverSockets = () => t.app.websocketServer.clients.size;

  it('WS-88 signed-out upgrades open by design (DESIGN.md: the public reads public drafts, live too) but see only public drafts; refused credentials get 401 before any 101', async () => {
    const anonymous = await open();
    expect((await anonymous.subscribe(docId)).type).toBe('subscribed');
    expect(await anonymous.subscribe(registeredDoc)).toMatchObject({ type: 'error', code: 'not_found' });
    await expect(TestSocket.open(t.wsUrl, { token: 'not-a-real-token' })).rejects.toMatchObject({ statusCode: 401 });
  });

  it('WS-88 one account holds at most 20 sockets: the 21st upgrade gets HTTP 429 before any 101; other accounts are unaffected; closing one frees its place, round after round', async () => {
    for (let round = 0; round < 3; round++) {
      const mine = await Promise.all(Array.from({ length: 20 }, () => TestSocket.open(t.wsUrl, { token: w.ngo.token })));
      await expect(TestSocket.open(t.wsUrl, { token: w.ngo.token })).rejects.toMatchObject({ statusCode: 429 });
      const other = await TestSocket.open(t.wsUrl, { token: w.otherNgo.token });
      expect((await other.subscribe(docId)).type).toBe('subscribed');
      other.close();
      mine[0].close();
      await waitFor(() => mine[0].closeCode !== null, 5000, 'one closed');
      // The server counts the close when its side of the socket ends: retry briefly.
      let r: TestSocket | null = null;
      for (let i = 0; i < 50 && !r; i++) {
        r = await TestSocket.open(t.wsUrl, { token: w.ngo.token }).catch(() => null);
        if (!r) await new Promise((x) => setTimeout(x, 20));
      }
      expect(r).not.toBeNull();
      for (const s of [...mine, r as TestSocket]) s.close();
      await waitFor(() => [...mine, r as TestSocket].every((s) => s.closeCode !== null), 5000, 'round closed');
    }
  });

  it('WS-88 a peer that never answers pings is dropped within two heartbeat periods, while a live idle peer stays', async () => {
    const live = await open({ token: w.nhri.token });
    const before = serverSockets();
    const dead = new WebSocket(t.wsUrl, { autoPong: false, headers: { authorization: `Bearer ${w.loner.token}` } });
    const opened = await new Promise<number>((resolve, reject) => {
      dead.once('open', () => resolve(Date.now()));
      dead.once('error', reject);
    });
    const closedAt = await new Promise<number>((resolve) => dead.once('close', () => resolve(Date.now())));
    const elapsed = closedAt - opened;
    expect(elapsed).toBeGreaterThanOrEqual(HEARTBEAT);
    expect(elapsed).toBeLessThanOrEqual(2 * HEARTBEAT + HEARTBEAT / 2);
    await waitFor(() => serverSockets() === before, 2000, 'dead peer gone from the server');
    // Idle but answering pings: still open after five periods.
    await new Promise((r) => setTimeout(r, 5 * HEARTBEAT));
    expect(live.closeCode).toBeNull();
    expect((await live.subscribe(docId)).type).toBe('subscribed');
  });

  it('WS-88 300 sockets (signed-out and signed-in) open, subscribe and close without leaking: the server ends with the sockets it started with and still serves', async () => {
    const before = serverSockets();
    const people = [w.ngo, w.ngoColleague, w.otherNgo, w.nhri, w.loner, w.drafter, w.otherDrafter, w.admin];
    for (let round = 0; round < 2; round++) {
      const batch = await Promise.all(Array.from({ length: 150 }, (_, i) => TestSocket.open(t.wsUrl, i % 2 === 0 ? {} : { token: people[i % people.length].token })));
      await Promise.all(batch.map((s) => s.subscribe(docId)));
      expect(serverSockets()).toBe(before + 150);
      for (const s of batch) s.close();
      await waitFor(() => serverSockets() === before, 10_000, 'all closed on the server');
    }
    // The per-account counters went back to zero too: a full 20 opens again for one of them.
    const full = await Promise.all(Array.from({ length: 20 }, () => TestSocket.open(t.wsUrl, { token: w.ngo.token })));
    for (const s of full) s.close();
    expect((await t.call('GET', '/api/health')).statusCode).toBe(200);
  });
});
