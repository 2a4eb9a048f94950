/**
 * SECURITY.md catalogue, authorisation cases (AZ 17/18/19/22/24/25/27/29/30/33/38) and record
 * integrity, against the real server. AZ-15 (the full table) is in matrix.test.ts.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverSources } from '../../helpers/server-sources.ts';
import { createTestApp, registerUser, type TestApp, type TestUser } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: TestApp;
let w: World;
let publicDoc: string;
let embargoed: string; // invited: only the NHRI
let draftDoc: string;
let anchor: { start: { blockId: string; offset: number }; end: { blockId: string; offset: number } };
const MISSING = 'doesNotExist0000000000';

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
  publicDoc = await createDocument(t, w, { open: true });
  embargoed = await createDocument(t, w, { open: true, visibility: 'invited', invited: [w.nhriId] });
  draftDoc = await createDocument(t, w, {});
  const blocks = await blocksOf(t, publicDoc);
  anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
});
afterAll(() => t.close());

async function thread(u: TestUser, docId: string, body: string, extra: Record<string, unknown> = {}) {
  const blocks = await blocksOf(t, docId, w.drafter.token);
  const a = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
  const res = await t.call('POST', `/api/documents/${docId}/threads`, { token: u.token, body: { anchor: a, kind: 'comment', body, visibility: 'public', attribution: 'named', ...extra } });
  expect(res.statusCode, res.body).toBe(201);
  const th = res.json().thread;
  return { threadId: th.id as string, commentId: th.comments[0].id as string };
}

async function counts() {
  const { rows } = await sql<Record<string, string>>`select
    (select count(*) from thread) as threads, (select count(*) from comment) as comments,
    (select count(*) from comment_revision) as revisions, (select count(*) from document_event) as events,
    (select count(*) from endorsement) as endorsements, (select count(*) from organization) as organizations,
    (select md5(coalesce(string_agg(id || body || coalesce(withdrawn_at::text,'') || coalesce(hidden_at::text,''), ',' order by id),'')) from comment) as comment_state,
    (select md5(coalesce(string_agg(id || status || coalesce(disposition,''), ',' order by id),'')) from thread) as thread_state,
    (select md5(coalesce(string_agg(id || status || visibility || title::text, ',' order by id),'')) from document) as document_state`.execute(t.database.db);
  return rows[0];
}

describe('AZ-17 every route has a policy', () => {
  it('AZ-17 every documented route, called signed out or by an account without organisation on unknown ids, is denied (401/403/404/400) and never 2xx or 5xx, except the public entry points', async () => {
    const spec = (await t.call('GET', '/api/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
    const loner = w.loner;
    // Entry points meant for everyone (or any signed-in account).
    const open = new Set(['POST /api/auth/register', 'POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/organizations', 'POST /api/documents/preview', 'GET /api/health', 'GET /api/documents', 'GET /api/organizations', 'GET /api/me', 'GET /api/me/notifications', 'GET /api/me/security-events', 'GET /api/docs', 'GET /api/ws']);
    const problems: string[] = [];
    let checked = 0;
    for (const [route, methods] of Object.entries(spec.paths)) {
      for (const method of Object.keys(methods).map((m) => m.toUpperCase())) {
        if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) continue;
        const key = `${method} ${route}`;
        if (open.has(key) || route.startsWith('/api/docs')) continue;
        const url = route.replace(/\{[^}]+\}/g, (p) => (p === '{n}' ? '1' : MISSING));
        for (const who of [null, loner]) {
          const res = await t.call(method, url, { token: who?.token, ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }) });
          checked++;
          if (res.statusCode < 400 || res.statusCode >= 500) problems.push(`${key} as ${who ? 'loner' : 'signed out'}: ${res.statusCode}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  });

  it('AZ-17 the platform audit, organisation approval and member management refuse a signed-in account that has no role for them (403), not only the signed-out', async () => {
    const { loner } = w;
    expect((await t.call('GET', '/api/audit', { token: loner.token })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/organizations/${w.ngoId}/approve`, { token: loner.token })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/organizations/${w.ngoId}/members`, { token: loner.token, body: { email: loner.email, role: 'lead' } })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/me', { token: loner.token })).json().memberships).toEqual([]);
  });
});

describe('AZ-18 IDOR on a comment', () => {
  it('AZ-18 another NGO addressing a confidential comment by id gets the 404 of a random id for read, edit, delete, reply, withdraw, hide, endorse, dispose; the comment is unchanged', async () => {
    const c = await thread(w.ngo, publicDoc, 'IDOR target', { visibility: 'confidential' });
    const before = await counts();
    const pairs: [string, string, string, unknown?][] = [
      ['GET', `/api/threads/${c.threadId}`, `/api/threads/${MISSING}`],
      ['PATCH', `/api/comments/${c.commentId}`, `/api/comments/${MISSING}`, { body: 'hijacked' }],
      ['DELETE', `/api/comments/${c.commentId}`, `/api/comments/${MISSING}`],
      ['POST', `/api/threads/${c.threadId}/comments`, `/api/threads/${MISSING}/comments`, { body: 'sneaky reply' }],
      ['POST', `/api/comments/${c.commentId}/withdraw`, `/api/comments/${MISSING}/withdraw`],
      ['POST', `/api/comments/${c.commentId}/hide`, `/api/comments/${MISSING}/hide`, { reason: 'x' }],
      ['POST', `/api/threads/${c.threadId}/endorsements`, `/api/threads/${MISSING}/endorsements`, { organizationId: w.otherNgoId }],
      ['POST', `/api/threads/${c.threadId}/disposition`, `/api/threads/${MISSING}/disposition`, { value: 'noted' }],
    ];
    for (const [method, url, missing, body] of pairs) {
      const a = await t.call(method, url, { token: w.otherNgo.token, body });
      const b = await t.call(method, missing, { token: w.otherNgo.token, body });
      expect([method, url, a.statusCode]).toEqual([method, url, 404]);
      expect(a.body).toBe(b.body);
    }
    // The admin is refused the same way (confidential is absent for admins).
    const hide = await t.call('POST', `/api/comments/${c.commentId}/hide`, { token: w.admin.token, body: { reason: 'x' } });
    expect(hide.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe('AZ-19 embargo enumeration', () => {
  it('AZ-19 an embargoed, a draft and a registered-only document answer those who may not read them exactly like a missing id: status, body and headers (no ETag or length difference)', async () => {
    const strip = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) => !['date', 'x-request-id'].includes(k)));
    const registered = await createDocument(t, w, { open: true, visibility: 'registered' });
    for (const [id, tokens] of [
      [embargoed, [w.otherNgo.token, undefined]],
      [draftDoc, [w.otherNgo.token, w.admin.token, undefined]],
      [registered, [undefined]],
    ] as [string, (string | undefined)[]][]) {
      for (const token of tokens) {
        for (const p of ['', '?version=1', '/versions', '/threads', '/diff?from=1&to=1', '/versions/1/export?format=akn', '/events?after=0', '/measures', '/periods']) {
          const a = await t.call('GET', `/api/documents/${id}${p}`, { token });
          const b = await t.call('GET', `/api/documents/${MISSING}${p}`, { token });
          expect([p, a.statusCode]).toEqual([p, 404]);
          expect(a.body).toBe(b.body);
          expect(strip(a.headers)).toEqual(strip(b.headers));
        }
      }
    }
  });

  it('AZ-19 ids cannot be guessed: 128 random bits, no shared prefix between consecutive ids', async () => {
    const a = await createDocument(t, w, {});
    const b = await createDocument(t, w, {});
    for (const id of [a, b]) expect(id).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    let common = 0;
    while (common < a.length && a[common] === b[common]) common++;
    expect(common).toBeLessThan(6);
  });
});

describe('AZ-22 organisation-only attribution', () => {
  it('AZ-22 the drafter sees the organisation and never the person, through the thread, its edit, the events, the report and the member list', async () => {
    const doc = await createDocument(t, w, { open: true });
    const c = await thread(w.ngo, doc, 'org-only AZ-22', { attribution: 'organization' });
    expect((await t.call('PATCH', `/api/comments/${c.commentId}`, { token: w.ngo.token, body: { body: 'org-only AZ-22 edited' } })).statusCode).toBe(200);
    const res = await t.call('GET', `/api/threads/${c.threadId}`, { token: w.drafter.token });
    expect(res.json().thread.author).toEqual({ organization: expect.objectContaining({ name: 'Migrant Rights Association' }) });
    const own = await t.call('GET', `/api/threads/${c.threadId}`, { token: w.ngo.token });
    expect(own.json().thread.author).toMatchObject({ isYou: true });
    const bytes = [
      res.body,
      (await t.call('GET', `/api/documents/${doc}/events?after=0`, { token: w.drafter.token })).body,
      (await t.call('GET', `/api/documents/${doc}/report?format=csv`, { token: w.drafter.token })).body,
      (await t.call('GET', `/api/documents/${doc}/audit`, { token: w.drafter.token })).body,
    ].join('\n');
    for (const secret of [w.ngo.name, w.ngo.email, w.ngo.id]) expect(bytes).not.toContain(secret);
    // The member list of the NGO is not the drafters' business.
    const members = await t.call('GET', `/api/organizations/${w.ngoId}/members`, { token: w.drafter.token });
    expect(members.statusCode).toBeGreaterThanOrEqual(403);
    expect(members.body).not.toContain(w.ngo.name);
  });

  // DESIGN.md: drafters never learn the person behind "organisation only". The document audit
  // (documentAudit → present() in server/events/audit.service.ts) gives every non-official
  // actor one pseudonym per document. When the same person posts one named thread and one
  // organisation-only thread on a document, both thread.created entries carry the same
  // pseudonym, and the named thread shows the name: the drafter links the two.
  // Fix: pseudonymise per thread (scope = the thread id the entry is about, resolved through
  // comment → thread as visibleEntries already does), or omit the actor of entries about
  // organisation-only/anonymous threads and comments entirely (keep only the organisation).
  it('AZ-22 the drafter cannot link an organisation-only thread to the same author’s named thread through the document audit', async () => {
    const doc = await createDocument(t, w, { open: true });
    const named = await thread(w.ngo, doc, 'named, on the record');
    const hidden = await thread(w.ngo, doc, 'organisation only', { attribution: 'organization' });
    const namedView = (await t.call('GET', `/api/threads/${named.threadId}`, { token: w.drafter.token })).json().thread;
    expect(namedView.author.name).toBe(w.ngo.name);
    const entries = (await t.call('GET', `/api/documents/${doc}/audit`, { token: w.drafter.token })).json() as { action: string; objectId: string; actor: { pseudonym?: string } }[];
    const p1 = entries.find((e) => e.action === 'thread.created' && e.objectId === named.threadId)?.actor.pseudonym;
    const p2 = entries.find((e) => e.action === 'thread.created' && e.objectId === hidden.threadId)?.actor.pseudonym;
    expect(p2).toBeDefined();
    expect(p2).not.toBe(p1);
  });

  // DESIGN.md: the admin reads the whole audit "with organisation-only authors pseudonymised",
  // and never learns the person behind "organisation only". But fullAudit (server/events/
  // audit.service.ts, present()) gives every actor ONE platform-wide pseudonym, and the
  // account's own entries (account.registered, auth.login) carry objectType 'account' with
  // objectId = the account id. The admin joins the two: pseudonym of thread.created (org-only)
  // = pseudonym of account.registered whose objectId is the person's id.
  // Fix: in present(), never expose objectId for objectType 'account' to anyone but the account
  // itself (replace it with the pseudonym), and scope pseudonyms per document for content
  // actions (pseudonym(actorId, r.document_id ?? 'platform')) so security events and
  // consultation activity cannot be linked.
  it('AZ-22 the admin cannot link an organisation-only thread to its author through the platform audit', async () => {
    const c = await thread(w.ngo, publicDoc, 'org-only for the admin', { attribution: 'organization' });
    const entries = (await t.call('GET', '/api/audit', { token: w.admin.token })).json() as { action: string; objectId: string | null; actor: { pseudonym?: string; name?: string } }[];
    const created = entries.find((e) => e.action === 'thread.created' && e.objectId === c.threadId);
    expect(created?.actor.name).toBeUndefined();
    const pseudonym = created?.actor.pseudonym;
    expect(pseudonym).toBeDefined();
    const linked = entries.filter((e) => e.actor.pseudonym === pseudonym && e.objectId === w.ngo.id);
    expect(linked).toEqual([]);
  });
});

describe('AZ-22 anonymous attribution in the audit', () => {
  // DESIGN.md "learn who wrote an anonymous thread": admin → no. present() in
  // server/events/audit.service.ts adds `organization` (from audit_entry.organization_id) to
  // every non-official actor, whatever the attribution, so the admin's GET /api/audit names the
  // organisation behind an anonymous thread (thread.created, comment.created). Fix: in present(),
  // for entries about a thread or comment, decide the actor's visible fields with the same
  // redactAuthor(actor, {attribution, organization, ...}, doc) the thread views use (drafters
  // of that document keep the organisation; admins get only the pseudonym for anonymous).
  it('AZ-22 the admin’s platform audit does not name the organisation behind an anonymous thread', async () => {
    const doc = await createDocument(t, w, { open: true });
    const c = await thread(w.otherNgo, doc, 'anonymous to the public', { attribution: 'anonymous' });
    const entries = (await t.call('GET', '/api/audit', { token: w.admin.token })).json() as { action: string; objectId: string | null; actor: { organization?: string } }[];
    const created = entries.find((e) => e.action === 'thread.created' && e.objectId === c.threadId);
    expect(created).toBeDefined();
    expect(created?.actor.organization).toBeUndefined();
    // The drafters may know the organisation (DESIGN.md), through the thread and their trail.
    const view = (await t.call('GET', `/api/threads/${c.threadId}`, { token: w.drafter.token })).json().thread;
    expect(view.author.organization?.name).toBe('Women Lawyers Network');
  });
});

describe('AZ-24 mass assignment', () => {
  it('AZ-24 extra fields on every write (author, organisation, status, confidentiality, dates, other document) answer 400 and write nothing', async () => {
    const c = await thread(w.ngo, publicDoc, 'mass assignment target');
    const extras = { authorId: w.otherNgo.id, orgId: w.otherNgoId, status: 'resolved', confidential: false, createdAt: '2001-01-01', documentVersionId: embargoed };
    const before = await counts();
    const attempts: [TestUser, string, string, Record<string, unknown>][] = [
      [w.ngo, 'POST', `/api/documents/${publicDoc}/threads`, { anchor, kind: 'comment', body: 'x', visibility: 'public', attribution: 'named', ...extras }],
      [w.ngo, 'POST', `/api/threads/${c.threadId}/comments`, { body: 'x', ...extras }],
      [w.ngo, 'PATCH', `/api/comments/${c.commentId}`, { body: 'x', ...extras }],
      [w.drafter, 'POST', `/api/threads/${c.threadId}/disposition`, { value: 'noted', ...extras }],
      [w.otherNgo, 'POST', `/api/threads/${c.threadId}/endorsements`, { organizationId: w.otherNgoId, ...extras }],
      [w.admin, 'POST', `/api/comments/${c.commentId}/hide`, { reason: 'x', ...extras }],
      [w.drafter, 'PATCH', `/api/documents/${publicDoc}`, { title: 'x', organizationId: w.otherMinistryId, currentVersion: 9 }],
      [w.loner, 'POST', '/api/organizations', { name: 'Self Approved', kind: 'ngo', country: 'MA', approved: true }],
      [w.ngo, 'POST', `/api/organizations/${w.ngoId}/members`, { email: w.loner.email, role: 'member', isAdmin: true }],
    ];
    for (const [u, method, url, body] of attempts) {
      const res = await t.call(method, url, { token: u.token, body });
      expect([url, res.statusCode]).toEqual([url, 400]);
      expect(res.json().error.code).toBe('invalid_input');
    }
    expect(await counts()).toEqual(before);
  });
});

describe('AZ-25 cross-document references', () => {
  it('AZ-25 a reply, an anchor or an endorsement pointing into an embargoed document is refused without revealing it, and nothing is created', async () => {
    const p = await thread(w.nhri, embargoed, 'embargoed parent');
    const before = await counts();
    const reply = await t.call('POST', `/api/threads/${p.threadId}/comments`, { token: w.otherNgo.token, body: { body: 'reply across' } });
    const missing = await t.call('POST', `/api/threads/${MISSING}/comments`, { token: w.otherNgo.token, body: { body: 'reply across' } });
    expect(reply.statusCode).toBe(404);
    expect(reply.body).toBe(missing.body);
    // An anchor on a public document that names a block of the embargoed one.
    const embargoedBlocks = await blocksOf(t, embargoed, w.drafter.token);
    const foreign = { start: { blockId: embargoedBlocks[1].id, offset: 0 }, end: { blockId: embargoedBlocks[1].id, offset: 4 } };
    const res = await t.call('POST', `/api/documents/${publicDoc}/threads`, { token: w.otherNgo.token, body: { anchor: foreign, kind: 'comment', body: 'x', visibility: 'public', attribution: 'named' } });
    const fake = await t.call('POST', `/api/documents/${publicDoc}/threads`, {
      token: w.otherNgo.token,
      body: { anchor: { start: { blockId: MISSING, offset: 0 }, end: { blockId: MISSING, offset: 4 } }, kind: 'comment', body: 'x', visibility: 'public', attribution: 'named' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toBe(fake.body);
    expect(res.body).not.toContain('legal aid');
    // Speaking for an organisation one does not belong to.
    const org = await t.call('POST', `/api/documents/${publicDoc}/threads`, { token: w.otherNgo.token, body: { anchor, kind: 'comment', body: 'x', visibility: 'public', attribution: 'named', organizationId: w.ngoId } });
    expect(org.statusCode).toBe(403);
    const endorse = await t.call('POST', `/api/threads/${p.threadId}/endorsements`, { token: w.otherNgo.token, body: { organizationId: w.otherNgoId } });
    expect(endorse.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe('AZ-27 edit freeze after a reply', () => {
  it('AZ-27 after the drafter replied, the author’s PATCH answers 409 comment_frozen and the revision list does not grow; same after a disposition', async () => {
    const c = await thread(w.ngo, publicDoc, 'freeze me');
    expect((await t.call('PATCH', `/api/comments/${c.commentId}`, { token: w.ngo.token, body: { body: 'first edit' } })).statusCode).toBe(200);
    expect((await t.call('POST', `/api/threads/${c.threadId}/comments`, { token: w.drafter.token, body: { body: 'official answer' } })).statusCode).toBe(201);
    const revisions = async () => (await t.database.db.selectFrom('comment_revision').select('body').where('comment_id', '=', c.commentId).execute()).map((r) => r.body);
    const kept = await revisions();
    expect(kept).toEqual(['freeze me']);
    const res = await t.call('PATCH', `/api/comments/${c.commentId}`, { token: w.ngo.token, body: { body: 'rewrite history' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('comment_frozen');
    expect(await revisions()).toEqual(kept);

    const d = await thread(w.ngo, publicDoc, 'freeze by disposition');
    expect((await t.call('POST', `/api/threads/${d.threadId}/disposition`, { token: w.drafter.token, body: { value: 'noted' } })).statusCode).toBe(200);
    const frozen = await t.call('PATCH', `/api/comments/${d.commentId}`, { token: w.ngo.token, body: { body: 'after the answer' } });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.code).toBe('comment_frozen');
    expect((await t.call('POST', `/api/comments/${d.commentId}/withdraw`, { token: w.ngo.token })).statusCode).toBe(409);
  });
});

describe('AZ-29 withdraw vs delete', () => {
  it('AZ-29 a withdrawn comment stays in the record with a mark and a time, also in the report; a replied one gets 409; every DELETE answers 404/405', async () => {
    const c = await thread(w.ngo, publicDoc, 'WITHDRAW-ME-123');
    const res = await t.call('POST', `/api/comments/${c.commentId}/withdraw`, { token: w.ngo.token });
    expect(res.statusCode).toBe(200);
    const row = await t.database.db.selectFrom('comment').selectAll().where('id', '=', c.commentId).executeTakeFirstOrThrow();
    expect(row.withdrawn_at).not.toBeNull();
    expect(row.body).toBe('WITHDRAW-ME-123');
    const view = (await t.call('GET', `/api/threads/${c.threadId}`, { token: w.otherNgo.token })).json().thread;
    expect(view.comments).toHaveLength(1);
    expect(JSON.stringify(view)).not.toContain('WITHDRAW-ME-123');
    const report = (await t.call('GET', `/api/documents/${publicDoc}/report?format=json`, { token: w.drafter.token })).json();
    expect((report.rows as { threadId: string }[]).some((r) => r.threadId === c.threadId)).toBe(true);

    const r = await thread(w.ngo, publicDoc, 'replied, cannot withdraw');
    await t.call('POST', `/api/threads/${r.threadId}/comments`, { token: w.ngoColleague.token, body: { body: 'a reply' } });
    const refused = await t.call('POST', `/api/comments/${r.commentId}/withdraw`, { token: w.ngo.token });
    expect(refused.statusCode).toBe(409);

    for (const url of [`/api/comments/${r.commentId}`, `/api/threads/${r.threadId}`, `/api/documents/${publicDoc}`, `/api/documents/${publicDoc}/versions/1`, `/api/documents/${publicDoc}/audit`, `/api/documents/${publicDoc}/events`, `/api/audit`, `/api/threads/${r.threadId}/endorsements`]) {
      const del = await t.call('DELETE', url, { token: w.admin.token });
      expect([url, [404, 405].includes(del.statusCode)]).toEqual([url, true]);
    }
    expect(await t.database.db.selectFrom('comment').select('id').where('id', '=', r.commentId).executeTakeFirst()).toBeDefined();
  });

  // SECURITY.md AZ-29 / FR-113: "as the application's database role, DELETE … gets permission
  // denied (or is blocked by a trigger)": the triggers of migrations/2026-11-27T0003-append-only.ts.
  // FR-113 in full (UPDATE too, on existing rows, and the API edit's revision) is in
  // catalogue-fault.test.ts.
  it('AZ-29 the database itself refuses DELETE on the audit trail, the event log and revisions', async () => {
    const attempt = (statement: ReturnType<typeof sql>) =>
      t.database.db.transaction().execute(async (trx) => {
        await statement.execute(trx);
        throw new Error('ROLLBACK: the statement was allowed');
      });
    await expect(attempt(sql`delete from audit_entry`)).rejects.toThrow(/permission denied|append-only|not allowed/i);
    await expect(attempt(sql`delete from document_event`)).rejects.toThrow(/permission denied|append-only|not allowed/i);
    await expect(attempt(sql`update comment_revision set body = 'forged'`)).rejects.toThrow(/permission denied|append-only|not allowed/i);
  });
});

describe('AZ-30 resolve and dispose', () => {
  it('AZ-30 resolving without a disposition is 400; with one 200 plus an audit entry and an event; NGO and another ministry’s drafter get 403 to resolve or reopen', async () => {
    const c = await thread(w.ngo, publicDoc, 'resolve me');
    const bare = await t.call('POST', `/api/threads/${c.threadId}/resolve`, { token: w.drafter.token });
    expect(bare.statusCode).toBe(400);
    expect((await t.call('POST', `/api/threads/${c.threadId}/disposition`, { token: w.drafter.token, body: { value: 'accepted' } })).statusCode).toBe(200);
    const before = await counts();
    for (const u of [w.ngo, w.otherNgo, w.otherDrafter, w.nhri, w.admin]) {
      for (const action of ['resolve', 'reopen']) {
        const res = await t.call('POST', `/api/threads/${c.threadId}/${action}`, { token: u.token });
        expect([u.name, action, res.statusCode]).toEqual([u.name, action, 403]);
      }
      expect((await t.call('POST', `/api/threads/${c.threadId}/disposition`, { token: u.token, body: { value: 'rejected', rationale: 'no' } })).statusCode).toBe(403);
    }
    expect(await counts()).toEqual(before);
    expect((await t.call('POST', `/api/threads/${c.threadId}/resolve`, { token: w.drafter.token })).statusCode).toBe(200);
    const audit = await t.database.db.selectFrom('audit_entry').select(['action', 'actor_id']).where('object_id', '=', c.threadId).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'thread.disposed', actor_id: w.drafter.id }, { action: 'thread.resolved', actor_id: w.drafter.id }]));
    const events = (await t.call('GET', `/api/documents/${publicDoc}/events?after=0`, { token: w.otherNgo.token })).json() as { kind: string; data: { thread?: { id: string } } }[];
    expect(events.some((e) => e.kind === 'thread.resolved' && e.data.thread?.id === c.threadId)).toBe(true);
  });
});

describe('AZ-33 audit log scope', () => {
  it('AZ-33 NGO, NHRI and another ministry get 403 on the document audit; only admins read the platform audit; a drafter is refused another ministry’s trail; own security events only', async () => {
    for (const u of [w.ngo, w.nhri, w.otherDrafter, w.loner]) {
      expect((await t.call('GET', `/api/documents/${publicDoc}/audit`, { token: u.token })).statusCode).toBe(403);
      expect((await t.call('GET', '/api/audit', { token: u.token })).statusCode).toBe(403);
    }
    expect((await t.call('GET', '/api/audit', { token: w.drafter.token })).statusCode).toBe(403);
    const res = await t.call('POST', '/api/documents', {
      token: w.otherDrafter.token,
      body: { title: 'Interior draft', kind: 'law', organizationId: w.otherMinistryId, visibility: 'public', language: 'en', source: { format: 'text', content: 'Article 1\nText.\n' } },
    });
    const interior = res.json().document.id;
    await t.call('PATCH', `/api/documents/${interior}`, { token: w.otherDrafter.token, body: { status: 'open' } });
    expect((await t.call('GET', `/api/documents/${interior}/audit`, { token: w.drafter.token })).statusCode).toBe(403);
    const mine = (await t.call('GET', `/api/documents/${publicDoc}/audit`, { token: w.drafter.token })).json() as { documentId: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.documentId === publicDoc)).toBe(true);
    const all = (await t.call('GET', '/api/audit', { token: w.admin.token })).json() as { documentId: string | null }[];
    expect(all.some((e) => e.documentId === interior)).toBe(true);
    expect(all.some((e) => e.documentId === publicDoc)).toBe(true);
    // Own security events: only auth.* of this account.
    const someone = await registerUser(t);
    await t.call('POST', '/api/auth/login', { body: { email: someone.email, password: 'wrong wrong wrong' } });
    const own = (await t.call('GET', '/api/me/security-events', { token: w.loner.token })).json() as { action: string }[];
    expect(own.every((e) => e.action.startsWith('auth.'))).toBe(true);
    expect(JSON.stringify(own)).not.toContain(someone.email);
  });
});

describe('AZ-38 closed consultation', () => {
  it('AZ-38 on a closed document an NGO user gets 409 consultation_closed to comment, reply, endorse or edit; reading still follows visibility', async () => {
    const doc = await createDocument(t, w, { open: true });
    const c = await thread(w.ngo, doc, 'before closing');
    await t.call('PATCH', `/api/documents/${doc}`, { token: w.drafter.token, body: { status: 'closed' } });
    const blocks = await blocksOf(t, doc);
    const a = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 4 } };
    const before = await counts();
    for (const [method, url, body] of [
      ['POST', `/api/documents/${doc}/threads`, { anchor: a, kind: 'comment', body: 'late', visibility: 'public', attribution: 'named' }],
      ['POST', `/api/threads/${c.threadId}/comments`, { body: 'late reply' }],
      ['POST', `/api/threads/${c.threadId}/endorsements`, { organizationId: w.ngoId }],
      ['PATCH', `/api/comments/${c.commentId}`, { body: 'late edit' }],
    ] as [string, string, unknown][]) {
      const res = await t.call(method, url, { token: w.ngo.token, body });
      expect([url, res.statusCode, res.json().error.code]).toEqual([url, 409, 'consultation_closed']);
    }
    expect(await counts()).toEqual(before);
    expect((await t.call('GET', `/api/documents/${doc}/threads`)).statusCode).toBe(200);
    const hidden = await createDocument(t, w, { open: true, visibility: 'registered' });
    await t.call('PATCH', `/api/documents/${hidden}`, { token: w.drafter.token, body: { status: 'closed' } });
    expect((await t.call('GET', `/api/documents/${hidden}`)).statusCode).toBe(404);
  });
});

describe('record integrity: nothing is hard-deleted', () => {
  it('FR-113 record integrity: the only deleteFrom( calls in server code are on session and document_invite (and idempotency keys), never on comments, revisions, events, threads, versions or audit', () => {
    const files = serverSources();
    const allowed = new Set(['session', 'document_invite', 'idempotency_key']);
    const found: string[] = [];
    for (const { file, text } of files) {
      for (const m of text.matchAll(/deleteFrom\(\s*['"`]([a-z_]+)['"`]/g)) if (!allowed.has(m[1])) found.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/\b(delete\s+from|truncate(\s+table)?)\s+"?([a-z_]+)/gi)) if (!allowed.has(m[3].toLowerCase())) found.push(`${file}: raw ${m[0]}`);
      if (/deleteFrom\(\s*[^'"`\s]/.test(text)) found.push(`${file}: dynamic deleteFrom`);
    }
    expect(files.length).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });
});
