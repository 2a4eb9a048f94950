/**
 * A consultation opened with a closing time (PATCH status open + closesAt, as the drafter's Open
 * action sends it): a past time is refused, and once the time has passed the document behaves
 * as closed — commenters can no longer open threads or reply, drafters still answer, and the
 * list and the document show it as closed.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const threadBody = (blockId: string, body: string) => ({
  anchor: { start: { blockId, offset: 0 }, end: { blockId, offset: 4 } },
  kind: 'comment',
  body,
  visibility: 'public',
  attribution: 'named',
});
const listed = async (query: string, token: string) =>
  ((await t.call('GET', `/api/documents${query}`, { token })).json() as { id: string; status: string }[]).map((d) => d.id);

describe('opening a consultation with a closing time', () => {
  it('opens with a future closesAt and shows it on the document', async () => {
    const id = await createDocument(t, w);
    const closesAt = inMinutes(60 * 24 * 14);
    const res = await t.call('PATCH', `/api/documents/${id}`, { token: w.drafter.token, body: { status: 'open', closesAt } });
    expect(res.statusCode).toBe(200);
    expect(res.json().document).toMatchObject({ status: 'open', closesAt });
    expect(res.json().document.opensAt).not.toBeNull();
    const got = (await t.call('GET', `/api/documents/${id}`, { token: w.ngo.token })).json();
    expect(got.document).toMatchObject({ status: 'open', closesAt });
    expect(await listed('?status=open', w.ngo.token)).toContain(id);
  });

  it('refuses a closing time in the past with 422 and leaves the draft unopened', async () => {
    const id = await createDocument(t, w);
    const res = await t.call('PATCH', `/api/documents/${id}`, { token: w.drafter.token, body: { status: 'open', closesAt: inMinutes(-1) } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/closing date in the future/);
    expect((await t.call('GET', `/api/documents/${id}`, { token: w.drafter.token })).json().document).toMatchObject({ status: 'draft', closesAt: null });
  });

  it('once the closing time has passed: commenters get 409, drafters still answer, it is listed as closed', async () => {
    const id = await createDocument(t, w);
    const opened = await t.call('PATCH', `/api/documents/${id}`, { token: w.drafter.token, body: { status: 'open', closesAt: inMinutes(10) } });
    expect(opened.statusCode).toBe(200);
    const [, line] = await blocksOf(t, id);
    const thread = await t.call('POST', `/api/documents/${id}/threads`, { token: w.ngo.token, body: threadBody(line.id, 'Before the deadline.') });
    expect(thread.statusCode).toBe(201);
    const threadId = thread.json().thread.id as string;

    // The closing time passes (written in the row, as the clock would make it so).
    await sql`update document set closes_at = now() - interval '1 second' where id = ${id}`.execute(t.database.db);

    const late = await t.call('POST', `/api/documents/${id}/threads`, { token: w.ngo.token, body: threadBody(line.id, 'After the deadline.') });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('consultation_closed');
    const lateReply = await t.call('POST', `/api/threads/${threadId}/comments`, { token: w.ngoColleague.token, body: { body: 'Too late.' } });
    expect(lateReply.statusCode).toBe(409);
    expect(lateReply.json().error.code).toBe('consultation_closed');
    const answer = await t.call('POST', `/api/threads/${threadId}/comments`, { token: w.drafter.token, body: { body: 'Thank you, noted for the report.' } });
    expect(answer.statusCode).toBe(201);
    const disposition = await t.call('POST', `/api/threads/${threadId}/disposition`, { token: w.drafter.token, body: { value: 'noted' } });
    expect(disposition.statusCode).toBe(200);

    expect((await t.call('GET', `/api/documents/${id}`, { token: w.ngo.token })).json().document.status).toBe('closed');
    expect(await listed('?status=closed', w.ngo.token)).toContain(id);
    expect(await listed('?status=open', w.ngo.token)).not.toContain(id);
    expect(await listed('?status=closed', w.drafter.token)).toContain(id);
    const all = (await t.call('GET', '/api/documents', { token: w.ngo.token })).json() as { id: string; status: string; can: { comment: boolean } }[];
    expect(all.find((d) => d.id === id)).toMatchObject({ status: 'closed', can: { comment: false } });
  });
});
