/**
 * POST /api/threads/:id/confirm-anchor: after a new version, a thread found only approximately
 * ("uncertain") is confirmed in place or re-pointed by the drafters or its own organisation —
 * nobody else — with an event and an audit entry; bad spans, stale versions and threads that are
 * not uncertain answer clear 4xx; the original anchor and quote never change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

const V1 = 'Article 1\nThis law protects victims of trafficking in persons.\nArticle 2\nThe State shall provide shelter and legal aid to every victim.\n';
// Words inserted inside the quoted passage: still there, but only approximately.
const V2 = 'Article 1\nThis law protects victims of trafficking in persons.\nArticle 2\nThe State shall provide safe shelter and free legal aid to every victim.\n';
const QUOTE = 'provide shelter and legal aid';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

interface Setup {
  docId: string;
  threadId: string;
  blocks: Awaited<ReturnType<typeof blocksOf>>;
}

/** A document with one uncertain thread on version 2 (and one exact one, as a distractor). */
async function uncertainThread(options: { visibility?: 'public' | 'confidential'; attribution?: 'named' | 'organization' | 'anonymous'; author?: TestUser } = {}): Promise<Setup & { exactId: string }> {
  const docId = await createDocument(t, w, { open: true, text: V1 });
  const v1 = await blocksOf(t, docId);
  const line = v1[3];
  const at = line.text.indexOf(QUOTE);
  const created = await t.call('POST', `/api/documents/${docId}/threads`, {
    token: (options.author ?? w.ngo).token,
    body: { anchor: { start: { blockId: line.id, offset: at }, end: { blockId: line.id, offset: at + QUOTE.length } }, kind: 'comment', body: 'Shelter must be guaranteed.', visibility: options.visibility ?? 'public', attribution: options.attribution ?? 'named' },
  });
  expect(created.statusCode).toBe(201);
  const exact = await t.call('POST', `/api/documents/${docId}/threads`, {
    token: w.otherNgo.token,
    body: { anchor: { start: { blockId: v1[1].id, offset: 5 }, end: { blockId: v1[1].id, offset: 17 } }, kind: 'comment', body: 'Fine as is.', visibility: 'public', attribution: 'named' },
  });
  const published = await t.call('POST', `/api/documents/${docId}/versions`, { token: w.drafter.token, body: { source: { format: 'text', content: V2 }, note: 'Shelter wording' } });
  expect(published.statusCode).toBe(201);
  const threadId = created.json().thread.id as string;
  const blocks = await blocksOf(t, docId);
  return { docId, threadId, exactId: exact.json().thread.id as string, blocks };
}

function confirm(user: TestUser | null, threadId: string, body: unknown) {
  return t.call('POST', `/api/threads/${threadId}/confirm-anchor`, { token: user?.token, body });
}

async function threadAs(user: TestUser | null, threadId: string) {
  const res = await t.call('GET', `/api/threads/${threadId}`, { token: user?.token });
  return res.json().thread;
}

describe('confirming an uncertain anchor', () => {
  it('the setup really yields an uncertain projection inside the same line', async () => {
    const s = await uncertainThread();
    const list = (await t.call('GET', `/api/documents/${s.docId}/threads`)).json() as { id: string; anchorState: string; anchor: { start: { blockId: string } } }[];
    const thread = list.find((x) => x.id === s.threadId);
    expect(thread?.anchorState).toBe('uncertain');
    expect(thread?.anchor.start.blockId).toBe(s.blocks[3].id);
  });

  it('the author keeps the place the server found: state becomes edited, an event and an audit entry are appended', async () => {
    const s = await uncertainThread();
    const before = (await t.call('GET', `/api/documents/${s.docId}/threads`)).json().find((x: { id: string }) => x.id === s.threadId);
    const lastSeq = (await t.call('GET', `/api/documents/${s.docId}/events?after=0`, { token: w.ngo.token })).json().at(-1)?.seq ?? 0;
    const res = await confirm(w.ngo, s.threadId, { version: 2 });
    expect(res.statusCode).toBe(200);
    const thread = res.json().thread;
    expect(thread.anchorState).toBe('edited');
    expect(thread.anchor).toEqual(before.anchor);
    expect(thread.originalAnchor).toEqual(before.originalAnchor);
    expect(thread.quote).toBe(QUOTE);
    // The stored projection changed, for every reader.
    expect((await threadAs(null, s.threadId)).anchorState).toBe('edited');
    const listed = (await t.call('GET', `/api/documents/${s.docId}/threads?version=2`)).json().find((x: { id: string }) => x.id === s.threadId);
    expect(listed.anchorState).toBe('edited');
    // Version 1 is history and keeps the thread as written.
    const v1 = (await t.call('GET', `/api/documents/${s.docId}/threads?version=1`)).json().find((x: { id: string }) => x.id === s.threadId);
    expect(v1.anchorState).toBe('unchanged');

    const events = (await t.call('GET', `/api/documents/${s.docId}/events?after=${lastSeq}`, { token: w.ngo.token })).json() as { kind: string; data: { thread?: { id: string; anchorState: string } } }[];
    const event = events.find((e) => e.kind === 'thread.anchor_confirmed');
    expect(event?.data.thread).toMatchObject({ id: s.threadId, anchorState: 'edited' });
    const audit = await t.database.db.selectFrom('audit_entry').select(['action', 'actor_id', 'object_id', 'organization_id', 'detail']).where('action', '=', 'thread.anchor_confirmed').where('object_id', '=', s.threadId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: w.ngo.id, organization_id: w.ngoId });
    expect(audit[0].detail).toMatchObject({ version: 2, repointed: false });
  });

  it('a confirmed place is kept on the next version when its line does not change (the confirmed wording is sought, not the original quote)', async () => {
    const s = await uncertainThread();
    const confirmed = (await confirm(w.ngo, s.threadId, { version: 2 })).json().thread;
    // Version 3 changes another line only.
    const V3 = V2.replace('protects victims', 'protects all victims');
    expect((await t.call('POST', `/api/documents/${s.docId}/versions`, { token: w.drafter.token, body: { source: { format: 'text', content: V3 }, note: 'Scope' } })).statusCode).toBe(201);
    const onV3 = (await t.call('GET', `/api/documents/${s.docId}/threads?version=3`)).json().find((x: { id: string }) => x.id === s.threadId);
    expect(onV3.anchorState).not.toBe('uncertain');
    expect(onV3.anchor).toEqual(confirmed.anchor);
    // The original quote is still the one the author wrote on.
    expect(onV3.quote).toBe(QUOTE);
  });

  it('a drafter re-points it to another span, validated against the server text of the current version', async () => {
    const s = await uncertainThread();
    const line = s.blocks[3];
    const from = line.text.indexOf('safe shelter');
    const anchor = { start: { blockId: line.id, offset: from }, end: { blockId: line.id, offset: line.text.indexOf(' to every') } };
    const res = await confirm(w.drafter, s.threadId, { version: 2, anchor });
    expect(res.statusCode).toBe(200);
    expect(res.json().thread).toMatchObject({ anchor, anchorState: 'edited', quote: QUOTE });
    const audit = await t.database.db.selectFrom('audit_entry').select(['actor_id', 'organization_id', 'detail']).where('action', '=', 'thread.anchor_confirmed').where('object_id', '=', s.threadId).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: w.drafter.id, organization_id: w.ministryId });
    expect(audit.detail).toMatchObject({ repointed: true, to: anchor });
    // Only once: it is no longer uncertain.
    const again = await confirm(w.drafter, s.threadId, { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('a colleague of the author may confirm an organisation-only thread, and the answer keeps attribution', async () => {
    const s = await uncertainThread({ attribution: 'organization' });
    const res = await confirm(w.ngoColleague, s.threadId, { version: 2 });
    expect(res.statusCode).toBe(200);
    expect((await threadAs(w.otherNgo, s.threadId)).author).toEqual({ organization: expect.objectContaining({ id: w.ngoId }) });
  });

  it('refuses everyone else: signed out 401, other organisations, the NHRI and admins 403, a confidential thread 404 to outsiders', async () => {
    const s = await uncertainThread();
    expect((await confirm(null, s.threadId, { version: 2 })).statusCode).toBe(401);
    for (const user of [w.otherNgo, w.nhri, w.admin, w.otherDrafter, w.loner]) {
      const res = await confirm(user, s.threadId, { version: 2 });
      expect(res.statusCode, user.name).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    const secret = await uncertainThread({ visibility: 'confidential' });
    const hidden = await confirm(w.otherNgo, secret.threadId, { version: 2 });
    const missing = await confirm(w.otherNgo, 'no-such-thread', { version: 2 });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
    expect((await threadAs(w.ngo, s.threadId)).anchorState).toBe('uncertain');
  });

  it('authors may confirm only while the consultation is open; drafters also once it is closed', async () => {
    const s = await uncertainThread();
    const closed = await t.call('PATCH', `/api/documents/${s.docId}`, { token: w.drafter.token, body: { status: 'closed' } });
    expect(closed.statusCode).toBe(200);
    const author = await confirm(w.ngo, s.threadId, { version: 2 });
    expect(author.statusCode).toBe(409);
    expect(author.json().error.code).toBe('consultation_closed');
    expect((await confirm(w.drafter, s.threadId, { version: 2 })).statusCode).toBe(200);
  });

  it('answers clear 4xx for bad input and changes nothing', async () => {
    const s = await uncertainThread();
    const line = s.blocks[3];
    const cases: [unknown, number, string][] = [
      [{}, 400, 'invalid_input'],
      [{ version: 2, extra: true }, 400, 'invalid_input'],
      [{ version: 'two' }, 400, 'invalid_input'],
      [{ version: 2, anchor: { start: { blockId: line.id, offset: 4 } } }, 400, 'invalid_input'],
      [{ version: 1 }, 409, 'conflict'],
      [{ version: 3 }, 409, 'conflict'],
      [{ version: 2, anchor: { start: { blockId: 'not-a-block', offset: 0 }, end: { blockId: line.id, offset: 4 } } }, 422, 'invalid_anchor'],
      [{ version: 2, anchor: { start: { blockId: line.id, offset: 10 }, end: { blockId: line.id, offset: 4 } } }, 422, 'invalid_anchor'],
      [{ version: 2, anchor: { start: { blockId: line.id, offset: 0 }, end: { blockId: line.id, offset: line.text.length + 1 } } }, 422, 'invalid_anchor'],
      [{ version: 2, anchor: { start: { blockId: line.id, offset: 4 }, end: { blockId: line.id, offset: 4 } } }, 422, 'invalid_anchor'],
      // A block of version 1 that no longer exists in version 2 is not a place on the current version.
      [{ version: 2, anchor: { start: { blockId: s.blocks[2].id, offset: 0 }, end: { blockId: s.blocks[1].id, offset: 3 } } }, 422, 'invalid_anchor'],
    ];
    for (const [body, status, code] of cases) {
      const res = await confirm(w.ngo, s.threadId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code, JSON.stringify(body)).toBe(code);
      expect(res.json().error.message.length).toBeGreaterThan(10);
    }
    // A thread whose anchor is exact has nothing to confirm.
    const exact = await confirm(w.otherNgo, s.exactId, { version: 2 });
    expect(exact.statusCode).toBe(409);
    expect((await threadAs(w.ngo, s.threadId)).anchorState).toBe('uncertain');
    const audit = await t.database.db.selectFrom('audit_entry').select('id').where('action', '=', 'thread.anchor_confirmed').where('object_id', '=', s.threadId).execute();
    expect(audit).toHaveLength(0);
  });

  it('a thread opened on the current version (no projection) is not uncertain: 409', async () => {
    const docId = await createDocument(t, w, { open: true, text: V1 });
    const blocks = await blocksOf(t, docId);
    const created = await t.call('POST', `/api/documents/${docId}/threads`, {
      token: w.ngo.token,
      body: { anchor: { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 4 } }, kind: 'comment', body: 'Hm.', visibility: 'public', attribution: 'named' },
    });
    const res = await confirm(w.ngo, created.json().thread.id, { version: 1 });
    expect(res.statusCode).toBe(409);
  });

  it('is described in the OpenAPI document', async () => {
    const spec = (await t.call('GET', '/api/docs/json')).json();
    const op = spec.paths['/api/threads/{id}/confirm-anchor']?.post;
    expect(op).toBeDefined();
    expect(op.tags).toContain('threads');
    expect(JSON.stringify(op.requestBody)).toContain('version');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200']));
  });
});
