/**
 * The comment-response report files speak the document's language (headers, dispositions,
 * kinds, "anonymous", the withdrawn mark) while the JSON keeps its codes; and "applied in":
 * a disposition may name the version and lines where a comment was applied, checked against
 * that version, returned with the thread and printed in the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, createWorld, type World } from '../../helpers/world.ts';
import { csvRecords, docxTable, docxXml } from './report-files.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

type Block = Awaited<ReturnType<typeof blocksOf>>[number];
const whole = (b: Block) => ({ start: { blockId: b.id, offset: 0 }, end: { blockId: b.id, offset: b.text.length } });

async function post(doc: string, user: TestUser, anchor: unknown, body: string, attribution = 'named') {
  const res = await t.call('POST', `/api/documents/${doc}/threads`, { token: user.token, body: { anchor, kind: 'comment', body, visibility: 'public', attribution } });
  expect(res.statusCode).toBe(201);
  return res.json().thread as { id: string; comments: { id: string }[] };
}

async function dispose(threadId: string, body: Record<string, unknown>) {
  return t.call('POST', `/api/threads/${threadId}/disposition`, { token: w.drafter.token, body });
}

/** A document with three threads: named and partially accepted, anonymous, withdrawn. */
async function reportedDocument(language: 'ar' | 'en' | 'fr', text: string) {
  const doc = await createDocument(t, w, { open: true, language, text });
  const blocks = await blocksOf(t, doc);
  const named = await post(doc, w.ngo, whole(blocks[1]), 'Named comment');
  await post(doc, w.nhri, whole(blocks[1]), 'Anonymous comment', 'anonymous');
  const withdrawn = await post(doc, w.otherNgo, whole(blocks[1]), 'Taken back');
  expect((await t.call('POST', `/api/comments/${withdrawn.comments[0].id}/withdraw`, { token: w.otherNgo.token })).statusCode).toBe(200);
  expect((await dispose(named.id, { value: 'partially_accepted', rationale: 'In part.' })).statusCode).toBe(200);
  return doc;
}

async function files(doc: string, user: TestUser) {
  const get = async (format: string) => {
    const res = await t.call('GET', `/api/documents/${doc}/report?format=${format}`, { token: user.token });
    expect(res.statusCode).toBe(200);
    return res;
  };
  // One after the other: reports share a per-person concurrency cap.
  const json = await get('json');
  const csv = await get('csv');
  const docx = await get('docx');
  return { json: json.json().rows as Record<string, unknown>[], csv: csvRecords(csv.rawPayload), docx: await docxTable(docx.rawPayload), docxXml: await docxXml(docx.rawPayload) };
}

const AR_HEADER = ['الموضع', 'السطر', 'المقطع', 'الملاحظة', 'الردود', 'من', 'النوع', 'الاطلاع', 'أيّدتها', 'الرد', 'الأسباب', 'طُبّقت في النسخة', 'الحالة'];
const EN_HEADER = ['Reference', 'Line', 'Quoted text', 'Comment', 'Replies', 'Who', 'Kind', 'Visibility', 'Endorsed by', 'Disposition', 'Rationale', 'Applied in version', 'Status'];
const FR_HEADER = ['Où', 'Ligne', 'Passage', 'Commentaire', 'Réponses', 'De', 'Type', 'Visibilité', 'Soutenu par', 'Réponse', 'Motifs', 'Appliqué dans la version', 'Statut'];

describe('report files in the document’s language', () => {
  it('writes an Arabic document’s CSV and Word table with Arabic headers and values, the JSON keeping its codes', async () => {
    const doc = await reportedDocument('ar', 'المادة الأولى\nيعاقب كل من ارتكب جريمة الاتجار بالأشخاص.\n');
    const { json, csv, docx, docxXml: xml } = await files(doc, w.ngoColleague); // not the drafter: they see the organisation behind an anonymous thread
    expect(csv[0]).toEqual(AR_HEADER);
    expect(docx[0]).toEqual(AR_HEADER);
    expect(xml).toContain('<w:bidiVisual/>');
    expect(xml).toContain('تقرير الملاحظات والردود');
    for (const rows of [csv.slice(1), docx.slice(1)]) {
      expect(rows).toHaveLength(3);
      const byComment = new Map(rows.map((r) => [r[3], r]));
      expect(byComment.get('Named comment')?.slice(6)).toEqual(['ملاحظة', 'علنية', '', 'مقبولة جزئيًا', 'In part.', '', 'مفتوح']);
      expect(byComment.get('Anonymous comment')?.[5]).toBe('دون اسم');
      expect(byComment.get('[سحبها كاتبها]')).toBeDefined();
      expect(rows.map((r) => [r[6], r[7], r[12]])).toEqual(Array(3).fill(['ملاحظة', 'علنية', 'مفتوح']));
      expect(rows.map((r) => r[5])).not.toContain('Anonymous');
      expect(rows.flat().join('|')).not.toMatch(/partially_accepted|\[withdrawn\]/);
    }
    expect(json.map((r) => r.disposition).sort()).toEqual(['partially_accepted', null, null].sort());
    expect(json.map((r) => r.comment)).toContain('[withdrawn]');
    expect(json.map((r) => r.who)).toContain('Anonymous');
    expect(json.every((r) => r.kind === 'comment' && r.visibility === 'public' && r.status === 'open')).toBe(true);
  });

  it('writes a French document’s files in French', async () => {
    const doc = await reportedDocument('fr', 'Article premier\nLa traite des personnes est punie.\n');
    const { csv, docx } = await files(doc, w.ngoColleague); // not the drafter: they see the organisation behind an anonymous thread
    expect(csv[0]).toEqual(FR_HEADER);
    expect(docx[0]).toEqual(FR_HEADER);
    const named = csv.find((r) => r[3] === 'Named comment');
    expect(named?.slice(6)).toEqual(['Commentaire', 'Public', '', 'Partiellement accepté', 'In part.', '', 'Ouvert']);
    expect(csv.some((r) => r[3] === '[retiré]')).toBe(true);
    expect(csv.some((r) => r[5] === 'Anonyme')).toBe(true);
  });

  it('keeps an English document’s files in English, left to right', async () => {
    const doc = await reportedDocument('en', 'Article 1\nTrafficking in persons is punished.\n');
    const { csv, docx, docxXml: xml } = await files(doc, w.ngoColleague); // not the drafter: they see the organisation behind an anonymous thread
    expect(csv[0]).toEqual(EN_HEADER);
    expect(docx[0]).toEqual(EN_HEADER);
    expect(xml).not.toContain('<w:bidiVisual/>');
    const named = csv.find((r) => r[3] === 'Named comment');
    expect(named?.slice(6)).toEqual(['Comment', 'Public', '', 'Partially accepted', 'In part.', '', 'Open']);
    expect(csv.some((r) => r[3] === '[withdrawn]')).toBe(true);
    expect(csv.some((r) => r[5] === 'Anonymous')).toBe(true);
  });
});

describe('applied in: the version and lines where a comment was applied', () => {
  const V1 = 'Article 1\nThe penalty is imprisonment for eight years.\nArticle 2\nA sentence deleted in version 2.\nArticle 3\nShelter is provided.\n';
  const V2 = 'Article 1\nThe penalty is imprisonment for twelve years.\nArticle 2\nArticle 3\nShelter and legal aid are provided.\n';
  let doc: string;
  let v1: Block[];
  let v2: Block[];
  let threadId: string;
  beforeAll(async () => {
    doc = await createDocument(t, w, { open: true, text: V1 });
    v1 = await blocksOf(t, doc);
    threadId = (await post(doc, w.ngo, whole(v1[1]), 'Raise the penalty.')).id;
    expect((await t.call('POST', `/api/documents/${doc}/versions`, { token: w.drafter.token, body: { note: 'amended', source: { format: 'text', content: V2 } } })).statusCode).toBe(201);
    v2 = await blocksOf(t, doc);
  });
  const disposition = async () => (await t.call('GET', `/api/threads/${threadId}`, { token: w.drafter.token })).json().thread.disposition;

  it.each([
    ['a version that does not exist', () => ({ appliedVersion: 3 })],
    ['a line that is not in the named version', () => ({ appliedVersion: 2, appliedBlockIds: [v1[3].id] })],
    ['a line that does not exist at all', () => ({ appliedVersion: 2, appliedBlockIds: [v2[1].id, 'no-such-block'] })],
    ['lines without a version', () => ({ appliedBlockIds: [v2[1].id] })],
  ])('refuses %s with 422, storing nothing', async (_label, applied) => {
    const res = await dispose(threadId, { value: 'accepted', ...applied() });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('invalid_input');
    expect(await disposition()).toBeUndefined();
  });

  it('refuses a line of another document', async () => {
    const other = await createDocument(t, w, { open: true });
    const otherBlocks = await blocksOf(t, other);
    expect((await dispose(threadId, { value: 'accepted', appliedVersion: 1, appliedBlockIds: [otherBlocks[1].id] })).statusCode).toBe(422);
  });

  it('stores the version and lines, returns them with the thread and prints them in the report', async () => {
    const res = await dispose(threadId, { value: 'accepted', appliedVersion: 2, appliedBlockIds: [v2[4].id, v2[1].id, v2[1].id] });
    expect(res.statusCode).toBe(200);
    expect(res.json().thread.disposition).toMatchObject({ value: 'accepted', appliedVersion: 2, appliedBlockIds: [v2[4].id, v2[1].id] });
    expect(await disposition()).toMatchObject({ appliedVersion: 2, appliedBlockIds: [v2[4].id, v2[1].id] });
    // Every reader who sees the thread sees where it was applied.
    const seen = (await t.call('GET', `/api/documents/${doc}/threads`, { token: w.otherNgo.token })).json() as { id: string; disposition?: { appliedVersion: number } }[];
    expect(seen.find((x) => x.id === threadId)?.disposition?.appliedVersion).toBe(2);
    const report = (await t.call('GET', `/api/documents/${doc}/report?format=json`, { token: w.ngo.token })).json();
    expect(report.rows.find((r: { threadId: string }) => r.threadId === threadId)).toMatchObject({ appliedIn: 2, disposition: 'accepted' });
    const csv = csvRecords((await t.call('GET', `/api/documents/${doc}/report?format=csv`, { token: w.ngo.token })).rawPayload);
    expect(csv.find((r) => r[3] === 'Raise the penalty.')?.[11]).toBe(`2 (lines ${v2[1].ordinal + 1}, ${v2[4].ordinal + 1})`);
  });

  it('accepts a line of an earlier version when that version is named', async () => {
    const other = (await post(doc, w.nhri, whole(v2[1]), 'Also here.')).id;
    const res = await dispose(other, { value: 'accepted', appliedVersion: 1, appliedBlockIds: [v1[3].id] });
    expect(res.statusCode).toBe(200);
    expect(res.json().thread.disposition).toMatchObject({ appliedVersion: 1, appliedBlockIds: [v1[3].id] });
  });
});
