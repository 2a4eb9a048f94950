/**
 * Factories for the monitoring tests: a small action plan (English or Arabic) whose `point`
 * lines are the measures, and short calls for designating measures, opening periods and saving
 * assessments.
 */
import { expect } from 'vitest';
import type { TestApp, TestUser } from '../../helpers/test-app.ts';
import { blocksOf, createDocument, type World } from '../../helpers/world.ts';

export const PLAN_EN = [
  'National Action Plan against Trafficking in Persons 2026-2027',
  'Chapter 1: Prevention and protection',
  'Article 1',
  'The State shall prevent trafficking through the following measures:',
  '(a) Train prosecutors and judges to identify victims.',
  '(b) Open a free 24/7 hotline for victims.',
  '(c) Inspect recruitment agencies for domestic workers.',
  'Article 2',
  'The State shall protect victims:',
  '(a) Open two specialised shelters.',
  '(b) Grant residence permits to identified victims.',
  'Chapter 2: Monitoring',
  'Article 3',
  'The national commission publishes annual statistics.',
].join('\n');

export const PLAN_AR = [
  'الخطة الوطنية لمكافحة الاتجار بالبشر 2026-2027',
  'المادة 1',
  'تتخذ الدولة التدابير الآتية:',
  'أ- تكوين القضاة وأعضاء النيابة العامة في تحديد هوية الضحايا.',
  'ب- إحداث خط هاتفي مجاني للضحايا يعمل على مدار الساعة.',
  'ج- تفتيش وكالات تشغيل العمال المنزليين.',
].join('\n');

export type Blocks = Awaited<ReturnType<typeof blocksOf>>;

export async function createPlan(
  t: TestApp,
  w: World,
  options: { text?: string; language?: 'ar' | 'en' | 'fr'; title?: string; visibility?: 'public' | 'registered' | 'invited'; open?: boolean } = {},
) {
  const id = await createDocument(t, w, {
    kind: 'action_plan',
    text: options.text ?? PLAN_EN,
    language: options.language ?? 'en',
    title: options.title ?? 'National Action Plan against Trafficking',
    visibility: options.visibility,
    open: options.open ?? true,
  });
  const blocks = await blocksOf(t, id, w.drafter.token);
  return { id, blocks, points: blocks.filter((b) => b.kind === 'point') };
}

export async function designate(t: TestApp, user: TestUser, documentId: string, blockId: string, fields: Record<string, unknown> = {}) {
  const res = await t.call('POST', `/api/documents/${documentId}/measures`, {
    token: user.token,
    body: { blockId, responsible: 'Ministry of Justice', indicator: 'People trained', ...fields },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().measure as { id: string; blockId: string };
}

export async function openPeriod(t: TestApp, user: TestUser, documentId: string, label: string, startsOn: string, endsOn: string) {
  const res = await t.call('POST', `/api/documents/${documentId}/periods`, { token: user.token, body: { label, startsOn, endsOn } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().period as { id: string; status: string };
}

export function assess(t: TestApp, user: TestUser | null, measureId: string, periodId: string, body: Record<string, unknown>) {
  return t.call('PUT', `/api/measures/${measureId}/assessments/${periodId}`, { token: user?.token, body: { evidence: '', impact: '', ...body } });
}

/** Saves an entry and insists it was accepted. */
export async function record(t: TestApp, user: TestUser, measureId: string, periodId: string, status: string, progress: number, extra: Record<string, unknown> = {}) {
  const res = await assess(t, user, measureId, periodId, { status, progress, ...extra });
  expect([200, 201], res.body).toContain(res.statusCode);
  return res.json().assessment;
}
