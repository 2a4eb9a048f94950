/**
 * State changes seen through every transport (SECURITY.md §0.1 "real-time channels leak more
 * often than REST", ASVS 8.3.2 "permission changes apply immediately"): withdrawn and hidden
 * text must vanish from WebSocket replay and GET /events as it does from REST; a document made
 * invited-only stops feeding sockets that may no longer read it; CSV cells cannot start a
 * formula (ASVS 1.2.10).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveApp, type LiveApp, TestSocket, waitFor } from '../../helpers/live.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: LiveApp;
let w: World;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  t = await createLiveApp();
  w = await createWorld(t);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.close();
});
async function open(token?: string) {
  const s = await TestSocket.open(t.wsUrl, { token });
  sockets.push(s);
  return s;
}
async function anchorOf(docId: string) {
  const blocks = await blocksOf(t, docId, w.drafter.token);
  return { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
}

describe('withdrawn and moderated text on every transport', () => {
  it('AZ-29 / WS: after a withdrawal and a moderation, the text is absent from REST, GET /events and a WebSocket replay from 0, for every other reader', async () => {
    const doc = await createDocument(t, w, { open: true });
    const anchor = await anchorOf(doc);
    const withdrawn = await t.call('POST', `/api/documents/${doc}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body: 'WITHDRAWN-TEXT-3301', visibility: 'public', attribution: 'named' } });
    const hidden = await t.call('POST', `/api/documents/${doc}/threads`, { token: w.otherNgo.token, body: { anchor, kind: 'comment', body: 'MODERATED-TEXT-3302', visibility: 'public', attribution: 'named' } });
    expect((await t.call('POST', `/api/comments/${withdrawn.json().thread.comments[0].id}/withdraw`, { token: w.ngo.token })).statusCode).toBe(200);
    expect((await t.call('POST', `/api/comments/${hidden.json().thread.comments[0].id}/hide`, { token: w.admin.token, body: { reason: 'abusive' } })).statusCode).toBe(200);
    for (const u of [null, w.nhri, w.drafter, w.admin, w.otherDrafter]) {
      const token = u?.token;
      const rest = (await t.call('GET', `/api/documents/${doc}/threads`, { token })).body;
      const events = (await t.call('GET', `/api/documents/${doc}/events?after=0`, { token })).body;
      const s = await open(token);
      await s.subscribe(doc, 0);
      await waitFor(() => s.events(doc).some((e) => e.kind === 'comment.hidden'), 10_000, 'replay');
      for (const bytes of [rest, events, s.raw.join('\n')]) {
        expect(bytes).not.toContain('WITHDRAWN-TEXT-3301');
        if (u !== w.admin) expect(bytes).not.toContain('MODERATED-TEXT-3302');
      }
    }
  });
});

describe('permission changes apply to open sockets', () => {
  it('ASVS 8.3.2: once a public document becomes invited-only, a subscribed reader who is not invited receives none of its new events', async () => {
    const doc = await createDocument(t, w, { open: true });
    const anchor = await anchorOf(doc);
    const outsider = await open(w.otherNgo.token);
    const invited = await open(w.nhri.token);
    await outsider.subscribe(doc);
    await invited.subscribe(doc);
    expect((await t.call('PATCH', `/api/documents/${doc}`, { token: w.drafter.token, body: { visibility: 'invited', invitedOrganizationIds: [w.nhriId] } })).statusCode).toBe(200);
    const after = await t.call('POST', `/api/documents/${doc}/threads`, { token: w.nhri.token, body: { anchor, kind: 'comment', body: 'AFTER-EMBARGO-5510', visibility: 'public', attribution: 'named' } });
    expect(after.statusCode).toBe(201);
    await waitFor(() => invited.raw.join('\n').includes('AFTER-EMBARGO-5510'), 10_000, 'invited reader gets it');
    // A sentinel on another document the outsider watches, posted after: once it arrives, the
    // embargoed event had its chance to arrive too.
    const other = await createDocument(t, w, { open: true });
    await outsider.subscribe(other);
    const sentinel = await t.call('POST', `/api/documents/${other}/threads`, { token: w.ngo.token, body: { anchor: await anchorOf(other), kind: 'comment', body: 'sentinel', visibility: 'public', attribution: 'named' } });
    await waitFor(() => outsider.events(other).some((e) => (e.data.thread as { id: string } | undefined)?.id === sentinel.json().thread.id), 10_000, 'sentinel');
    expect(outsider.raw.join('\n')).not.toContain('AFTER-EMBARGO-5510');
    expect((await outsider.subscribe(doc, 0)).type).toBe('error');
  });
});

describe('ASVS 1.2.10 CSV formula injection', () => {
  it('report CSV cells that would start with = + - @ tab or CR are neutralised', async () => {
    const doc = await createDocument(t, w, { open: true });
    const anchor = await anchorOf(doc);
    const payloads = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '  =1+1', '\u00A0@A1'];
    for (const body of payloads) {
      expect((await t.call('POST', `/api/documents/${doc}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body, visibility: 'public', attribution: 'named' } })).statusCode).toBe(201);
    }
    const csv = (await t.call('GET', `/api/documents/${doc}/report?format=csv`, { token: w.drafter.token })).body;
    // Parse cells (quoted or not) and check none starts with a formula trigger.
    const cells: string[] = [];
    const re = /(?:^|,)(?:"((?:[^"]|"")*)"|([^,\r\n]*))/g;
    for (const line of csv.replace(/^\uFEFF/, '').split(/\r?\n(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
      for (const m of line.matchAll(re)) cells.push((m[1] ?? m[2] ?? '').replace(/""/g, '"'));
    }
    const dangerous = cells.filter((c) => /^[=+\-@\t\r]|^[ \u00A0\n]+[=+\-@]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c));
    expect(dangerous).toEqual([]);
    expect(csv).toContain('HYPERLINK');
  });
});
