/**
 * Threads and comments over HTTP: 2-D anchors validated against the server's own text,
 * kinds, replies, edits kept as revisions and frozen after a reply, withdrawal and moderation
 * marks, endorsements once per organisation, dispositions and resolution, idempotency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: TestApp;
let w: World;
let docId: string;
let blocks: Awaited<ReturnType<typeof blocksOf>>;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true, text: 'Article 1\nThis law protects victims of trafficking 😀 in persons.\nArticle 2\nThe State shall provide shelter and legal aid.\n' });
  blocks = await blocksOf(t, docId);
});
afterAll(() => t.close());

function span(blockIndex: number, start: number, end: number, endBlock = blockIndex) {
  return { start: { blockId: blocks[blockIndex].id, offset: start }, end: { blockId: blocks[endBlock].id, offset: end } };
}

async function open(user: TestUser, body: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return t.call('POST', `/api/documents/${docId}/threads`, {
    token: user.token,
    headers,
    body: { anchor: span(1, 5, 17), kind: 'comment', body: 'Please widen this.', visibility: 'public', attribution: 'named', ...body },
  });
}

/** Rows a refused write must not leave behind: threads, comments, events and audit entries. */
async function storedCounts() {
  const db = t.database.db;
  const count = async (table: 'thread' | 'comment' | 'document_event' | 'audit_entry') => Number((await db.selectFrom(table).select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { threads: await count('thread'), comments: await count('comment'), events: await count('document_event'), audit: await count('audit_entry') };
}

describe('opening threads', () => {
  it('stores the quote and context from the server text, with the original anchor', async () => {
    const res = await open(w.ngo);
    expect(res.statusCode).toBe(201);
    const thread = res.json().thread;
    expect(thread.quote).toBe('law protects');
    expect(thread.prefix).toBe('Article 1\nThis ');
    expect(thread.suffix.startsWith(' victims of')).toBe(true);
    expect(thread.originalAnchor).toEqual(span(1, 5, 17));
    expect(thread.anchorState).toBe('unchanged');
    expect(thread.comments).toHaveLength(1);
    expect(thread.author).toMatchObject({ name: w.ngo.name, isYou: true });
  });

  it('accepts a span across lines and a whole line', async () => {
    const across = await open(w.nhri, { anchor: span(1, 9, 9, 3) });
    expect(across.statusCode).toBe(201);
    expect(across.json().thread.quote).toBe(`protects victims of trafficking 😀 in persons.\nArticle 2\nThe State`);
    const whole = await open(w.nhri, { anchor: span(3, 0, blocks[3].text.length) });
    expect(whole.json().thread.quote).toBe(blocks[3].text);
  });

  it('carries replacement wording for a suggestion', async () => {
    const res = await open(w.ngo, { kind: 'suggestion', suggestion: 'shields', anchor: span(1, 9, 17) });
    expect(res.statusCode).toBe(201);
    expect(res.json().thread).toMatchObject({ kind: 'suggestion', suggestion: 'shields', quote: 'protects' });
    expect((await open(w.ngo, { kind: 'suggestion' })).statusCode).toBe(422);
  });

  it.each([
    ['an offset past the end of the line', () => span(1, 0, 500)],
    ['a reversed span', () => span(1, 10, 5)],
    ['a block that does not exist', () => ({ start: { blockId: 'nope', offset: 0 }, end: { blockId: 'nope', offset: 1 } })],
    ['an empty span', () => span(1, 4, 4)],
    ['an offset splitting an emoji', () => {
      const at = blocks[1].text.indexOf('😀') + 1;
      return span(1, 0, at);
    }],
    ['a negative offset', () => span(1, -1, 4)],
    ['an offset far past any line', () => span(1, 0, 100_001)],
  ])('refuses %s with 422 invalid_anchor, storing nothing', async (_label, anchor) => {
    const before = await storedCounts();
    const res = await open(w.ngo, { anchor: anchor() });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('invalid_anchor');
    expect(await storedCounts()).toEqual(before);
  });

  it('refuses a drafter (403), an admin (403), someone without organisation (403) and the signed-out (401)', async () => {
    expect((await open(w.drafter)).statusCode).toBe(403);
    expect((await open(w.admin)).statusCode).toBe(403);
    expect((await open(w.loner)).statusCode).toBe(403);
    const anon = await t.call('POST', `/api/documents/${docId}/threads`, { body: { anchor: span(1, 0, 4), kind: 'comment', body: 'x', visibility: 'public', attribution: 'named' } });
    expect(anon.statusCode).toBe(401);
  });

  it('refuses extra fields (mass assignment) and bodies over 10,000 characters', async () => {
    expect((await open(w.ngo, { status: 'resolved' })).statusCode).toBe(400);
    expect((await open(w.ngo, { authorId: w.otherNgo.id })).statusCode).toBe(400);
    expect((await open(w.ngo, { body: 'x'.repeat(10_001) })).statusCode).toBe(400);
    expect((await open(w.ngo, { body: 'x'.repeat(10_000) })).statusCode).toBe(201);
  });

  it('keeps Arabic with diacritics, zero-width joiners and bidi characters byte for byte in bodies', async () => {
    const body = 'قَانُونُ العُقُوبَاتِ ـ مع \u200C و \u202Eمقلوب';
    const res = await open(w.ngo, { body });
    expect(res.json().thread.comments[0].body).toBe(body.normalize('NFC'));
  });

  it('honours Idempotency-Key: same key and body → the first answer, different body → 422', async () => {
    const key = `key-${Math.random()}`;
    const first = await open(w.ngo, { body: 'Once only' }, { 'idempotency-key': key });
    const again = await open(w.ngo, { body: 'Once only' }, { 'idempotency-key': key });
    expect(again.statusCode).toBe(201);
    expect(again.json().thread.id).toBe(first.json().thread.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await open(w.ngo, { body: 'Something else' }, { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    const rows = await t.database.db.selectFrom('comment').select('id').where('body', '=', 'Once only').execute();
    expect(rows).toHaveLength(1);
    // The same key from another person is theirs alone.
    expect((await open(w.otherNgo, { body: 'Once only' }, { 'idempotency-key': key })).json().thread.id).not.toBe(first.json().thread.id);
  });

  it('stores exactly one thread when the same key is sent twenty times at once', async () => {
    const key = `burst-${Math.random()}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => open(w.nhri, { body: 'Burst' }, { 'idempotency-key': key })));
    const ids = new Set(answers.filter((a) => a.statusCode === 201).map((a) => a.json().thread.id));
    expect(ids.size).toBe(1);
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
    expect(await t.database.db.selectFrom('comment').select('id').where('body', '=', 'Burst').execute()).toHaveLength(1);
  });
});

describe('anchors selected on an older version', () => {
  const V1 = 'Article 1\nThe penalty is imprisonment for eight years.\nArticle 2\nThis sentence will be deleted.\nArticle 3\nThe State shall provide shelter.\n';
  const V2 = 'Article 1\nThe penalty is imprisonment for twelve years at most.\nArticle 2\nArticle 3\nThe State shall provide shelter.\n';
  let doc: string;
  let v1: Awaited<ReturnType<typeof blocksOf>>;
  beforeAll(async () => {
    doc = await createDocument(t, w, { open: true, text: V1 });
    v1 = await blocksOf(t, doc);
    const pub = await t.call('POST', `/api/documents/${doc}/versions`, { token: w.drafter.token, body: { note: 'amended', source: { format: 'text', content: V2 } } });
    expect(pub.statusCode).toBe(201);
  });
  const post = (anchor: unknown, version?: number) =>
    t.call('POST', `/api/documents/${doc}/threads`, {
      token: w.ngo.token,
      body: { anchor, ...(version === undefined ? {} : { version }), kind: 'comment', body: 'Selected on an old page', visibility: 'public', attribution: 'named' },
    });
  const on = (b: { id: string; text: string }, word: string) => {
    const at = b.text.indexOf(word);
    return { start: { blockId: b.id, offset: at }, end: { blockId: b.id, offset: at + word.length } };
  };

  it('refuses a span sent with an older version number (422, reload and select again), storing nothing', async () => {
    const current = await blocksOf(t, doc);
    // The edited line kept its id: without the version, these offsets would quote other words.
    expect(current.some((b) => b.id === v1[1].id)).toBe(true);
    const before = await storedCounts();
    const res = await post(on(v1[1], 'eight years'), 1);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'invalid_anchor' });
    expect(res.json().error.message).toMatch(/version 1.*version 2.*reload/i);
    expect(await storedCounts()).toEqual(before);
  });

  it('refuses a span on a line that only exists in an older version (422), storing nothing', async () => {
    const before = await storedCounts();
    for (const version of [undefined, 2]) {
      const res = await post(on(v1[3], 'deleted'), version);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('invalid_anchor');
    }
    expect(await storedCounts()).toEqual(before);
  });

  it('refuses a version that does not exist yet, and accepts the current one', async () => {
    const current = await blocksOf(t, doc);
    expect((await post(on(current[1], 'twelve years'), 3)).statusCode).toBe(422);
    expect((await post(on(current[1], 'twelve years'), 0)).statusCode).toBe(400);
    const ok = await post(on(current[1], 'twelve years'), 2);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().thread).toMatchObject({ quote: 'twelve years', versionNumber: 2 });
  });
});

describe('replies, edits, withdrawal, moderation', () => {
  it('keeps each edit as a revision and freezes the comment once someone replied (409)', async () => {
    const thread = (await open(w.ngo, { body: 'First wording' })).json().thread;
    const commentId = thread.comments[0].id;
    const edit = await t.call('PATCH', `/api/comments/${commentId}`, { token: w.ngo.token, body: { body: 'Second wording' } });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().comment).toMatchObject({ body: 'Second wording', revisionCount: 1 });
    expect(edit.json().comment.editedAt).not.toBeNull();
    const revisions = await t.database.db.selectFrom('comment_revision').select('body').where('comment_id', '=', commentId).execute();
    expect(revisions.map((r) => r.body)).toEqual(['First wording']);
    expect((await t.call('PATCH', `/api/comments/${commentId}`, { token: w.otherNgo.token, body: { body: 'hijack' } })).statusCode).toBe(403);
    const answer = await t.call('POST', `/api/threads/${thread.id}/comments`, { token: w.drafter.token, body: { body: 'Official answer' } });
    expect(answer.statusCode).toBe(201);
    expect(answer.json().comment.author).toMatchObject({ official: true, name: w.drafter.name });
    const frozen = await t.call('PATCH', `/api/comments/${commentId}`, { token: w.ngo.token, body: { body: 'Third wording' } });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.code).toBe('comment_frozen');
    expect((await t.call('POST', `/api/comments/${commentId}/withdraw`, { token: w.ngo.token })).statusCode).toBe(409);
  });

  it('withdraws a comment without replies: the text disappears for everyone, a mark stays', async () => {
    const thread = (await open(w.ngo, { body: 'I take this back' })).json().thread;
    const res = await t.call('POST', `/api/comments/${thread.comments[0].id}/withdraw`, { token: w.ngo.token });
    expect(res.statusCode).toBe(200);
    expect(res.json().comment).toMatchObject({ withdrawn: true });
    expect(res.json().comment.body).toBeUndefined();
    const seen = (await t.call('GET', `/api/threads/${thread.id}`)).json().thread.comments[0];
    expect(seen.withdrawn).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('I take this back');
    expect(await t.database.db.selectFrom('comment').select('body').where('id', '=', thread.comments[0].id).executeTakeFirst()).toEqual({ body: 'I take this back' });
  });

  it('lets only an admin hide a comment, with a reason that stays visible', async () => {
    const thread = (await open(w.otherNgo, { body: 'Abusive words' })).json().thread;
    const cid = thread.comments[0].id;
    expect((await t.call('POST', `/api/comments/${cid}/hide`, { token: w.drafter.token, body: { reason: 'x' } })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/comments/${cid}/hide`, { token: w.ngo.token, body: { reason: 'x' } })).statusCode).toBe(403);
    const hidden = await t.call('POST', `/api/comments/${cid}/hide`, { token: w.admin.token, body: { reason: 'Insults a person' } });
    expect(hidden.statusCode).toBe(200);
    const seen = (await t.call('GET', `/api/threads/${thread.id}`)).json().thread.comments[0];
    expect(seen).toMatchObject({ hidden: true, hiddenReason: 'Insults a person' });
    expect(seen.body).toBeUndefined();
  });

  it('refuses replies from commenters once the consultation closed, but not the drafters’ answers', async () => {
    const doc = await createDocument(t, w, { open: true });
    const b = await blocksOf(t, doc);
    const th = (await t.call('POST', `/api/documents/${doc}/threads`, { token: w.ngo.token, body: { anchor: { start: { blockId: b[1].id, offset: 0 }, end: { blockId: b[1].id, offset: 4 } }, kind: 'question', body: 'Why?', visibility: 'public', attribution: 'named' } })).json().thread;
    await t.call('PATCH', `/api/documents/${doc}`, { token: w.drafter.token, body: { status: 'closed' } });
    const late = await t.call('POST', `/api/threads/${th.id}/comments`, { token: w.ngo.token, body: { body: 'Late' } });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('consultation_closed');
    expect((await t.call('POST', `/api/documents/${doc}/threads`, { token: w.ngo.token, body: { anchor: { start: { blockId: b[1].id, offset: 0 }, end: { blockId: b[1].id, offset: 4 } }, kind: 'comment', body: 'Late', visibility: 'public', attribution: 'named' } })).statusCode).toBe(409);
    expect((await t.call('POST', `/api/threads/${th.id}/comments`, { token: w.drafter.token, body: { body: 'Answer' } })).statusCode).toBe(201);
  });

  it('lets an organisation endorse a thread once (409 the second time) and only for itself', async () => {
    const thread = (await open(w.ngo)).json().thread;
    const ok = await t.call('POST', `/api/threads/${thread.id}/endorsements`, { token: w.nhri.token, body: { organizationId: w.nhriId } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().thread.endorsements).toEqual([{ organizationId: w.nhriId, name: 'National Human Rights Council' }]);
    const twice = await t.call('POST', `/api/threads/${thread.id}/endorsements`, { token: w.nhri.token, body: { organizationId: w.nhriId } });
    expect(twice.statusCode).toBe(409);
    expect((await t.call('POST', `/api/threads/${thread.id}/endorsements`, { token: w.nhri.token, body: { organizationId: w.otherNgoId } })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/threads/${thread.id}/endorsements`, { token: w.drafter.token, body: { organizationId: w.ministryId } })).statusCode).toBe(403);
  });
});

describe('dispositions', () => {
  it('lets drafters dispose with a rationale, resolve and reopen; others get 403', async () => {
    const thread = (await open(w.ngo)).json().thread;
    for (const who of [w.ngo, w.otherDrafter, w.admin]) {
      expect((await t.call('POST', `/api/threads/${thread.id}/disposition`, { token: who.token, body: { value: 'accepted' } })).statusCode).toBe(403);
    }
    const noReason = await t.call('POST', `/api/threads/${thread.id}/disposition`, { token: w.drafter.token, body: { value: 'rejected' } });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.code).toBe('rationale_required');
    expect((await t.call('POST', `/api/threads/${thread.id}/disposition`, { token: w.drafter.token, body: { value: 'maybe' } })).statusCode).toBe(400);
    expect((await t.call('POST', `/api/threads/${thread.id}/resolve`, { token: w.drafter.token })).statusCode).toBe(400);
    const disposed = await t.call('POST', `/api/threads/${thread.id}/disposition`, { token: w.drafter.token, body: { value: 'partially_accepted', rationale: 'Kept the principle, not the wording.' } });
    expect(disposed.statusCode).toBe(200);
    expect(disposed.json().thread.disposition).toMatchObject({ value: 'partially_accepted', rationale: 'Kept the principle, not the wording.', by: { name: w.drafter.name, official: true } });
    expect((await t.call('POST', `/api/threads/${thread.id}/resolve`, { token: w.ngo.token })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/threads/${thread.id}/resolve`, { token: w.drafter.token })).json().thread.status).toBe('resolved');
    expect((await t.call('POST', `/api/threads/${thread.id}/reopen`, { token: w.drafter.token })).json().thread.status).toBe('open');
    // A disposition freezes the opening comment.
    expect((await t.call('PATCH', `/api/comments/${thread.comments[0].id}`, { token: w.ngo.token, body: { body: 'changed' } })).statusCode).toBe(409);
  });

  it.each(['rejected', 'partially_accepted', 'not_applicable'])('refuses "%s" without a rationale (422), storing nothing', async (value) => {
    const thread = (await open(w.ngo)).json().thread;
    const before = await storedCounts();
    for (const rationale of [undefined, '   ']) {
      const res = await t.call('POST', `/api/threads/${thread.id}/disposition`, { token: w.drafter.token, body: { value, ...(rationale === undefined ? {} : { rationale }) } });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('rationale_required');
    }
    expect(await storedCounts()).toEqual(before);
    const row = await t.database.db.selectFrom('thread').select(['disposition', 'rationale']).where('id', '=', thread.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ disposition: null, rationale: null });
  });

  it('accepts "accepted" and "noted" without a rationale', async () => {
    for (const value of ['accepted', 'noted']) {
      const thread = (await open(w.ngo)).json().thread;
      expect((await t.call('POST', `/api/threads/${thread.id}/disposition`, { token: w.drafter.token, body: { value } })).statusCode).toBe(200);
    }
  });
});

describe('threads list', () => {
  it('filters by status and block, in document order', async () => {
    const all = (await t.call('GET', `/api/documents/${docId}/threads`)).json() as { anchor: { start: { blockId: string } }; status: string }[];
    const order = all.map((x) => blocks.findIndex((b) => b.id === x.anchor.start.blockId));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const onLine3 = (await t.call('GET', `/api/documents/${docId}/threads?blockId=${blocks[3].id}`)).json() as unknown[];
    expect(onLine3.length).toBeGreaterThan(0);
    const resolved = (await t.call('GET', `/api/documents/${docId}/threads?status=resolved`)).json() as { status: string }[];
    expect(resolved.every((x) => x.status === 'resolved')).toBe(true);
    expect((await t.call('GET', `/api/documents/${docId}/threads?status=nope`)).statusCode).toBe(400);
  });
});
