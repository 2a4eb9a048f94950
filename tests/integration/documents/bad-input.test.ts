/**
 * Refused sources over HTTP, each with the status and message a drafter can act on, and with
 * nothing stored: sizes over 10 MB (in the source, in the schema's base64 length, in the route's
 * body limit), a truncated .docx, invalid UTF-8 in the body and inside a .docx.
 */
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: TestApp;
let w: World;
let docId: string;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
  docId = await createDocument(t, w);
});
afterAll(() => t.close());

async function counts() {
  const db = t.database.db;
  const n = async (table: 'document' | 'version' | 'block') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { documents: await n('document'), versions: await n('version'), blocks: await n('block') };
}

const createBody = (source: { format: string; content: string }) => ({
  title: 'Draft law on combating trafficking in persons',
  kind: 'law',
  organizationId: w.ministryId,
  visibility: 'public',
  language: 'fr',
  source,
});

/** Sends a create and a new version with the same source; both refused, nothing stored. */
async function refuseBoth(source: { format: string; content: string }, status: number, code: string, message: RegExp) {
  const before = await counts();
  const created = await t.call('POST', '/api/documents', { token: w.drafter.token, body: createBody(source) });
  const published = await t.call('POST', `/api/documents/${docId}/versions`, { token: w.drafter.token, body: { note: 'x', source } });
  for (const res of [created, published]) {
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(message);
  }
  expect(await counts()).toEqual(before);
}

async function wordFile(lines: string[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: lines.map((text) => new Paragraph({ text })) }] }));
}

describe('sources over the 10 MB limit', () => {
  it('refuses a text of 10.5 MB with 413 naming 10 MB', async () => {
    const line = `${'Le présent article est une ligne de texte assez longue pour remplir le fichier. '.repeat(10)}\n`;
    const content = line.repeat(Math.ceil((10.5 * 1024 * 1024) / Buffer.byteLength(line)));
    await refuseBoth({ format: 'text', content }, 413, 'payload_too_large', /10 MB/);
  });

  it('refuses a base64 .docx longer than the schema allows (about 11 MB of file) with 413 naming 10 MB', async () => {
    const content = 'A'.repeat(15 * 1024 * 1024);
    await refuseBoth({ format: 'docx', content }, 413, 'payload_too_large', /at most 10 MB/);
  });

  it('refuses a body over the route’s limit (a .docx of 13 MB, sent base64) with 413 naming 10 MB', async () => {
    const content = 'A'.repeat(Math.ceil((13 * 1024 * 1024 * 4) / 3));
    await refuseBoth({ format: 'docx', content }, 413, 'payload_too_large', /at most 10 MB/);
  });
});

describe('damaged or mis-encoded sources', () => {
  it('refuses a truncated .docx with 400 and advice to save a new copy', async () => {
    const docx = await wordFile(['Article 1', 'Texte.']);
    const content = docx.subarray(0, docx.length >> 1).toString('base64');
    await refuseBoth({ format: 'docx', content }, 400, 'invalid_source', /damaged or incomplete.*\.docx/);
  });

  it('refuses a .docx whose text is not valid UTF-8 (base64 of invalid bytes) with 400', async () => {
    const zip = await JSZip.loadAsync(await wordFile(['Article 1', 'La société XYZ']));
    const xml = await zip.file('word/document.xml')?.async('string');
    const at = xml?.indexOf('société') ?? -1;
    expect(at).toBeGreaterThan(0);
    // "é" written as the single Latin-1 byte 0xE9: not UTF-8.
    const bytes = Buffer.concat([Buffer.from(xml?.slice(0, at + 4) ?? '', 'utf8'), Buffer.from([0xe9]), Buffer.from(xml?.slice(at + 5) ?? '', 'utf8')]);
    zip.file('word/document.xml', bytes);
    const content = (await zip.generateAsync({ type: 'nodebuffer' })).toString('base64');
    await refuseBoth({ format: 'docx', content }, 400, 'invalid_character', /Line 2 .*UTF-8/);
  });

  it('refuses a text sent as invalid UTF-8 bytes with 400 naming the line and UTF-8', async () => {
    const before = await counts();
    const [head, tail] = JSON.stringify(createBody({ format: 'text', content: 'Article 1\nLa soci\u00e9t\u00e9 XYZ' })).split('\u00e9t\u00e9');
    // "é" as the Latin-1 byte 0xE9, as a file saved in Windows-1252 would send it.
    const payload = Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from([0xe9]), Buffer.from('t', 'utf8'), Buffer.from([0xe9]), Buffer.from(tail, 'utf8')]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: { authorization: `Bearer ${w.drafter.token}`, 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_character' });
    expect(res.json().error.message).toMatch(/Line 2 .*UTF-8/);
    expect(await counts()).toEqual(before);
  });
});
