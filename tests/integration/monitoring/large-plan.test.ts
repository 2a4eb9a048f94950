/**
 * A realistic large Arabic plan built from the real recommendations tracker in the shared corpus
 * (852 UN recommendations to Morocco, with their responsible bodies and implementation status):
 * one line per recommendation, designated in bulk, responsible bodies and deadlines set per
 * measure, the government's status taken from the tracker and an NHRI assessment for half of
 * them (disagreeing on some). Checks the dashboard against counts computed here independently,
 * the responsible filter, and that the report renders at that size in JSON, HTML and Word.
 */
import fs from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { createWorld, type World } from '../../helpers/world.ts';
import { createPlan, openPeriod, record } from './plan.ts';

interface Recommendation {
  id: number;
  axis_ar: string;
  text_ar: string;
  responsible_bodies_ar: string;
  status: 'Réalisé' | 'En cours' | 'Non réalisé';
  progress_pct: number;
}

const CORPUS = new URL('../../../../shared/corpus/ma-didh-un-recommendations-tracker.fr-ar.jsonl', import.meta.url);
const recs: Recommendation[] = fs
  .readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const STATUS = { Réalisé: 'completed', 'En cours': 'in_progress', 'Non réalisé': 'not_started' } as const;
const DEADLINES = ['2026-03-31', '2026-09-30', '2027-12-31'];

/**
 * The plan: a chapter per axis, one numbered line per recommendation (whitespace collapsed; the
 * tracker has a few U+FFFD characters from a lossy conversion, which the importer rightly refuses).
 */
function planText(): string {
  const lines = ['خطة العمل الوطنية لتنفيذ توصيات آليات الأمم المتحدة لحقوق الإنسان'];
  let axis = '';
  let chapter = 0;
  recs.forEach((r, i) => {
    if (r.axis_ar !== axis) {
      axis = r.axis_ar;
      lines.push(`الفصل ${++chapter}: ${axis}`);
    }
    lines.push(
      `${i + 1}. ${r.text_ar
        .replace(/\uFFFD/g, '')
        .replace(/\s+/g, ' ')
        .trim()}`,
    );
  });
  return lines.join('\n');
}

/** The NHRI's independent view: half the measures; on every fourth completed one it disagrees. */
const nhriView = (i: number) => {
  if (i % 2 === 1) return null;
  const gov = STATUS[recs[i].status];
  return gov === 'completed' && i % 4 === 0 ? { status: 'in_progress', progress: 70 } : { status: gov, progress: recs[i].progress_pct };
};

let t: TestApp;
let w: World;
let planId: string;
let measureIds: string[];
let h2: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
  const plan = await createPlan(t, w, { text: planText(), language: 'ar', title: 'خطة تنفيذ توصيات الأمم المتحدة' });
  planId = plan.id;
  expect(plan.blocks.filter((b) => b.kind === 'paragraph')).toHaveLength(recs.length);
  const bulk = await t.call('POST', `/api/documents/${planId}/measures/bulk`, {
    token: w.drafter.token,
    body: { blockKind: 'paragraph', responsible: 'رئاسة الحكومة', indicator: 'نسبة تنفيذ التوصية' },
  });
  expect(bulk.statusCode, bulk.body).toBe(201);
  measureIds = bulk.json().created.map((m: { id: string }) => m.id);
  expect(measureIds).toHaveLength(recs.length);
  for (const [i, id] of measureIds.entries()) {
    const res = await t.call('PATCH', `/api/measures/${id}`, { token: w.drafter.token, body: { responsible: recs[i].responsible_bodies_ar, deadline: DEADLINES[i % 3] } });
    expect(res.statusCode).toBe(200);
  }
  const h1 = await openPeriod(t, w.nhri, planId, '2026 H1', '2026-01-01', '2026-06-30');
  h2 = await openPeriod(t, w.nhri, planId, '2026 H2', '2026-07-01', '2026-12-31');
  for (let i = 0; i < 60; i++) await record(t, w.drafter, measureIds[i], h1.id, 'in_progress', 10);
  for (const [i, id] of measureIds.entries()) {
    await record(t, w.drafter, id, h2.id, STATUS[recs[i].status], recs[i].progress_pct, { evidence: `تقرير القطاع رقم ${recs[i].id}` });
    const nhri = nhriView(i);
    if (nhri) await record(t, w.nhri, id, h2.id, nhri.status, nhri.progress);
  }
}, 300_000);
afterAll(() => t.close());

describe('a plan of 852 recommendations', () => {
  it('counts both voices on the dashboard as the entries say', async () => {
    const res = await t.call('GET', `/api/documents/${planId}/periods/${h2.id}/dashboard`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    const tally = (statuses: (string | null)[]) => {
      const counts: Record<string, number> = { not_started: 0, in_progress: 0, completed: 0, delayed: 0, discontinued: 0, not_assessed: 0 };
      for (const s of statuses) counts[s ?? 'not_assessed']++;
      return counts;
    };
    expect(d.measureCount).toBe(852);
    expect(d.counts.government).toEqual(tally(recs.map((r) => STATUS[r.status])));
    expect(d.counts.government).toMatchObject({ completed: 329, in_progress: 446, not_started: 77 });
    expect(d.counts.nhri).toEqual(tally(recs.map((_, i) => nhriView(i)?.status ?? null)));
    const disagreeing = recs.map((r, i) => [STATUS[r.status], nhriView(i)?.status] as const).filter(([g, n]) => n && g !== n);
    expect(d.disagreements).toHaveLength(disagreeing.length);
    expect(d.disagreements.every((x: { major: boolean }) => x.major)).toBe(true);
    const expectedOverdue = recs.filter((r, i) => DEADLINES[i % 3] < d.asOf && STATUS[r.status] !== 'completed' && nhriView(i)?.status !== 'completed');
    expect(d.overdue).toHaveLength(expectedOverdue.length);
    expect(d.progressByPeriod[0]).toMatchObject({ label: '2026 H1', government: { average: 10, assessed: 60 }, nhri: { average: null, assessed: 0 } });
    const bodies = new Set(recs.flatMap((r) => r.responsible_bodies_ar.split('|').map((b) => b.trim().replace(/\s+/g, ' '))));
    expect(d.responsibleBodies).toHaveLength(bodies.size);
  });

  it('filters by one responsible body among several', async () => {
    const res = await t.call('GET', `/api/documents/${planId}/periods/${h2.id}/dashboard?responsible=${encodeURIComponent('العدل')}`);
    const justice = recs.filter((r) => r.responsible_bodies_ar.split('|').some((b) => b.trim() === 'العدل'));
    expect(justice.length).toBeGreaterThan(50);
    expect(res.json().measureCount).toBe(justice.length);
    expect(res.json().counts.government.completed).toBe(justice.filter((r) => r.status === 'Réalisé').length);
  });

  it('renders the report at that size as JSON, right-to-left HTML and Word', async () => {
    const json = (await t.call('GET', `/api/documents/${planId}/periods/${h2.id}/report`)).json();
    expect(json.measures).toHaveLength(852);
    expect(json.measures[0]).toMatchObject({ label: '1.', trend: { government: { progressDelta: STATUS[recs[0].status] === 'completed' ? 90 : recs[0].progress_pct - 10 } } });
    const html = await t.call('GET', `/api/documents/${planId}/periods/${h2.id}/report?format=html`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('<html lang="ar" dir="rtl">');
    expect(html.body.match(/<section class="measure">/g)).toHaveLength(852);
    const docx = await t.call('GET', `/api/documents/${planId}/periods/${h2.id}/report?format=docx`);
    expect(docx.statusCode).toBe(200);
    const xml = await ((await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml') as JSZip.JSZipObject).async('string');
    const measuresTable = xml.split('<w:tbl>').at(-1) as string;
    expect(measuresTable.split('<w:tr>').length - 1).toBe(1 + 852); // the header row and one row per measure
    expect(xml).toContain(`تقرير القطاع رقم ${recs[851].id}`);
  });
});
