/**
 * The demo monitoring seed, run as the demo seeder will run it (inside one transaction, with
 * that transaction only): measures on the plan's points (or paragraphs), "2026 H1" closed and
 * "2026 H2" open, both voices' entries with disagreements and overdue measures, an event per
 * entry — and the dashboard and reports work on it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPeriods, demoShift, seedDemoMonitoring, shiftMonths } from '../../../server/monitoring/demo.ts';
import { DEMO_MEASURES_AR } from '../../../server/monitoring/demo-content.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { createWorld, type World } from '../../helpers/world.ts';
import { assess, createPlan } from './plan.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t);
});
afterAll(() => t.close());

const ARABIC_PLAN = [
  'الخطة الوطنية لمكافحة الاتجار بالبشر (نسخة تجريبية)',
  ...[1, 2, 3].flatMap((n) => [
    `المادة ${n}`,
    'تلتزم القطاعات المعنية بما يلي:',
    'أ- التدبير الأول من هذه المادة.',
    'ب- التدبير الثاني من هذه المادة.',
    'ج- التدبير الثالث من هذه المادة.',
  ]),
].join('\n');

const seed = (documentId: string, today = new Date()) =>
  t.database.db
    .transaction()
    .execute((trx) => seedDemoMonitoring(trx, { documentId, drafterId: w.drafter.id, nhriAccountId: w.nhri.id, governmentOrgId: w.ministryId, nhriOrgId: w.nhriId }, today));
const [previousLabel, currentLabel] = demoPeriods(demoShift()).map((p) => p.label);

describe('the demo monitoring seed', () => {
  it('designates the points of an Arabic plan and fills two periods with both voices', async () => {
    const plan = await createPlan(t, w, { text: ARABIC_PLAN, language: 'ar' });
    expect(await seed(plan.id)).toBe(8);
    const measures = (await t.call('GET', `/api/documents/${plan.id}/measures`)).json();
    expect(measures).toHaveLength(8);
    expect(measures.every((m: { block: { kind: string } }) => m.block.kind === 'point')).toBe(true);
    expect(measures[1]).toMatchObject({ responsible: 'وزارة الداخلية', deadline: shiftMonths('2026-03-31', demoShift()) });
    const periods = (await t.call('GET', `/api/documents/${plan.id}/periods`)).json();
    expect(periods.map((p: { label: string; status: string }) => `${p.label}:${p.status}`)).toEqual([`${previousLabel}:closed`, `${currentLabel}:open`]);

    const h1 = (await t.call('GET', `/api/documents/${plan.id}/periods/${periods[0].id}/dashboard`)).json();
    expect(h1.overdue.map((o: { measureId: string }) => o.measureId)).toEqual([measures[1].id]); // the hotline, due 31 March
    const h2 = (await t.call('GET', `/api/documents/${plan.id}/periods/${periods[1].id}/dashboard`)).json();
    expect(h2.disagreements.length).toBeGreaterThanOrEqual(3);
    expect(h2.disagreements[0]).toMatchObject({ measureId: measures[0].id, major: true });
    const overdue = h2.overdue.map((o: { measureId: string }) => o.measureId);
    expect(overdue).toEqual(expect.arrayContaining([measures[1].id, measures[3].id, measures[6].id]));
    expect(overdue).not.toContain(measures[0].id);
    expect(overdue).not.toContain(measures[4].id);

    const entries = DEMO_MEASURES_AR.flatMap((m) => [...m.h1, ...m.h2]).filter(Boolean).length;
    const events = await t.database.db.selectFrom('document_event').select('seq').where('document_id', '=', plan.id).where('kind', '=', 'assessment.saved').execute();
    expect(events).toHaveLength(entries);
    const closed = await assess(t, w.nhri, measures[0].id, periods[0].id, { status: 'completed', progress: 100 });
    expect(closed.statusCode).toBe(409);

    for (const format of ['html', 'docx', 'json']) {
      expect((await t.call('GET', `/api/documents/${plan.id}/periods/${periods[1].id}/report?format=${format}`)).statusCode).toBe(200);
    }
  });

  it('falls back to paragraphs, in English, on a plan without points', async () => {
    const plan = await createPlan(t, w, { text: 'Demo plan\nArticle 1\nTrain prosecutors.\nArticle 2\nOpen a hotline.' });
    expect(await seed(plan.id)).toBe(2);
    const measures = (await t.call('GET', `/api/documents/${plan.id}/measures`)).json();
    expect(measures.map((m: { responsible: string }) => m.responsible)).toEqual(['Ministry of Justice | Public Prosecution', 'Ministry of Interior']);
    expect(measures[0].latest.government).toMatchObject({ periodLabel: currentLabel, status: 'completed' });
  });

  it('moves its periods and deadlines with the calendar, so the demo never goes stale', async () => {
    expect(shiftMonths('2026-03-31', 6)).toBe('2026-09-30');
    expect(shiftMonths('2026-02-28', 12)).toBe('2027-02-28');
    expect(shiftMonths('2026-06-30', -4)).toBe('2026-02-28');
    expect(shiftMonths('2026-07-15', -18)).toBe('2025-01-15');
    const plan = await createPlan(t, w, { text: ARABIC_PLAN, language: 'ar' });
    await seed(plan.id, new Date('2031-02-10T12:00:00Z'));
    const periods = (await t.call('GET', `/api/documents/${plan.id}/periods`)).json();
    expect(periods.map((p: { label: string; status: string; startsOn: string; endsOn: string }) => [p.label, p.status, p.startsOn, p.endsOn])).toEqual([
      ['2030 H2', 'closed', '2030-07-01', '2030-12-31'],
      ['2031 H1', 'open', '2031-01-01', '2031-06-30'],
    ]);
    const measures = (await t.call('GET', `/api/documents/${plan.id}/measures`)).json();
    expect(measures[1].deadline).toBe('2030-09-30');
    const dashboard = (await t.call('GET', `/api/documents/${plan.id}/periods/${periods[1].id}/dashboard`)).json();
    expect(dashboard.disagreements.length).toBeGreaterThan(0);
  });
});
