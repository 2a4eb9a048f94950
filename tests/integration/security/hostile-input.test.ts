/**
 * Property-based hostile input (fast-check) over every JSON write endpoint and the WebSocket.
 *
 * For each endpoint a valid body is mutated at random: a field (nested ones included) replaced
 * by a hostile string or an arbitrary JSON value, extra fields (mass assignment, `__proto__`,
 * `constructor`), fields removed, the whole body replaced, deep nesting, raw prototype-poisoning
 * JSON. Hostile strings mix NUL, lone surrogates, bidi overrides and isolates, zero-width
 * joiners, fully vowelled Arabic with tatweel, emoji sequences, huge strings and a 1 MB line.
 *
 * Properties, for every request:
 *  - never a 5xx;
 *  - a refused request (4xx) stores nothing: every table's row count is unchanged (a failed
 *    sign-in may add its own audit row, which is the point of it);
 *  - a refused request changes nothing another endpoint returns (thread list as another NGO,
 *    /api/me, the public document list);
 *  - Object.prototype is never polluted, and no account becomes admin.
 * Then random WebSocket frames never crash the server and it keeps answering.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveApp, type LiveApp, TestSocket, waitFor } from '../../helpers/live.ts';
import { PASSWORD, type TestUser, uniqueEmail } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

const RUNS = 35;
const ONE_MB_LINE = 'س'.repeat(300_000) + 'x'.repeat(400_000);
const SPECIALS = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uD83Dy',
  '\u202E',
  '\u202Eesnopser yrtsiniM\u202C',
  '\u202D\u202A\u202B\u202C',
  '\u2066x\u2067y\u2068z\u2069',
  '\u200B',
  'Ministry\u200B of Justice',
  '\u200C\u200D',
  'می\u200Cخواهم',
  'قَانُونُ العُقُوبَاتِ المُعَدَّلُ ـــــ',
  'ﷺ ﷽',
  '👨‍👩‍👧‍👦🇲🇦👍🏽🏳️‍🌈',
  '\uFEFF',
  '\u00AD',
  '\r\n\t\v\f',
  '<script>alert(1)</script>',
  "'; DROP TABLE comment; --",
  '=HYPERLINK("http://evil.example")',
  '../../../etc/passwd',
  '%00%2e%2e',
  '\\u0000',
  '__proto__',
  '9'.repeat(400),
];

const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 4, arbitrary: fc.constantFrom(...SPECIALS) },
  { weight: 3, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...SPECIALS), fc.string({ unit: 'grapheme', maxLength: 10 })).map(([a, b, c]) => a + b + c) },
  { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 120_000 }).map((n) => 'ع'.repeat(n)) },
  { weight: 1, arbitrary: fc.constant(ONE_MB_LINE) },
);
const hostileKey = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'authorId', 'status', 'approved', 'organizationId', 'visibility', 'createdAt', 'id'));
const { value: hostileJson } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 1, 1e308, -0, Number.MAX_SAFE_INTEGER),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }),
  ),
}));

type Plan =
  | { kind: 'replace'; path: number; value: unknown }
  | { kind: 'string'; path: number; value: string }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'drop'; path: number }
  | { kind: 'whole'; value: unknown }
  | { kind: 'deep'; depth: number }
  | { kind: 'proto'; which: number }
  | { kind: 'valid' };

const planArb: fc.Arbitrary<Plan> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('string' as const), path: fc.nat(), value: hostileString }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace' as const), path: fc.nat(), value: hostileJson }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('extra' as const), key: hostileKey, value: hostileJson }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), path: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('whole' as const), value: hostileJson }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deep' as const), depth: fc.integer({ min: 10, max: 5000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('proto' as const), which: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'valid' as const }) },
);

/** Every path to a leaf or a sub-object of a JSON body (so nested fields get hit too). */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== 'object') return [prefix];
  const out: string[][] = prefix.length ? [prefix] : [];
  for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}
function setPath(body: Record<string, unknown>, path: string[], value: unknown, drop = false): Record<string, unknown> {
  const copy = structuredClone(body);
  let node = copy as Record<string, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
  const last = path[path.length - 1];
  if (drop) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}
function payloadOf(valid: Record<string, unknown>, plan: Plan): string {
  const all = paths(valid);
  const pick = (n: number) => all[n % all.length];
  switch (plan.kind) {
    case 'valid':
      return JSON.stringify(valid);
    case 'string':
    case 'replace':
      return JSON.stringify(setPath(valid, pick(plan.path), plan.value));
    case 'drop':
      return JSON.stringify(setPath(valid, pick(plan.path), undefined, true));
    case 'extra':
      return JSON.stringify(setPath(valid, [plan.key], plan.value));
    case 'whole':
      return JSON.stringify(plan.value) ?? 'null';
    case 'deep':
      return `${JSON.stringify(valid).slice(0, -1)},"nest":${'['.repeat(plan.depth)}${']'.repeat(plan.depth)}}`;
    case 'proto': {
      const inner = JSON.stringify(valid).slice(1);
      return [
        `{"__proto__":{"isAdmin":true},${inner}`,
        `{"constructor":{"prototype":{"isAdmin":true}},${inner}`,
        `{"a":{"b":{"__proto__":{"isAdmin":true}}},${inner}`,
        `{"a":[{"constructor":{"prototype":{"approved":true}}}],${inner}`,
      ][plan.which];
    }
  }
}

let t: LiveApp;
let w: World;
let docId: string;
let patchDoc: string;
let planDoc: string;
let planBlock: string;
let anchor: { start: { blockId: string; offset: number }; end: { blockId: string; offset: number } };
let replyThread: string;
let editComment: string;
let disposeThread: string;
let hideComment: string;
let confidentialThread: string;

beforeAll(async () => {
  t = await createLiveApp();
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true });
  patchDoc = await createDocument(t, w, { open: true });
  planDoc = await createDocument(t, w, { open: true, kind: 'action_plan', text: 'Plan\nArticle 1\nThe State shall:\n(a) Train judges.\n(b) Open shelters.\n' });
  planBlock = (await blocksOf(t, planDoc, w.drafter.token)).find((b) => b.kind === 'point')?.id as string;
  const blocks = await blocksOf(t, docId);
  anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
  const open = async (u: TestUser, body: string, visibility = 'public') => {
    const res = await t.call('POST', `/api/documents/${docId}/threads`, { token: u.token, body: { anchor, kind: 'comment', body, visibility, attribution: 'organization' } });
    expect(res.statusCode).toBe(201);
    return res.json().thread as { id: string; comments: { id: string }[] };
  };
  replyThread = (await open(w.ngo, 'reply here')).id;
  editComment = (await open(w.ngo, 'edit me')).comments[0].id;
  disposeThread = (await open(w.ngo, 'dispose me')).id;
  hideComment = (await open(w.otherNgo, 'hide me')).comments[0].id;
  confidentialThread = (await open(w.ngo, 'HOSTILE-CONFIDENTIAL', 'confidential')).id;
}, 120_000);
afterAll(() => t.close());

const TABLES = ['account', 'session', 'organization', 'membership', 'document', 'document_invite', 'version', 'block', 'thread', 'thread_projection', 'comment', 'comment_revision', 'endorsement', 'document_event', 'audit_entry', 'idempotency_key', 'measure', 'reporting_period', 'assessment', 'assessment_revision'];
async function counts(): Promise<Record<string, number>> {
  // A refusal of a signed-in person is itself audited (access.denied, ASVS 16.3.2): that row is
  // the security log doing its job, not a stored change, so it is left out of the comparison.
  const countOf = (name: string) => (name === 'audit_entry' ? `(select count(*) from audit_entry where action not in ('access.denied', 'auth.session_rejected')) as ${name}` : `(select count(*) from ${name}) as ${name}`);
  const query = TABLES.map(countOf).join(', ');
  const { rows } = await sql.raw<Record<string, string>>(`select ${query}`).execute(t.database.db);
  return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
}
async function observed(): Promise<string> {
  const a = await t.call('GET', `/api/documents/${docId}/threads`, { token: w.otherNgo.token });
  const b = await t.call('GET', '/api/me', { token: w.ngo.token });
  const c = await t.call('GET', '/api/documents');
  return [a.body, b.body, c.body].join('\n');
}

interface Endpoint {
  name: string;
  method: string;
  url: () => string;
  token: () => string | undefined;
  valid: () => Record<string, unknown>;
  /** Tables a refused request may legitimately write (a failed sign-in is audited). */
  mayWriteOnFailure?: string[];
}

const source = (content: string) => ({ format: 'text', content });
const ENDPOINTS: Endpoint[] = [
  { name: 'register', method: 'POST', url: () => '/api/auth/register', token: () => undefined, valid: () => ({ email: uniqueEmail('fuzz'), password: PASSWORD, name: 'Fuzz Person' }) },
  { name: 'login', method: 'POST', url: () => '/api/auth/login', token: () => undefined, valid: () => ({ email: w.loner.email, password: PASSWORD }), mayWriteOnFailure: ['audit_entry'] },
  { name: 'organizations', method: 'POST', url: () => '/api/organizations', token: () => w.loner.token, valid: () => ({ name: 'Fuzz Org', kind: 'ngo', country: 'MA' }) },
  { name: 'members', method: 'POST', url: () => `/api/organizations/${w.otherNgoId}/members`, token: () => w.otherNgo.token, valid: () => ({ email: w.loner.email, role: 'member' }) },
  {
    name: 'documents create',
    method: 'POST',
    url: () => '/api/documents',
    token: () => w.drafter.token,
    valid: () => ({ title: 'Fuzz law', kind: 'law', organizationId: w.ministryId, visibility: 'invited', invitedOrganizationIds: [w.nhriId], language: 'ar', source: source('المادة 1\nنص.\n') }),
  },
  { name: 'documents preview', method: 'POST', url: () => '/api/documents/preview', token: () => w.drafter.token, valid: () => ({ language: 'en', source: source('Article 1\nText.\n') }) },
  { name: 'documents patch', method: 'PATCH', url: () => `/api/documents/${patchDoc}`, token: () => w.drafter.token, valid: () => ({ title: 'Renamed by fuzz', visibility: 'public' }) },
  { name: 'versions', method: 'POST', url: () => `/api/documents/${patchDoc}/versions`, token: () => w.drafter.token, valid: () => ({ note: 'fuzz version', source: source('Article 1\nThis law protects victims.\nArticle 2\nMore.\n') }) },
  { name: 'threads', method: 'POST', url: () => `/api/documents/${docId}/threads`, token: () => w.nhri.token, valid: () => ({ anchor, kind: 'suggestion', suggestion: 'better words', body: 'fuzz thread', visibility: 'public', attribution: 'named' }) },
  { name: 'comments', method: 'POST', url: () => `/api/threads/${replyThread}/comments`, token: () => w.ngoColleague.token, valid: () => ({ body: 'fuzz reply', attribution: 'organization' }) },
  { name: 'comment edit', method: 'PATCH', url: () => `/api/comments/${editComment}`, token: () => w.ngo.token, valid: () => ({ body: 'fuzz edit' }) },
  { name: 'disposition', method: 'POST', url: () => `/api/threads/${disposeThread}/disposition`, token: () => w.drafter.token, valid: () => ({ value: 'partially_accepted', rationale: 'because', appliedVersion: 1, appliedBlockIds: [anchor.start.blockId] }) },
  { name: 'endorsements', method: 'POST', url: () => `/api/threads/${disposeThread}/endorsements`, token: () => w.nhri.token, valid: () => ({ organizationId: w.nhriId }) },
  { name: 'hide', method: 'POST', url: () => `/api/comments/${hideComment}/hide`, token: () => w.admin.token, valid: () => ({ reason: 'fuzz moderation' }) },
  { name: 'measures', method: 'POST', url: () => `/api/documents/${planDoc}/measures`, token: () => w.drafter.token, valid: () => ({ blockId: planBlock, responsible: 'Ministry', indicator: 'Judges trained', baseline: '0', target: '100', deadline: '2027-12-31' }) },
  { name: 'periods', method: 'POST', url: () => `/api/documents/${planDoc}/periods`, token: () => w.nhri.token, valid: () => ({ label: `Fuzz ${Math.random()}`, startsOn: '2026-01-01', endsOn: '2026-06-30' }) },
];

describe('hostile JSON bodies on every write endpoint', () => {
  it.each(ENDPOINTS.map((e) => [e.name, e] as const))('%s: never a 5xx, nothing stored when refused, nothing else changed', async (_name, endpoint) => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(planArb, async (plan) => {
        const payload = payloadOf(endpoint.valid(), plan);
        const before = await counts();
        const seen = await observed();
        const token = endpoint.token();
        const res = await t.app.inject({
          method: endpoint.method as 'POST',
          url: endpoint.url(),
          payload,
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        });
        expect(res.statusCode, `${endpoint.name} ${payload.slice(0, 200)} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
        expect(({} as Record<string, unknown>).approved).toBeUndefined();
        if (res.statusCode >= 400) {
          refused++;
          const after = await counts();
          for (const table of endpoint.mayWriteOnFailure ?? []) {
            before[table] = after[table];
          }
          expect(after, `${endpoint.name} refused ${res.statusCode} but wrote rows: ${payload.slice(0, 200)}`).toEqual(before);
          expect(await observed()).toBe(seen);
          expect(res.json().error.code).toMatch(/^[a-z_]+$/);
          // LOG-118: error bodies never carry a stack trace, SQL or a file path.
          expect(res.body).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules|\bselect\b.+\bfrom\b|\binsert into\b|relation "|duplicate key|violates/i);
        }
      }),
      { numRuns: RUNS },
    );
    // The property is not vacuous: most mutations are refused.
    expect(refused).toBeGreaterThan(RUNS / 3);
  }, 120_000);

  it('after all of it: nobody became admin, the confidential thread is still hidden from another NGO, and the API answers', async () => {
    for (const u of [w.ngo, w.loner, w.otherNgo, w.drafter]) expect((await t.call('GET', '/api/me', { token: u.token })).json().user.isAdmin).toBe(false);
    expect((await t.call('GET', `/api/threads/${confidentialThread}`, { token: w.otherNgo.token })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/threads/${confidentialThread}`, { token: w.ngoColleague.token })).statusCode).toBe(200);
    const orgs = (await t.call('GET', '/api/organizations')).json() as { name: string; approved?: boolean }[];
    expect(orgs.some((o) => o.name === 'Fuzz Org')).toBe(false);
    expect((await t.call('GET', '/api/health')).statusCode).toBe(200);
  });
});

describe('hostile WebSocket frames', () => {
  const frameArb = fc.oneof(
    { weight: 3, arbitrary: hostileString.filter((s) => s.length < 60_000) },
    { weight: 3, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? 'null').filter((s) => s.length < 60_000) },
    {
      weight: 4,
      arbitrary: fc
        .record({ type: fc.oneof(fc.constantFrom('subscribe', 'unsubscribe', 'presence'), hostileString), documentId: fc.oneof(fc.constant('DOC'), hostileString, hostileJson), after: fc.oneof(fc.integer(), fc.double(), hostileJson), blockId: fc.oneof(hostileString, hostileJson) }, { requiredKeys: ['type'] })
        .map((m) => JSON.stringify(m).replaceAll('"DOC"', JSON.stringify(docId)))
        .filter((s) => s.length < 60_000),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)) },
    { weight: 1, arbitrary: fc.integer({ min: 10, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`) },
  );

  it('random frames never crash the server: each socket gets answers or a policy close, and the server keeps answering REST and new sockets', async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(frameArb, { minLength: 1, maxLength: 15 }), async (frames) => {
        const s = await TestSocket.open(t.wsUrl, { token: w.ngo.token }).catch((e) => {
          throw new Error(`upgrade refused: ${e.message}`);
        });
        try {
          for (const f of frames) s.ws.send(f);
          // A well-formed unsubscribe or presence frame gets no answer by design (API.md), so the probe is a
          // subscribe sent after the frames: the socket either still answers it or was closed for a stated reason.
          s.send({ type: 'subscribe', documentId: docId });
          await waitFor(() => s.closeCode !== null || s.messages.some((m) => m.type === 'subscribed' && m.documentId === docId), 5000, 'subscribed or a close');
          if (s.closeCode === null) answered++;
          else expect([1003, 1007, 1008, 1009, 4001]).toContain(s.closeCode);
          expect(s.raw.join('\n')).not.toContain('HOSTILE-CONFIDENTIAL');
        } finally {
          s.close();
        }
      }),
      { numRuns: 40 },
    );
    expect(answered).toBeGreaterThan(8);
    expect((await t.call('GET', '/api/health')).statusCode).toBe(200);
    const fresh = await TestSocket.open(t.wsUrl, { token: w.otherNgo.token });
    expect((await fresh.subscribe(docId)).type).toBe('subscribed');
    fresh.close();
  }, 120_000);

  it('raw protocol garbage on the upgrade path (bad versions, missing keys, junk after the handshake) is refused without taking the server down', async () => {
    const net = await import('node:net');
    const payloads = [
      'GET /api/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 8\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
      'GET /api/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n',
      'GET /api/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n\x81\xff\xff\xff\xff\xff\xff\xff\xff\xff',
      'GET /api/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n\x88\x80\x00\x00\x00\x00',
      '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03',
    ];
    for (const p of payloads) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(t.port, '127.0.0.1', () => socket.end(Buffer.from(p, 'latin1')));
        socket.on('data', () => {});
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
        socket.setTimeout(3000, () => {
          socket.destroy();
          resolve();
        });
      });
    }
    expect((await t.call('GET', '/api/health')).statusCode).toBe(200);
    const fresh = await TestSocket.open(t.wsUrl, { token: w.ngo.token });
    expect((await fresh.subscribe(docId)).type).toBe('subscribed');
    fresh.close();
  });
});
