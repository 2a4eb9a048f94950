/**
 * SECURITY.md catalogue: CSRF and cross-site WebSocket hijacking (CS 67–71, 74), WebSocket abuse
 * (WS 84/86/89/93/94), and the socket halves of AUTH-3 and AUTH-6, on a listening server.
 * WS-97 (no permessage-deflate) is already proven in tests/integration/realtime/socket-abuse.test.ts.
 */
import { sql } from 'kysely';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE } from '../../../shared/realtime.ts';
import { createLiveApp, type LiveApp, ORIGIN, TestSocket, waitFor } from '../../helpers/live.ts';
import { PASSWORD, registerUser } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: LiveApp;
let w: World;
let docId: string;
let embargoed: string;
let threadId: string;
let anchor: { start: { blockId: string; offset: number }; end: { blockId: string; offset: number } };
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await createLiveApp();
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true });
  embargoed = await createDocument(t, w, { open: true, visibility: 'invited', invited: [w.nhriId] });
  const blocks = await blocksOf(t, docId);
  anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
  threadId = (await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: 'csrf target', visibility: 'public', attribution: 'named' } })).json().thread.id;
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
async function cookieFor(email: string) {
  const login = await t.call('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  return { cookie: String(login.headers['set-cookie']).split(';')[0], token: login.json().token as string };
}
async function comments() {
  return Number((await sql<{ n: string }>`select count(*) as n from comment`.execute(t.database.db)).rows[0].n);
}

describe('CS-67 cross-site form POST', () => {
  it.each([['text/plain', 'body=hello'], ['application/x-www-form-urlencoded', 'body=hello'], ['application/json', '{"body":"hello"}']])(
    'CS-67 a cookie-authenticated POST from https://evil.example with %s is refused 403 by the origin check, and nothing is written',
    async (type, payload) => {
      const { cookie } = await cookieFor(w.ngo.email);
      const before = await comments();
      const res = await t.app.inject({ method: 'POST', url: `/api/threads/${threadId}/comments`, payload, headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': type } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('cross_origin_request');
      expect(await comments()).toBe(before);
    },
  );
});

describe('CS-68 missing Origin', () => {
  it('CS-68 a cookie POST with neither Origin nor Sec-Fetch-Site is 403; with Sec-Fetch-Site: same-origin or the platform Origin it is accepted', async () => {
    const { cookie } = await cookieFor(w.ngo.email);
    const before = await comments();
    const url = `/api/threads/${threadId}/comments`;
    const bare = await t.call('POST', url, { headers: { cookie }, body: { body: 'no origin' } });
    expect(bare.statusCode).toBe(403);
    const crossSite = await t.call('POST', url, { headers: { cookie, 'sec-fetch-site': 'cross-site' }, body: { body: 'cross-site, no origin' } });
    expect(crossSite.statusCode).toBe(403);
    expect(await comments()).toBe(before);
    expect((await t.call('POST', url, { headers: { cookie, origin: ORIGIN }, body: { body: 'from the platform' } })).statusCode).toBe(201);
    expect((await t.call('POST', url, { headers: { cookie, 'sec-fetch-site': 'same-origin' }, body: { body: 'same-origin fetch' } })).statusCode).toBe(201);
  });
});

describe('CS-69 same-site sibling subdomain and look-alike origins', () => {
  it.each([['http://evil.tashawur.test', 'same-site'], ['null', 'cross-site'], ['http://tashawur.test.evil.example', 'cross-site'], ['https://tashawur.test', 'same-site'], ['http://tashawur.test:8080', 'same-site'], ['HTTP://TASHAWUR.TEST ', 'same-site']])(
    'CS-69 Origin %j (Sec-Fetch-Site %s) is refused 403 for a cookie write, and for a bearer write too',
    async (origin, site) => {
      const { cookie, token } = await cookieFor(w.ngo.email);
      const before = await comments();
      const viaCookie = await t.call('POST', `/api/threads/${threadId}/comments`, { headers: { cookie, origin, 'sec-fetch-site': site }, body: { body: 'sibling' } });
      expect(viaCookie.statusCode).toBe(403);
      const viaBearer = await t.call('POST', `/api/threads/${threadId}/comments`, { token, headers: { origin, 'sec-fetch-site': site }, body: { body: 'sibling' } });
      expect(viaBearer.statusCode).toBe(403);
      expect(await comments()).toBe(before);
    },
  );
});

describe('CS-70 no state change on GET', () => {
  it('CS-70 GET and HEAD on resolve, reopen, withdraw, hide, logout, disposition and endorsements answer 404/405 and change nothing', async () => {
    const c = (await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: 'get target', visibility: 'public', attribution: 'named' } })).json().thread;
    await t.call('POST', `/api/threads/${c.id}/disposition`, { token: w.drafter.token, body: { value: 'noted' } });
    const snapshot = async () => (await sql<{ s: string }>`select md5(string_agg(t.status || coalesce(t.disposition,'') || coalesce(c.withdrawn_at::text,'') || coalesce(c.hidden_at::text,''), ',' order by c.id)) as s from thread t join comment c on c.thread_id = t.id`.execute(t.database.db)).rows[0].s;
    const before = await snapshot();
    for (const method of ['GET', 'HEAD']) {
      for (const [url, token] of [
        [`/api/threads/${c.id}/resolve`, w.drafter.token],
        [`/api/threads/${c.id}/reopen`, w.drafter.token],
        [`/api/threads/${c.id}/disposition`, w.drafter.token],
        [`/api/threads/${c.id}/endorsements`, w.otherNgo.token],
        [`/api/comments/${c.comments[0].id}/withdraw`, w.ngo.token],
        [`/api/comments/${c.comments[0].id}/hide`, w.admin.token],
        ['/api/auth/logout', w.ngo.token],
        [`/api/documents/${docId}/versions/publish`, w.drafter.token],
      ]) {
        const res = await t.call(method, url, { token });
        expect([method, url, [404, 405].includes(res.statusCode)]).toEqual([method, url, true]);
      }
    }
    expect(await snapshot()).toBe(before);
    expect((await t.call('GET', '/api/me', { token: w.ngo.token })).statusCode).toBe(200);
  });
});

describe('CS-71 cross-site WebSocket hijacking', () => {
  it.each([['https://evil.example'], ['null'], ['http://evil.tashawur.test'], ['http://tashawur.test.evil.example'], ['https://tashawur.test']])(
    'CS-71 an upgrade with a valid cookie and Origin %j gets HTTP 403, never 101',
    async (origin) => {
      const { cookie } = await cookieFor(w.ngo.email);
      await expect(TestSocket.open(t.wsUrl, { origin, headers: { cookie } })).rejects.toMatchObject({ statusCode: 403 });
    },
  );
});

describe('CS-74 CORS', () => {
  it('CS-74 a preflight and credentialed GETs from https://evil.example get no Access-Control-Allow-Origin and no Allow-Credentials', async () => {
    const { cookie } = await cookieFor(w.ngo.email);
    const responses = [
      await t.app.inject({ method: 'OPTIONS', url: `/api/threads/${threadId}/comments`, headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' } }),
      await t.call('GET', '/api/me', { headers: { cookie, origin: 'https://evil.example' } }),
      await t.call('GET', `/api/documents/${docId}/threads`, { headers: { cookie, origin: 'https://evil.example' } }),
      await t.call('GET', '/api/documents', { headers: { origin: 'null' } }),
    ];
    for (const res of responses) {
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });
});

describe('WS-84 oversized frame', () => {
  it('WS-84 a 2 MiB text frame closes that socket with 1009 while another socket keeps receiving events', async () => {
    const bystander = await open({ token: w.otherNgo.token });
    await bystander.subscribe(docId);
    const big = await open({ token: w.ngo.token });
    big.send(JSON.stringify({ type: 'subscribe', documentId: 'x'.repeat(2 * 1024 * 1024) }));
    await waitFor(() => big.closeCode !== null, 5000, 'close');
    expect(big.closeCode).toBe(CLOSE.TOO_BIG);
    const res = await t.call('POST', `/api/threads/${threadId}/comments`, { token: w.ngo.token, body: { body: 'after the big frame' } });
    await waitFor(() => bystander.events(docId).some((e) => e.kind === 'comment.created' && (e.data as { commentId?: string }).commentId === res.json().comment.id), 10_000, 'bystander event');
  });
});

describe('WS-86 message flood', () => {
  it('WS-86 10,000 messages in one burst get rate_limited then close 1008; another reader’s subscribe still answers within a second', async () => {
    const flooder = await open({ token: w.ngo.token });
    const other = await open({ token: w.otherNgo.token });
    for (let i = 0; i < 10_000; i++) flooder.send({ type: 'presence', documentId: docId });
    const started = performance.now();
    expect((await other.subscribe(docId)).type).toBe('subscribed');
    expect(performance.now() - started).toBeLessThan(1000);
    await waitFor(() => flooder.closeCode !== null, 10_000, 'flooder cut');
    expect(flooder.messages.some((m) => m.type === 'error' && m.code === 'rate_limited')).toBe(true);
    expect(flooder.closeCode).toBe(CLOSE.POLICY);
    expect((await t.call('GET', '/api/health')).statusCode).toBe(200);
  });
});

describe('WS-89 subscribing to a draft one may not read', () => {
  it('WS-89 an uninvited NGO gets the same not_found for an embargoed and a random id, and no event of the embargoed draft ever arrives while it is busy', async () => {
    const s = await open({ token: w.otherNgo.token });
    const a = await s.subscribe(embargoed);
    const b = await s.subscribe('doesNotExist0000000000');
    expect(a).toMatchObject({ type: 'error', code: 'not_found' });
    expect({ ...a, documentId: 'x' }).toEqual({ ...b, documentId: 'x' });
    // Also with after=0 (replay) and when subscribing twice.
    expect((await s.subscribe(embargoed, 0)).type).toBe('error');
    await s.subscribe(docId);
    const blocks = await blocksOf(t, embargoed, w.drafter.token);
    const ea = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 4 } };
    for (let i = 0; i < 5; i++) {
      expect((await t.call('POST', `/api/documents/${embargoed}/threads`, { token: w.nhri.token, body: { anchor: ea, kind: 'comment', body: `EMBARGO-BUSY-${i}`, visibility: 'public', attribution: 'named' } })).statusCode).toBe(201);
    }
    await t.call('PATCH', `/api/documents/${embargoed}`, { token: w.drafter.token, body: { title: 'EMBARGO-RENAMED' } });
    // A sentinel on the readable document: once it arrives, the embargoed events had their chance.
    const sentinel = await t.call('POST', `/api/threads/${threadId}/comments`, { token: w.ngo.token, body: { body: 'WS-89 sentinel' } });
    await waitFor(() => s.events(docId).some((e) => (e.data as { commentId?: string }).commentId === sentinel.json().comment.id), 10_000, 'sentinel');
    expect(s.events(embargoed)).toEqual([]);
    expect(s.raw.join('\n')).not.toMatch(/EMBARGO-BUSY|EMBARGO-RENAMED/);
  });
});

describe('WS-93 malformed messages', () => {
  it('WS-93 a binary frame, proto keys, operator objects, 30,000-deep JSON and junk types get error replies, never a crash; the socket still works', async () => {
    const s = await open({ token: w.ngo.token });
    const frames: (string | Buffer)[] = [
      Buffer.from([0xff, 0xfe, 0x00, 0x01]),
      '{"type":"subscribe","documentId":"x","__proto__":{"isAdmin":true}}',
      '{"type":"subscribe","documentId":{"$gt":""}}',
      `${'['.repeat(30_000)}${']'.repeat(30_000)}`,
      'null',
      '"subscribe"',
      '{"type":"subscribe","documentId":"\\u0000"}',
      '{"type":"unsubscribe","documentId":"never-subscribed"}',
      '\uD800',
    ];
    for (const f of frames) s.ws.send(f);
    await waitFor(() => s.messages.filter((m) => m.type === 'error').length >= 7, 5000, 'error replies');
    expect(s.closeCode).toBeNull();
    expect((await s.subscribe(docId)).type).toBe('subscribed');
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect((await t.call('GET', '/api/health')).statusCode).toBe(200);
  });
});

describe('WS-94 messages sent before asynchronous setup finishes', () => {
  it('WS-94 a subscribe sent in the same tick as open, by an invited reader, is answered as that reader (subscribed), not dropped nor anonymous', async () => {
    for (let i = 0; i < 5; i++) {
      const received: { type: string; documentId?: string }[] = [];
      const ws = await new Promise<WebSocket>((resolve, reject) => {
        const socket = new WebSocket(t.wsUrl, { headers: { authorization: `Bearer ${w.nhri.token}` } });
        socket.on('message', (d) => received.push(JSON.parse(d.toString())));
        socket.once('open', () => {
          // Same tick as the open event: nothing awaited in between.
          socket.send(JSON.stringify({ type: 'subscribe', documentId: embargoed }));
          socket.send(JSON.stringify({ type: 'subscribe', documentId: docId }));
          resolve(socket);
        });
        socket.once('error', reject);
      });
      await waitFor(() => received.filter((m) => m.type === 'subscribed').length === 2, 5000, 'both subscribed');
      expect(received.filter((m) => m.type === 'subscribed').map((m) => m.documentId).sort()).toEqual([embargoed, docId].sort());
      expect(received.some((m) => m.type === 'error')).toBe(false);
      ws.close();
    }
  });
});

describe('WS-97 compression is not negotiated', () => {
  it('WS-97 a handshake offering permessage-deflate gets a 101 without Sec-WebSocket-Extensions', async () => {
    const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      const ws = new WebSocket(t.wsUrl, { perMessageDeflate: true, headers: { authorization: `Bearer ${w.ngo.token}` } });
      ws.once('upgrade', (res) => {
        resolve(res.headers);
        ws.close();
      });
      ws.once('error', reject);
    });
    expect(headers['sec-websocket-extensions']).toBeUndefined();
  });
});

describe('AUTH-3 / AUTH-6 sockets of ended sessions', () => {
  it('AUTH-6 a password change closes every socket of the account (two sessions), not other people’s', async () => {
    const u = await registerUser(t);
    const second = (await t.call('POST', '/api/auth/login', { body: { email: u.email, password: PASSWORD } })).json().token;
    const a = await open({ token: u.token });
    const b = await open({ token: second });
    const bystander = await open({ token: w.otherNgo.token });
    await Promise.all([a.subscribe(docId), b.subscribe(docId), bystander.subscribe(docId)]);
    expect((await t.call('POST', '/api/auth/password', { token: u.token, body: { currentPassword: PASSWORD, newPassword: 'a completely new phrase' } })).statusCode).toBe(200);
    await waitFor(() => a.closeCode !== null && b.closeCode !== null, 5000, 'both closed');
    expect([a.closeCode, b.closeCode]).toEqual([CLOSE.SESSION_ENDED, CLOSE.SESSION_ENDED]);
    expect(bystander.closeCode).toBeNull();
  });

  // SECURITY.md AUTH-3: "the upgrade gets 401 before any 101" when it replays a signed-out
  // session (signed-out readers without credentials may still open sockets: DESIGN.md).
  it('AUTH-3 an upgrade that replays a signed-out token is refused with 401 before any 101', async () => {
    const u = await registerUser(t);
    await t.call('POST', '/api/auth/logout', { token: u.token });
    await expect(TestSocket.open(t.wsUrl, { token: u.token })).rejects.toMatchObject({ statusCode: 401 });
  });
});

describe('DESIGN presence', () => {
  it('presence shows names only to members of the same organisation; everyone else sees a count', async () => {
    const reader = await open({ token: w.ngo.token });
    const colleague = await open({ token: w.ngoColleague.token });
    const outsider = await open({ token: w.otherNgo.token });
    const drafter = await open({ token: w.drafter.token });
    for (const s of [reader, colleague, outsider, drafter]) await s.subscribe(docId);
    reader.send({ type: 'presence', documentId: docId, blockId: anchor.start.blockId });
    colleague.send({ type: 'presence', documentId: docId, blockId: anchor.start.blockId });
    const presenceOf = (s: TestSocket) => s.messages.filter((m) => m.type === 'presence');
    await waitFor(() => [colleague, outsider, drafter].every((s) => presenceOf(s).some((m) => (m as { readers: { total: number } }).readers.total >= 2)), 5000, 'presence');
    expect(JSON.stringify(presenceOf(colleague))).toContain(w.ngo.name);
    for (const s of [outsider, drafter]) {
      const bytes = JSON.stringify(presenceOf(s));
      expect(bytes).not.toContain(w.ngo.name);
      expect(bytes).not.toContain(w.ngoColleague.name);
      expect(bytes).not.toContain(w.ngo.id);
    }
  });
});
