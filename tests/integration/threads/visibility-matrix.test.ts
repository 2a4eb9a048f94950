/**
 * Who sees what, as a table: every role × every read path (threads list, thread by id, report
 * as JSON, CSV and DOCX, audit). For each answer the raw bytes are searched for what the role
 * may not see: the confidential text, and the person (name, email, account id) behind
 * organisation-only and anonymous comments.
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: TestApp;
let w: World;
let docId: string;
let invitedDocId: string;
const ids: Record<string, string> = {};
const CONFIDENTIAL = 'CONFIDENTIAL-TEXT-7731';
const ORG_ONLY = 'ORG-ONLY-TEXT-4410';
const ANONYMOUS = 'ANONYMOUS-TEXT-9902';

type Role = 'signedOut' | 'author' | 'colleague' | 'otherNgo' | 'nhri' | 'drafter' | 'otherDrafter' | 'admin';
const ROLES: Role[] = ['signedOut', 'author', 'colleague', 'otherNgo', 'nhri', 'drafter', 'otherDrafter', 'admin'];

function user(role: Role): TestUser | null {
  const map: Record<Role, TestUser | null> = {
    signedOut: null,
    author: w.ngo,
    colleague: w.ngoColleague,
    otherNgo: w.otherNgo,
    nhri: w.nhri,
    drafter: w.drafter,
    otherDrafter: w.otherDrafter,
    admin: w.admin,
  };
  return map[role];
}

const seesConfidential = new Set<Role>(['author', 'colleague', 'drafter']);
const knowsThePerson = new Set<Role>(['author', 'colleague']);

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
  docId = await createDocument(t, w, { open: true });
  const blocks = await blocksOf(t, docId);
  const anchor = { start: { blockId: blocks[1].id, offset: 0 }, end: { blockId: blocks[1].id, offset: 8 } };
  const post = async (body: string, visibility: string, attribution: string) => {
    const res = await t.call('POST', `/api/documents/${docId}/threads`, { token: w.ngo.token, body: { anchor, kind: 'comment', body, visibility, attribution } });
    expect(res.statusCode).toBe(201);
    return res.json().thread.id as string;
  };
  ids.confidential = await post(CONFIDENTIAL, 'confidential', 'organization');
  ids.orgOnly = await post(ORG_ONLY, 'public', 'organization');
  ids.anonymous = await post(ANONYMOUS, 'public', 'anonymous');
  // A reply from the colleague in the org-only thread: same attribution, same protection.
  await t.call('POST', `/api/threads/${ids.orgOnly}/comments`, { token: w.ngoColleague.token, body: { body: 'colleague reply' } });
  await t.call('POST', `/api/threads/${ids.confidential}/disposition`, { token: w.drafter.token, body: { value: 'noted' } });
  invitedDocId = await createDocument(t, w, { open: true, visibility: 'invited', invited: [w.nhriId] });
});
afterAll(() => t.close());

async function get(role: Role, url: string) {
  return t.call('GET', url, { token: user(role)?.token });
}

async function docxText(raw: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(raw);
  return (await zip.file('word/document.xml')?.async('string')) ?? '';
}

function leaks(role: Role, bytes: string): string[] {
  const found: string[] = [];
  if (!seesConfidential.has(role) && bytes.includes(CONFIDENTIAL)) found.push('confidential text');
  if (!seesConfidential.has(role) && bytes.includes(ids.confidential)) found.push('confidential thread id');
  if (!knowsThePerson.has(role)) {
    for (const secret of [w.ngo.name, w.ngo.email, w.ngo.id, w.ngoColleague.name, w.ngoColleague.email, w.ngoColleague.id]) {
      if (bytes.includes(secret)) found.push(`person: ${secret}`);
    }
  }
  return found;
}

describe.each(ROLES)('as %s', (role) => {
  it('sees exactly the threads the policy allows in the list, with no hidden person or text in the bytes', async () => {
    const res = await get(role, `/api/documents/${docId}/threads`);
    expect(res.statusCode).toBe(200);
    const listed = (res.json() as { id: string }[]).map((x) => x.id);
    expect(listed.includes(ids.confidential)).toBe(seesConfidential.has(role));
    expect(listed).toContain(ids.orgOnly);
    expect(listed).toContain(ids.anonymous);
    expect(leaks(role, res.body)).toEqual([]);
  });

  it('gets the confidential thread by id only when allowed, else a 404 identical to a missing id', async () => {
    const res = await get(role, `/api/threads/${ids.confidential}`);
    const missing = await get(role, '/api/threads/doesNotExist0000000000');
    if (seesConfidential.has(role)) expect(res.statusCode).toBe(200);
    else {
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(missing.body);
    }
    for (const id of [ids.orgOnly, ids.anonymous]) {
      const one = await get(role, `/api/threads/${id}`);
      expect(one.statusCode).toBe(200);
      expect(leaks(role, one.body)).toEqual([]);
    }
  });

  it('shows the organisation of an organisation-only author to all, the anonymous one to drafters and the own organisation only', async () => {
    const list = (await get(role, `/api/documents/${docId}/threads`)).json() as { id: string; author: { name?: string; organization?: { name: string } } }[];
    const orgOnly = list.find((x) => x.id === ids.orgOnly);
    expect(orgOnly?.author.organization?.name).toBe('Migrant Rights Association');
    const anonymous = list.find((x) => x.id === ids.anonymous);
    const seesOrg = knowsThePerson.has(role) || role === 'drafter';
    expect(anonymous?.author.organization?.name === 'Migrant Rights Association').toBe(seesOrg);
    expect(anonymous?.author.name === w.ngo.name).toBe(knowsThePerson.has(role));
  });

  it('gets a report in JSON, CSV and DOCX that never shows more than the list', async () => {
    for (const format of ['json', 'csv', 'docx']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/documents/${docId}/report?format=${format}`, headers: user(role) ? { authorization: `Bearer ${user(role)?.token}` } : {} });
      if (role === 'signedOut') {
        expect(res.statusCode).toBe(401);
        continue;
      }
      expect(res.statusCode).toBe(200);
      const bytes = format === 'docx' ? await docxText(res.rawPayload) : res.body;
      expect(leaks(role, bytes)).toEqual([]);
      expect(bytes.includes(ORG_ONLY)).toBe(true);
    }
  });

  it('reads the document audit trail only as a drafter or admin, with organisation-only authors pseudonymised', async () => {
    const res = await get(role, `/api/documents/${docId}/audit`);
    if (role === 'drafter' || role === 'admin') {
      expect(res.statusCode).toBe(200);
      expect(leaks(role, res.body)).toEqual([]);
      expect(res.body).toContain('thread.created');
    } else {
      expect(res.statusCode).toBe(role === 'signedOut' ? 401 : 403);
    }
  });

  it('sees an invited-only document only as a member of an invited organisation or its drafter', async () => {
    const res = await get(role, `/api/documents/${invitedDocId}`);
    expect(res.statusCode).toBe(role === 'nhri' || role === 'drafter' ? 200 : 404);
    const listed = ((await get(role, '/api/documents')).json() as { id: string }[]).map((d) => d.id);
    expect(listed.includes(invitedDocId)).toBe(role === 'nhri' || role === 'drafter');
  });
});

describe('after the report is published', () => {
  it('gives the signed-out public rows only, and a signed-in reader never fewer rows than the signed-out', async () => {
    await t.call('PATCH', `/api/documents/${docId}`, { token: w.drafter.token, body: { status: 'closed' } });
    await t.call('PATCH', `/api/documents/${docId}`, { token: w.drafter.token, body: { status: 'reported' } });
    const anon = await get('signedOut', `/api/documents/${docId}/report?format=json`);
    expect(anon.statusCode).toBe(200);
    expect(leaks('signedOut', anon.body)).toEqual([]);
    const anonRows = (anon.json().rows as { threadId: string }[]).map((r) => r.threadId);
    expect(anonRows).toEqual(expect.arrayContaining([ids.orgOnly, ids.anonymous]));
    for (const role of ROLES) {
      const rows = ((await get(role, `/api/documents/${docId}/report?format=json`)).json().rows as { threadId: string }[]).map((r) => r.threadId);
      expect(rows).toEqual(expect.arrayContaining(anonRows));
    }
  });
});
