/**
 * Documents over HTTP on the real database: creation from text/Markdown/docx by drafters only,
 * the lifecycle, visibility (404 byte-identical to a missing id, in lists too), versions with
 * stable block ids, the diff, exports, and bad input that stores nothing.
 */
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { blocksOf, corpusText, createDocument, createWorld, openDocument, type World } from '../../helpers/world.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

const SAUDI = 'sa-anti-trafficking-law-2009.ar.md';

async function countRows(table: 'document' | 'version' | 'block') {
  const r = await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('creating a document', () => {
  it('imports the Saudi anti-trafficking law as text with its 17 articles, status draft', async () => {
    const id = await createDocument(t, w, { title: 'نظام مكافحة جرائم الاتجار بالأشخاص', text: corpusText(SAUDI), format: 'markdown', language: 'ar' });
    const res = await t.call('GET', `/api/documents/${id}`, { token: w.drafter.token });
    const json = res.json();
    expect(json.document).toMatchObject({ status: 'draft', kind: 'law', language: 'ar', currentVersion: 1, organizationId: w.ministryId });
    const articles = json.blocks.filter((b: { kind: string }) => b.kind === 'article');
    expect(articles).toHaveLength(17);
    expect(articles[0].dir).toBe('rtl');
    expect(json.version).toMatchObject({ number: 1, blockCount: json.blocks.length });
  });

  it('imports the same law from a .docx made of its lines into the same articles', async () => {
    const lines = corpusText(SAUDI).split('\n').map((l) => l.replace(/^#+\s*/, '').trim()).filter(Boolean);
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph({ text: l })) }] }));
    const id = await createDocument(t, w, { text: docx.toString('base64'), format: 'docx', language: 'ar' });
    const articles = (await blocksOf(t, id, w.drafter.token)).filter((b) => b.kind === 'article');
    expect(articles).toHaveLength(17);
  });

  it('previews the detected blocks without storing anything (dryRun and the preview endpoint)', async () => {
    const before = await countRows('document');
    const dry = await t.call('POST', '/api/documents', {
      token: w.drafter.token,
      body: { title: 'Preview', kind: 'law', organizationId: w.ministryId, visibility: 'public', language: 'en', dryRun: true, source: { format: 'text', content: 'Article 1\nText.' } },
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().preview.map((b: { kind: string }) => b.kind)).toEqual(['article', 'paragraph']);
    const preview = await t.call('POST', '/api/documents/preview', { token: w.drafter.token, body: { source: { format: 'text', content: 'Article 1\nText.' } } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().blocks).toHaveLength(2);
    expect(await countRows('document')).toBe(before);
  });

  it.each([
    ['an NGO member', 'ngo'],
    ['a drafter of another ministry', 'otherDrafter'],
    ['an admin', 'admin'],
  ] as const)('refuses %s creating a document for the ministry (403)', async (_label, who) => {
    const res = await t.call('POST', '/api/documents', {
      token: w[who].token,
      body: { title: 'X', kind: 'law', organizationId: w.ministryId, visibility: 'public', language: 'en', source: { format: 'text', content: 'Article 1' } },
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a document for an NGO even by its lead (only government organisations publish drafts)', async () => {
    const res = await t.call('POST', '/api/documents', {
      token: w.ngo.token,
      body: { title: 'X', kind: 'law', organizationId: w.ngoId, visibility: 'public', language: 'en', source: { format: 'text', content: 'Article 1' } },
    });
    expect(res.statusCode).toBe(403);
  });

  it.each([
    ['an empty source', { format: 'text', content: '   \n  ' }, 422],
    ['invalid base64 for docx', { format: 'docx', content: '%%%not base64%%%' }, 400],
    ['a text file sent as docx', { format: 'docx', content: Buffer.from('just some text').toString('base64') }, 415],
    ['a NUL character', { format: 'text', content: 'Article 1\u0000' }, 400],
  ])('answers %s with a clear error and stores nothing', async (_label, source, status) => {
    const before = [await countRows('document'), await countRows('version'), await countRows('block')];
    const res = await t.call('POST', '/api/documents', { token: w.drafter.token, body: { title: 'Bad', kind: 'law', organizationId: w.ministryId, visibility: 'public', language: 'en', source } });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.message.length).toBeGreaterThan(10);
    expect([await countRows('document'), await countRows('version'), await countRows('block')]).toEqual(before);
  });

  it('refuses more than 20,000 lines with 413 naming the limit', async () => {
    const content = Array.from({ length: 20_001 }, (_, i) => `Line ${i} of a very long draft.`).join('\n');
    const res = await t.call('POST', '/api/documents', { token: w.drafter.token, body: { title: 'Huge', kind: 'law', organizationId: w.ministryId, visibility: 'public', language: 'en', source: { format: 'text', content } } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/20[,.\s]?000/);
  });
});

describe('lifecycle and visibility', () => {
  it('hides a draft-status document from everyone but its drafters, byte-identical to a missing id', async () => {
    const id = await createDocument(t, w);
    const missing = await t.call('GET', '/api/documents/NoSuchDocument00000000', { token: w.ngo.token });
    for (const who of [w.ngo, w.otherDrafter, w.admin, w.nhri]) {
      const res = await t.call('GET', `/api/documents/${id}`, { token: who.token });
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(missing.body);
      for (const path of ['versions', 'threads', 'diff?from=1&to=1', 'versions/1/export?format=md']) {
        expect((await t.call('GET', `/api/documents/${id}/${path}`, { token: who.token })).statusCode).toBe(404);
      }
    }
    expect((await t.call('GET', `/api/documents/${id}`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/documents/${id}`, { token: w.drafter.token })).statusCode).toBe(200);
    const list = (await t.call('GET', '/api/documents', { token: w.ngo.token })).json() as { id: string }[];
    expect(list.map((d) => d.id)).not.toContain(id);
  });

  it('opens a public document to everyone, signed out included', async () => {
    const id = await createDocument(t, w, { open: true });
    const res = await t.call('GET', `/api/documents/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().document.status).toBe('open');
    expect(res.json().document.invitedOrganizationIds).toBeUndefined();
    expect(((await t.call('GET', '/api/documents')).json() as { id: string }[]).map((d) => d.id)).toContain(id);
  });

  it('shows a registered-only document to any signed-in user and 404 to the public', async () => {
    const id = await createDocument(t, w, { visibility: 'registered', open: true });
    expect((await t.call('GET', `/api/documents/${id}`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/documents/${id}`, { token: w.loner.token })).statusCode).toBe(200);
  });

  it('shows an invited-only document to members of invited organisations only', async () => {
    const id = await createDocument(t, w, { visibility: 'invited', invited: [w.ngoId], open: true });
    expect((await t.call('GET', `/api/documents/${id}`, { token: w.ngoColleague.token })).statusCode).toBe(200);
    for (const who of [w.otherNgo, w.nhri, w.admin, w.loner, w.otherDrafter]) {
      expect((await t.call('GET', `/api/documents/${id}`, { token: who.token })).statusCode).toBe(404);
    }
    expect((await t.call('GET', `/api/documents/${id}`, { token: w.drafter.token })).json().document.invitedOrganizationIds).toEqual([w.ngoId]);
  });

  it('moves draft → open → closed → reported and refuses skipping steps (409)', async () => {
    const id = await createDocument(t, w);
    expect((await t.call('PATCH', `/api/documents/${id}`, { token: w.drafter.token, body: { status: 'reported' } })).statusCode).toBe(409);
    await openDocument(t, w, id);
    const closed = await t.call('PATCH', `/api/documents/${id}`, { token: w.drafter.token, body: { status: 'closed' } });
    expect(closed.json().document.status).toBe('closed');
    const reported = await t.call('PATCH', `/api/documents/${id}`, { token: w.drafter.token, body: { status: 'reported' } });
    expect(reported.statusCode).toBe(200);
    expect(reported.json().document.status).toBe('reported');
  });

  it('treats an open document past its closing time as closed', async () => {
    const id = await createDocument(t, w, { open: true });
    await t.database.db.updateTable('document').set({ closes_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    expect((await t.call('GET', `/api/documents/${id}`)).json().document.status).toBe('closed');
    const reported = await t.call('PATCH', `/api/documents/${id}`, { token: w.drafter.token, body: { status: 'reported' } });
    expect(reported.statusCode).toBe(200);
  });

  it('lets only drafters change a document (403 for a reader who can see it, 401 signed out)', async () => {
    const id = await createDocument(t, w, { open: true });
    expect((await t.call('PATCH', `/api/documents/${id}`, { token: w.ngo.token, body: { status: 'closed' } })).statusCode).toBe(403);
    expect((await t.call('PATCH', `/api/documents/${id}`, { token: w.otherDrafter.token, body: { status: 'closed' } })).statusCode).toBe(403);
    expect((await t.call('PATCH', `/api/documents/${id}`, { body: { status: 'closed' } })).statusCode).toBe(401);
  });

  it('filters the list by kind and status', async () => {
    const plan = await createDocument(t, w, { kind: 'action_plan', open: true });
    const list = (await t.call('GET', '/api/documents?kind=action_plan&status=open', { token: w.ngo.token })).json() as { id: string; kind: string; status: string }[];
    expect(list.map((d) => d.id)).toContain(plan);
    expect(list.every((d) => d.kind === 'action_plan' && d.status === 'open')).toBe(true);
  });
});

describe('versions, diff and exports', () => {
  const V1 = 'Article 1\nThis law protects victims of trafficking.\nArticle 2\nThe State shall provide shelter.\nArticle 3\nThis article will be removed.\n';
  const V2 = 'Article 1\nThis law protects all victims of trafficking.\nArticle 2\nThe State shall provide shelter.\nArticle 4\nA brand new provision on compensation funds.\n';

  it('keeps block ids of surviving lines, gives new ids to new lines, and diffs the versions', async () => {
    const id = await createDocument(t, w, { text: V1, open: true });
    const v1 = await blocksOf(t, id);
    const res = await t.call('POST', `/api/documents/${id}/versions`, { token: w.drafter.token, body: { note: 'Second reading', source: { format: 'text', content: V2 } } });
    expect(res.statusCode).toBe(201);
    expect(res.json().version).toMatchObject({ number: 2, note: 'Second reading' });
    const v2 = await blocksOf(t, id);
    expect(v2[0].id).toBe(v1[0].id);
    expect(v2[1].id).toBe(v1[1].id);
    expect(v2[3].id).toBe(v1[3].id);
    expect(v1.map((b) => b.id)).not.toContain(v2[5].id);
    const old = (await t.call('GET', `/api/documents/${id}?version=1`)).json();
    expect(old.blocks.map((b: { text: string }) => b.text)).toContain('This article will be removed.');
    const versions = (await t.call('GET', `/api/documents/${id}/versions`)).json();
    expect(versions.map((v: { number: number }) => v.number)).toEqual([1, 2]);
    const diff = (await t.call('GET', `/api/documents/${id}/diff?from=1&to=2`)).json() as { change: string; oldText?: string; newText?: string; inserted?: { start: number; end: number }[] }[];
    const edited = diff.find((d) => d.change === 'edited' && d.newText?.includes('all victims'));
    expect(edited?.inserted?.map((r) => edited.newText?.slice(r.start, r.end).trim())).toContain('all');
    expect(diff.some((d) => d.change === 'removed' && d.oldText === 'This article will be removed.')).toBe(true);
    expect(diff.some((d) => d.change === 'added' && d.newText === 'A brand new provision on compensation funds.')).toBe(true);
    expect(diff.filter((d) => d.change === 'unchanged').length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a new version from a non-drafter and stores nothing from a failed one', async () => {
    const id = await createDocument(t, w, { open: true });
    expect((await t.call('POST', `/api/documents/${id}/versions`, { token: w.ngo.token, body: { note: 'x', source: { format: 'text', content: 'Article 1' } } })).statusCode).toBe(403);
    const bad = await t.call('POST', `/api/documents/${id}/versions`, { token: w.drafter.token, body: { note: 'x', source: { format: 'text', content: '' } } });
    expect(bad.statusCode).toBe(422);
    expect((await t.call('GET', `/api/documents/${id}/versions`)).json()).toHaveLength(1);
  });

  it('exports Akoma Ntoso, Markdown that re-imports to the same blocks, and a right-to-left .docx', async () => {
    const id = await createDocument(t, w, { text: corpusText(SAUDI), format: 'markdown', language: 'ar', open: true });
    const blocks = await blocksOf(t, id);
    const akn = await t.call('GET', `/api/documents/${id}/versions/1/export?format=akn`);
    expect(akn.headers['content-type']).toMatch(/xml/);
    expect(akn.body).toContain('<akomaNtoso');
    expect((akn.body.match(/<article /g) ?? []).length).toBe(17);
    const md = await t.call('GET', `/api/documents/${id}/versions/1/export?format=md`);
    const again = await t.call('POST', '/api/documents/preview', { token: w.drafter.token, body: { source: { format: 'markdown', content: md.body } } });
    expect(again.json().blocks.map((b: { kind: string; label: string | null; text: string }) => [b.kind, b.label, b.text])).toEqual(blocks.map((b) => [b.kind, b.label, b.text]));
    const docx = await t.app.inject({ method: 'GET', url: `/api/documents/${id}/versions/1/export?format=docx` });
    expect(docx.headers['content-disposition']).toMatch(/attachment/);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    expect(await zip.file('word/document.xml')?.async('string')).toContain('<w:bidi/>');
  });

  it('answers an unknown format with 400 and an unknown version with 404', async () => {
    const id = await createDocument(t, w, { open: true });
    expect((await t.call('GET', `/api/documents/${id}/versions/1/export?format=pdf`)).statusCode).toBe(400);
    expect((await t.call('GET', `/api/documents/${id}/versions/9/export?format=md`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/documents/${id}?version=9`)).statusCode).toBe(404);
  });
});

describe('serving long drafts', () => {
  it('answers with an ETag, 304 when unchanged, and gzip when accepted — same JSON either way', async () => {
    const text = Array.from({ length: 3000 }, (_, i) => (i % 10 === 0 ? `Article ${i / 10 + 1}` : `Paragraph ${i} of a long generated draft law.`)).join('\n');
    const id = await createDocument(t, w, { text, open: true });
    const plain = await t.app.inject({ method: 'GET', url: `/api/documents/${id}` });
    expect(plain.statusCode).toBe(200);
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(plain.headers['cache-control']).toBe('public, no-cache');
    const again = await t.app.inject({ method: 'GET', url: `/api/documents/${id}`, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    const gz = await t.app.inject({ method: 'GET', url: `/api/documents/${id}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    const signedIn = await t.call('GET', `/api/documents/${id}`, { token: w.ngo.token });
    expect(signedIn.headers['cache-control']).toBe('private, no-store');
  });
});
