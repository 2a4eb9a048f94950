/**
 * The thread list served like a long draft (ETag, 304, gzip) without one reader's bytes ever
 * reaching another audience, and the write path's answers (built from the rows the write
 * returned) equal to what the presenter gives when it reads them back — first answer and
 * idempotent replay alike.
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Comment, Thread } from '../../../shared/threads.ts';
import { createTestApp, type TestApp, type TestUser } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: TestApp;
let w: World;
let docId: string;
let blocks: Awaited<ReturnType<typeof blocksOf>>;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true, text: 'Article 1\nThis law protects victims of trafficking in persons.\nArticle 2\nThe State shall provide shelter and legal aid.\n' });
  blocks = await blocksOf(t, docId);
});
afterAll(() => t.close());

const anchor = { start: { blockId: '', offset: 5 }, end: { blockId: '', offset: 17 } };
function openThread(user: TestUser, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const at = { start: { ...anchor.start, blockId: blocks[1].id }, end: { ...anchor.end, blockId: blocks[1].id } };
  return t.call('POST', `/api/documents/${docId}/threads`, { token: user.token, headers, body: { anchor: at, kind: 'comment', body: 'Please widen this.', visibility: 'public', attribution: 'named', ...body } });
}

function list(user: TestUser | null, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url: `/api/documents/${docId}/threads`, headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...headers } });
}

describe('the thread list', () => {
  it('answers with an ETag, 304 when unchanged, and gzip when accepted — same JSON either way', async () => {
    const long = 'A long comment explaining the concern in detail. '.repeat(40);
    for (let i = 0; i < 20; i++) expect((await openThread(w.ngo, { body: `${i}: ${long}` })).statusCode).toBe(201);
    const plain = await list(null);
    expect(plain.statusCode).toBe(200);
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(plain.headers['cache-control']).toBe('public, no-cache');
    expect((await list(null, { 'if-none-match': etag })).statusCode).toBe(304);
    const gz = await list(null, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.etag).toBe(etag);
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    expect((await list(w.ngo)).headers['cache-control']).toBe('private, no-store');
  });

  it('changes its ETag when something in the list changes', async () => {
    const before = (await list(null)).headers.etag as string;
    const threadId = (await list(null)).json()[0].id as string;
    expect((await t.call('POST', `/api/threads/${threadId}/comments`, { token: w.drafter.token, body: { body: 'Noted, thank you.' } })).statusCode).toBe(201);
    const after = await list(null, { 'if-none-match': before });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before);
  });

  it('gives a reader who may see a confidential thread another ETag than one who may not, and never the other one\'s bytes', async () => {
    const secret = await openThread(w.ngo, { body: 'Confidential concern for the drafters only.', visibility: 'confidential' });
    expect(secret.statusCode).toBe(201);
    const secretId = secret.json().thread.id as string;
    const insider = await list(w.ngoColleague, { 'accept-encoding': 'gzip' });
    const outsider = await list(w.otherNgo, { 'accept-encoding': 'gzip' });
    expect(insider.headers.etag).not.toBe(outsider.headers.etag);
    expect(gunzipSync(insider.rawPayload).toString()).toContain(secretId);
    expect(gunzipSync(outsider.rawPayload).toString()).not.toContain(secretId);
    // The insider's validator does not make the outsider's answer a 304, nor serve them the insider's bytes.
    const probe = await list(w.otherNgo, { 'if-none-match': insider.headers.etag as string, 'accept-encoding': 'gzip' });
    expect(probe.statusCode).toBe(200);
    expect(gunzipSync(probe.rawPayload).toString()).not.toContain(secretId);
    expect((await list(null)).body).not.toContain(secretId);
  });

  it('hides the person behind an organisation-only thread per reader: the same thread, different bytes', async () => {
    const res = await openThread(w.ngo, { body: 'Signed by the organisation only.', attribution: 'organization' });
    const id = res.json().thread.id as string;
    const own = (await list(w.ngoColleague)).json().find((x: { id: string }) => x.id === id);
    const drafter = (await list(w.drafter)).json().find((x: { id: string }) => x.id === id);
    expect(own.author.name).toBe(w.ngo.name);
    expect(drafter.author.name).toBeUndefined();
    expect((await list(w.ngoColleague)).headers.etag).not.toBe((await list(w.drafter)).headers.etag);
  });

  it('sends only the fields of the documented schema', async () => {
    const threads = (await list(w.ngo)).json() as Record<string, unknown>[];
    const threadKeys = new Set(Object.keys(Thread.properties));
    const commentKeys = new Set(Object.keys(Comment.properties));
    expect(threads.length).toBeGreaterThan(0);
    for (const thread of threads) {
      for (const key of Object.keys(thread)) expect(threadKeys).toContain(key);
      for (const comment of thread.comments as Record<string, unknown>[]) for (const key of Object.keys(comment)) expect(commentKeys).toContain(key);
    }
  });
});

describe('the seq a thread list was read at, and the anonymous list cache', () => {
  const latestSeq = async () => {
    const events = (await t.call('GET', `/api/documents/${docId}/events?after=0`, { token: w.drafter.token })).json() as { seq: number }[];
    return Math.max(0, ...events.map((e) => e.seq));
  };

  it('says in x-document-seq the seq every event up to which is in the list, for every reader', async () => {
    const before = await list(null);
    expect(Number(before.headers['x-document-seq'])).toBe(await latestSeq());
    const created = (await openThread(w.ngo, { body: 'Seq check.' })).json().thread.id as string;
    for (const reader of [null, w.ngo, w.drafter]) {
      const after = await list(reader);
      expect(Number(after.headers['x-document-seq'])).toBe(await latestSeq());
      expect(Number(after.headers['x-document-seq'])).toBeGreaterThan(Number(before.headers['x-document-seq']));
      expect(after.json().map((x: { id: string }) => x.id)).toContain(created);
    }
    // A 304 still says where the reader is.
    const again = await list(null, { 'if-none-match': (await list(null)).headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(Number(again.headers['x-document-seq'])).toBe(await latestSeq());
  });

  it('serves anonymous readers from a cache that still sees writes that append no event', async () => {
    const db = t.database.db;
    const first = await list(null);
    expect((await list(null)).body).toBe(first.body);
    const threadId = first.json()[0].id as string;
    // A comment written straight into the table (an import, a repair): no event, same seq.
    await db
      .insertInto('comment')
      .values({ id: `direct${Date.now()}xxxxxxxxx`.slice(0, 22), thread_id: threadId, author_id: w.ngo.id, author_organization_id: w.ngoId, attribution: 'named', body: 'Written without an event.' })
      .execute();
    const withComment = await list(null);
    expect(withComment.headers['x-document-seq']).toBe(first.headers['x-document-seq']);
    expect(withComment.body).toContain('Written without an event.');
    // A renamed author, also without an event.
    await db.updateTable('account').set({ name: 'Renamed Writer' }).where('id', '=', w.ngo.id).execute();
    expect((await list(null)).body).toContain('Renamed Writer');
    await db.updateTable('account').set({ name: w.ngo.name }).where('id', '=', w.ngo.id).execute();
    expect((await list(null)).body).not.toContain('Renamed Writer');
  });
});

describe('answers of the write path', () => {
  it.each([
    ['named, public', { attribution: 'named', visibility: 'public' }],
    ['organisation only, confidential', { attribution: 'organization', visibility: 'confidential' }],
    ['anonymous suggestion', { attribution: 'anonymous', kind: 'suggestion', suggestion: 'shields' }],
  ])('answers a new thread (%s) exactly as the presenter reads it back, and replays the same answer', async (_label, body) => {
    const key = `thread-${Math.random()}`;
    const first = await openThread(w.ngo, body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const thread = first.json().thread;
    expect((await t.call('GET', `/api/threads/${thread.id}`, { token: w.ngo.token })).json().thread).toEqual(thread);
    const again = await openThread(w.ngo, body, { 'idempotency-key': key });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().thread).toEqual(thread);
  });

  it.each([
    ['a colleague', () => w.ngoColleague],
    ['another organisation', () => w.otherNgo],
    ['a drafter (official answer)', () => w.drafter],
  ])('answers a reply by %s exactly as the presenter reads it back, and replays the same answer', async (_label, who) => {
    const threadId = (await openThread(w.ngo, { attribution: 'organization' })).json().thread.id as string;
    const key = `reply-${Math.random()}`;
    const post = () => t.call('POST', `/api/threads/${threadId}/comments`, { token: who().token, headers: { 'idempotency-key': key }, body: { body: 'We agree.' } });
    const first = await post();
    expect(first.statusCode).toBe(201);
    const comment = first.json().comment;
    const readBack = (await t.call('GET', `/api/threads/${threadId}`, { token: who().token })).json().thread.comments.find((c: { id: string }) => c.id === comment.id);
    expect(readBack).toEqual(comment);
    const again = await post();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().comment).toEqual(comment);
    const comments = (await t.call('GET', `/api/threads/${threadId}`, { token: w.drafter.token })).json().thread.comments;
    expect(comments).toHaveLength(2);
  });

  it('numbers the events of concurrent writes without gaps or duplicates', async () => {
    const start = (await t.call('GET', `/api/documents/${docId}/events?after=0`, { token: w.drafter.token })).json();
    const last = Math.max(...start.map((e: { seq: number }) => e.seq));
    const writes = await Promise.all(Array.from({ length: 12 }, (_, i) => openThread(i % 2 ? w.ngo : w.otherNgo, { body: `Concurrent ${i}` })));
    for (const res of writes) expect(res.statusCode).toBe(201);
    const events = (await t.call('GET', `/api/documents/${docId}/events?after=${last}`, { token: w.drafter.token })).json();
    expect(events.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => last + 1 + i));
  });
});
