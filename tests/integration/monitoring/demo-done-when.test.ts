/**
 * Issue 7's "done when", on the demo data a first start loads: the demo NHRI member opens the
 * Arabic demo action plan, records an assessment in the open period beside the government's
 * entry, sees disagreements and overdue measures on the dashboard and among the reminders, and
 * downloads the periodic report in Arabic as Word (parsed back) and as HTML (right to left).
 */
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeriods, demoShift } from '../../../server/monitoring/demo.ts';
import { DEMO_PASSWORD, seedDemo } from '../../../server/demo/seed.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

let t: TestApp;
let token: string;
let planId: string;

beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemo(t.database.db)).not.toBeNull();
  const login = await t.call('POST', '/api/auth/login', { body: { email: 'nhri@demo.tashawur.example', password: DEMO_PASSWORD } });
  expect(login.statusCode, login.body).toBe(200);
  token = login.json().token;
  const docs = (await t.call('GET', '/api/documents', { token })).json() as { id: string; kind: string; language: string }[];
  planId = (docs.find((d) => d.kind === 'action_plan' && d.language === 'ar') as { id: string }).id;
}, 60_000);
afterAll(() => t.close());

/** Every w:tr of every w:tbl in the body, as the XML parser reads them. */
function tableRowCounts(xml: string): number[] {
  const parsed = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'w:tbl' || name === 'w:tr' }).parse(xml);
  const tables: { 'w:tr': unknown[]; 'w:tblPr'?: Record<string, unknown> }[] = parsed['w:document']['w:body']['w:tbl'] ?? [];
  return tables.map((tbl) => tbl['w:tr'].length);
}

describe('the demo, as the NHRI member', () => {
  it('records an assessment beside the government, sees disagreements and overdue measures, and downloads the Arabic report as Word and HTML', async () => {
    const periods = (await t.call('GET', `/api/documents/${planId}/periods`, { token })).json() as { id: string; label: string; status: string; startsOn: string }[];
    // The demo's periods follow the calendar: the previous half-year closed, the current one open.
    const expected = demoPeriods(demoShift());
    expect(periods.map((p) => `${p.label}:${p.status}`)).toEqual(expected.map((p) => `${p.label}:${p.closed ? 'closed' : 'open'}`));
    const today = new Date().toISOString().slice(0, 10);
    const open = periods.find((p) => p.status === 'open') as { id: string; startsOn: string };
    expect(open.startsOn <= today).toBe(true);

    const measures = (await t.call('GET', `/api/documents/${planId}/measures`, { token })).json() as { id: string; latest: { government: { status: string; periodId: string } | null } }[];
    const reported = measures.find((m) => m.latest.government?.periodId === open.id && m.latest.government.status !== 'delayed') as { id: string };
    expect(reported).toBeDefined();
    const evidence = 'زيارة ميدانية للمؤسسة الوطنية: https://nhri.example/visite?id=7';
    const saved = await t.call('PUT', `/api/measures/${reported.id}/assessments/${open.id}`, {
      token,
      body: { status: 'delayed', progress: 15, evidence, impact: 'أثر محدود على الضحايا', impactRating: 'negative' },
    });
    expect([200, 201], saved.body).toContain(saved.statusCode);
    expect(saved.json().assessment).toMatchObject({ voice: 'nhri', status: 'delayed' });

    const dashboard = (await t.call('GET', `/api/documents/${planId}/periods/${open.id}/dashboard`, { token })).json();
    expect(dashboard.disagreements.map((d: { measureId: string }) => d.measureId)).toContain(reported.id);
    expect(dashboard.overdue.length).toBeGreaterThan(0);
    // Rows are named by article and text as well as label.
    expect(dashboard.disagreements.every((d: { text: string }) => d.text.length > 0)).toBe(true);
    const reminders = (await t.call('GET', '/api/me/notifications', { token })).json().notifications;
    expect(reminders.some((n: { documentId: string }) => n.documentId === planId)).toBe(true);

    const docx = await t.call('GET', `/api/documents/${planId}/periods/${open.id}/report?format=docx`, { token });
    expect(docx.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string');
    const rows = tableRowCounts(xml);
    // Summary (header + 5 statuses + not assessed + average), overdue, disagreements, measures (header + one per measure).
    expect(rows).toHaveLength(4);
    expect(rows[0]).toBe(8);
    expect(rows[3]).toBe(measures.length + 1);
    expect(rows[1]).toBe(dashboard.overdue.length + 1);
    expect(rows[2]).toBe(dashboard.disagreements.length + 1);
    expect(xml).toContain('<w:bidiVisual/>');
    const text = (await mammoth.extractRawText({ buffer: docx.rawPayload })).value;
    expect(text).toContain('التقرير الدوري لرصد التنفيذ');
    expect(text).toContain('تقييم المؤسسة الوطنية لحقوق الإنسان');
    expect(text).toContain(evidence);

    const html = await t.call('GET', `/api/documents/${planId}/periods/${open.id}/report?format=html`, { token });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('<html lang="ar" dir="rtl">');
    expect(html.body).toContain('<a href="https://nhri.example/visite?id=7" rel="noopener noreferrer">');
    expect(html.body).toContain('أثر محدود على الضحايا');
  });
});
