/**
 * Every write on a thread leaves exactly two traces in its transaction: one event in the
 * document's log (the next seq, the right kind: what the real-time stream replays) and one
 * audit entry with the matching action. One row of the table per write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: TestApp;
let w: World;
let doc: string;
let anchor: unknown;
/** Ids made by earlier rows, used by later ones (the table runs in order). */
const made: { threadId?: string; commentId?: string; replyId?: string; spareCommentId?: string } = {};

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
  doc = await createDocument(t, w, { open: true });
  const blocks = await blocksOf(t, doc);
  anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
  // A second thread whose opening comment the author withdraws (a reply would freeze the first).
  const spare = await t.call('POST', `/api/documents/${doc}/threads`, { token: w.otherNgo.token, body: { anchor, kind: 'comment', body: 'Spare', visibility: 'public', attribution: 'named' } });
  made.spareCommentId = spare.json().thread.comments[0].id;
});
afterAll(() => t.close());

async function traces() {
  const db = t.database.db;
  const document = await db.selectFrom('document').select('last_seq').where('id', '=', doc).executeTakeFirstOrThrow();
  const events = await db.selectFrom('document_event').select(['seq', 'kind']).where('document_id', '=', doc).orderBy('seq').execute();
  const audit = await db.selectFrom('audit_entry').select(['action']).where('document_id', '=', doc).execute();
  return { seq: Number(document.last_seq), events: events.map((e) => ({ seq: Number(e.seq), kind: e.kind })), audit: audit.map((a) => a.action) };
}

interface Write {
  name: string;
  kind: string;
  run: () => Promise<{ statusCode: number; json: () => Record<string, never> }>;
  keep?: (answer: Record<string, never>) => void;
}

const as = (user: TestUser, method: string, url: string, body?: unknown) => t.call(method, url, { token: user.token, body });

const WRITES: Write[] = [
  {
    name: 'a new thread',
    kind: 'thread.created',
    run: () => as(w.ngo, 'POST', `/api/documents/${doc}/threads`, { anchor, version: 1, kind: 'comment', body: 'Opening', visibility: 'public', attribution: 'named' }),
    keep: (a: { thread?: { id: string; comments: { id: string }[] } }) => {
      made.threadId = a.thread?.id;
      made.commentId = a.thread?.comments[0].id;
    },
  },
  { name: 'an edit', kind: 'comment.edited', run: () => as(w.ngo, 'PATCH', `/api/comments/${made.commentId}`, { body: 'Opening, reworded' }) },
  { name: 'a withdrawal', kind: 'comment.withdrawn', run: () => as(w.otherNgo, 'POST', `/api/comments/${made.spareCommentId}/withdraw`) },
  {
    name: 'a reply',
    kind: 'comment.created',
    run: () => as(w.nhri, 'POST', `/api/threads/${made.threadId}/comments`, { body: 'We agree' }),
    keep: (a: { comment?: { id: string } }) => {
      made.replyId = a.comment?.id;
    },
  },
  { name: 'an endorsement', kind: 'endorsement.added', run: () => as(w.nhri, 'POST', `/api/threads/${made.threadId}/endorsements`, { organizationId: w.nhriId }) },
  { name: 'a disposition', kind: 'thread.disposed', run: () => as(w.drafter, 'POST', `/api/threads/${made.threadId}/disposition`, { value: 'rejected', rationale: 'Out of scope.' }) },
  { name: 'a resolution', kind: 'thread.resolved', run: () => as(w.drafter, 'POST', `/api/threads/${made.threadId}/resolve`) },
  { name: 'a reopening', kind: 'thread.reopened', run: () => as(w.drafter, 'POST', `/api/threads/${made.threadId}/reopen`) },
  { name: 'a moderator hiding a comment', kind: 'comment.hidden', run: () => as(w.admin, 'POST', `/api/comments/${made.replyId}/hide`, { reason: 'Personal data' }) },
];

describe('each write adds one event and one audit entry', () => {
  it.each(WRITES.map((x) => [x.name, x] as const))('%s: document seq +1, one event of its kind, one audit entry with the same action', async (_name, write) => {
    const before = await traces();
    const res = await write.run();
    expect(res.statusCode).toBeLessThan(300);
    write.keep?.(res.json());
    const after = await traces();
    expect(after.seq).toBe(before.seq + 1);
    expect(after.events).toEqual([...before.events, { seq: before.seq + 1, kind: write.kind }]);
    expect(after.audit).toHaveLength(before.audit.length + 1);
    // The new audit entry is the one with this action (entries of one document are not ordered by seq).
    const count = (list: string[]) => list.filter((a) => a === write.kind).length;
    expect(count(after.audit)).toBe(count(before.audit) + 1);
  });
});
