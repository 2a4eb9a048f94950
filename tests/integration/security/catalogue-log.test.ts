/**
 * SECURITY.md catalogue, logging and audit (LOG 115, 117, 118): audit rows exist for the
 * security-relevant actions and never hold comment text or the identity of an
 * organisation-only author; the process log holds no bodies, tokens, passwords or socket
 * messages; errors are generic (no stack, no SQL) and the process survives them.
 */
import { sql } from 'kysely';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCall, type ServerProcess, startServerProcess } from '../../helpers/processes.ts';
import { ADMIN_EMAIL, createTestApp, PASSWORD, type TestApp } from '../../helpers/test-app.ts';
import { createTestDatabase } from '../../helpers/test-database.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

const BODY = 'LOG-CONFIDENTIAL-BODY-6612';
let t: TestApp;
let w: World;
let docId: string;
let threadId: string;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true });
  const blocks = await blocksOf(t, docId);
  const anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
  const res = await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'suggestion', suggestion: `${BODY} wording`, body: BODY, visibility: 'confidential', attribution: 'organization' } });
  threadId = res.json().thread.id;
  const reply = await t.call('POST', `/api/threads/${threadId}/comments`, { token: w.ngoColleague.token, body: { body: `${BODY} reply` } });
  await t.call('PATCH', `/api/comments/${res.json().thread.comments[0].id}`, { token: w.ngo.token, body: { body: `${BODY} edited` } });
  await t.call('POST', `/api/threads/${threadId}/disposition`, { token: w.drafter.token, body: { value: 'rejected', rationale: 'on the record' } });
  await t.call('POST', `/api/threads/${threadId}/resolve`, { token: w.drafter.token });
  const pub = await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: `${BODY} public`, visibility: 'public', attribution: 'organization' } });
  await t.call('POST', `/api/comments/${pub.json().thread.comments[0].id}/hide`, { token: w.admin.token, body: { reason: 'abusive' } });
  await t.call('POST', `/api/documents/${docId}/versions`, { token: w.drafter.token, body: { note: 'v2', source: { format: 'text', content: 'Article 1\nThis law protects victims of trafficking.\nArticle 2\nChanged.\n' } } });
  await t.call('POST', '/api/auth/login', { body: { email: w.ngo.email, password: 'not the password' } });
  await t.call('POST', '/api/auth/login', { body: { email: 'nobody@tashawur.test', password: 'not the password' } });
  await t.call('POST', '/api/auth/login', { body: { email: w.ngo.email, password: PASSWORD } });
  expect(reply.statusCode).toBe(201);
});
afterAll(() => t.close());

async function auditRows() {
  return t.database.db.selectFrom('audit_entry').selectAll().execute();
}

describe('LOG-115 audit events are complete and minimal', () => {
  it('LOG-115 entries exist, with actor, object and a UTC time, for sign-in, failed sign-in, role changes, approval, moderation, disposition, resolve and version publication', async () => {
    const rows = await auditRows();
    const has = (action: string, where: (r: (typeof rows)[number]) => boolean = () => true) => rows.some((r) => r.action === action && where(r));
    expect(has('auth.login', (r) => r.actor_id === w.ngo.id)).toBe(true);
    expect(has('auth.login_failed', (r) => r.actor_id === w.ngo.id)).toBe(true);
    expect(has('auth.login_failed', (r) => r.actor_id === null)).toBe(true);
    expect(has('membership.set', (r) => r.actor_id === w.ngo.id)).toBe(true); // the colleague was added by the lead
    expect(has('organization.approved', (r) => r.actor_id === w.admin.id)).toBe(true);
    expect(has('comment.hidden', (r) => r.actor_id === w.admin.id)).toBe(true);
    expect(has('thread.disposed', (r) => r.actor_id === w.drafter.id && r.object_id === threadId)).toBe(true);
    expect(has('thread.resolved', (r) => r.actor_id === w.drafter.id && r.object_id === threadId)).toBe(true);
    expect(has('version.published', (r) => r.actor_id === w.drafter.id && r.document_id === docId)).toBe(true);
    for (const r of rows) {
      expect(r.at).toBeInstanceOf(Date);
      expect(Math.abs(new Date(r.at).getTime() - Date.now())).toBeLessThan(10 * 60_000);
    }
    // The API presents times in UTC (ISO 8601 with Z).
    const view = (await t.call('GET', `/api/documents/${docId}/audit`, { token: w.drafter.token })).json() as { at: string }[];
    expect(view.every((e) => /Z$/.test(e.at))).toBe(true);
  });

  it('LOG-115 no audit row holds a comment body, suggestion, or the name or email of anyone (only account ids)', async () => {
    const bytes = JSON.stringify(await auditRows());
    expect(bytes).not.toContain(BODY);
    for (const u of [w.ngo, w.ngoColleague, w.drafter, w.admin]) {
      expect(bytes).not.toContain(u.email);
      expect(bytes).not.toContain(u.name);
    }
    expect(bytes).not.toContain(PASSWORD);
    expect(bytes).not.toContain(w.ngo.token);
  });

  it('LOG-115 every audit row names the request that wrote it, and that id is the x-request-id the caller was given', async () => {
    const rows = await auditRows();
    const missing = rows.filter((r) => typeof (r.detail as { requestId?: unknown }).requestId !== 'string');
    expect(missing.map((r) => r.action)).toEqual([]);
    const res = await t.call('POST', `/api/threads/${threadId}/reopen`, { token: w.drafter.token });
    expect(res.statusCode).toBe(200);
    const id = String(res.headers['x-request-id']);
    expect(id).not.toBe('undefined');
    const row = (await auditRows()).find((r) => r.action === 'thread.reopened' && r.object_id === threadId);
    expect(row?.detail).toMatchObject({ requestId: id });
  });

  // SECURITY.md LOG-115 lists exports among the audited actions. report.service.ts reportFile()
  // appends no audit entry. Fix: in threads.routes.ts GET /documents/:id/report (and the version
  // export and periodic report routes), appendAudit({actorId, action: 'report.exported',
  // objectType: 'document', objectId, documentId, detail: {format}}).
  it('LOG-115 exporting the comment-response report leaves an audit entry', async () => {
    const before = (await auditRows()).length;
    expect((await t.call('GET', `/api/documents/${docId}/report?format=csv`, { token: w.drafter.token })).statusCode).toBe(200);
    const after = await auditRows();
    expect(after.length).toBeGreaterThan(before);
    expect(after.some((r) => /export|report/.test(r.action) && r.document_id === docId)).toBe(true);
  });

  // SECURITY.md LOG-115 / ASVS 16.3.2: authorisation failures are logged. A 403 (an NGO trying
  // to dispose) leaves no trace. Fix: in error-handler.ts, for AppError with status 403 on a
  // request with an actor, appendAudit({actorId, action: 'access.denied', detail: {route:
  // request.routeOptions.url, method}}) (rate-limited per actor); never the body.
  it('LOG-115 a permission denial leaves an audit entry', async () => {
    const before = (await auditRows()).length;
    expect((await t.call('POST', `/api/threads/${threadId}/reopen`, { token: w.otherNgo.token })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/documents/${docId}/versions`, { token: w.ngo.token, body: { note: 'x', source: { format: 'text', content: 'A\n' } } })).statusCode).toBe(403);
    expect((await auditRows()).length).toBeGreaterThan(before);
  });
});

describe('LOG-118 generic errors', () => {
  it('LOG-118 a database failure answers 500 with a generic body and a correlation id (no stack, no SQL); the process survives; validation errors stay specific 4xx', async () => {
    const db = await createTestDatabase();
    const app = await createTestApp({ database: db });
    try {
      const world = await createWorld(app);
      const doc = await createDocument(app, world, { open: true });
      await sql`alter table thread rename to thread_gone`.execute(app.database.db);
      const res = await app.call('GET', `/api/documents/${doc}/threads`, { token: world.ngo.token });
      expect(res.statusCode).toBe(500);
      const body = res.json();
      expect(Object.keys(body)).toEqual(['error']);
      expect(body.error.code).toBe('internal_error');
      expect(body.error.message).toMatch(/req-[\w-]+/);
      for (const leak of [/thread/i, /select|relation|from\s/i, /\bat\s+\S+\s*\(/, /\.ts:\d+/, /postgres|kysely|pg\b/i]) expect(res.body).not.toMatch(leak);
      await sql`alter table thread_gone rename to thread`.execute(app.database.db);
      expect((await app.call('GET', `/api/documents/${doc}/threads`, { token: world.ngo.token })).statusCode).toBe(200);
      const invalid = await app.call('POST', `/api/documents/${doc}/threads`, { token: world.ngo.token, body: { kind: 'comment' } });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().error.message).toMatch(/anchor|required|body/i);
    } finally {
      await app.close();
    }
  });
});

describe('LOG-117 logs minimise data', () => {
  let server: ServerProcess;
  let closeDb: () => Promise<void>;
  beforeAll(async () => {
    const db = await createTestDatabase();
    closeDb = () => db.close();
    server = await startServerProcess(db.url as string, { LOG_LEVEL: 'debug' });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    await closeDb?.();
  });

  it('LOG-117 at debug level the process log holds no password, token, comment body, socket message or org-only author e-mail', async () => {
    const call = (method: string, url: string, options: Parameters<typeof httpCall>[3] = {}) => httpCall(server.base, method, url, options);
    const admin = (await call('POST', '/api/auth/register', { body: { email: ADMIN_EMAIL, password: PASSWORD, name: 'Admin Log' } })).json();
    const secretPassword = 'LOG-PASSWORD-correct-horse-1234';
    const author = (await call('POST', '/api/auth/register', { body: { email: 'log.author@tashawur.test', password: secretPassword, name: 'Hidden Log Author' } })).json();
    const drafter = (await call('POST', '/api/auth/register', { body: { email: 'log.drafter@tashawur.test', password: PASSWORD, name: 'Log Drafter' } })).json();
    const org = (await call('POST', '/api/organizations', { token: author.token, body: { name: 'Log NGO', kind: 'ngo', country: 'MA' } })).json().organization.id;
    const gov = (await call('POST', '/api/organizations', { token: drafter.token, body: { name: 'Log Ministry', kind: 'government', country: 'MA' } })).json().organization.id;
    for (const id of [org, gov]) await call('POST', `/api/organizations/${id}/approve`, { token: admin.token });
    const doc = (await call('POST', '/api/documents', { token: drafter.token, body: { title: 'Log law', kind: 'law', organizationId: gov, visibility: 'public', language: 'en', source: { format: 'text', content: 'Article 1\nThe text of the law.\n' } } })).json().document.id;
    await call('PATCH', `/api/documents/${doc}`, { token: drafter.token, body: { status: 'open' } });
    const blocks = (await call('GET', `/api/documents/${doc}`)).json().blocks;
    const anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 4 } };
    const th = await call('POST', `/api/documents/${doc}/threads`, { token: author.token, body: { anchor, kind: 'comment', body: BODY, visibility: 'confidential', attribution: 'organization' } });
    expect(th.status).toBe(201);
    await call('POST', '/api/auth/login', { body: { email: 'log.author@tashawur.test', password: 'LOG-WRONG-PASSWORD-999' } });
    await call('POST', `/api/documents/${doc}/threads`, { token: author.token, body: { anchor, kind: 'comment', body: `${BODY}\u0000`, visibility: 'public', attribution: 'named' } });
    const ws = new WebSocket(server.wsUrl, { headers: { authorization: `Bearer ${author.token}` } });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'subscribe', documentId: doc, note: 'LOG-WS-MESSAGE-4242' }));
    ws.send('LOG-WS-GARBAGE-4343');
    await new Promise((resolve) => setTimeout(resolve, 300));
    ws.close();
    await call('GET', `/api/me`, { headers: { cookie: `tashawur_session=${author.token}` } });
    const out = server.output();
    expect(out.length).toBeGreaterThan(100); // the log is really written at this level
    for (const secret of [secretPassword, 'LOG-WRONG-PASSWORD-999', PASSWORD, author.token, drafter.token, admin.token, BODY, 'LOG-WS-MESSAGE-4242', 'LOG-WS-GARBAGE-4343', 'log.author@tashawur.test', 'Hidden Log Author']) {
      expect([secret, out.includes(secret)]).toEqual([secret, false]);
    }
  }, 60_000);
});
