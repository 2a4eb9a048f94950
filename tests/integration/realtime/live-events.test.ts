/**
 * Real time on one process: events reach permitted readers at once, filtered per reader like
 * REST; resume after a seq has no gap and no duplicate; GET /events gives the same; invisible
 * documents answer not_found like missing ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveApp, type LiveApp, TestSocket, waitFor } from '../../helpers/live.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: LiveApp;
let w: World;
let docId: string;
let anchor: { start: { blockId: string; offset: number }; end: { blockId: string; offset: number } };
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await createLiveApp();
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true });
  const blocks = await blocksOf(t, docId);
  anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.close();
});

async function socket(token?: string) {
  const s = await TestSocket.open(t.wsUrl, { token });
  sockets.push(s);
  return s;
}

function post(token: string, body: string, visibility = 'public', attribution = 'named') {
  return t.call('POST', `/api/documents/${docId}/threads`, { token, body: { anchor, kind: 'comment', body, visibility, attribution } });
}

describe('live events', () => {
  it('delivers a new thread to every reader who may see it, at once, in seq order', async () => {
    const anon = await socket();
    const drafter = await socket(w.drafter.token);
    const sub = await anon.subscribe(docId);
    expect(sub.type).toBe('subscribed');
    await drafter.subscribe(docId);
    const res = await post(w.ngo.token, 'Live public comment');
    const id = res.json().thread.id;
    for (const s of [anon, drafter]) {
      const e = await waitFor(() => s.events(docId).find((m) => m.kind === 'thread.created' && (m.data.thread as { id: string }).id === id), 10_000, 'thread.created');
      expect((e.data.thread as { comments: { body: string }[] }).comments[0].body).toBe('Live public comment');
    }
    const seqs = anon.events(docId).map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('never sends a confidential thread to another organisation, live or on replay, and never the person behind organisation-only', async () => {
    const other = await socket(w.otherNgo.token);
    const colleague = await socket(w.ngoColleague.token);
    const drafter = await socket(w.drafter.token);
    const start = (await other.subscribe(docId)) as { seq: number };
    await colleague.subscribe(docId);
    await drafter.subscribe(docId);
    const secret = await post(w.ngo.token, 'SECRET-CONFIDENTIAL-BODY', 'confidential', 'organization');
    const orgOnly = await post(w.ngo.token, 'public but organisation-only', 'public', 'organization');
    const marker = await post(w.otherNgo.token, 'marker after both');
    const markerId = marker.json().thread.id;
    for (const s of [other, colleague, drafter]) await waitFor(() => s.events(docId).some((e) => (e.data.thread as { id: string } | undefined)?.id === markerId), 10_000, 'marker');
    const otherBytes = other.raw.join('\n');
    expect(otherBytes).not.toContain('SECRET-CONFIDENTIAL-BODY');
    expect(otherBytes).not.toContain(secret.json().thread.id);
    expect(otherBytes).toContain(orgOnly.json().thread.id);
    expect(otherBytes).not.toContain(w.ngo.name);
    expect(drafter.raw.join('\n')).toContain('SECRET-CONFIDENTIAL-BODY');
    expect(drafter.raw.join('\n')).not.toContain(w.ngo.name);
    expect(colleague.raw.join('\n')).toContain(w.ngo.name);
    // Replay from before: the same filtering.
    const replay = await socket(w.otherNgo.token);
    await replay.subscribe(docId, start.seq);
    await waitFor(() => replay.events(docId).some((e) => (e.data.thread as { id: string } | undefined)?.id === markerId), 10_000, 'replayed marker');
    expect(replay.raw.join('\n')).not.toContain('SECRET-CONFIDENTIAL-BODY');
    expect(replay.raw.join('\n')).not.toContain(w.ngo.name);
    // And over HTTP.
    const http = await t.call('GET', `/api/documents/${docId}/events?after=${start.seq}`, { token: w.otherNgo.token });
    expect(http.statusCode).toBe(200);
    expect(http.body).not.toContain('SECRET-CONFIDENTIAL-BODY');
    expect(http.body).not.toContain(w.ngo.name);
    expect((http.json() as { seq: number }[]).map((e) => e.seq)).toEqual(replay.events(docId).map((e) => e.seq));
  });

  it('resumes after a seq with no gap and no duplicate', async () => {
    const first = await socket(w.nhri.token);
    const { seq: start } = (await first.subscribe(docId)) as { seq: number };
    for (let i = 0; i < 5; i++) await post(w.nhri.token, `before drop ${i}`);
    await waitFor(() => first.events(docId).length >= 5, 10_000, 'five events');
    const seen = first.events(docId).map((e) => e.seq);
    first.close();
    for (let i = 0; i < 5; i++) await post(w.nhri.token, `while away ${i}`);
    const again = await socket(w.nhri.token);
    const last = seen[seen.length - 1];
    again.send({ type: 'subscribe', documentId: docId, after: last });
    for (let i = 0; i < 3; i++) await post(w.nhri.token, `after return ${i}`);
    const all = await waitFor(() => {
      const e = again.events(docId);
      return e.length >= 8 && e;
    }, 10_000, 'eight events');
    const seqs = [...seen, ...all.map((e) => e.seq)];
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => start + 1 + i));
  });

  it('answers not_found alike for an invisible document and a missing one', async () => {
    const draftId = await createDocument(t, w);
    const s = await socket(w.ngo.token);
    const hidden = await s.subscribe(draftId);
    const missing = await s.subscribe('NoSuchDocument000000');
    expect(hidden).toMatchObject({ type: 'error', code: 'not_found' });
    expect({ ...hidden, documentId: 'x' }).toEqual({ ...missing, documentId: 'x' });
    expect((await t.call('GET', `/api/documents/${draftId}/events`, { token: w.ngo.token })).statusCode).toBe(404);
  });

  it('delivers document updates and new versions', async () => {
    const s = await socket();
    await s.subscribe(docId);
    await t.call('POST', `/api/documents/${docId}/versions`, { token: w.drafter.token, body: { note: 'v2', source: { format: 'text', content: 'Article 1\nThis law protects victims of trafficking.\nArticle 2\nThe State shall provide shelter.\n' } } });
    await waitFor(() => s.events(docId).find((e) => e.kind === 'version.published' && e.data.number === 2), 10_000, 'version.published');
  });
});
