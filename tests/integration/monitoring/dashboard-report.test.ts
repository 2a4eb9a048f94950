/**
 * The dashboard, the periodic report and the overdue reminders, computed from a plan with known
 * entries: counts per voice, disagreements (statuses differ; major first), overdue measures
 * (deadline before the earlier of today and the period's end, completed by neither voice), the
 * progress chart, the responsible filter; the report's trend and open-comment counts as the
 * reader may see them, in JSON, escaped right-to-left HTML with its own CSP, and Word.
 */
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureTitle } from '../../../client/src/features/monitoring/labels.ts';
import { REPORT_CSP } from '../../../server/monitoring/periodic-report.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { createWorld, type World } from '../../helpers/world.ts';
import { createPlan, designate, openPeriod, PLAN_AR, record } from './plan.ts';

let t: TestApp;
let w: World;
let plan: Awaited<ReturnType<typeof createPlan>>;
let m: { id: string }[];
let h1: { id: string };
let h2: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
  plan = await createPlan(t, w);
  const fields: [string, string | undefined][] = [
    ['Ministry of Justice', '2026-03-31'],
    ['Ministry of Interior', '2026-05-31'],
    ['Ministry of Labour | Ministry of Justice', '2026-09-30'],
    ['Ministry of Solidarity', '2027-06-30'],
    ['Ministry of Interior', undefined],
  ];
  m = [];
  for (const [i, [responsible, deadline]] of fields.entries())
    m.push(await designate(t, w.drafter, plan.id, plan.points[i].id, { responsible, ...(deadline ? { deadline } : {}) }));
  h1 = await openPeriod(t, w.nhri, plan.id, '2026 H1', '2026-01-01', '2026-06-30');
  h2 = await openPeriod(t, w.nhri, plan.id, '2026 H2', '2026-07-01', '2026-12-31');
  const g = w.drafter;
  const n = w.nhri;
  await record(t, g, m[0].id, h1.id, 'in_progress', 40);
  await record(t, n, m[0].id, h1.id, 'in_progress', 30);
  await record(t, g, m[1].id, h1.id, 'completed', 100);
  await record(t, n, m[1].id, h1.id, 'delayed', 50);
  await record(t, g, m[2].id, h1.id, 'not_started', 0);
  await record(t, g, m[0].id, h2.id, 'completed', 100, { evidence: 'All 251 trained.' });
  await record(t, n, m[0].id, h2.id, 'delayed', 60, { evidence: 'Only 180 certificates verified.' });
  await record(t, g, m[1].id, h2.id, 'completed', 100);
  await record(t, g, m[2].id, h2.id, 'in_progress', 30);
  await record(t, n, m[2].id, h2.id, 'delayed', 20);
  await record(t, g, m[3].id, h2.id, 'in_progress', 10);
  await record(t, n, m[3].id, h2.id, 'in_progress', 10);
  await t.call('POST', `/api/periods/${h1.id}/close`, { token: n.token });
});
afterAll(() => t.close());

const dashboard = async (periodId: string, query = '') => {
  const res = await t.call('GET', `/api/documents/${plan.id}/periods/${periodId}/dashboard${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('the dashboard', () => {
  it('counts each voice’s own entries of the period, missing ones as not assessed', async () => {
    const d = await dashboard(h2.id);
    expect(d.measureCount).toBe(5);
    expect(d.counts.government).toEqual({ not_started: 0, in_progress: 2, completed: 2, delayed: 0, discontinued: 0, not_assessed: 1 });
    expect(d.counts.nhri).toEqual({ not_started: 0, in_progress: 1, completed: 0, delayed: 2, discontinued: 0, not_assessed: 2 });
  });

  it('lists the measures whose two statuses differ, government-completed-vs-NHRI-not first', async () => {
    const d = await dashboard(h2.id);
    expect(d.disagreements.map((x: { measureId: string }) => x.measureId)).toEqual([m[0].id, m[2].id]);
    expect(d.disagreements[0]).toMatchObject({ major: true, progressGap: 40, government: { status: 'completed' }, nhri: { status: 'delayed' }, label: '(a)' });
    expect(d.disagreements[1]).toMatchObject({ major: false, progressGap: 10 });
    const first = await dashboard(h1.id);
    expect(first.disagreements.map((x: { measureId: string }) => x.measureId)).toEqual([m[1].id]);
  });

  it('judges overdue at the period’s end for a past period and at today for the current one', async () => {
    const past = await dashboard(h1.id);
    expect(past.asOf).toBe('2026-06-30');
    // (a): deadline 31 March, in progress for both; (b) completed per the government; (c) not due yet.
    expect(past.overdue).toEqual([
      expect.objectContaining({
        measureId: m[0].id,
        deadline: '2026-03-31',
        daysOverdue: 91,
        government: { status: 'in_progress', progress: 40 },
        nhri: { status: 'in_progress', progress: 30 },
      }),
    ]);
    const current = await dashboard(h2.id);
    const today = new Date().toISOString().slice(0, 10);
    expect(current.asOf).toBe(today < '2026-12-31' ? today : '2026-12-31');
    expect(current.overdue.map((o: { measureId: string }) => o.measureId)).toEqual([m[2].id, ...(current.asOf > '2027-06-30' ? [m[3].id] : [])]);
    expect(current.overdue[0].nhri).toEqual({ status: 'delayed', progress: 20 });
  });

  it('gives the average progress of each voice for every period (the chart) and the responsible bodies', async () => {
    const d = await dashboard(h2.id);
    expect(d.progressByPeriod.map((p: { label: string; government: unknown; nhri: unknown }) => [p.label, p.government, p.nhri])).toEqual([
      ['2026 H1', { average: 46.7, assessed: 3 }, { average: 40, assessed: 2 }],
      ['2026 H2', { average: 60, assessed: 4 }, { average: 30, assessed: 3 }],
    ]);
    expect(d.responsibleBodies).toEqual(['Ministry of Interior', 'Ministry of Justice', 'Ministry of Labour', 'Ministry of Solidarity']);
  });

  it('filters by one responsible body, also when a measure names several', async () => {
    const d = await dashboard(h2.id, `?responsible=${encodeURIComponent('ministry of justice')}`);
    expect(d.responsible).toBe('ministry of justice');
    expect(d.measureCount).toBe(2);
    expect(d.counts.government.completed).toBe(1);
    expect(d.disagreements).toHaveLength(2);
    expect(d.overdue.map((o: { measureId: string }) => o.measureId)).toEqual([m[2].id]);
    expect(d.responsibleBodies).toHaveLength(4);
    expect((await dashboard(h2.id, '?responsible=')).measureCount).toBe(5);
  });

  it('answers 404 for a period of another plan', async () => {
    const other = await createPlan(t, w);
    expect((await t.call('GET', `/api/documents/${other.id}/periods/${h2.id}/dashboard`)).statusCode).toBe(404);
  });
});

describe('telling measures with the same label apart', () => {
  it('names each row by the article it sits under and its text, so "(a)" of Article 1 and "(a)" of Article 2 differ', async () => {
    const list = (await t.call('GET', `/api/documents/${plan.id}/measures`)).json();
    const blockOf = (id: string) => list.find((x: { id: string }) => x.id === id).block;
    expect(blockOf(m[0].id)).toMatchObject({ label: '(a)', parentLabel: 'Article 1' });
    expect(blockOf(m[3].id)).toMatchObject({ label: '(a)', parentLabel: 'Article 2' });
    expect(measureTitle(blockOf(m[0].id))).toMatch(/^Article 1 \(a\) — Train prosecutors and judges/);
    expect(measureTitle(blockOf(m[3].id))).toBe('Article 2 (a) — Open two specialised shelters.');

    const d = await dashboard(h2.id);
    expect(d.disagreements[0]).toMatchObject({ label: '(a)', parentLabel: 'Article 1', text: '(a) Train prosecutors and judges to identify victims.' });
    expect((await dashboard(h1.id)).overdue[0]).toMatchObject({ label: '(a)', parentLabel: 'Article 1' });

    // Both "(a)" lines of a fresh plan overdue: the reminders name them differently.
    const twin = await createPlan(t, w);
    const [first, second] = [twin.points[0], twin.points[3]];
    expect([first.label, second.label]).toEqual(['(a)', '(a)']);
    for (const point of [first, second]) await designate(t, w.drafter, twin.id, point.id, { deadline: '2025-01-31' });
    const reminders = (await t.call('GET', '/api/me/notifications', { token: w.drafter.token }))
      .json()
      .notifications.filter((x: { documentId: string }) => x.documentId === twin.id);
    expect(reminders.map((x: { parentLabel: string; label: string }) => [x.parentLabel, x.label])).toEqual([
      ['Article 1', '(a)'],
      ['Article 2', '(a)'],
    ]);
    expect(reminders[1].text).toBe('(a) Open two specialised shelters.');
    const names = reminders.map(measureTitle);
    expect(new Set(names).size).toBe(2);
  });
});

describe('the periodic report', () => {
  it('gives per measure the provision, both voices, the trend since the previous period and the open comments the reader may see', async () => {
    const thread = (
      token: string,
      blockIndex: number,
      visibility: 'public' | 'confidential',
      endIndex = blockIndex,
      more: { body?: string; attribution?: string; kind?: string } = {},
    ) =>
      t.call('POST', `/api/documents/${plan.id}/threads`, {
        token,
        body: {
          anchor: { start: { blockId: plan.points[blockIndex].id, offset: 0 }, end: { blockId: plan.points[endIndex].id, offset: 3 } },
          kind: more.kind ?? 'comment',
          body: more.body ?? 'Needs a budget line.',
          visibility,
          attribution: more.attribution ?? 'named',
        },
      });
    expect((await thread(w.ngo.token, 0, 'public')).statusCode).toBe(201);
    expect((await thread(w.ngo.token, 0, 'confidential', 0, { body: 'Confidential: the shelter director’s name.' })).statusCode).toBe(201);
    // Spans (a) and (b); in the organisation's name only.
    const spanning = { body: 'Which budget line pays for the hotline?', attribution: 'organization', kind: 'question' };
    expect((await thread(w.otherNgo.token, 0, 'public', 1, spanning)).statusCode).toBe(201);
    const resolved = (await thread(w.nhri.token, 2, 'public')).json().thread.id;
    expect((await t.call('POST', `/api/threads/${resolved}/disposition`, { token: w.drafter.token, body: { value: 'noted' } })).statusCode).toBe(200);
    expect((await t.call('POST', `/api/threads/${resolved}/resolve`, { token: w.drafter.token })).statusCode).toBe(200);

    const report = async (token?: string) => {
      const res = await t.call('GET', `/api/documents/${plan.id}/periods/${h2.id}/report?format=json`, { token });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    const pub = await report();
    expect(pub.period.label).toBe('2026 H2');
    expect(pub.previousPeriod.label).toBe('2026 H1');
    expect(pub.summary).toMatchObject({ measureCount: 5, disagreements: 2, overdue: pub.overdue.length, averageProgress: { government: 60, nhri: 30 } });
    expect(pub.measures.map((x: { measureId: string }) => x.measureId)).toEqual(m.map((x) => x.id));
    const [a, b, c] = pub.measures;
    expect(a).toMatchObject({
      label: '(a)',
      text: '(a) Train prosecutors and judges to identify victims.',
      indicator: 'People trained',
      deadline: '2026-03-31',
      disagreement: true,
      overdue: false,
    });
    expect(a.government).toMatchObject({ status: 'completed', progress: 100, evidence: 'All 251 trained.', organization: 'Ministry of Justice' });
    expect(a.nhri).toMatchObject({ status: 'delayed', progress: 60, organization: 'National Human Rights Council' });
    expect(a.trend).toEqual({
      government: { progressDelta: 60, previousStatus: 'in_progress', statusChanged: true },
      nhri: { progressDelta: 30, previousStatus: 'in_progress', statusChanged: true },
    });
    expect(b.nhri).toBeNull();
    expect(b.trend.nhri).toEqual({ progressDelta: null, previousStatus: 'delayed', statusChanged: false });
    expect(b.trend.government).toEqual({ progressDelta: 0, previousStatus: 'completed', statusChanged: false });
    expect(c.overdue).toBe(true);
    // Public reader: two public open threads on (a) (one spans into (b)); the confidential one and the resolved one do not count.
    expect(pub.measures.map((x: { openThreads: number }) => x.openThreads)).toEqual([2, 1, 0, 0, 0]);
    expect((await report(w.ngo.token)).measures[0].openThreads).toBe(3);
    expect((await report(w.drafter.token)).measures[0].openThreads).toBe(3);
    expect((await report(w.otherNgo.token)).measures[0].openThreads).toBe(2);

    // The threads themselves, as the reader may see them: kind, who, excerpt, date.
    expect(a.openThreadList).toEqual([
      { id: expect.any(String), kind: 'comment', who: 'Secret Defender Samira (Migrant Rights Association)', excerpt: 'Needs a budget line.', createdAt: expect.any(String) },
      { id: expect.any(String), kind: 'question', who: 'Women Lawyers Network', excerpt: 'Which budget line pays for the hotline?', createdAt: expect.any(String) },
    ]);
    expect(b.openThreadList.map((x: { kind: string }) => x.kind)).toEqual(['question']);
    const publicJson = JSON.stringify(pub);
    expect(publicJson).not.toContain('shelter director');
    expect(publicJson).not.toContain('Other NGO Nour');
    expect((await report(w.ngo.token)).measures[0].openThreadList.map((x: { excerpt: string }) => x.excerpt)).toContain('Confidential: the shelter director’s name.');

    const html = (await t.call('GET', `/api/documents/${plan.id}/periods/${h2.id}/report?format=html`)).body;
    expect(html).toContain('Which budget line pays for the hotline?');
    expect(html).toContain('Question · Women Lawyers Network · ');
    expect(html).not.toContain('shelter director');
    expect(html).not.toContain('Other NGO Nour');
    const docx = await t.call('GET', `/api/documents/${plan.id}/periods/${h2.id}/report?format=docx`);
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain('Which budget line pays for the hotline?');
    expect(text).toContain('Women Lawyers Network');
    expect(text).not.toContain('shelter director');
    expect(text).not.toContain('Other NGO Nour');
  });

  it('renders a complete English HTML page with its own CSP and the report labels', async () => {
    const res = await t.call('GET', `/api/documents/${plan.id}/periods/${h2.id}/report?format=html`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    // One policy, the report's own (inline print styles, nothing else), replacing the app-wide one.
    expect(res.headers['content-security-policy']).toBe(REPORT_CSP);
    expect(REPORT_CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
    expect(res.body).toMatch(/^<!DOCTYPE html>\n<html lang="en" dir="ltr">/);
    expect(res.body).toContain('Periodic implementation monitoring report');
    expect(res.body).toContain('Only 180 certificates verified.');
    expect(res.body).not.toMatch(/<script/i);
  });

  it('filters the report by responsible body', async () => {
    const res = await t.call('GET', `/api/documents/${plan.id}/periods/${h2.id}/report?responsible=Ministry%20of%20Interior`);
    expect(res.json().measures.map((x: { measureId: string }) => x.measureId)).toEqual([m[1].id, m[4].id]);
  });
});

describe('an Arabic plan’s report', () => {
  let ar: Awaited<ReturnType<typeof createPlan>>;
  let period: { id: string };
  const hostile = '<script>alert("x")</script> & تقرير <img src=x onerror=alert(1)>';
  beforeAll(async () => {
    ar = await createPlan(t, w, { text: PLAN_AR, language: 'ar', title: 'الخطة الوطنية <b>لمكافحة</b> الاتجار' });
    const measures = await t.call('POST', `/api/documents/${ar.id}/measures/bulk`, {
      token: w.drafter.token,
      body: { blockKind: 'point', responsible: 'وزارة العدل', indicator: 'عدد المستفيدين', deadline: '2026-03-31' },
    });
    expect(measures.statusCode).toBe(201);
    period = await openPeriod(t, w.nhri, ar.id, 'النصف الأول 2026', '2026-01-01', '2026-06-30');
    const [first, second] = measures.json().created;
    await record(t, w.drafter, first.id, period.id, 'completed', 100, { evidence: hostile, impact: 'إيجابي', impactRating: 'positive' });
    await record(t, w.nhri, first.id, period.id, 'delayed', 40, { evidence: 'زيارة ميدانية: https://nhri.example/visit?id=3&x=1' });
    await record(t, w.nhri, second.id, period.id, 'in_progress', 20);
  });

  it('is right to left, in Arabic, and escapes every piece of text', async () => {
    const res = await t.call('GET', `/api/documents/${ar.id}/periods/${period.id}/report?format=html`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="ar" dir="rtl">');
    expect(res.body).toContain('التقرير الدوري لرصد التنفيذ');
    expect(res.body).toContain('تقرير الحكومة');
    expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; تقرير &lt;img src=x onerror=alert(1)&gt;');
    expect(res.body).toContain('الخطة الوطنية &lt;b&gt;لمكافحة&lt;/b&gt; الاتجار');
    // Addresses in evidence are links (http and https only), everything else stays text.
    expect(res.body).toContain('زيارة ميدانية: <a href="https://nhri.example/visit?id=3&amp;x=1" rel="noopener noreferrer">https://nhri.example/visit?id=3&amp;x=1</a>');
    expect(res.body).not.toMatch(/href="(?!https?:)/);
    expect(res.body).not.toMatch(/<script|<img|<b>/i);
    expect(res.headers['content-disposition']).toMatch(/^inline; filename=/);
  });

  it('as Word: right to left, with a row per measure and the summary, overdue and disagreement tables', async () => {
    const res = await t.call('GET', `/api/documents/${ar.id}/periods/${period.id}/report?format=docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=.*filename\*=UTF-8''/);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string');
    expect(xml).toContain('<w:bidiVisual/>');
    expect(xml).toMatch(/<w:sectPr[^>]*>.*<w:bidi\/>.*<\/w:sectPr>/s);
    const body = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'w:tbl' || name === 'w:tr' }).parse(xml)['w:document']['w:body'];
    // Summary (header + 5 statuses + not assessed + average), overdue (header + 2: the third point is completed), disagreements (header + 1), measures (header + 3).
    expect(body['w:tbl'].map((tbl: { 'w:tr': unknown[] }) => tbl['w:tr'].length)).toEqual([8, 3, 2, 4]);
    expect(body['w:tbl'].every((tbl: { 'w:tblPr': Record<string, unknown> }) => 'w:bidiVisual' in tbl['w:tblPr'])).toBe(true);
    expect(xml).toContain('أ- تكوين القضاة وأعضاء النيابة العامة في تحديد هوية الضحايا.');
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; تقرير &lt;img src=x onerror=alert(1)&gt;');
    expect(xml).not.toMatch(/<script|<img/);
    expect(xml).toContain('منجز · 100%');
  });
});

describe('overdue reminders', () => {
  it('reminds the drafters of the owner and NHRI members, nobody else, computed from deadlines', async () => {
    const mine = async (token?: string) => {
      const res = await t.call('GET', '/api/me/notifications', { token });
      return res;
    };
    const forDrafter = (await mine(w.drafter.token)).json().notifications.filter((x: { documentId: string }) => x.documentId === plan.id);
    const ids = forDrafter.map((x: { measureId: string }) => x.measureId);
    expect(ids).toContain(m[2].id);
    expect(ids).not.toContain(m[0].id); // completed per the government
    expect(ids).not.toContain(m[4].id); // no deadline
    expect(forDrafter.find((x: { measureId: string }) => x.measureId === m[2].id)).toMatchObject({
      as: 'drafter',
      kind: 'measure_overdue',
      deadline: '2026-09-30',
      government: 'in_progress',
      nhri: 'delayed',
      label: '(c)',
    });
    const forNhri = (await mine(w.nhri.token)).json().notifications.filter((x: { documentId: string }) => x.documentId === plan.id);
    expect(forNhri.map((x: { as: string }) => x.as)).toEqual(forDrafter.map(() => 'nhri'));
    expect((await mine(w.ngo.token)).json().notifications).toEqual([]);
    expect((await mine(w.otherDrafter.token)).json().notifications).toEqual([]);
    expect((await mine()).statusCode).toBe(401);
  });

  it('never reminds an NHRI member about a plan they cannot see', async () => {
    const hidden = await createPlan(t, w, { open: false });
    await designate(t, w.drafter, hidden.id, hidden.points[0].id, { deadline: '2025-01-31' });
    const nhri = (await t.call('GET', '/api/me/notifications', { token: w.nhri.token })).json().notifications;
    expect(nhri.some((x: { documentId: string }) => x.documentId === hidden.id)).toBe(false);
    const drafter = (await t.call('GET', '/api/me/notifications', { token: w.drafter.token })).json().notifications;
    expect(drafter.some((x: { documentId: string }) => x.documentId === hidden.id)).toBe(true);
  });
});
