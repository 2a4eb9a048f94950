/**
 * The real version series of the corpus through the real pipeline: each text imported as
 * Markdown over HTTP, the next ones published with POST …/versions, and GET …/diff read for
 * 1→2, 2→3 and 1→3. The expected changes were read from the texts by hand; renumbered lines
 * (273f lid 6 → 7, HRC items ج → د and د → ه) keep their id and come out as `moved`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffEntry } from '../../../shared/documents.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { corpusText, createDocument, createWorld, type World } from '../../helpers/world.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

/** Imports the first file, publishes the others as versions 2 and 3; returns the document id. */
async function importSeries(files: string[], language: 'ar' | 'nl'): Promise<string> {
  const id = await createDocument(t, w, { text: corpusText(files[0]), format: 'markdown', language: language === 'nl' ? 'en' : 'ar' });
  for (const file of files.slice(1)) {
    const res = await t.call('POST', `/api/documents/${id}/versions`, { token: w.drafter.token, body: { note: file, source: { format: 'markdown', content: corpusText(file) } } });
    expect(res.statusCode).toBe(201);
  }
  return id;
}

async function diff(id: string, from: number, to: number): Promise<DiffEntry[]> {
  const res = await t.call('GET', `/api/documents/${id}/diff?from=${from}&to=${to}`, { token: w.drafter.token });
  expect(res.statusCode).toBe(200);
  return res.json();
}

const of = (entries: DiffEntry[], change: DiffEntry['change']) => entries.filter((e) => e.change === change);
/** Each entry's text (new, else old), cut to its first `n` characters. */
const heads = (entries: DiffEntry[], n: number) => entries.map((e) => (e.newText ?? e.oldText ?? '').slice(0, n));
const insertedIn = (e: DiffEntry) => (e.inserted ?? []).map((r) => e.newText?.slice(r.start, r.end).trim());
const deletedIn = (e: DiffEntry) => (e.deleted ?? []).map((r) => e.oldText?.slice(r.start, r.end).trim());
const byLabelAndStart = (entries: DiffEntry[], label: string, start: string) => {
  const e = entries.find((x) => x.label === label && (x.newText ?? x.oldText ?? '').startsWith(start));
  if (!e) throw new Error(`no entry ${label} ${start}`);
  return e;
};

describe('the Dutch article 273f, 2012-05-08 → 2013-07-01 → 2014-01-20', () => {
  const FILES = ['nl-sr-art273f.v2012-05-08.md', 'nl-sr-art273f.v2013-07-01.md', 'nl-sr-art273f.v2014-01-20.md'];
  let id: string;
  beforeAll(async () => {
    id = await importSeries(FILES, 'nl');
  });

  it('1 → 2: only the maximum penalties of lid 1, 3, 4 and 5 change; the 15 other lines are unchanged', async () => {
    const d = await diff(id, 1, 2);
    expect(of(d, 'edited').map((e) => e.label)).toEqual(['1.', '3.', '4.', '5.']);
    expect([of(d, 'added'), of(d, 'removed'), of(d, 'moved')]).toEqual([[], [], []]);
    expect(of(d, 'unchanged')).toHaveLength(15);
    const [lid1, lid3, lid4, lid5] = of(d, 'edited');
    expect([deletedIn(lid1), insertedIn(lid1)]).toEqual([['acht'], ['twaalf']]);
    expect([deletedIn(lid3), insertedIn(lid3)]).toEqual([['twaalf'], ['vijftien']]);
    expect([deletedIn(lid4), insertedIn(lid4)]).toEqual([['vijftien'], ['achttien']]);
    // "ten hoogste achttien jaren" → "levenslange gevangenisstraf of tijdelijke van ten hoogste dertig jaren"
    expect([deletedIn(lid5), insertedIn(lid5)]).toEqual([['achttien'], ['levenslange', 'of tijdelijke', 'dertig']]);
  });

  it('2 → 3: new wording in 1°, 2°, lid 2 and lid 3 2°; a new 3° and a new lid 6; lid 6 renumbered 7 is moved', async () => {
    const d = await diff(id, 2, 3);
    expect(heads(of(d, 'edited'), 14)).toEqual(['1°. degene die', '2°. degene die', '2. Uitbuiting ', '2°. degene ten']);
    const [p1, p2, lid2, lid3p2] = of(d, 'edited');
    const wisseling = 'met inbegrip van de wisseling of overdracht van de controle over die ander,';
    expect([deletedIn(p1), insertedIn(p1)]).toEqual([[], [wisseling]]);
    expect([deletedIn(p2), insertedIn(p2)]).toEqual([[], [wisseling]]);
    expect(insertedIn(lid2)).toEqual(['met inbegrip van bedelarij,', ', dienstbaarheid en uitbuiting van strafbare activiteiten']);
    expect(deletedIn(lid2)).toEqual(['of dienstbaarheid']);
    expect(deletedIn(lid3p2)).toContain('zestien');
    expect(insertedIn(lid3p2)).toContain('achttien');
    expect(of(d, 'added').map((e) => e.label)).toEqual(['3°.', '6.']);
    expect(heads(of(d, 'added'), 20)).toEqual(['3°. de feiten, omsch', '6. Onder kwetsbare p']);
    expect(of(d, 'removed')).toEqual([]);
    expect(of(d, 'moved')).toMatchObject([
      { label: '7.', oldText: '6. Artikel 251 is van overeenkomstige toepassing.', newText: '7. Artikel 251 is van overeenkomstige toepassing.' },
    ]);
    expect(of(d, 'unchanged')).toHaveLength(14);
  });

  it('1 → 3 (not adjacent): every change of both steps, and "Artikel 251" keeps its id from 2012', async () => {
    const d = await diff(id, 1, 3);
    expect(of(d, 'edited').map((e) => e.label)).toEqual(['1.', '1°.', '2°.', '2.', '3.', '2°.', '4.', '5.']);
    expect(deletedIn(of(d, 'edited')[0])).toEqual(['acht']);
    expect(insertedIn(byLabelAndStart(d, '3.', '3. De schuldige'))).toEqual(['vijftien']);
    expect(of(d, 'added').map((e) => e.label)).toEqual(['3°.', '6.']);
    expect(of(d, 'removed')).toEqual([]);
    const moved = of(d, 'moved');
    expect(moved.map((e) => e.label)).toEqual(['7.']);
    const v1 = (await t.call('GET', `/api/documents/${id}?version=1`, { token: w.drafter.token })).json().blocks as { id: string; label: string; text: string }[];
    expect(v1.find((b) => b.id === moved[0].blockId)?.text).toBe('6. Artikel 251 is van overeenkomstige toepassing.');
    expect(of(d, 'unchanged')).toHaveLength(10);
  });
});

describe('the Saudi Human Rights Commission statute, 2005 → 2016 → 2023', () => {
  const FILES = ['sa-hrc-organization.v2005-original.ar.md', 'sa-hrc-organization.v2016-consolidated.ar.md', 'sa-hrc-organization.v2023-consolidated.ar.md'];
  let id: string;
  beforeAll(async () => {
    id = await importSeries(FILES, 'ar');
  });

  it('1 → 2: six lines reworded (the note, art. 1, items 15 and 17 of art. 5, staff, final accounts); nothing added, removed or moved', async () => {
    const d = await diff(id, 1, 2);
    expect(heads(of(d, 'edited'), 12)).toEqual(['نص مُجمَّع أُعي', 'ترتبط الهيئة', '15- إقرار ال', '17- إنشاء إد', 'فيما عدا الرئ', 'ترفع الهيئة ح'].map((s) => s.slice(0, 12)));
    expect([of(d, 'added'), of(d, 'removed'), of(d, 'moved')]).toEqual([[], [], []]);
    // Art. 1: the Commission is attached to the King instead of the President of the Council of Ministers.
    const art1 = of(d, 'edited')[1];
    expect(insertedIn(art1)).toContain('بالملك');
    expect(deletedIn(art1)).toContain('برئيس مجلس الوزراء');
    // Item 15: "by agreement with the Ministry of Civil Service and the Ministry of Finance" is dropped.
    const item15 = of(d, 'edited')[2];
    expect(insertedIn(item15)).toEqual([]);
    expect(deletedIn(item15)[0]).toContain('بالاتفاق مع وزارة الخدمة المدنية');
    // Final accounts go to the King instead of the President of the Council of Ministers.
    expect(deletedIn(of(d, 'edited')[5])).toContain('رئيس مجلس الوزراء');
    expect(insertedIn(of(d, 'edited')[5])).toContain('الملك');
  });

  it('2 → 3: an assistant president (new item ج), items ج → د and د → ه moved, five lines reworded', async () => {
    const d = await diff(id, 2, 3);
    expect(heads(of(d, 'edited'), 12)).toEqual(['نص مُجمَّع أُعي', 'يكون للهيئة ', '16- تكليف أع', 'يتولى نائب ر', 'فيما عدا الرئ'].map((s) => s.slice(0, 12)));
    expect(insertedIn(of(d, 'edited')[0])).toEqual(['وقرار مجلس الوزراء رقم (620) وتاريخ 6/9/1444هـ']);
    expect([deletedIn(of(d, 'edited')[1]), insertedIn(of(d, 'edited')[1])]).toEqual([['يعين'], ['ومساعد يعينان']]);
    // Item 16 refers to paragraph (ج) of article 4, now (د): a real change of its text.
    expect([deletedIn(of(d, 'edited')[2]), insertedIn(of(d, 'edited')[2])]).toEqual([['ج'], ['د']]);
    expect(of(d, 'added')).toMatchObject([{ label: 'ج -', newText: 'ج - مساعد رئيس الهيئة عضواً' }]);
    expect(of(d, 'removed')).toEqual([]);
    const moved = of(d, 'moved');
    expect(moved.map((e) => e.label)).toEqual(['د-', 'ه-']);
    expect(moved.map((e) => e.oldText?.slice(0, 2))).toEqual(['ج-', 'د-']);
    expect(moved[0].newText?.startsWith('د- ثمانية عشر عضواً')).toBe(true);
    expect(moved[1].newText?.startsWith('ه- ستة أعضاء')).toBe(true);
  });

  it('1 → 3 (not adjacent): the changes of both steps combined, the relabelled members moved, nothing removed', async () => {
    const d = await diff(id, 1, 3);
    // note, art. 1, art. 3, items 15, 16 and 17, the deputy's article, staff, final accounts
    expect(of(d, 'edited')).toHaveLength(9);
    expect(of(d, 'added').map((e) => e.newText)).toEqual(['ج - مساعد رئيس الهيئة عضواً']);
    expect(of(d, 'removed')).toEqual([]);
    expect(of(d, 'moved').map((e) => [e.oldText?.slice(0, 2), e.label])).toEqual([
      ['ج-', 'د-'],
      ['د-', 'ه-'],
    ]);
    // The staff article, edited in both steps: civil service → labour law, then the assistant added.
    const staff = of(d, 'edited').find((e) => e.newText?.startsWith('فيما عدا الرئيس'));
    expect(staff?.oldText?.startsWith('يطبق على موظفي الهيئة')).toBe(true);
    expect(staff?.newText).toContain('ومساعد الرئيس');
    expect(of(d, 'unchanged')).toHaveLength(83);
  });
});
