/**
 * The whole monitoring flow on the embedded PGlite database (what `npm start` runs without
 * DATABASE_URL): it has one connection, so any query outside the writer's transaction would
 * hang. Designate, open a period, both voices, revisions, close, dashboard, reports, reminders
 * and the demo seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoMonitoring } from '../../../server/monitoring/demo.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { createWorld, type World } from '../../helpers/world.ts';
import { assess, createPlan, designate, openPeriod, record } from './plan.ts';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createTestApp({ driver: 'embedded' });
  w = await createWorld(t);
});
afterAll(() => t.close());

describe('monitoring on the embedded database', () => {
  it('runs every write and read without waiting on its single connection', async () => {
    const plan = await createPlan(t, w);
    const measure = await designate(t, w.drafter, plan.id, plan.points[0].id, { deadline: '2026-01-31' });
    const bulk = await t.call('POST', `/api/documents/${plan.id}/measures/bulk`, {
      token: w.drafter.token,
      body: { blockKind: 'point', responsible: 'Ministry of Interior', indicator: 'Done' },
    });
    expect(bulk.json().skippedExisting).toBe(1);
    expect((await t.call('PATCH', `/api/measures/${measure.id}`, { token: w.drafter.token, body: { target: '250' } })).statusCode).toBe(200);
    const period = await openPeriod(t, w.nhri, plan.id, '2026 H1', '2026-01-01', '2026-06-30');
    await record(t, w.drafter, measure.id, period.id, 'in_progress', 40);
    await record(t, w.drafter, measure.id, period.id, 'completed', 100);
    await record(t, w.nhri, measure.id, period.id, 'delayed', 50);
    const history = (await t.call('GET', `/api/measures/${measure.id}/assessments/${period.id}/history`)).json();
    expect(history).toHaveLength(3);
    const dashboard = (await t.call('GET', `/api/documents/${plan.id}/periods/${period.id}/dashboard`)).json();
    expect(dashboard.disagreements).toHaveLength(1);
    for (const format of ['json', 'html', 'docx']) {
      expect((await t.call('GET', `/api/documents/${plan.id}/periods/${period.id}/report?format=${format}`)).statusCode).toBe(200);
    }
    expect((await t.call('POST', `/api/periods/${period.id}/close`, { token: w.drafter.token })).statusCode).toBe(200);
    expect((await assess(t, w.nhri, measure.id, period.id, { status: 'completed', progress: 100 })).statusCode).toBe(409);
    expect((await t.call('GET', '/api/me/notifications', { token: w.nhri.token })).statusCode).toBe(200);
  });

  it('seeds the demo monitoring inside one transaction', async () => {
    const plan = await createPlan(t, w);
    const count = await t.database.db
      .transaction()
      .execute((trx) => seedDemoMonitoring(trx, { documentId: plan.id, drafterId: w.drafter.id, nhriAccountId: w.nhri.id, governmentOrgId: w.ministryId, nhriOrgId: w.nhriId }));
    expect(count).toBe(5);
    expect((await t.call('GET', `/api/documents/${plan.id}/periods`)).json()).toHaveLength(2);
  });
});
